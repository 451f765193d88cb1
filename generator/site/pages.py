"""Site pages as Markdown, path → text, for both languages. Knows nothing of MkDocs.

Chinese pages sit at the root, English ones under `en/` with the same paths. Each page starts with
front matter whose `title` is already HTML-escaped: the theme prints page titles unescaped (in
<title>, the header and the navigation), so escaping happens here, once, for every page.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from jinja2 import pass_context
from markupsafe import Markup

from ..knowledge import KnowledgeBase
from ..markup import front_matter_title
from ..model import PayPoint, Term
from ..posting.builder import render_posting_pages
from ..quiz import Quiz
from ..quiz.pages import render_quiz_pages
from ..templating import renderer
from ..scorm import package_name
from ..training.pages import render_training_pages
from ..wording import COLON, LANGS, SITE_LABELS, format_escalation, format_measure, format_pay, lang_prefix
from .webapp import OFFLINE_PAGE

def render_pages(kb: KnowledgeBase, quizzes: dict[str, Quiz]) -> dict[str, str]:
    """Every page of the site, both languages: `path.md` (zh) and `en/path.md` (en) → Markdown.
    Features register their pages here, one line each."""
    pages = render_knowledge_pages(kb)
    pages.update(render_posting_pages(kb))
    pages.update(render_quiz_pages(kb, quizzes))
    pages.update(render_training_pages(kb, quizzes))
    return pages


def render_knowledge_pages(kb: KnowledgeBase) -> dict[str, str]:
    """The knowledge base itself: home, roles, procedures, phases, glossary, kit, tags, and the page the
    offline web app shows for what it has not stored; both languages."""
    pages: dict[str, str] = {}
    for lang in LANGS:
        prefix = lang_prefix(lang)
        for path, text in _render_language(kb, lang).items():
            pages[prefix + path] = text
    return pages


def _render_language(kb: KnowledgeBase, lang: str) -> dict[str, str]:
    common = {"kb": kb, "lang": lang, "label": SITE_LABELS[lang], "colon": COLON[lang], "known_words": list_known_words(kb, lang)}
    pages = {
        "index.md": render("site/home.md.j2", **common, path="index.md"),
        "changes.md": render("site/changes.md.j2", **common, path="changes.md", changes=list_changes(kb)),
        "glossary.md": render("site/glossary.md.j2", **common, path="glossary.md"),
        "tags.md": render("site/tags.md.j2", **common, path="tags.md"),
        OFFLINE_PAGE: render("site/offline.md.j2", **common, path=OFFLINE_PAGE),
    }
    used_by = {item.id: [p for p in kb.procedures if item.id in p.kit] for item in kb.kit.items}
    pages["kit.md"] = render("site/kit.md.j2", **common, path="kit.md", kit_items=kb.kit.items, used_by=used_by)
    for phase in kb.phases.phases:
        path = f"phases/{phase.id}.md"
        pages[path] = render("site/phase.md.j2", **common, path=path, phase=phase)
    for role in kb.roles:
        path = f"roles/{role.id}.md"
        pages[path] = render("site/role.md.j2", **common, path=path, role=role, procedures=kb.procedures_of(role),
                             scorm_name=package_name(role, lang))
    for procedure in kb.procedures:
        path = f"procedures/{procedure.id}.md"
        terms = [kb.term_by_id[t] for t in procedure.glossary]
        pages[path] = render("site/procedure.md.j2", **common, path=path, procedure=procedure,
                             phase=kb.phase_by_id[procedure.phase], terms=terms)
    return pages


def render_nav(kb: KnowledgeBase, lang: str) -> list:
    """The sidebar for one language build (paths relative to that build's docs).

    Procedures are left out on purpose: every page carries the whole sidebar, so listing them
    would make each page grow with the number of procedures. Phase pages list them instead.
    """
    label = SITE_LABELS[lang]
    return [
        {label["home"]: "index.md"},
        {label["visit"]: [f"phases/{p.id}.md" for p in kb.phases.phases]},
        {label["roles"]: [f"roles/{r.id}.md" for r in kb.roles]},
        {label["glossary"]: "glossary.md"},
        {label["kit"]: "kit.md"},
        {label["tags"]: "tags.md"},
        {label["changes"]: "changes.md"},
    ]


def list_changes(kb: KnowledgeBase) -> list[tuple]:
    """Every change of every procedure and role as (change, folder, item), newest first; a day's
    changes in visit order, procedures before roles."""
    found = [(c, "procedures", p) for p in kb.procedures for c in p.changes]
    found += [(c, "roles", r) for r in kb.roles for c in r.changes]
    order = {id(item): i for i, (_, _, item) in enumerate(found)}
    return sorted(found, key=lambda entry: (-entry[0].date.toordinal(), order[id(entry[2])]))


# ---- template helpers -------------------------------------------------------------------------

def page_url(path: str) -> str:
    """The URL MkDocs gives a page with directory URLs: roles/x.md → roles/x/, index.md → ''."""
    stem = path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def site_href(from_path: str, target: str) -> str:
    """A relative href from the page at `from_path` to a site path (for links MkDocs does not check)."""
    return _relative(page_url(from_path), target)


def md_link(from_path: str, to_path: str) -> str:
    """A relative link between two generated pages, as MkDocs wants it (to the .md source)."""
    return _relative(from_path, to_path)


def _relative(from_path: str, to_path: str) -> str:
    """`to_path` relative to the folder of `from_path`; both are site-relative POSIX paths.
    (posixpath.relpath does the same but resolves both against the working directory, which
    is most of the generator's time at a thousand pages.)"""
    start = from_path.split("/")[:-1]
    target = to_path.split("/")
    common = 0
    while common < min(len(start), len(target) - 1) and start[common] == target[common]:
        common += 1
    return "../" * (len(start) - common) + "/".join(target[common:]) or "./"


def format_pay_point(pay: PayPoint, lang: str) -> str:
    low, high = pay.amount if isinstance(pay.amount, list) else (pay.amount, pay.amount)
    return format_pay(low, high, pay.currency, pay.period, lang)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def inline(text: str) -> str:
    """Text for places where a line break would end the Markdown construct (headings, table cells)."""
    return _one_line(text).replace("|", "\\|")


def explain_terms(text: str, terms: list[Term], lang: str, known_words: tuple[str, ...] = ()) -> Markup:
    """Escape `text` and wrap each glossary term in an <abbr> whose title is its definition, so
    readers see it on hover (or a long press). One pass over the original text, so a definition
    is never searched for terms itself.

    `known_words` are longer words that may contain a term (话务中心 holds 中心): they are matched
    too, longest first, and left as plain text, so a short term is never marked inside one of them.
    """
    pairs = tuple((t.term.get(lang), t.definition.get(lang)) for t in terms)
    words, pattern = _term_pattern(pairs, known_words, lang)
    parts = pattern.split(text) if pattern else [text]  # odd items are the matches (one capturing group)
    return Markup("".join(
        f'<abbr title="{html.escape(_one_line(words[part.casefold()]))}">{html.escape(part)}</abbr>'
        if i % 2 and part.casefold() in words else html.escape(part)
        for i, part in enumerate(parts)
    ))


@lru_cache(maxsize=4096)
def _term_pattern(pairs: tuple[tuple[str, str], ...], known_words: tuple[str, ...], lang: str) -> tuple[dict[str, str], re.Pattern | None]:
    """Definitions by lower-cased term, and one pattern matching any term or known word (longest first)."""
    words = {word.casefold(): definition for word, definition in pairs}
    if not words:
        return words, None
    candidates = set(words) | {w.casefold() for w in known_words if any(t in w.casefold() for t in words)}
    # English terms match as whole words in any case ("message note" in a sentence); Chinese has no spaces.
    edge = r"\b" if lang == "en" else ""
    alternatives = "|".join(re.escape(w) for w in sorted(candidates, key=lambda w: (-len(w), w)))
    return words, re.compile(f"{edge}({alternatives}){edge}", re.IGNORECASE)


def list_known_words(kb: KnowledgeBase, lang: str) -> tuple[str, ...]:
    """Every glossary term and kit name in `lang`: the words a shorter term may hide in."""
    words = {t.term.get(lang) for t in kb.glossary.terms} | {k.name.get(lang) for k in kb.kit.items}
    return tuple(sorted(w for w in words if w))


@pass_context
def _explain_in_page(context, text: str, terms: list[Term], lang: str) -> Markup:
    return explain_terms(text, terms, lang, context.get("known_words", ()))


render = renderer(
    filters=dict(front_matter=front_matter_title, inline=inline, explain=_explain_in_page, measure=format_measure,
                 pay=format_pay_point, escalation=format_escalation),
    globals=dict(md_link=md_link, site_href=site_href),
)
