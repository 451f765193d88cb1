"""Site pages as Markdown, path → text, for both languages. Knows nothing of MkDocs."""

from __future__ import annotations

from ..knowledge import KnowledgeBase
from ..posting.builder import render_posting_pages
from ..quiz.pages import render_quiz_pages
from ..templating import render

LANGS = ("zh", "en")


def lang_prefix(lang: str) -> str:
    """Chinese is the site root; English lives under en/ with the same paths."""
    return "" if lang == "zh" else f"{lang}/"


def render_pages(kb: KnowledgeBase) -> dict[str, str]:
    pages: dict[str, str] = {}
    for lang in LANGS:
        prefix = lang_prefix(lang)
        pages[f"{prefix}index.md"] = render("site/home.md.j2", kb=kb, lang=lang)
        for role in kb.roles:
            pages[f"{prefix}roles/{role.id}.md"] = render("site/role.md.j2", kb=kb, lang=lang, role=role)
        for procedure in kb.procedures:
            pages[f"{prefix}procedures/{procedure.id}.md"] = render("site/procedure.md.j2", kb=kb, lang=lang, procedure=procedure)
    pages.update(render_posting_pages(kb))
    pages.update(render_quiz_pages(kb))
    return pages
