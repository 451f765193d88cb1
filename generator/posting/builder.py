"""The posting builder in the site: one page per role and language, where HR filters and ticks the
role's items, adds lines of their own, fills in place, pay and dates, sees the draft checked for
discriminatory wording as they go, and exports it. Client side only, so it works offline.

The page carries the role's items, every label and the wording rules (wording.browser_rules) as
JSON; generator/assets/posting-builder.js builds the form and the same Markdown, text, JSON-LD and
posting.yml as document.py and the CLI.
"""

from __future__ import annotations

from importlib import resources

from ..knowledge import KnowledgeBase
from ..model import Item, Role
from .document import EMPLOYMENT_NAMES, LABELS, LANGUAGE_TAGS, PERIOD_NAMES, json_for_html, occupational_category, plain
from .vacancy import DEFAULT_DAYS_OPEN, EMPLOYMENT_TYPES, MAX_HEADCOUNT, PERIODS
from .wording import browser_rules

ASSETS = ("assets/posting-builder.js", "assets/posting-builder.css")
LANGS = ("zh", "en")

UI = {
    "zh": {
        "page_title": "招聘启事生成器",
        "intro": "在左侧勾选职责和要求、填写招聘信息，也可以添加自己的内容；右侧的草稿随之更新，并逐行检查有无歧视性措辞。"
                 "在手机上，草稿在选项下方。所有内容只在本机浏览器中处理，不会发送出去。",
        "index_intro": "从岗位生成招聘启事草稿：", "core": "本岗位", "library": "可选",
        "details": "招聘信息", "salary_min": "最低薪资", "salary_max": "最高薪资", "currency": "币种", "period": "计薪周期",
        "date_posted": "发布日期", "draft": "草稿", "markdown": "Markdown", "text": "纯文本", "jump": "跳到草稿",
        "filter": "筛选可选条目", "industry": "行业", "tag": "标签", "search": "包含文字", "any": "全部",
        "select_all": "全选", "select_none": "全不选", "shown": "显示 {shown} / {total} 条",
        "own_responsibilities": "自己添加的职责", "own_requirements": "自己添加的要求", "own_hint": "每行一条",
        "introduction": "单位介绍（可选）",
        "copy_text": "复制纯文本", "copy_markdown": "复制 Markdown", "download_text": "下载纯文本", "download_markdown": "下载 Markdown",
        "download_jsonld": "下载 JSON-LD", "download_config": "下载 posting.yml", "copied": "已复制", "downloaded": "已下载",
        "needs": "JSON-LD 需要填写招聘单位和工作地点",
        "clean": "未发现歧视性措辞。", "problems": "还有 {n} 处可能带有歧视的措辞，请修改后再发布：",
        "exported_with_problems": "注意：导出的草稿中还有 {n} 处可能带有歧视的措辞。",
        "instead": "建议", "line": "第 {line} 行第 {col} 列", "no_script": "此页面需要 JavaScript。",
    },
    "en": {
        "page_title": "Job posting builder",
        "intro": "Tick responsibilities and requirements, fill in the vacancy and add lines of your own; the draft beside "
                 "the choices updates as you go and every line is checked for discriminatory wording. On a phone the draft "
                 "is below the choices. Everything stays in your browser; nothing is sent.",
        "index_intro": "Draft a job posting from a role:", "core": "this role", "library": "optional",
        "details": "Vacancy", "salary_min": "Pay from", "salary_max": "Pay to", "currency": "Currency", "period": "Paid per",
        "date_posted": "Date posted", "draft": "Draft", "markdown": "Markdown", "text": "Plain text", "jump": "Jump to the draft",
        "filter": "Filter the optional items", "industry": "Industry", "tag": "Tag", "search": "Containing", "any": "All",
        "select_all": "Select all", "select_none": "Select none", "shown": "{shown} of {total} shown",
        "own_responsibilities": "Your own responsibilities", "own_requirements": "Your own requirements", "own_hint": "one per line",
        "introduction": "About the employer (optional)",
        "copy_text": "Copy text", "copy_markdown": "Copy Markdown", "download_text": "Download text", "download_markdown": "Download Markdown",
        "download_jsonld": "Download JSON-LD", "download_config": "Download posting.yml", "copied": "Copied", "downloaded": "Downloaded",
        "needs": "JSON-LD needs the organisation and the location",
        "clean": "No discriminatory wording found.", "problems": "{n} phrase(s) may be discriminatory; reword them before you post:",
        "exported_with_problems": "Note: the exported draft still has {n} phrase(s) that may be discriminatory.",
        "instead": "instead", "line": "line {line}, column {col}", "no_script": "This page needs JavaScript.",
    },
}
INDUSTRY_NAMES = {
    "zh": {"general": "通用", "appliances": "家电", "automotive": "汽车", "insurance": "保险", "e-commerce": "电子商务",
           "security-systems": "安防系统", "electronics-repair": "电子产品维修", "water-treatment": "水处理",
           "manufacturing": "制造业", "industrial-equipment": "工业设备", "software": "软件", "telecom": "通信",
           "retail": "零售", "medical-devices": "医疗器械", "construction-machinery": "工程机械"},
    "en": {"general": "General", "appliances": "Home appliances", "automotive": "Automotive", "insurance": "Insurance",
           "e-commerce": "E-commerce", "security-systems": "Security systems", "electronics-repair": "Electronics repair",
           "water-treatment": "Water treatment", "manufacturing": "Manufacturing", "industrial-equipment": "Industrial equipment",
           "software": "Software", "telecom": "Telecoms", "retail": "Retail", "medical-devices": "Medical devices",
           "construction-machinery": "Construction machinery"},
}


def render_posting_pages(kb: KnowledgeBase) -> dict[str, str]:
    """path → content: a builder page per role and language, an index per language, and the script and style."""
    pages = {path: resources.files("generator").joinpath(path).read_text(encoding="utf-8") for path in ASSETS}
    rules = browser_rules()
    for lang in LANGS:
        prefix = "" if lang == "zh" else f"{lang}/"
        ui = UI[lang]
        links = "\n".join(f"- [{role.title.get(lang)}]({role.id}.md)" for role in kb.roles)
        pages[f"{prefix}postings/index.md"] = f"# {ui['page_title']}\n\n{ui['index_intro']}\n\n{links}\n"
        for role in kb.roles:
            pages[f"{prefix}postings/{role.id}.md"] = _render_page(kb, role, lang, rules, depth=prefix.count("/") + 2)
    return pages


def _render_page(kb: KnowledgeBase, role: Role, lang: str, rules: dict, depth: int) -> str:
    ui = UI[lang]
    data = json_for_html({**builder_data(kb, role, lang), "check": rules})
    up = "../" * depth
    title = f"{ui['page_title']}：{role.title.get(lang)}" if lang == "zh" else f"{ui['page_title']}: {role.title.get(lang)}"
    # Wide: both sidebars hidden so choices and draft fit side by side.
    return (
        f"---\nhide: [navigation, toc]\n---\n\n# {title}\n\n{ui['intro']}\n\n"
        f'<link rel="stylesheet" href="{up}{ASSETS[1]}">\n'
        f'<div id="posting-builder" class="posting-builder"><noscript>{ui["no_script"]}</noscript></div>\n\n'
        f'<script type="application/json" id="posting-data">{data}</script>\n'
        f'<script src="{up}{ASSETS[0]}"></script>\n'
    )


def builder_data(kb: KnowledgeBase, role: Role, lang: str) -> dict:
    """Everything the page script needs, as plain data: the role's items and defaults, and the labels."""
    pay = role.pay[0] if role.pay else None
    low, high = ((pay.amount, pay.amount) if isinstance(pay.amount, int) else pay.amount) if pay else (None, None)
    items = {kind: [_item(i, lang) for i in getattr(role, kind)] for kind in ("responsibilities", "requirements")}
    library = [i for kind in ("responsibilities", "requirements") for i in getattr(role, kind) if not i.core]
    industries = sorted({x for i in library for x in i.industries}, key=list(INDUSTRY_NAMES[lang]).index)
    tags = sorted({t for i in library for t in i.tags}, key=lambda t: tag_label(kb, t, lang))
    return {
        "lang": lang, "languageTag": LANGUAGE_TAGS[lang], "roleId": role.id,
        "title": role.title.get(lang), "summary": role.summary.get(lang), "summaryPlain": plain(role.summary.get(lang)),
        "hours": role.working_hours.text.get(lang) if role.working_hours else None,
        "occupationalCategory": occupational_category(role, lang),
        "items": items,
        "defaults": {
            "city": pay.city.get(lang) if pay else "", "salaryMin": low, "salaryMax": high,
            "currency": pay.currency if pay else "CNY", "period": pay.period if pay else "month",
            "includes": [t.get(lang) for t in pay.includes] if pay else [],
            "employmentType": "FULL_TIME", "daysOpen": DEFAULT_DAYS_OPEN, "maxHeadcount": MAX_HEADCOUNT,
        },
        "labels": LABELS[lang], "ui": UI[lang],
        "employmentTypes": {key: EMPLOYMENT_NAMES[lang][key] for key in EMPLOYMENT_TYPES},
        "periods": {key: PERIOD_NAMES[lang][key] for key in PERIODS},
        "industries": {key: INDUSTRY_NAMES[lang][key] for key in industries},
        "tags": {key: tag_label(kb, key, lang) for key in tags},
    }


def tag_label(kb: KnowledgeBase, tag: str, lang: str) -> str:
    return kb.tag_label(tag, lang)


def _item(item: Item, lang: str) -> dict:
    return {"id": item.id, "text": item.text.get(lang), "plain": plain(item.text.get(lang)), "core": item.core,
            "industries": list(item.industries), "tags": list(item.tags), "source": item.source}
