"""The posting builder in the site: one page per role and language, where HR filters and ticks the
role's items, adds lines of their own, fills in place, pay and dates, sees the draft checked for
discriminatory wording as they go, and exports it. Client side only, so it works offline.

The page carries the role's items, every label and the wording rules (wording.browser_rules) as
JSON; generator/assets/posting-builder.js builds the form and the same Markdown, text, JSON-LD and
posting.yml as document.py and the CLI. The Markdown around it is written here, so content in it is
escaped here (markup.escape_markdown), as Jinja does in the other pages' templates.
"""

from __future__ import annotations

from importlib import resources

from ..knowledge import KnowledgeBase
from ..model import Item, Role
from ..wording import (COLON, EMPLOYMENT_NAMES, HTML_LANG, INDUSTRY_NAMES, LANGS, OWN, PERIOD_NAMES, POSTING_BUILDER_LABELS,
                       POSTING_LABELS, format_source, lang_prefix)
from ..markup import escape_markdown, front_matter_title, json_for_html
from .document import occupational_category, plain
from .vacancy import DEFAULT_DAYS_OPEN, EMPLOYMENT_TYPES, MAX_HEADCOUNT, PERIODS
from .wording import browser_rules

ASSETS = ("assets/posting-builder.js", "assets/posting-builder.css")


def render_posting_pages(kb: KnowledgeBase) -> dict[str, str]:
    """path → content: a builder page per role and language, an index per language, and the script and style."""
    pages = {path: resources.files("generator").joinpath(path).read_text(encoding="utf-8") for path in ASSETS}
    rules = browser_rules()
    for lang in LANGS:
        prefix = lang_prefix(lang)
        ui = POSTING_BUILDER_LABELS[lang]
        links = "\n".join(f"- [{escape_markdown(role.title.get(lang))}]({role.id}.md)" for role in kb.roles)
        pages[f"{prefix}postings/index.md"] = (f"---\ntitle: {front_matter_title(ui['page_title'])}\n---\n\n"
                                               f"# {ui['page_title']}\n\n{ui['index_intro']}\n\n{links}\n")
        for role in kb.roles:
            pages[f"{prefix}postings/{role.id}.md"] = _render_page(kb, role, lang, rules, depth=prefix.count("/") + 2)
    return pages


def _render_page(kb: KnowledgeBase, role: Role, lang: str, rules: dict, depth: int) -> str:
    ui = POSTING_BUILDER_LABELS[lang]
    data = json_for_html({**builder_data(kb, role, lang), "check": rules})
    up = "../" * depth
    title = f"{ui['page_title']}{COLON[lang]}{role.title.get(lang)}"
    # Both sidebars hidden so the choices and the draft fit side by side on a wide screen.
    return (
        f"---\ntitle: {front_matter_title(title)}\nhide: [navigation, toc]\n---\n\n# {escape_markdown(title)}\n\n{ui['intro']}\n\n"
        f'<link rel="stylesheet" href="{up}{ASSETS[1]}">\n'
        f'<div id="posting-builder" class="posting-builder"><noscript>{ui["no_script"]}</noscript></div>\n\n'
        f'<script type="application/json" id="posting-data">{data}</script>\n'
        f'<script src="{up}{ASSETS[0]}"></script>\n'
    )


def builder_data(kb: KnowledgeBase, role: Role, lang: str) -> dict:
    """Everything the page script needs, as plain data: the role's items and defaults, the labels,
    and the industries and tags of its library items with their names in `lang`."""
    pay = role.pay[0] if role.pay else None
    low, high = ((pay.amount, pay.amount) if isinstance(pay.amount, int) else pay.amount) if pay else (None, None)
    library = [i for kind in ("responsibilities", "requirements") for i in getattr(role, kind) if not i.core]
    industries = sorted({x for i in library for x in i.industries}, key=list(INDUSTRY_NAMES[lang]).index)
    tags = sorted({t for i in library for t in i.tags}, key=lambda t: kb.tag_label(t, lang))
    return {
        "lang": lang, "languageTag": HTML_LANG[lang], "roleId": role.id,
        "title": role.title.get(lang), "summary": role.summary.get(lang), "summaryPlain": plain(role.summary.get(lang)),
        "hours": role.working_hours.text.get(lang) if role.working_hours else None,
        "occupationalCategory": occupational_category(role, lang),
        "items": {kind: [_item(i, lang) for i in getattr(role, kind)] for kind in ("responsibilities", "requirements")},
        "defaults": {
            "city": pay.city.get(lang) if pay else "", "salaryMin": low, "salaryMax": high,
            "currency": pay.currency if pay else "CNY", "period": pay.period if pay else "month",
            "includes": [t.get(lang) for t in pay.includes] if pay else [],
            "employmentType": "FULL_TIME", "daysOpen": DEFAULT_DAYS_OPEN, "maxHeadcount": MAX_HEADCOUNT,
        },
        "labels": POSTING_LABELS[lang], "ui": POSTING_BUILDER_LABELS[lang],
        "employmentTypes": {key: EMPLOYMENT_NAMES[lang][key] for key in EMPLOYMENT_TYPES},
        "periods": {key: PERIOD_NAMES[lang][key] for key in PERIODS},
        "industries": {key: INDUSTRY_NAMES[lang][key] for key in industries},
        "tags": {key: kb.tag_label(key, lang) for key in tags},
    }


def _item(item: Item, lang: str) -> dict:
    return {"id": item.id, "text": item.text.get(lang), "plain": plain(item.text.get(lang)), "core": item.core,
            "industries": list(item.industries), "tags": list(item.tags),
            "source": f"{format_source(item.source, lang)} · {OWN.get(lang)}" if item.own else format_source(item.source, lang)}  # HR sees which lines are ours
