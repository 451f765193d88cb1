"""What is printed: one `Document` per PDF, as HTML rendered from the checklist templates.

Knows nothing of WeasyPrint: a document is HTML candidates and a page limit, so rendering can run
in another process and be cached by content.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..knowledge import KnowledgeBase
from ..model import Measure, Procedure, Role
from ..outputs import FIELD_CARD, KIT, TRAINING_PREFIX
from ..templating import render

LANGS = ("zh", "en")
HTML_LANG = {"zh": "zh-CN", "en": "en"}
FIELD_CARD_PAGES = 2
# The field card shrinks its type until the whole visit fits on FIELD_CARD_PAGES pages.
FIELD_CARD_SIZES_PT = (8.0, 7.5, 7.0, 6.5, 6.0, 5.5, 5.0)

LABELS = {
    "zh": {
        "checklist": "检查表", "field_card": "上门服务现场卡", "kit": "出发前物品检查表", "training": "培训记录",
        "work_order": "工单号", "date": "日期", "engineer": "工程师", "signature": "用户或培训师签字",
        "purpose": "目的", "applies_when": "适用", "steps": "步骤", "exceptions": "例外情况",
        "when": "情况", "then": "处理", "escalate": "转交", "rules": "必须与禁止", "always": "必须", "never": "禁止",
        "kit_needed": "所需物品", "version": "版本", "reviewed": "审核", "source": "出处", "optional": "视情况",
        "trainee": "学员", "trainer": "培训师", "employee_no": "工号", "outlet": "网点",
        "procedure": "规范", "phase": "阶段", "trainee_sign": "学员签字", "trainer_sign": "培训师签字",
        "packed": "已带", "item": "物品", "why": "用途", "checked_by": "检查人",
        "role_procedures": "本岗位执行的全部规范", "items": "检查项",
        "kinds": {"sequence": "按顺序做", "checklist": "检查清单", "situation": "遇到时处理"},
    },
    "en": {
        "checklist": "Checklist", "field_card": "On-site service field card", "kit": "Pre-departure kit checklist",
        "training": "Training record",
        "work_order": "Work order", "date": "Date", "engineer": "Engineer", "signature": "Customer or trainer signature",
        "purpose": "Purpose", "applies_when": "Applies", "steps": "Steps", "exceptions": "Exceptions",
        "when": "When", "then": "Then", "escalate": "Hand to", "rules": "Always and never", "always": "Always",
        "never": "Never", "kit_needed": "Kit needed", "version": "Version", "reviewed": "Reviewed", "source": "Source",
        "optional": "if needed",
        "trainee": "Trainee", "trainer": "Trainer", "employee_no": "Employee no.", "outlet": "Outlet",
        "procedure": "Procedure", "phase": "Phase", "trainee_sign": "Trainee signature", "trainer_sign": "Trainer signature",
        "packed": "Packed", "item": "Item", "why": "What for", "checked_by": "Checked by",
        "role_procedures": "Every procedure this role performs", "items": "Items",
        "kinds": {"sequence": "in order", "checklist": "checklist", "situation": "when it happens"},
    },
}

ESCALATION = {
    "zh": {"centre": "服务中心", "call-centre": "话务中心", "technical-support": "技术支持", "manager": "经理",
           "information-clerk": "信息员", "colleague": "同事"},
    "en": {"centre": "service centre", "call-centre": "call centre", "technical-support": "technical support",
           "manager": "manager", "information-clerk": "information clerk", "colleague": "a colleague"},
}

_UNITS = {
    "zh": {"seconds": "秒", "minutes": "分钟", "hours": "小时", "days": "天", "months": "个月"},
    "en": {"seconds": ("second", "seconds"), "minutes": ("minute", "minutes"), "hours": ("hour", "hours"),
           "days": ("day", "days"), "months": ("month", "months")},
}
_RELATIONS = {
    "zh": {"every": "每{}", "after": "{}后", "before": "{}前", "ahead": "提前{}", "early": "提早{}",
           "within": "{}内", "under": "不到{}", "over": "超过{}", "exactly": "{}"},
    "en": {"every": "every {}", "after": "after {}", "before": "{} before", "ahead": "{} ahead", "early": "{} early",
           "within": "within {}", "under": "under {}", "over": "over {}", "exactly": "{}"},
}


@dataclass(frozen=True)
class Document:
    """One PDF: its site path, and HTML candidates tried in order until one fits `max_pages`."""

    path: str
    lang: str
    title: str
    variants: tuple[str, ...]
    max_pages: int | None = None


def describe_measure(measure: Measure, lang: str) -> str:
    """'每30秒' / 'every 30 seconds': the number with its unit and relation, as printed."""
    amount = measure.amount
    number = f"{amount[0]}–{amount[1]}" if isinstance(amount, tuple) else str(amount)
    if measure.kind == "count":
        unit = measure.unit.get(lang)
        quantity = f"{number}{unit}" if lang == "zh" else f"{number} {unit}"
    elif lang == "zh":
        quantity = f"{number}{_UNITS['zh'][measure.kind]}"
    else:
        singular, plural = _UNITS["en"][measure.kind]
        quantity = f"{number} {singular if amount == 1 else plural}"
    return _RELATIONS[lang][measure.relation].format(quantity)


def checklist_names(kb: KnowledgeBase) -> list[str]:
    """Every name the `checklist` command accepts, in the order the site lists them."""
    return [*(p.id for p in kb.procedures), FIELD_CARD, KIT, *(f"{TRAINING_PREFIX}{r.id}" for r in kb.roles)]


def checklist_path(name: str, lang: str) -> str:
    """Where a checklist lands in the site: zh at the root, en under en/."""
    return f"{'' if lang == 'zh' else lang + '/'}checklists/{name}.pdf"


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
    return dict(kb=kb, lang=lang, html_lang=HTML_LANG[lang], title=title, L=LABELS[lang],
                escalation=ESCALATION[lang], measure=lambda m: describe_measure(m, lang), **extra)


def _procedure(kb: KnowledgeBase, procedure: Procedure, lang: str, path: str) -> Document:
    title = procedure.title.get(lang)
    html = render("checklist/procedure.html.j2", **_context(kb, lang, title, procedure=procedure,
                                                            font_size_pt=10.0, document=procedure.document,
                                                            source=procedure.source))
    return Document(path, lang, title, (html,))


def _field_card(kb: KnowledgeBase, lang: str, path: str) -> Document:
    title = LABELS[lang]["field_card"]
    variants = tuple(render("checklist/field-card.html.j2", **_context(kb, lang, title, font_size_pt=size))
                     for size in FIELD_CARD_SIZES_PT)
    return Document(path, lang, title, variants, max_pages=FIELD_CARD_PAGES)


def _kit(kb: KnowledgeBase, lang: str, path: str) -> Document:
    title = LABELS[lang]["kit"]
    users = {item.id: [p for p in kb.procedures if item.id in p.kit] for item in kb.kit.items}
    html = render("checklist/kit.html.j2", **_context(kb, lang, title, users=users, font_size_pt=10.0))
    return Document(path, lang, title, (html,))


def _training(kb: KnowledgeBase, role: Role, lang: str, path: str) -> Document:
    title = f"{LABELS[lang]['training']}：{role.title.get(lang)}" if lang == "zh" else \
        f"{LABELS[lang]['training']}: {role.title.get(lang)}"
    phase_title = {p.id: p.title.get(lang) for p in kb.phases.phases}
    html = render("checklist/training.html.j2", **_context(kb, lang, title, role=role, font_size_pt=10.0,
                                                           procedures=kb.procedures_of(role), phase_title=phase_title,
                                                           document=role.document, source=role.source))
    return Document(path, lang, title, (html,))
