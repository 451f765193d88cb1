"""Site pages as Markdown, path → text, for both languages. Knows nothing of MkDocs.

Chinese pages sit at the root, English ones under `en/` with the same paths. Each page starts with
front matter whose `title` is already HTML-escaped: the theme prints page titles unescaped (in
<title>, the header and the navigation), so escaping happens here, once, for every page.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache

from jinja2 import pass_context
from markupsafe import Markup

from ..knowledge import KnowledgeBase
from ..model import Measure, PayPoint, Term
from ..posting.builder import render_posting_pages
from ..quiz.pages import render_quiz_pages
from ..templating import environment, render

LANGS = ("zh", "en")

# Words of the page furniture, by language. Content words come from the YAML.
LABELS = {
    "zh": {
        "site": "售后服务知识库", "home": "首页", "visit": "上门服务流程", "roles": "岗位", "glossary": "术语表",
        "kit": "工具与物品", "phase": "阶段", "who": "执行", "when": "适用情况", "steps": "步骤",
        "exceptions": "异常情况", "if": "如果", "escalate": "转交", "always": "始终要做", "never": "绝对不做",
        "optional": "可选", "mandatory": "必带", "terms": "术语", "downloads": "下载", "checklist_pdf": "打印检查表（PDF）",
        "along": "沿服务流程", "document": "来源与文档控制", "source": "来源", "version": "版本", "owner": "负责岗位",
        "last_reviewed": "上次审核", "review_due": "下次审核截止", "instead": "我们的做法",
        "review": {"questionable": "审核说明：原文存疑", "gap": "审核说明：原文未涉及"},
        "targets": {"centre": "中心", "call-centre": "话务中心", "technical-support": "技术支持", "manager": "经理",
                    "information-clerk": "信息员", "colleague": "同事"},
        "also_called": "又称", "sep": "、", "quiz": "岗位测验", "checklists": "培训检查表（PDF）", "posting": "招聘启事草稿",
        "reporting": "汇报关系", "reports_to": "上级", "reported_by": "下级", "no_line": "无上级岗位",
        "responsibilities": "职责", "requirements": "任职要求", "kpis": "考核指标", "kpi": "指标", "target": "目标",
        "hours": "工作时间", "pay": "薪酬数据", "city": "城市", "amount": "金额", "includes": "包含", "as_of": "数据日期",
        "procedures": "按服务顺序执行的流程", "none": "暂无。", "used_in": "用于",
        "kinds": {"sequence": "按顺序做", "checklist": "检查清单", "situation": "遇到时处理"},
        "checklist_items": "检查项", "line": "按顺序", "checklist_group": "检查清单（各项都要做到，不分先后）",
        "situation_group": "遇到时处理", "arises_in": "通常出现在", "situations_here": "这一步可能遇到的情况",
        "own": "本知识库补充",
        "intro": "一次上门服务从接单到回访分为以下几个阶段。点击阶段或流程查看每一步怎么做、要注意什么。",
        "start_here": "按岗位开始", "field": "项目", "value": "内容",
        "tags": "标签", "print": "打印", "field_card": "现场卡", "kit_checklist": "出发前物品检查表", "tags_intro": "按岗位和服务阶段列出的全部流程。",
        "period": {"hour": "小时", "day": "天", "week": "周", "month": "月", "year": "年"},
    },
    "en": {
        "site": "After-sales service knowledge base", "home": "Home", "visit": "The service visit", "roles": "Roles",
        "glossary": "Glossary", "kit": "Kit", "phase": "Phase", "who": "Who", "when": "When", "steps": "Steps",
        "exceptions": "Exceptions", "if": "When", "escalate": "Hand over to", "always": "Always", "never": "Never",
        "optional": "optional", "mandatory": "must be packed", "terms": "Terms", "downloads": "Downloads",
        "checklist_pdf": "Printable checklist (PDF)", "along": "Along the visit", "document": "Source and document control",
        "source": "Source", "version": "Version", "owner": "Owner", "last_reviewed": "Last reviewed",
        "review_due": "Next review due", "instead": "What we teach instead",
        "review": {"questionable": "Review note: the source is questionable", "gap": "Review note: the source is silent"},
        "targets": {"centre": "the service centre", "call-centre": "the call centre", "technical-support": "technical support",
                    "manager": "the manager", "information-clerk": "the information clerk", "colleague": "a colleague"},
        "also_called": "Also called", "sep": ", ", "quiz": "Role quiz", "checklists": "Training checklists (PDF)",
        "posting": "Job posting draft", "reporting": "Reporting line", "reports_to": "Reports to",
        "reported_by": "Manages", "no_line": "Reports to no other role", "responsibilities": "Responsibilities",
        "requirements": "Requirements", "kpis": "KPIs", "kpi": "Indicator", "target": "Target", "hours": "Working hours",
        "pay": "Pay data", "city": "City", "amount": "Amount", "includes": "Includes", "as_of": "As of",
        "procedures": "Procedures, in visit order", "none": "None yet.", "used_in": "Used in",
        "kinds": {"sequence": "In order", "checklist": "Checklist", "situation": "When it happens"},
        "checklist_items": "Items", "line": "In order", "checklist_group": "Checklists (every item applies, in any order)",
        "situation_group": "When it happens", "arises_in": "Typically arises in",
        "situations_here": "What may happen here", "own": "Added by this knowledge base",
        "intro": "A service visit runs through the phases below, from accepting the job to the call-back. "
                 "Open a phase or a procedure to see each step and what to watch for.",
        "start_here": "Start with your role", "field": "Field", "value": "Value",
        "tags": "Tags", "print": "Print", "field_card": "field card", "kit_checklist": "kit checklist", "tags_intro": "Every procedure, by role and by phase of the visit.",
        "period": {"hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year"},
    },
}


def lang_prefix(lang: str) -> str:
    """Chinese is the site root; English lives under en/ with the same paths."""
    return "" if lang == "zh" else f"{lang}/"


def page_language(path: str) -> str:
    """The language of a page path from render_pages."""
    return next((lang for lang in LANGS if lang_prefix(lang) and path.startswith(lang_prefix(lang))), "zh")


def render_pages(kb: KnowledgeBase) -> dict[str, str]:
    """Every page of the site, both languages: `path.md` (zh) and `en/path.md` (en) → Markdown.
    Features register their pages here, one line each."""
    pages = render_knowledge_pages(kb)
    pages.update(render_posting_pages(kb))
    pages.update(render_quiz_pages(kb))
    return pages


def render_knowledge_pages(kb: KnowledgeBase) -> dict[str, str]:
    """The knowledge base itself: home, roles, procedures, phases, glossary, kit, tags; both languages."""
    pages: dict[str, str] = {}
    for lang in LANGS:
        prefix = lang_prefix(lang)
        for path, text in _render_language(kb, lang).items():
            pages[prefix + path] = text
    return pages


def _render_language(kb: KnowledgeBase, lang: str) -> dict[str, str]:
    common = {"kb": kb, "lang": lang, "label": LABELS[lang], "known_words": list_known_words(kb, lang)}
    pages = {
        "index.md": render("site/home.md.j2", **common, path="index.md"),
        "glossary.md": render("site/glossary.md.j2", **common, path="glossary.md"),
        "tags.md": render("site/tags.md.j2", **common, path="tags.md"),
    }
    used_by = {item.id: [p for p in kb.procedures if item.id in p.kit] for item in kb.kit.items}
    pages["kit.md"] = render("site/kit.md.j2", **common, path="kit.md", kit_items=kb.kit.items, used_by=used_by)
    phase_by_id = {phase.id: phase for phase in kb.phases.phases}
    for phase in kb.phases.phases:
        path = f"phases/{phase.id}.md"
        pages[path] = render("site/phase.md.j2", **common, path=path, phase=phase)
    for role in kb.roles:
        path = f"roles/{role.id}.md"
        pages[path] = render("site/role.md.j2", **common, path=path, role=role, procedures=kb.procedures_of(role))
    for procedure in kb.procedures:
        path = f"procedures/{procedure.id}.md"
        terms = [kb.term_by_id[t] for t in procedure.glossary]
        pages[path] = render("site/procedure.md.j2", **common, path=path, procedure=procedure,
                             phase=phase_by_id[procedure.phase], terms=terms)
    return pages


def render_nav(kb: KnowledgeBase, lang: str) -> list:
    """The sidebar for one language build (paths relative to that build's docs).

    Procedures are left out on purpose: every page carries the whole sidebar, so listing them
    would make each page grow with the number of procedures. Phase pages list them instead.
    """
    label = LABELS[lang]
    return [
        {label["home"]: "index.md"},
        {label["visit"]: [f"phases/{p.id}.md" for p in kb.phases.phases]},
        {label["roles"]: [f"roles/{r.id}.md" for r in kb.roles]},
        {label["glossary"]: "glossary.md"},
        {label["kit"]: "kit.md"},
        {label["tags"]: "tags.md"},
    ]


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


def front_matter_title(text: str) -> Markup:
    """A YAML-safe, HTML-escaped string for front matter (JSON strings are valid YAML); used for
    titles and tags, which the theme prints unescaped."""
    return Markup(json.dumps(html.escape(_one_line(text)), ensure_ascii=False))


def format_pay(pay: PayPoint, lang: str) -> str:
    """'4000–6000 CNY / month'."""
    amount = f"{pay.amount[0]}–{pay.amount[1]}" if isinstance(pay.amount, list) else str(pay.amount)
    return f"{amount} {pay.currency} / {LABELS[lang]['period'][pay.period]}"


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


_RELATION = {
    "zh": {"every": "每{}", "after": "{}后", "before": "{}前", "ahead": "提前{}", "early": "提前{}", "within": "{}内",
           "under": "不超过{}", "over": "超过{}", "exactly": "{}"},
    "en": {"every": "every {}", "after": "after {}", "before": "{} before", "ahead": "{} ahead", "early": "{} early",
           "within": "within {}", "under": "under {}", "over": "over {}", "exactly": "{}"},
}
_UNITS = {
    "zh": {"seconds": "秒", "minutes": "分钟", "hours": "小时", "days": "天", "months": "个月"},
    "en": {"seconds": ("second", "seconds"), "minutes": ("minute", "minutes"), "hours": ("hour", "hours"),
           "days": ("day", "days"), "months": ("month", "months")},
}


def format_measure(measure: Measure, lang: str) -> str:
    """'every 30 seconds' / '每30秒', ranges as '5–10 minutes'."""
    amount = measure.amount
    number = f"{amount[0]}–{amount[1]}" if isinstance(amount, tuple) else str(amount)
    if measure.kind == "count":
        unit = measure.unit.get(lang)
    elif lang == "zh":
        unit = _UNITS["zh"][measure.kind]
    else:
        unit = _UNITS["en"][measure.kind][0 if amount == 1 else 1]
    quantity = f"{number}{unit}" if lang == "zh" else f"{number} {unit}"
    return _RELATION[lang][measure.relation].format(quantity)


_env = environment()
_env.globals.update(md_link=md_link, site_href=site_href)
_env.filters.update(title=front_matter_title, inline=inline, explain=_explain_in_page, measure=format_measure,
                    pay=format_pay)
