"""Markdown in content text: what counts as raw HTML in it, a Markdown extension that keeps content
from running code on the site, the one converter outputs outside MkDocs (printed checklists) use,
and escaping for the pages Python writes without a template.

Content may use Markdown links, and `[x](javascript:...)` is valid Markdown. Browsers ignore
tabs, newlines and leading controls inside a URL scheme, so the check normalises before it
compares; a link to anything but a relative URL or an allowed scheme becomes plain text (a span),
an image with such a source loses it.

The site needs Markdown attribute lists (attr_list) and Markdown inside HTML (md_in_html) for its
own templates: heading ids, buttons, the pager, Pagefind's marks. Content may not use them
(validation refuses '{' in text), and the extension drops every attribute the site's Markdown does
not make itself, so an event handler, a style or autofocus that slipped in never reaches a page.
"""

from __future__ import annotations

import html
import html.entities
import json
import re
import xml.etree.ElementTree as etree
from html.parser import HTMLParser

from markdown import Extension, Markdown
from markupsafe import Markup
from markdown.treeprocessors import Treeprocessor

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# Markdown autolinks (<https://example.com/>), which are links, not HTML; the pattern groups the URL.
AUTOLINK = re.compile(r"<((?:ftp|https?)://[^<>\s]*)>", re.IGNORECASE)


class _MarkupFinder(HTMLParser):
    """Notes the first markup an HTML parser reads: a start or end tag, a comment, a declaration or a
    processing instruction."""

    def __init__(self) -> None:
        # Entities stay out of the data, so '&lt;b' is text, not the start of a tag.
        super().__init__(convert_charrefs=False)
        self.found: str | None = None

    def note(self, what: str) -> None:
        self.found = self.found or what

    def handle_starttag(self, tag, attrs):
        self.note(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.note(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.note(f"</{tag}>")

    def handle_comment(self, data):
        self.note("<!--")

    def handle_decl(self, decl):
        self.note(f"<!{decl}>")

    def unknown_decl(self, data):
        self.note(f"<![{data}]>")

    def handle_pi(self, data):
        self.note(f"<?{data}>")


# Where a browser starts reading markup: '<' before a letter, '/', '!' or '?'.
_MARKUP_START = re.compile(r"<(?=[A-Za-z/!?])")
_AMPERSAND = "\ue000"  # a private-use character stands in for '&' while the parser reads


def find_markup(text: str) -> str | None:
    """The first raw HTML in `text` as an HTML parser reads it (shortened for a message), or None.
    Autolinks (<https://...>) are Markdown links, not HTML."""
    if "<" not in text:
        return None  # most text: no parser needed
    finder = _MarkupFinder()
    # Entities play no part in where a tag starts, and an unfinished one ('&#' before '<img ...>')
    # makes the parser hold back everything after it unread: so '&' is fed as another character.
    try:
        finder.feed(AUTOLINK.sub(" ", text).replace("&", _AMPERSAND))
        # What the parser holds back at the end is a construct left open ('<svg/onload=...' without
        # '>'), which a browser completes with the next '>' on the page: markup too.
        if _MARKUP_START.match(finder.rawdata):
            finder.note(finder.rawdata)
        finder.close()
    except AssertionError:  # Python's parser gives up on some declarations ("<!['x"): markup all the same
        start = _MARKUP_START.search(finder.rawdata)
        finder.note(finder.rawdata[start.start() if start else 0:])
    return " ".join(finder.found.replace(_AMPERSAND, "&").split())[:40] if finder.found else None


# find_markup's verdict as a pattern, for the posting builder page, which has no HTML parser that
# says what it read: once autolinks are taken out, markup is a '<' before a letter, '!', '?' or a
# '/' that is not closed at once ('</>' is read as nothing). A test holds the two to the same verdict.
MARKUP_PATTERN = r"<(?=[A-Za-z!?]|/(?!>))"


def is_safe_url(url: str) -> bool:
    """True for relative URLs and for the schemes in SAFE_SCHEMES."""
    normalised = _IGNORED_BY_BROWSERS.sub("", html.unescape(url)).lower()
    match = _SCHEME.match(normalised)
    return match is None or match.group(1) in SAFE_SCHEMES


# Where Markdown takes a link target: inline links and images, reference definitions, and the
# autolinks Python-Markdown makes (http, https and ftp only).
LINK_TARGETS = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)|^\s*\[[^\]]+\]:\s*<?([^\s>]+)|" + AUTOLINK.pattern,
                          re.MULTILINE | re.IGNORECASE)
# What a browser or a Markdown renderer may decode in a link target as an HTML entity: a numeric one,
# a name with its ';', or a legacy name read without it (&amp, &lt, &copy...). A link written so is
# judged by what it is read as, which text does not show: it must be written in plain characters.
_LEGACY_ENTITIES = sorted((name for name in html.entities.html5 if not name.endswith(";")), key=lambda n: (-len(n), n))
ENTITY = re.compile("&(?:#|[A-Za-z0-9]{1,32};|" + "|".join(_LEGACY_ENTITIES) + ")")


def link_targets(text: str) -> list[str]:
    """Every link target in `text`, as Markdown reads it."""
    return [next(group for group in match.groups() if group) for match in LINK_TARGETS.finditer(text)]


def browser_rules() -> dict:
    """find_markup's and find_unsafe_link's rules as patterns for the posting builder page (read
    there one line at a time, as a posting's lines are; JavaScript flags noted beside them)."""
    return {"markup": MARKUP_PATTERN, "autolink": AUTOLINK.pattern, "links": LINK_TARGETS.pattern, "entity": ENTITY.pattern,
            "ignoredInUrls": _IGNORED_BY_BROWSERS.pattern, "scheme": _SCHEME.pattern, "safeSchemes": list(SAFE_SCHEMES)}


def find_unsafe_link(text: str) -> str | None:
    """What is wrong with the first link in `text` that the site would not keep, or None: one written
    with HTML entities, or one to a scheme but http(s), mailto and tel (javascript:, data:, ...)."""
    for url in link_targets(text):
        if ENTITY.search(url):
            return f"link '{url}' is written with HTML entities; write the characters themselves"
        if not is_safe_url(url):
            return (f"link '{url}' is not allowed: only http(s), mailto and tel links and relative links are; "
                    f"use one of those or drop the link")
    return None


# The attributes the site's own Markdown gives elements: links and images, heading ids, the
# templates' classes, labels and Pagefind's marks (md_in_html blocks and attribute lists).
SITE_ATTRIBUTES = frozenset({"href", "src", "alt", "title", "id", "class", "lang", "aria-label",
                             "data-pagefind-ignore", "data-pagefind-meta", "data-pagefind-weight"})


class _SafeTree(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in [name for name in element.attrib if name.lower() not in SITE_ATTRIBUTES]:
                del element.attrib[attribute]
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not is_safe_url(value):
                    del element.attrib[attribute]
                    if element.tag == "a":
                        element.tag = "span"


class SafeHtmlExtension(Extension):
    """Content text cannot run code on the site: only the site's own attributes, only safe links."""

    def extendMarkdown(self, md: Markdown) -> None:
        # Last: after inline parsing (20) makes links, attribute lists (8) set attributes, MkDocs
        # rewrites links (0) and backslash escapes in attribute values are restored (0).
        md.treeprocessors.register(_SafeTree(md), "kb-safe-html", -10)


class _NoRawHtml(Extension):
    """Content refuses raw HTML at validation; here it is escaped too, in case validation was skipped."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


class _ImagesAsText(Treeprocessor):
    """A self-contained package may fetch nothing from outside: an image shows as its description."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter("img"):
            alt = element.get("alt", "")
            element.attrib.clear()
            element.tag, element.text = "span", alt


class _NoImages(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_ImagesAsText(md), "kb-no-images", -20)


_converter = Markdown(extensions=[SafeHtmlExtension(), _NoRawHtml()])
_self_contained = Markdown(extensions=[SafeHtmlExtension(), _NoRawHtml(), _NoImages()])


def render_inline(text: str, self_contained: bool = False) -> Markup:
    """One line of content Markdown as HTML (links, emphasis, code), without the paragraph around it.
    `self_contained`: images become their description, so the HTML loads nothing."""
    converter = _self_contained if self_contained else _converter
    converter.reset()
    html_text = converter.convert(text)
    # Paragraphs (a blank line in the YAML) become line breaks, since the text sits inside a list item
    # or a cell; any other block (a list) is kept whole, as stripping its first <p> would unbalance it.
    if _PARAGRAPHS.fullmatch(html_text):
        return Markup("<br>".join(_PARAGRAPH.findall(html_text)))
    return Markup(html_text)


_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_PARAGRAPHS = re.compile(r"(?:\s*<p>(?:(?!</?p>).)*</p>)+\s*", re.S)


def json_for_html(data: object, indent: int | None = None) -> str:
    """JSON that is safe inside a <script> element: <, > and & as \\u escapes, so `</script>` cannot end it."""
    # Indented for a file people read (sorted keys, stable diffs); compact inside a page.
    separators = None if indent is not None else (",", ":")
    text = json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=indent is not None, separators=separators)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# Only what Markdown would read as markup is escaped: a tag's start and an entity. Quotes and a lone
# `<` or `&` stay as written, so a page reads cleanly as text (no &#39; in a trainer's file).
_ENTITY_START = re.compile(r"&(?=#?\w+;)")


def escape_markdown(text: str) -> str:
    """Content text for Markdown that Python writes without a template (Jinja's autoescape does this
    in templates): it can never become HTML, and shows as written."""
    return _MARKUP_START.sub("&lt;", _ENTITY_START.sub("&amp;", text))


def front_matter_title(text: str) -> Markup:
    """A YAML-safe, HTML-escaped string for front matter (JSON strings are valid YAML); used for
    titles and tags, which the theme prints unescaped (in <title>, the header and the navigation)."""
    return Markup(json.dumps(html.escape(" ".join(text.split())), ensure_ascii=False))
