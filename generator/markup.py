"""Inline Markdown in content text: a Markdown extension that keeps content links from running
code, and the one converter outputs outside MkDocs (printed checklists) use.

Content may use Markdown links, and `[x](javascript:...)` is valid Markdown. Browsers ignore
tabs, newlines and leading controls inside a URL scheme, so the check normalises before it
compares; a link to anything but a relative URL or an allowed scheme becomes plain text (a span),
an image with such a source loses it.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markupsafe import Markup
from markdown.treeprocessors import Treeprocessor

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def is_safe_url(url: str) -> bool:
    """True for relative URLs and for the schemes in SAFE_SCHEMES."""
    normalised = _IGNORED_BY_BROWSERS.sub("", html.unescape(url)).lower()
    match = _SCHEME.match(normalised)
    return match is None or match.group(1) in SAFE_SCHEMES


class _SafeLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not is_safe_url(value):
                    del element.attrib[attribute]
                    if element.tag == "a":
                        element.tag = "span"


class SafeLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Last: after inline parsing (20) makes links and after MkDocs rewrites them (0).
        md.treeprocessors.register(_SafeLinks(md), "kb-safe-links", -10)


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


_converter = Markdown(extensions=[SafeLinksExtension(), _NoRawHtml()])
_self_contained = Markdown(extensions=[SafeLinksExtension(), _NoRawHtml(), _NoImages()])


def render_inline(text: str, self_contained: bool = False) -> Markup:
    """One line of content Markdown as HTML (links, emphasis, code), without the paragraph around it.
    `self_contained`: images become their description, so the HTML loads nothing."""
    converter = _self_contained if self_contained else _converter
    converter.reset()
    html_text = converter.convert(text)
    return Markup(html_text.removeprefix("<p>").removesuffix("</p>"))


def json_for_html(data: object, indent: int | None = None) -> str:
    """JSON that is safe inside a <script> element: <, > and & as \\u escapes, so `</script>` cannot end it."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=indent is not None)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
