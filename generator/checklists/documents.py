"""What is printed: one `Document` per PDF, as HTML rendered from the checklist templates.

Knows nothing of WeasyPrint: a document is HTML candidates and a page limit, so rendering can run
in another process and be cached by content.
"""

from __future__ import annotations

import math
import re
import unicodedata
from html import unescape

from ..knowledge import KnowledgeBase
from ..model import Procedure, Role
from ..outputs import FIELD_CARD, KIT, TRAINING_PREFIX
from ..pdf import Document
from ..markup import render_inline
from ..templating import renderer
from ..wording import CHECKLIST_LABELS, COLON, HTML_LANG, LANGS, format_escalation, format_measure, lang_prefix

FIELD_CARD_PAGES = 2
# The field card shrinks its type until the whole visit fits on FIELD_CARD_PAGES pages.
FIELD_CARD_SIZES_PT = (8.0, 7.5, 7.0, 6.5, 6.0, 5.5, 5.0)
# What a page can hold, overestimated so that content needing more can never fit (and is refused
# before any layout): the whole A4 sheet without margins or gaps, lines of print.css's line
# height in the card's columns, every character as narrow as the narrowest glyph of Noto Sans CJK
# SC (0.27 em; 0.6 em for wide, CJK characters) at the card's smallest relative size (0.95 em),
# rounded down.
A4_PT = (595.28, 841.89)
LINE_HEIGHT = 1.35
FIELD_CARD_COLUMNS = 3
NARROWEST_EM, NARROWEST_WIDE_EM = 0.2, 0.5
_ZERO_WIDTH = {"Mn", "Me", "Cf", "Cc"}  # combining marks and controls take no room of their own

render = renderer(filters={"md": lambda text, lang: render_inline(text.get(lang)) if text is not None else ""})


def checklist_names(kb: KnowledgeBase) -> list[str]:
    """Every name the `checklist` command accepts, in the order the site lists them."""
    return [*(p.id for p in kb.procedures), FIELD_CARD, KIT, *(f"{TRAINING_PREFIX}{r.id}" for r in kb.roles)]


def checklist_path(name: str, lang: str) -> str:
    """Where a checklist lands in the site: zh at the root, en under en/."""
    return f"{lang_prefix(lang)}checklists/{name}.pdf"


def build_document(kb: KnowledgeBase, name: str, lang: str) -> Document:
    """The document called `name` (see checklist_names). Raises KeyError for an unknown name."""
    path = checklist_path(name, lang)
    if name in kb.procedure_by_id:
        return _procedure(kb, kb.procedure_by_id[name], lang, path)
    if name == FIELD_CARD:
        return _field_card(kb, lang, path)
    if name == KIT:
        return _kit(kb, lang, path)
    if name.startswith(TRAINING_PREFIX) and name.removeprefix(TRAINING_PREFIX) in kb.role_by_id:
        return _training(kb, kb.role_by_id[name.removeprefix(TRAINING_PREFIX)], lang, path)
    raise KeyError(name)


def build_documents(kb: KnowledgeBase) -> list[Document]:
    return [build_document(kb, name, lang) for lang in LANGS for name in checklist_names(kb)]


def _context(kb: KnowledgeBase, lang: str, title: str, **extra) -> dict:
    return dict(kb=kb, lang=lang, html_lang=HTML_LANG[lang], title=title, L=CHECKLIST_LABELS[lang], colon=COLON[lang],
                escalation=lambda target: format_escalation(target, lang),
                measure=lambda m: format_measure(m, lang), **extra)


def _procedure(kb: KnowledgeBase, procedure: Procedure, lang: str, path: str) -> Document:
    title = procedure.title.get(lang)
    html = render("checklist/procedure.html.j2", **_context(kb, lang, title, procedure=procedure,
                                                            font_size_pt=10.0, document=procedure.document,
                                                            source=procedure.source))
    return Document(path, lang, title, (html,))


def _field_card(kb: KnowledgeBase, lang: str, path: str) -> Document:
    title = CHECKLIST_LABELS[lang]["field_card"]

    def card(size: float) -> str:
        return render("checklist/field-card.html.j2", **_context(kb, lang, title, font_size_pt=size))

    smallest = card(FIELD_CARD_SIZES_PT[-1])
    min_pages = _min_pages(smallest, FIELD_CARD_SIZES_PT[-1], FIELD_CARD_COLUMNS)
    # When even the smallest type cannot fit, printing refuses the card: the roomier ones would be wasted work.
    roomier = tuple(map(card, FIELD_CARD_SIZES_PT[:-1])) if min_pages <= FIELD_CARD_PAGES else ()
    return Document(path, lang, title, (*roomier, smallest), max_pages=FIELD_CARD_PAGES, min_pages=min_pages)


def _kit(kb: KnowledgeBase, lang: str, path: str) -> Document:
    title = CHECKLIST_LABELS[lang]["kit"]
    users = {item.id: [p for p in kb.procedures if item.id in p.kit] for item in kb.kit.items}
    html = render("checklist/kit.html.j2", **_context(kb, lang, title, users=users, font_size_pt=10.0))
    return Document(path, lang, title, (html,))


def _training(kb: KnowledgeBase, role: Role, lang: str, path: str) -> Document:
    title = f"{CHECKLIST_LABELS[lang]['training']}{COLON[lang]}{role.title.get(lang)}"
    phase_title = {p.id: p.title.get(lang) for p in kb.phases.phases}
    html = render("checklist/training.html.j2", **_context(kb, lang, title, role=role, font_size_pt=10.0,
                                                           procedures=kb.learning_path(role), phase_title=phase_title,
                                                           document=role.document, source=role.source))
    return Document(path, lang, title, (html,))


def _min_pages(card: str, size_pt: float, columns: int) -> int:
    """Pages the HTML `card` takes at least at `size_pt`, counted, not laid out: each heading and list
    item starts a line, and the text fills lines at least as long as its characters at their narrowest.
    Absurd content (thousands of steps) then fails in a second, not after minutes and a gigabyte."""
    lines_per_page = columns * int(A4_PT[1] // (size_pt * LINE_HEIGHT))
    body = card[card.index("<body"):]
    starts = len(re.findall(r"<(?:h[1-6]|li)\b", body))
    text = unescape(re.sub(r"<[^>]*>", "", body))
    ems = sum(NARROWEST_WIDE_EM if unicodedata.east_asian_width(c) in "WF" else NARROWEST_EM
              for c in text if not c.isspace() and unicodedata.category(c) not in _ZERO_WIDTH)
    lines = max(starts, math.ceil(ems * size_pt / (A4_PT[0] / columns)))
    return math.ceil(lines / lines_per_page)
