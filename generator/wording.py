"""What every output says around the content, in both languages: the language layout, how a typed
number reads, who an exception is handed to, how pay reads, and the labels of each output.

Content words come from the YAML; these are ours. Site pages, checklists, answer keys, quizzes and
postings all take their words from here, so one rule reads the same on the screen, on paper and
in a quiz (a test renders every measure and escalation through each output and compares).
"""

from __future__ import annotations

import re
from typing import Iterable

from .model import Measure, Text

# ---- language layout -----------------------------------------------------------------------------

LANGS = ("zh", "en")
# What goes in <html lang>, in PDF metadata, DOCX core properties and JSON-LD inLanguage.
HTML_LANG = {"zh": "zh-CN", "en": "en"}
COLON = {"zh": "：", "en": ": "}
LIST_SEP = {"zh": "、", "en": ", "}  # between the items of a list written in a line
# A note in brackets after a word: full-width in Chinese, after a space in English ('{}' is the note).
PAREN = {"zh": "（{}）", "en": " ({})"}


def lang_prefix(lang: str) -> str:
    """Chinese is the site root; English lives under en/ with the same paths."""
    return "" if lang == "zh" else f"{lang}/"


def page_language(path: str) -> str:
    """The language of a site path (`en/...` is English, everything else Chinese)."""
    return next((lang for lang in LANGS if lang_prefix(lang) and path.startswith(lang_prefix(lang))), "zh")


# ---- numbers -------------------------------------------------------------------------------------

_UNITS = {
    "seconds": ("秒", "second", "seconds"), "minutes": ("分钟", "minute", "minutes"),
    "hours": ("小时", "hour", "hours"), "days": ("天", "day", "days"), "months": ("个月", "month", "months"),
}
# How the relation frames the quantity. `under` is 不到 (less than), as the procedures write it:
# at exactly 15 minutes late the customer is phoned.
_RELATIONS = {
    "zh": {"every": "每{}", "after": "{}后", "before": "{}前", "ahead": "提前{}", "early": "提前{}", "within": "{}内",
           "under": "不到{}", "over": "超过{}", "exactly": "{}"},
    "en": {"every": "every {}", "after": "after {}", "before": "{} before", "ahead": "{} ahead", "early": "{} early",
           "within": "within {}", "under": "under {}", "over": "over {}", "exactly": "{}"},
}


def format_amount(measure: Measure, lang: str, amount: int | tuple[int, int] | None = None) -> str:
    """The quantity alone: '5–10分钟' / '5–10 minutes', '3下' / '3 taps'. `amount` replaces the
    measure's own number (a quiz's wrong choice borrows the unit)."""
    amount = measure.amount if amount is None else amount
    number = f"{amount[0]}–{amount[1]}" if isinstance(amount, tuple) else str(amount)
    if measure.kind == "count":
        unit = measure.unit.get(lang)
        if lang == "zh":
            return f"{number}{unit}"
        if amount != measure.amount:  # a borrowed unit follows the number: 1 pair → 2 pairs, 3 taps → 1 tap
            written_plural = measure.amount != 1
            singular = unit.removesuffix("s") if written_plural else unit
            unit = singular if amount == 1 else (unit if written_plural else f"{unit}s")
        return f"{number} {unit}"
    zh, one, many = _UNITS[measure.kind]
    if lang == "zh":
        return f"{number}{zh}"
    return f"{number} {one if amount == 1 else many}"


def format_measure(measure: Measure, lang: str) -> str:
    """The quantity framed by its relation: '每30秒' / 'every 30 seconds', '不到15分钟' / 'under 15 minutes'."""
    return _RELATIONS[lang][measure.relation].format(format_amount(measure, lang))


# ---- who an exception goes to ---------------------------------------------------------------------

ESCALATION_TARGETS = {
    "centre": Text(zh="服务中心", en="the service centre"),
    "call-centre": Text(zh="话务中心", en="the call centre"),
    "technical-support": Text(zh="技术支持", en="technical support"),
    "manager": Text(zh="售后经理", en="the after-sales manager"),
    "information-clerk": Text(zh="信息员", en="the information clerk"),
    "colleague": Text(zh="同事", en="a colleague"),
}
ESCALATE = Text(zh="转交", en="Hand over to")


def format_escalation(target: str, lang: str) -> str:
    """'转交：服务中心' / 'Hand over to: the service centre'."""
    return f"{ESCALATE.get(lang)}{COLON[lang]}{ESCALATION_TARGETS[target].get(lang)}"

# ---- where a text comes from in the source -------------------------------------------------------

_ROMAN = {"一": "I", "二": "II", "三": "III", "四": "IV", "五": "V", "六": "VI", "七": "VII", "八": "VIII", "九": "IX", "十": "X"}
_PART = {mark: str(n) for n, mark in enumerate("⑴⑵⑶⑷⑸⑹⑺", start=1)}


def format_source(ref: str, lang: str) -> str:
    """A source section as readers of `lang` read it. Chinese keeps the source's own marks; English
    numbers its seven parts §1–§7, the phases of its service standard (§3) I–VII and the job postings
    of §2 by number: '⑶ 三.3(1)' → '§3, III.3(1)', '⑵ 篇6' → '§2, posting 6', '⑺ 4' → '§7, point 4'."""
    if lang == "zh" or ref[:1] not in _PART:
        return ref
    part, rest = f"§{_PART[ref[0]]}", ref[1:].strip()
    if not rest:
        return part
    if rest.isdigit():
        rest = f"point {rest}"
    rest = re.sub(r"篇(\d+)", r"posting \1", "".join(_ROMAN.get(ch, ch) for ch in rest))
    return f"{part}, {rest}"


# ---- conditions ----------------------------------------------------------------------------------

# An ordinary capitalised word at the start: not an abbreviation (SMS: no boundary after the S).
_FIRST_WORD = re.compile(r"^[*_]{0,2}([A-Z][a-z]*)\b")
# A capitalised word after a lower-case word or a comma: a name (Haier, Office), not a sentence start.
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z0-9,;)] )[A-Z][a-z]+\b")


_LOWER_WORD = re.compile(r"\b[a-z]+\b")


def find_names(texts: Iterable[str]) -> frozenset[str]:
    """The words English text writes with a capital in the middle of a sentence and never in lower
    case: names (Haier, Mandarin), not common words that begin a title (see Knocking on the door)."""
    texts = list(texts)
    capitalised = {word for text in texts for word in _MID_SENTENCE_CAPITAL.findall(text)}
    lower = {word for text in texts for word in _LOWER_WORD.findall(text)}
    return frozenset(word for word in capitalised if word.lower() not in lower)


def format_condition(text: str, lang: str, names: frozenset[str] = frozenset()) -> str:
    """An exception's `when` as it reads after the label before it ('When' / '如果'): in English its
    first word loses its capital ('When the customer is out'), unless it is 'I' or a name (`names`)."""
    match = _FIRST_WORD.match(text) if lang == "en" else None
    if match is None or match.group(1) == "I" or match.group(1) in names:
        return text
    return text[:match.start(1)] + text[match.start(1)].lower() + text[match.start(1) + 1:]


# ---- pay -----------------------------------------------------------------------------------------

PERIOD_NAMES = {
    "zh": {"hour": "小时", "day": "天", "week": "周", "month": "月", "year": "年"},
    "en": {"hour": "an hour", "day": "a day", "week": "a week", "month": "a month", "year": "a year"},
}


def format_pay(low: int, high: int, currency: str, period: str, lang: str) -> str:
    """'6000–9000元/月' / '6000–9000 CNY a month'."""
    amount = f"{low}" if low == high else f"{low}–{high}"
    if lang == "zh":
        return f"{amount}{'元' if currency == 'CNY' else ' ' + currency}/{PERIOD_NAMES[lang][period]}"
    return f"{amount} {currency} {PERIOD_NAMES[lang][period]}"


# ---- what a procedure is ---------------------------------------------------------------------------

KIND_NAMES = {
    "zh": {"sequence": "按顺序做", "checklist": "检查清单", "situation": "遇到时处理"},
    "en": {"sequence": "In order", "checklist": "Checklist", "situation": "When it happens"},
}
# Said of what the source does not hold: KPIs, definitions going beyond it.
OWN = Text(zh="本知识库补充", en="Added by this knowledge base")
# Said of a duty of ours that builds on a section: the section holds the fact (the engineer reports
# a delay to the centre), the role's share in it (the centre clerk takes the report) is ours.
OWN_PART = Text(zh="岗位分工为本知识库补充", en="the role's part added by this knowledge base")


# ---- site pages ----------------------------------------------------------------------------------

SITE_LABELS = {
    "zh": {
        "site": "售后服务知识库", "home": "首页", "visit": "上门服务流程", "roles": "岗位", "glossary": "术语表",
        "kit": "工具与物品", "phase": "阶段", "who": "执行", "when": "适用情况", "steps": "步骤",
        "exceptions": "异常情况", "if": "如果", "always": "始终要做", "never": "绝对不做",
        "optional": "可选", "mandatory": "必带", "terms": "术语", "downloads": "下载", "checklist_pdf": "打印检查表（PDF）",
        "along": "沿服务流程", "document": "来源与文档控制", "source": "来源", "version": "版本", "owner": "负责岗位",
        "last_reviewed": "上次审核", "review_due": "下次审核截止", "instead": "我们的做法",
        "review": {"questionable": "审核说明：原文存疑", "gap": "审核说明：原文未涉及"},
        "also_called": "又称", "sep": LIST_SEP["zh"], "quiz": "岗位测验", "checklists": "培训检查表（PDF）", "posting": "招聘启事草稿",
        "reporting": "汇报关系", "reports_to": "上级", "reported_by": "下级", "no_line": "无上级岗位",
        "responsibilities": "职责", "requirements": "任职要求", "kpis": "考核指标", "kpi": "指标", "target": "目标",
        "hours": "工作时间", "pay": "薪酬数据", "city": "城市", "amount": "金额", "includes": "包含", "as_of": "数据日期",
        "procedures": "按服务顺序执行的流程", "none": "暂无。", "used_in": "用于",
        "intro": "一次上门服务从接单到回访分为以下几个阶段。点击阶段或流程查看每一步怎么做、要注意什么。",
        "start_here": "按岗位开始", "field": "项目", "value": "内容",
        "last_change": "最近修改", "changes": "修订记录", "changes_intro": "规范和岗位的每一次修订，最新的在前。",
        "date": "日期", "item": "文档", "summary": "修改内容", "training": "我的学习进度", "scorm": "SCORM 1.2 课件包（导入学习管理系统）",
        "tags": "标签", "print": "打印", "field_card": "现场卡", "kit_checklist": "出发前物品检查表", "tags_intro": "按岗位和服务阶段列出的全部流程。",
        "short_name": "售后知识库", "not_built": "（本次构建未生成 PDF）",
        "kinds": KIND_NAMES["zh"], "checklist_items": "检查项", "line": "按顺序",
        "checklist_group": "检查清单（各项都要做到，不分先后）", "situation_group": KIND_NAMES["zh"]["situation"],
        "arises_in": "通常出现在", "situations_here": "这一步可能遇到的情况", "own": OWN.zh, "paren": PAREN["zh"],
        "step": "第{n}步", "checklist_item": "检查项",
        # The page the service worker opens offline in place of a page or download it does not hold.
        "offline": {"title": "离线时无法打开", "pdf": "这份 PDF 还没有保存到本设备：PDF 要在联网时打开过一次，之后离线才能查看。",
                    "page": "这个页面还没有保存到本设备：页面要在联网时打开过一次，之后离线才能查看。",
                    "back": "返回刚才的页面", "home": "返回首页", "retry": "联网后再打开"},
    },
    "en": {
        "site": "After-sales service knowledge base", "home": "Home", "visit": "The service visit", "roles": "Roles",
        "glossary": "Glossary", "kit": "Kit", "phase": "Phase", "who": "Who", "when": "Applies", "steps": "Steps",
        "exceptions": "Exceptions", "if": "When", "always": "Always", "never": "Never",
        "optional": "optional", "mandatory": "must be packed", "terms": "Terms", "downloads": "Downloads",
        "checklist_pdf": "Printable checklist (PDF)", "along": "Along the visit", "document": "Source and document control",
        "source": "Source", "version": "Version", "owner": "Owner", "last_reviewed": "Last reviewed",
        "review_due": "Next review due", "instead": "What we teach instead",
        "review": {"questionable": "Review note: the source is questionable", "gap": "Review note: the source is silent"},
        "also_called": "Also called", "sep": LIST_SEP["en"], "quiz": "Role quiz", "checklists": "Training checklists (PDF)",
        "posting": "Job posting draft", "reporting": "Reporting line", "reports_to": "Reports to",
        "reported_by": "Manages", "no_line": "Reports to no other role", "responsibilities": "Responsibilities",
        "requirements": "Requirements", "kpis": "KPIs", "kpi": "Indicator", "target": "Target", "hours": "Working hours",
        "pay": "Pay data", "city": "City", "amount": "Amount", "includes": "Includes", "as_of": "As of",
        "procedures": "Procedures, in visit order", "none": "None yet.", "used_in": "Used in",
        "intro": "A service visit runs through the phases below, from accepting the job to the call-back. "
                 "Open a phase or a procedure to see each step and what to watch for.",
        "start_here": "Start with your role", "field": "Field", "value": "Value",
        "last_change": "Last changed", "changes": "What changed",
        "changes_intro": "Every revision of the procedures and roles, newest first.",
        "date": "Date", "item": "Document", "summary": "Change", "training": "My training progress",
        "scorm": "SCORM 1.2 package (for a learning management system)",
        "tags": "Tags", "print": "Print", "field_card": "field card", "kit_checklist": "kit checklist", "tags_intro": "Every procedure, by role and by phase of the visit.",
        "short_name": "After-sales KB", "not_built": "(PDF not built in this build)",
        "kinds": KIND_NAMES["en"], "checklist_items": "Items", "line": KIND_NAMES["en"]["sequence"],
        "checklist_group": "Checklists (every item applies, in any order)", "situation_group": KIND_NAMES["en"]["situation"],
        "arises_in": "Typically arises in", "situations_here": "What may happen here", "own": OWN.en, "paren": PAREN["en"],
        "step": "Step {n}", "checklist_item": "Checklist item",
        "offline": {"title": "Not available offline",
                    "pdf": "This PDF is not on this device yet: a PDF is stored for offline use once it has been opened online.",
                    "page": "This page is not on this device yet: a page is stored for offline use once it has been opened online.",
                    "back": "Back to the page you came from", "home": "Back to the home page", "retry": "Open it again once online"},
    },
}

# ---- printed checklists --------------------------------------------------------------------------

CHECKLIST_LABELS = {
    "zh": {
        "checklist": "检查表", "field_card": "上门服务现场卡", "kit": "出发前物品检查表", "training": "培训记录",
        "work_order": "工单号", "date": "日期", "engineer": "工程师", "signature": "用户或培训师签字",
        "purpose": "目的", "applies_when": "适用", "steps": "步骤", "exceptions": "例外情况",
        "when": "情况", "then": "处理", "rules": "必须与禁止", "always": "必须", "never": "禁止",
        "kit_needed": "所需物品", "version": "版本", "reviewed": "审核", "source": "出处", "optional": "视情况",
        "trainee": "学员", "trainer": "培训师", "employee_no": "工号", "outlet": "网点",
        "procedure": "规范", "phase": "阶段", "trainee_sign": "学员签字", "trainer_sign": "培训师签字",
        "packed": "已带", "item": "物品", "why": "用途", "checked_by": "检查人",
        "role_procedures": "本岗位执行的全部规范", "items": "检查项", "signed_version": "签认版本",
        "sign_off": "以上规范均已按所列版本完成培训。", "kinds": KIND_NAMES["zh"], "own": OWN.zh, "paren": PAREN["zh"],
    },
    "en": {
        "checklist": "Checklist", "field_card": "On-site service field card", "kit": "Pre-departure kit checklist",
        "training": "Training record",
        "work_order": "Work order", "date": "Date", "engineer": "Engineer", "signature": "Customer or trainer signature",
        "purpose": "Purpose", "applies_when": "Applies", "steps": "Steps", "exceptions": "Exceptions",
        "when": "When", "then": "Then", "rules": "Always and never", "always": "Always",
        "never": "Never", "kit_needed": "Kit needed", "version": "Version", "reviewed": "Reviewed", "source": "Source",
        "optional": "if needed",
        "trainee": "Trainee", "trainer": "Trainer", "employee_no": "Employee no.", "outlet": "Outlet",
        "procedure": "Procedure", "phase": "Phase", "trainee_sign": "Trainee signature", "trainer_sign": "Trainer signature",
        "packed": "Packed", "item": "Item", "why": "What for", "checked_by": "Checked by",
        "role_procedures": "Every procedure this role performs", "items": "Items", "signed_version": "Version signed for",
        "sign_off": "Trained in each procedure above, at the version listed.", "kinds": KIND_NAMES["en"], "own": OWN.en,
        "paren": PAREN["en"],
    },
}

# ---- quizzes and answer keys ---------------------------------------------------------------------

QUIZ_LABELS = {
    "quiz": Text(zh="测验", en="Quiz"),
    "answer_key": Text(zh="测验答案", en="Quiz answer key"),
    "questions": Text(zh="题", en="questions"),
    "seed": Text(zh="随机种子", en="seed"),
    "answer": Text(zh="答案", en="Answer"),
    "why": Text(zh="解析", en="Why"),
    "see": Text(zh="查看规范", en="See the procedure"),
    "true": Text(zh="对", en="True"),
    "false": Text(zh="错", en="False"),
    "check": Text(zh="提交", en="Check"),
    "right": Text(zh="回答正确。", en="Right."),
    "wrong": Text(zh="回答错误。正确答案：{answer}", en="Wrong. The right answer: {answer}"),
    "score": Text(zh="得分", en="Score"),
    "answered": Text(zh="已答", en="answered"),
    # {score} and {result} are the SCORM package's words (TRAINING_LABELS score, result_passed/failed).
    "finished": Text(zh="全部答完。{score}{result}", en="All answered. {score} {result}"),
    "retake": Text(zh="重新测验（打乱顺序）", en="Retake (shuffled)"),
    "choose_first": Text(zh="请先选择一个答案，再点“提交”。", en="Choose an answer first, then Check."),
    "result": Text(zh="测验结果", en="Your result"),
    "missed": Text(zh="答错的题（{n} 道），点“查看规范”重读相应的步骤：", en="Questions you missed ({n}); “See the procedure” opens the step to read again:"),
    "all_right": Text(zh="全部答对。", en="Every answer is right."),
    "right_answer": Text(zh="正确答案：{answer}", en="The right answer: {answer}"),
    "noscript": Text(zh="测验需要启用 JavaScript。", en="The quiz needs JavaScript."),
    "intro": Text(
        zh="题目出自上门服务规范和岗位职责，每题答完后显示解析和相应规范的链接。答题进度保存在本浏览器中。",
        en="The questions come from the service procedures and the role's duties. After each answer you see why, with a link to where it is written. Your progress is kept in this browser.",
    ),
    "downloads": Text(zh="下载", en="Downloads"),
    "pdf": Text(zh="答案 PDF（打印用）", en="Answer key PDF (for printing)"),
    "gift": Text(zh="Moodle 题库（GIFT 格式）", en="Moodle question bank (GIFT)"),
    "kinds": Text(zh="题型", en="Kinds"),
    "numbers": Text(zh="数字", en="numbers"),
    "scenario": Text(zh="情境", en="scenario"),
    "rules": Text(zh="规则", en="rules"),
    "hand-written": Text(zh="人工编写", en="hand-written"),
    "whole_role": Text(zh="综合测验", en="Mixed quiz"),
    "sample": Text(zh="随机抽取{n}题（共{total}题，随机种子{seed}）", en="{n} of {total} questions picked at random (seed {seed})"),
    "source": Text(zh="出处", en="Source"),
    "coverage": Text(zh="应知的{total}项中有{asked}项有题目问到，以下各项没有：", en="{asked} of {total} things to know are asked; no question asks these:"),
    "coverage_step": Text(zh="步骤", en="step"),
    "coverage_exception": Text(zh="情况", en="exception"),
    "coverage_rule": Text(zh="规则", en="rule"),
    "coverage_number": Text(zh="数字", en="number"),
    "coverage_duty": Text(zh="职责", en="duty"),
    "mixed_intro": Text(zh="本页从各部分抽取题目，覆盖每种题型；各部分的测验包含该部分的全部题目：",
                        en="This page mixes questions of every kind from all parts; each part's quiz holds all of that part's questions:"),
    # The part of a role's quiz on its own duties (questions answered by the role page, not a procedure).
    "duties": Text(zh="岗位职责", en="The role's duties"),
}


# What generated quiz questions say around the content (generator/quiz/questions.py fills them in).
# {0}, {1}... are content texts.
QUIZ_PHRASES = {
    "always": Text(zh="始终要", en="Always"),
    "never": Text(zh="绝不能", en="Never"),
    # The context is the knowledge base's wording, not the source's: it is labelled so.
    "number_why": Text(zh="{0}：{1}。本知识库“{2}”一节：{3}", en="{0}: {1}. In this knowledge base's “{2}”: {3}"),
    "number_fallback": Text(zh="{0}是多少？", en="Choose the right number: {0}."),
    "number_fallback_asks": Text(zh="{0}？", en="Choose the right number: {0}."),
    "handed_over": Text(zh="{0}（{1}）", en="{0} ({1}.)"),
    "own_why": Text(zh=f"{{0}}（{OWN.zh}）", en=f"{{0}} ({OWN.en}.)"),
    "own_why_from": Text(zh=f"{{0}}（据{{1}}，{OWN_PART.zh}）", en=f"{{0}} (From {{1}}; {OWN_PART.en}.)"),
    "scenario": Text(zh="{0}。这时应该怎么做？", en="{0}. What do you do?"),
    "required": Text(zh="下面哪一项是服务规范要求做的？", en="which of these does the service standard require?"),
    "forbidden": Text(zh="下面哪一项是服务规范禁止的？", en="which of these does the service standard forbid?"),
    "rule_says": Text(zh="规范明确：{0}：{1}", en="The rule says: {0}: {1}"),
    # A rule of ours (own: true) is not the service standard's: its question says whose it is.
    "required_ours": Text(zh="下面哪一项是本知识库要求做的？", en="which of these does this knowledge base ask of you?"),
    "forbidden_ours": Text(zh="下面哪一项是本知识库禁止的？", en="which of these does this knowledge base forbid?"),
    "rule_says_ours": Text(zh="本知识库的规则：{0}：{1}", en="This knowledge base's rule: {0}: {1}"),
}


def quiz_label(name: str, lang: str) -> str:
    return QUIZ_LABELS[name].get(lang)


# ---- job postings --------------------------------------------------------------------------------

POSTING_LABELS = {
    "zh": {
        "organization": "招聘单位", "location": "工作地点", "pay": "薪资", "employment_type": "工作性质",
        "headcount": "招聘人数", "hours": "工作时间", "valid_through": "截止日期",
        "responsibilities": "岗位职责", "requirements": "任职要求", "contact": "联系方式", "introduction": "关于我们",
        "separator": COLON["zh"], "headcount_unit": "人", "includes_open": "（含", "includes_join": "、", "includes_close": "）",
    },
    "en": {
        "organization": "Organisation", "location": "Location", "pay": "Pay", "employment_type": "Employment type",
        "headcount": "Openings", "hours": "Working hours", "valid_through": "Apply by",
        "responsibilities": "Responsibilities", "requirements": "Requirements", "contact": "How to apply",
        "introduction": "About us", "separator": COLON["en"], "headcount_unit": "", "includes_open": " (includes ", "includes_join": ", ", "includes_close": ")",
    },
}
EMPLOYMENT_NAMES = {
    "zh": {"FULL_TIME": "全职", "PART_TIME": "兼职", "CONTRACTOR": "合同制", "TEMPORARY": "临时", "INTERN": "实习",
           "VOLUNTEER": "志愿", "PER_DIEM": "按日计酬", "OTHER": "其他"},
    "en": {"FULL_TIME": "Full-time", "PART_TIME": "Part-time", "CONTRACTOR": "Contractor", "TEMPORARY": "Temporary",
           "INTERN": "Internship", "VOLUNTEER": "Volunteer", "PER_DIEM": "Per diem", "OTHER": "Other"},
}
# The builder page's own words (generator/assets/posting-builder.js receives them as data).
POSTING_BUILDER_LABELS = {
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
        "instead": "建议", "no_script": "此页面需要 JavaScript。", "note": PAREN["zh"].format("{note}"),
        "in_field": "“{field}”", "in_line": "“{field}”第 {line} 行", "in_item": "{section}第 {n} 条", "in_title": "岗位名称",
        "in_summary": "岗位简介", "in_includes": "薪资包含的“{text}”",
        "refused": "“{field}”中有看不见的控制字符或文字方向字符（{chars}），草稿和导出的内容里已去掉；请把它们删除。",
        "refused_markup": "{where}有 HTML 标记“{text}”，招聘启事里不能有：草稿和导出的内容里已去掉这一行；请改成普通文字。",
        "refused_link": "{where}的链接“{text}”不能用（只能链接 http(s)、mailto、tel 或相对地址）：草稿和导出的内容里已去掉这一行；"
                        "请换成这几种链接，或去掉链接。",
        "refused_entity": "{where}的链接“{text}”是用 HTML 实体写的：草稿和导出的内容里已去掉这一行；请直接写出字符。",
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
        "instead": "instead", "no_script": "This page needs JavaScript.", "note": PAREN["en"].format("{note}"),
        "in_field": "“{field}”", "in_line": "“{field}”, line {line}", "in_item": "{section}, item {n}", "in_title": "Job title",
        "in_summary": "Summary", "in_includes": "Pay includes “{text}”",
        "refused": "“{field}” holds invisible control or text-direction characters ({chars}); the draft and every export "
                   "leave them out. Delete them.",
        "refused_markup": "{where} holds raw HTML (“{text}”), which a posting may not carry: the draft and every export "
                          "leave this line out. Write it as plain text.",
        "refused_link": "{where} links to “{text}”, which a posting may not (only http(s), mailto and tel links and relative "
                        "links): the draft and every export leave this line out. Use one of those or drop the link.",
        "refused_entity": "{where} has a link written with HTML entities (“{text}”): the draft and every export leave this "
                          "line out. Write the characters themselves.",
    },
}

# ---- the trainee's progress page and the SCORM package -------------------------------------------

TRAINING_LABELS = {
    "title": Text(zh="学习进度", en="Training progress"),
    "intro": Text(
        zh="记录只保存在本浏览器中，不会发送到任何地方。打开一篇规范并滚动到末尾即记为已读，也可以在这里手动勾选。"
           "规范在你读过之后修订了，会标出“读过之后有修改”，需要重新阅读。",
        en="Your record stays in this browser; nothing is sent anywhere. A procedure counts as read once you open it "
           "and scroll to its end, or when you tick it here. If it is revised after you read it, it is flagged "
           "“changed since you read it” and needs reading again.",
    ),
    "summary": Text(zh="已读 {read} / {total} · 测验通过 {passed} / {quizzes}", en="Read {read} / {total} · Quizzes passed {passed} / {quizzes}"),
    "path": Text(zh="学习路径", en="Learning path"),
    "quizzes": Text(zh="测验", en="Quizzes"),
    "version": Text(zh="版本", en="Version"),
    "unread": Text(zh="未读", en="Not read"),
    "read_version": Text(zh="已读（版本 {version}，{date}）", en="Read (version {version}, {date})"),
    "changed": Text(zh="读过之后有修改（读的是版本 {version}）", en="changed since you read it (you read version {version})"),
    "open": Text(zh="打开规范", en="Open"),
    "best": Text(zh="最好成绩", en="Best score"),
    "not_taken": Text(zh="未完成", en="not finished yet"),
    "passed": Text(zh="通过", en="passed"),
    "not_passed": Text(zh="未通过", en="not passed"),
    "pass_mark": Text(zh="测验全部答完且得分达到 {percent}% 即为通过。", en="A quiz is passed when every question is answered and the score is {percent}% or more."),
    "export": Text(zh="交给培训师", en="For your trainer"),
    "print": Text(zh="打印记录", en="Print the record"),
    "json": Text(zh="下载 JSON", en="Download JSON"),
    "csv": Text(zh="下载 CSV", en="Download CSV"),
    "clear": Text(zh="清除本岗位的记录", en="Clear my record for this role"),
    "confirm_clear": Text(zh="确定清除本岗位的阅读和测验记录吗？此操作无法撤销。", en="Clear your reading and quiz record for this role? This cannot be undone."),
    "exported": Text(zh="导出时间", en="Exported"),
    "noscript": Text(zh="学习进度需要启用 JavaScript。", en="The progress page needs JavaScript."),
    # The SCORM package's own words.
    "package": Text(zh="岗位培训", en="Training"),
    "contents": Text(zh="目录", en="Contents"),
    "previous": Text(zh="上一页", en="Previous"),
    "next": Text(zh="下一页", en="Next"),
    "submit": Text(zh="提交测验", en="Submit the quiz"),
    "score": Text(zh="得分 {percent}%（{right} / {total}）。", en="Score {percent}% ({right} / {total})."),
    "result_passed": Text(zh="已通过（合格线 {mastery}%）。", en="Passed (pass mark {mastery}%)."),
    "result_failed": Text(zh="未通过（合格线 {mastery}%），请重读后再试。", en="Not passed (pass mark {mastery}%): read again and retry."),
    "retry": Text(zh="重新作答", en="Try again"),
    "unanswered": Text(zh="还有 {n} 题未答。", en="{n} questions are not answered yet."),
    "pages_read": Text(zh="已读 {read} / {total} 页", en="{read} of {total} pages read"),
}


# The industries of role items (model.role.Industry), as the builder's filter names them.
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
