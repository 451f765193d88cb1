"""The real content against the content brief: every procedure of the visit, every number, the roles,
the review notes, the glossary seeds, and no sentence pasted from the source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.knowledge import load_knowledge_base
from generator.model import Text

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "tests" / "data" / "source.txt"  # a copy of the source document, so CI needs nothing outside the clone

# The brief's procedure table: (phase, procedure id, kind, numbers as (unit, amount, relation)). Sequences
# are listed in visit order; fee disclosure sits before the repair although the source describes it in 五.
BRIEF = [
    ("accept-task", "verify-work-order", "sequence", []),
    ("accept-task", "analyse-before-going", "sequence", []),
    ("accept-task", "contact-customer", "sequence", [("hours", 2, "after")]),
    ("prepare", "pack-kit", "checklist", []),
    ("prepare", "departure-time", "sequence", [("hours", 1, "ahead"), ("minutes", (5, 10), "early")]),
    ("prepare", "on-the-road", "sequence", []),
    ("before-service", "grooming-check", "checklist", []),
    ("before-service", "door-knocking", "sequence", [("count", 3, None), ("count", 2, None), ("seconds", 30, "every"), ("minutes", 5, "after")]),
    ("before-service", "entering", "sequence", [("minutes", 5, "early")]),
    ("before-service", "running-late", "situation", [("minutes", (1, 2), "before"), ("minutes", 15, "under"), ("minutes", 15, "over")]),
    ("before-service", "door-exceptions", "situation", []),
    ("before-service", "shoe-covers", "sequence", [("count", 1, None)]),
    ("before-service", "toolbox-placement", "sequence", []),
    ("service", "listening", "sequence", []),
    ("service", "diagnosis", "sequence", []),
    ("service", "fee-disclosure", "sequence", []),
    ("service", "on-site-conduct", "checklist", []),
    ("service", "pull-back-repair", "sequence", []),
    ("service", "new-problems-and-claims", "situation", []),
    ("service", "interruptions", "situation", []),
    ("service", "threats", "situation", []),
    ("service", "test-run", "sequence", [("hours", 2, "after")]),
    ("service", "hand-over-and-clean-up", "sequence", []),
    ("fees", "software-fees", "situation", [("months", 1, "within"), ("months", 3, "after")]),
    ("fees", "out-of-warranty-fees", "situation", []),
    ("fees", "fee-disputes", "situation", []),
    ("completion", "customer-sign-off", "sequence", []),
    ("completion", "gift-and-service-card", "sequence", []),
    ("completion", "leaving", "sequence", []),
    ("follow-up", "call-back", "situation", [("hours", 3, "after")]),
    ("follow-up", "feedback-and-reconciliation", "sequence", []),
]
# The support agent's own work, from ⑺ (issue 19): the learning path a new agent follows.
AGENT = [
    ("follow-up", "survey-call-back", "sequence", []),
    ("accept-task", "customer-enquiry", "situation", []),
    ("follow-up", "call-back", "situation", [("hours", 3, "after")]),
    ("follow-up", "complaints", "situation", []),
    ("follow-up", "angry-caller", "situation", []),
    ("follow-up", "support-conduct", "checklist", []),
    ("follow-up", "daily-problem-log", "checklist", []),
]
GLOSSARY_SEEDS = ["三包", "超保", "拉修", "周转机", "垫布", "盖布", "鞋套", "上岗证", "五个一", "保修记录单",
                  "服务任务监督卡", "留言条", "网点", "中心", "试机通检", "回访"]
KIT_SEEDS = ["维修工具", "备件", "周转机", "五个一", "保修记录单", "收据", "收费标准", "留言条", "上岗证", "垫布"]


@pytest.fixture(scope="module")
def kb():
    kb, report = load_knowledge_base(REPO, strict=True)
    assert kb is not None, report.format()
    return kb


def test_every_procedure_of_the_brief_with_its_kind_and_the_line_in_visit_order(kb):
    both = BRIEF + [entry for entry in AGENT if entry[1] != "call-back"]
    missing = [pid for _, pid, _, _ in both if pid not in kb.procedure_by_id]
    assert not missing, f"procedures missing from the model: {missing}"
    assert {pid: kb.procedure_by_id[pid].kind for _, pid, _, _ in both} == {pid: kind for _, pid, kind, _ in both}
    assert {pid: kb.procedure_by_id[pid].phase for _, pid, _, _ in both} == {pid: phase for phase, pid, _, _ in both}
    assert [p.id for p in kb.line] == [pid for _, pid, kind, _ in BRIEF if kind == "sequence"] + ["survey-call-back"]
    assert len(kb.procedures) == len(both)


def test_the_support_agent_learns_their_own_work_from_the_source(kb):
    """Issue 19: the agent's learning path was one procedure (Call-back). Now it is the agent's work of
    ⑺ (enquiries, the daily log, complaints, survey calls, no selling), each procedure the agent's
    alone but the call-back, cited to ⑺, with the words agents search for and a note of what is ours."""
    agent = kb.role_by_id["support-agent"]
    assert [p.id for p in kb.learning_path(agent)] == [pid for _, pid, _, _ in AGENT]
    for _, pid, _, _ in AGENT[:2] + AGENT[3:]:
        p = kb.procedure_by_id[pid]
        assert p.roles == ["support-agent"] and p.source.startswith("⑺"), pid
        assert len(p.search_terms) >= 4 and p.review_notes, pid
        assert any(item.own for item in (*p.steps, *p.exceptions, *p.rules)), pid  # the source gives no steps
        assert any(not item.own for item in (*p.steps, *p.exceptions, *p.rules)), pid  # nor is it all ours
    rules = {r.text.en for p in kb.learning_path(agent) for r in p.rules if r.kind == "never"}
    assert any("sell" in rule.lower() for rule in rules)


def test_fees_are_shown_before_the_repair(kb):
    line = [p.id for p in kb.line]
    assert line.index("diagnosis") < line.index("fee-disclosure") < line.index("pull-back-repair")
    assert kb.neighbours(kb.procedure_by_id["hand-over-and-clean-up"])[1].id == "customer-sign-off"


def test_every_situation_says_when_and_is_linked_from_where_it_arises(kb):
    for p in kb.procedures:
        if p.kind == "situation":
            assert p.applies_when and p.arises_in, p.id
            for place in p.arises_in:
                assert p in kb.situations_in(kb.procedure_by_id[place])
        assert kb.neighbours(p) == (None, None) or p.on_the_line


@pytest.mark.parametrize("phase, pid, kind, numbers", [b for b in BRIEF if b[3]], ids=[b[1] for b in BRIEF if b[3]])
def test_every_number_of_the_brief_is_a_typed_measure(kb, phase, pid, kind, numbers):
    measures = kb.procedure_by_id[pid].measures()
    for unit, amount, relation in numbers:
        found = [m for m in measures if m.kind == unit and m.amount == amount and (relation is None or m.relation == relation)]
        assert found, f"{pid}: no measure {unit}={amount} ({relation or 'any relation'}); has {[(m.kind, m.amount, m.relation) for m in measures]}"


def test_roles(kb):
    assert sorted(kb.role_by_id) == ["engineer", "information-clerk", "manager", "support-agent"]
    for rid in ("engineer", "information-clerk", "support-agent"):
        assert kb.role_by_id[rid].reports_to == "manager"
    manager = kb.role_by_id["manager"]
    pay = [(p.amount, p.currency, p.period, str(p.as_of)) for p in manager.pay]
    assert (5000, "CNY", "month", "2023-03-27") in pay
    assert any("杭州" in p.city.zh and p.includes for p in manager.pay)
    codes = {(c.system, c.code) for c in kb.role_by_id["engineer"].occupational_codes}
    assert {("CN-OCC", "4-12-03-01"), ("ONET-SOC", "49-9031.00")} <= codes
    assert kb.role_by_id["information-clerk"].working_hours.hours_per_day == 8
    assert {p.id for p in kb.procedures_of(kb.role_by_id["engineer"])} == {pid for _, pid, _, _ in BRIEF}


def test_manager_library_covers_all_18_job_descriptions(kb):
    manager = kb.role_by_id["manager"]
    items = manager.responsibilities + manager.requirements
    # Near-duplicates were merged under the first description; the others are tagged also-pian-N.
    sources = {i.source for i in items} | {f"⑵ 篇{t.removeprefix('also-pian-')}" for i in items for t in i.tags if t.startswith("also-pian-")}
    for n in range(1, 19):
        assert f"⑵ 篇{n}" in sources, f"nothing drawn from ⑵ 篇{n}"
    assert {ind for i in manager.responsibilities for ind in i.industries} >= {"appliances", "automotive", "insurance"}


def test_discriminatory_requirements_are_examples_not_role_text(kb):
    banned = re.compile(r"\d{2}\s*[-–至到]\s*\d{2}\s*岁|五官端正|形象好|声音甜美|身体健康|相貌|年龄")
    for role in kb.roles:
        for item in role.responsibilities + role.requirements:
            assert not banned.search(item.text.zh), f"{role.id}.{item.id}: {item.text.zh}"
    categories = {e.category for e in kb.biased_wording.examples}
    assert {"age", "looks", "voice", "health"} <= categories
    assert {e.source for e in kb.biased_wording.examples} >= {"⑵ 篇6", "⑵ 篇14"}


def test_review_notes_of_the_brief(kb):
    def notes(item):
        return {(n.kind, n.source or item.source) for n in item.review_notes}

    late = kb.procedure_by_id["running-late"]
    assert any(k == "questionable" for k, _ in notes(late)) and all(n.alternative for n in late.review_notes)
    assert any(k == "questionable" for k, _ in notes(kb.procedure_by_id["customer-sign-off"]))
    assert ("gap", "⑶ 五.2") in notes(kb.procedure_by_id["software-fees"])
    assert any(k == "questionable" for k, _ in notes(kb.role_by_id["manager"]))


def test_glossary_and_kit_seeds(kb):
    terms = {t.term.zh for t in kb.glossary.terms}
    assert set(GLOSSARY_SEEDS) <= terms
    kit_names = " ".join(k.name.zh for k in kb.kit.items)
    assert all(seed in kit_names for seed in KIT_SEEDS)
    used_terms = {t for p in kb.procedures for t in p.glossary}
    used_kit = {k for p in kb.procedures for k in p.kit}
    assert used_terms >= {"three-guarantees", "pull-back-repair", "loaner-unit", "floor-mat", "shoe-covers"}
    assert "floor-mat" in used_kit


def test_every_role_and_procedure_cites_its_source(kb):
    for p in kb.procedures:
        # the visit from the standard (⑶), the support agent's own work from ⑺
        assert p.source.startswith("⑶") or (p.roles == ["support-agent"] and p.source.startswith("⑺")), p.id
    for r in kb.roles:
        assert r.source[0] in "⑴⑵⑶⑷⑸⑹⑺"


def _texts(model, found):
    from pydantic import BaseModel

    if isinstance(model, Text):
        found.append(model.zh)
    elif isinstance(model, BaseModel):
        for name in type(model).model_fields:
            _texts(getattr(model, name), found)
    elif isinstance(model, (list, tuple)):
        for item in model:
            _texts(item, found)
    return found


def test_no_sentence_pasted_from_the_source(kb):
    """Facts carry over, sentences are ours: no 16 characters in a row (punctuation aside) come from the source.

    Runs that hold a list separator (、) are exempt: the fields of a work order or the items of the
    kit are facts, and a list of them reads the same in any wording.
    """
    def squeeze(s: str) -> str:
        return re.sub(r"[^\w、]+|_", "", s)

    window = 16
    source = squeeze(SOURCE.read_text(encoding="utf-8"))
    grams = {source[i:i + window] for i in range(len(source) - window + 1)}
    pasted = []
    for item in [*kb.roles, *kb.procedures, kb.glossary, kb.kit]:
        for text in _texts(item, []):
            t = squeeze(text)
            runs = (t[i:i + window] for i in range(len(t) - window + 1))
            hits = [run for run in runs if run in grams and "、" not in run]
            if hits:
                pasted.append((getattr(item, "id", type(item).__name__), hits[0]))
    assert not pasted, pasted


# ---- issue 11: the content as a trainer would sign it -------------------------------------------

def _squeeze(text: str) -> str:
    return re.sub(r"[^\w]+|_", "", text)


def _shared_run(a: str, b: str) -> int:
    """The longest run of characters two texts share (punctuation aside)."""
    from difflib import SequenceMatcher
    a, b = _squeeze(a), _squeeze(b)
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def test_a_condition_is_an_exception_not_a_step(kb):
    """No step opens with a condition ("If the product is out of warranty, ..."): that is an exception,
    when → then. Checklist items may say what applies when; sequences and situations may not."""
    conditional = re.compile(r"^(If|Should|In case)\b")
    for p in kb.procedures:
        if p.kind == "checklist":
            continue
        for step in p.steps:
            assert not conditional.match(step.text.en), f"{p.id}.{step.id}: {step.text.en}"
            assert not re.match(r"^(如果|若|假如|遇到)", step.text.zh), f"{p.id}.{step.id}: {step.text.zh}"


def test_no_text_is_both_a_step_and_an_exception(kb):
    for p in kb.procedures:
        for step in p.steps:
            for exc in p.exceptions:
                shared = _shared_run(step.text.zh, exc.then.zh)
                assert shared < 12, f"{p.id}: step {step.id} and exception {exc.id} say the same thing ({shared} characters)"


def test_every_exception_says_what_to_do_on_site(kb):
    """An exception's `then` is an action, not only a pointer elsewhere or advice for another day."""
    pointer = re.compile(r"^(Follow the [\w\s-]+ procedure|See .+)\.?$")
    for p in kb.procedures:
        for exc in p.exceptions:
            assert not pointer.match(exc.then.en), f"{p.id}.{exc.id}: {exc.then.en}"
            assert not re.fullmatch(r"按“[^”]+”流程处理。?", exc.then.zh), f"{p.id}.{exc.id}: {exc.then.zh}"
            assert "before you set off" not in exc.then.en or p.phase == "prepare", f"{p.id}.{exc.id}: not something to do on site"


def test_one_timing_id_one_value_and_each_number_defined_once(kb):
    seen: dict[str, tuple] = {}
    for p in kb.procedures:
        for m in p.measures():
            assert seen.setdefault(m.id, (m.kind, m.amount, m.relation)) == (m.kind, m.amount, m.relation), m.id
    two_hour_guidance = [p.id for p in kb.procedures for m in p.measures() if m.id == "call-back-after-guidance"]
    assert two_hour_guidance == ["contact-customer"]
    entering = kb.procedure_by_id["entering"]
    knock = [m for m in entering.measures() if m.amount == 5]
    assert knock and knock[0].id != "arrive-early" and knock[0].relation == "early"
    assert "最多" not in entering.steps[0].text.zh and "up to" not in entering.steps[0].text.en
    assert "开门" not in entering.applies_when.zh.split("，")[0]  # it starts before the door opens (knocking on time)


def test_the_sources_facts_not_more_and_not_less(kb):
    p = kb.procedure_by_id
    never_reached = next(e for e in p["contact-customer"].exceptions if e.id == "never-reached")
    # ⑶ 一.3(4) says only to leave a phone number on the note; which one is a gap, not ours to fill in silently
    assert "电话号码" in never_reached.then.zh and "phone number" in never_reached.then.en
    assert "公司" not in never_reached.then.zh and "company" not in never_reached.then.en
    assert any(n.kind == "gap" for n in p["contact-customer"].review_notes)
    grooming = " ".join(s.text.en + s.text.zh for s in p["grooming-check"].steps) + " ".join(
        e.when.en + e.when.zh for e in p["grooming-check"].exceptions)
    assert "shaved" not in grooming and "刮" not in grooming and "overgrown" in grooming and "个人修养" not in grooming
    disclosure = p["fee-disclosure"]
    assert not any("用户的要求和收费标准" in s.text.zh for s in disclosure.steps)
    assert any("升级收费" in n.text.zh for n in disclosure.review_notes)
    engineer = kb.role_by_id["engineer"]
    ids = {i.id: i for i in engineer.responsibilities}
    assert "escalate-problems" not in ids
    assert ids["report-new-problems"].source == ids["refer-compensation"].source == "⑶ 四.2(4)"
    assert ids["no-confrontation"].source == "⑶ 四.2(6)"
    manager = kb.role_by_id["manager"]
    manager_text = " ".join(_texts(manager, []))
    assert "拒绝道歉" not in manager_text and "亲自带队" not in manager_text
    clerk = " ".join(_texts(kb.role_by_id["information-clerk"], []))
    assert "改派其他工程师" not in clerk
    assert "以需要检测为由" not in " ".join(_texts(p["new-problems-and-claims"], []))
    for pid in ("diagnosis", "pull-back-repair", "new-problems-and-claims", "leaving", "departure-time"):
        assert p[pid].review_notes, f"{pid} needs its review note"


def test_what_the_source_does_not_say_is_marked_ours_or_gone(kb):
    for role in kb.roles:
        for kpi in role.kpis:
            assert kpi.own or kpi.source, f"{role.id}.{kpi.id}"
    terms = kb.term_by_id
    assert "保修期" not in terms["warranty-card"].definition.zh
    assert "统一派工" not in terms["service-centre"].definition.zh
    assert all(t.own or t.source for t in kb.glossary.terms)
    new_problem = " ".join(_texts(kb.procedure_by_id["new-problems-and-claims"], []))
    assert "慌乱" not in new_problem  # the invented reason for stepping away
    majors = {i.id: i for i in kb.role_by_id["manager"].requirements}
    assert "优先" not in majors["major-automotive"].text.zh  # 篇4 requires the major


def test_missing_items_are_in_a_role_with_their_source(kb):
    items = [(r.id, i) for r in kb.roles for i in (*r.responsibilities, *r.requirements)]
    def find(source: str, *words: str) -> bool:
        return any(i.source == source and all(w in i.text.zh for w in words) for _, i in items)
    assert find("⑷", "介绍产品") or find("⑷", "产品介绍")
    assert find("⑷", "零配件", "供应")
    assert find("⑵ 篇9", "2年") and find("⑵ 篇9", "销售") and find("⑵ 篇9", "计算机", "外贸")
    assert find("⑵ 篇11", "活动", "评估") and find("⑵ 篇11", "售后战略", "售后计划") and find("⑵ 篇11", "对外业务合作")
    one_year = next(i for _, i in items if i.id == "sales-or-support-experience")
    assert "also-pian-9" not in one_year.tags  # 篇9 asks for 2 years, not 篇3's 1
    notes = " ".join(n.text.zh for r in kb.roles for n in r.review_notes)
    assert "性格开朗外向" in notes


# Phrases a trainer struck out; they must not come back.
STRUCK = [
    ("en", r"\bdrink\b(?! water)|\bdrinking\b(?! water)|have a drink"),  # 喝水 is water, not alcohol
    ("en", r"with nothing wrong or missing, and nothing that could dirty"),
    ("en", r"five service props|a replacement\b"),
    ("en", r"wherever the company sends you"),
    ("en", r"within the last 1 month"),
    ("en", r"\(or longer\)"),
    ("zh", r"新约的时间要提前到达|卫生间、毛巾之类的物品|个人修养|按价赔偿|对帐"),
]


@pytest.mark.parametrize("lang, pattern", STRUCK, ids=[p for _, p in STRUCK])
def test_struck_phrases_do_not_come_back(kb, lang, pattern):
    texts = []
    for item in [*kb.roles, *kb.procedures, kb.glossary, kb.kit, *(q for qs in kb.hand_written.values() for q in qs)]:
        _texts_in(item, lang, texts)
    hits = [t for t in texts if re.search(pattern, t)]
    assert not hits, hits[:3]


def test_trainees_never_read_about_the_source_outside_review_notes(kb):
    """'The source says...' belongs in review notes; what trainees learn from speaks for itself."""
    texts = []
    for item in [*kb.procedures, kb.glossary, kb.kit]:
        _texts_in(item, "en", texts, skip=("review_notes",))
        _texts_in(item, "zh", texts, skip=("review_notes",))
    hits = [t for t in texts if re.search(r"\bthe source\b|(?<!技术)资料|原文", t, re.IGNORECASE)]
    assert not hits, hits[:3]


def _texts_in(model, lang: str, found: list, skip: tuple[str, ...] = ()) -> list:
    from pydantic import BaseModel

    if isinstance(model, Text):
        found.append(model.get(lang))
    elif isinstance(model, BaseModel):
        for name in type(model).model_fields:
            if name not in skip:
                _texts_in(getattr(model, name), lang, found, skip)
    elif isinstance(model, (list, tuple)):
        for item in model:
            _texts_in(item, lang, found, skip)
    return found


def test_no_definition_repeats_its_term(kb):
    """A definition that names its own term gives a glossary question away."""
    for t in kb.glossary.terms:
        for lang in ("zh", "en"):
            assert t.term.get(lang).casefold() not in t.definition.get(lang).casefold(), f"{t.id} ({lang})"


# ---- issue 17: round two of the trainer's read -------------------------------------------------

def _item(kb, role: str, item_id: str):
    role_ = kb.role_by_id[role]
    return next(i for i in (*role_.responsibilities, *role_.requirements) if i.id == item_id)


def _part(procedure, part_id: str):
    return next(x for x in (*procedure.steps, *procedure.exceptions, *procedure.rules) if x.id == part_id)


def test_wrong_facts_of_issue_17_are_right(kb):
    p = kb.procedure_by_id
    refused = _part(p["running-late"], "apology-refused")  # ⑶ 三.3(1): only after more than 15 minutes
    assert "超过15分钟" in refused.when.zh and "more than 15 minutes" in refused.when.en
    question = next(q for q in kb.hand_written["manager"] if q.anchor == "apology-refused")
    assert "超过15分钟" in question.prompt.zh and "more than 15 minutes" in question.prompt.en
    assert "超过15分钟" in kb.role_by_id["manager"].summary.zh
    knock = next(m for m in p["entering"].measures() if m.id == "knock-early")  # ⑶ 三.3: on time or 5 minutes early
    for text in (knock.ask.zh, knock.what.zh):
        assert "约定时间" in text and "最多" not in text and "可以" not in text
    for text in (knock.ask.en, knock.what.en):
        assert "agreed time" in text and not re.search(r"\b(?:may|at most|up to)\b", text)
    assert any(n.id == "arrive-read-as-knock" and n.alternative for n in p["entering"].review_notes)
    quality = _item(kb, "manager", "auto-quality-experience")  # ⑵ 篇2.11: management is a requirement of its own
    assert "4–6" not in quality.text.zh and "4 to 6" not in quality.text.en
    assert "4–6年管理" in _item(kb, "manager", "management-experience").text.zh
    security = _item(kb, "manager", "security-project-experience")  # ⑵ 篇12.1: preferred
    assert re.search(r"监控产品者优先", security.text.zh) and "is a plus" in security.text.en
    parts = _item(kb, "engineer", "manage-spare-parts")  # ⑵ 篇17.4: spare parts in general
    assert "领用" not in parts.text.zh and "draw" not in parts.text.en and "零备件的管理" in parts.text.zh
    assert "also-pian-14" not in _item(kb, "manager", "english").tags  # 篇14 asks only for basic English


def test_missing_facts_of_issue_17_are_in(kb):
    other = _item(kb, "manager", "other-assigned-tasks")
    assert other.source == "⑵ 篇1" and {f"also-pian-{n}" for n in (3, 5, 9, 10, 15)} <= set(other.tags)
    advert = next(n for n in kb.role_by_id["manager"].review_notes if n.source == "⑵ 篇6" and "保险" in n.text.zh)
    assert all(fact in advert.text.zh for fact in ("周末双休", "灵活", "课长", "处经理", "5000元", "2万", "5万", "年薪百万"))
    assert advert.kind == "questionable" and advert.alternative
    stations = _item(kb, "manager", "assess-service-stations")
    assert stations.source == "⑵ 篇8" and "服务能力" in stations.text.zh and "业务能力" in stations.text.zh
    internet = _item(kb, "manager", "internet-experience-plus")
    assert internet.source == "⑵ 篇5" and "互联网" in internet.text.zh and "优先" in internet.text.zh
    motto = next(n for n in kb.role_by_id["engineer"].review_notes if n.source == "⑶" and "用户永远是对的" in n.text.zh)
    assert "海尔真诚到永远" in motto.text.zh and motto.alternative


def test_what_we_teach_instead_is_marked_ours(kb):
    p = kb.procedure_by_id
    ours = {("running-late", "never-invent-excuse"), ("running-late", "always-give-real-reason"),
            ("diagnosis", "always-say-cause-not-found"), ("pull-back-repair", "always-real-reason-for-pull-back"),
            ("new-problems-and-claims", "always-tell-of-new-problem"), ("customer-sign-off", "always-fill-cause-and-measures"),
            ("call-back", "flag-unsure-repairs"), ("on-site-conduct", "step-ladder"),
            ("on-site-conduct", "nothing-safe-to-climb"), ("on-site-conduct", "always-own-water-and-breaks"),
            ("pull-back-repair", "always-customer-decides-position"), ("pull-back-repair", "never-install-against-safety-rules")}
    for pid, part in ours:
        assert _part(p[pid], part).own, f"{pid}.{part}"
        assert p[pid].is_own(part)
    assert not p["running-late"].is_own("late-under")  # a timing keeps the source's number
    assert not p["pull-back-repair"].is_own("installing")  # the source's part of installing, cited
    assert any(n.source == "⑶ 七.1" for n in p["call-back"].review_notes)  # says who flags the call-back is ours
    # Requirements the source states for no posting, read off the duties it gives (⑶, ⑷): ours, with a note.
    for role_id, ids in (("engineer", ("knows-the-standard", "product-know-how", "keeps-calm", "knows-fee-rules")),
                         ("manager", ("parts-supply",))):
        role = kb.role_by_id[role_id]
        for item_id in ids:
            assert _item(kb, role_id, item_id).own, (role_id, item_id)
        assert any(n.source in ("⑶", "⑷") and n.kind == "gap" for n in role.review_notes), role_id
    # An item of ours does not swallow what the source says: the source's part stays cited, ours is its own item.
    theirs = {("running-late", "late-under-15"), ("running-late", "late-over-15"), ("pull-back-repair", "refuses-pull-back"),
              ("on-site-conduct", "never-smoke-drink-eat-stay"), ("listening", "urged-to-rest"),
              ("listening", "never-accept-hospitality"), ("diagnosis", "cause-unclear"),
              ("new-problems-and-claims", "not-solved-on-the-spot"), ("customer-sign-off", "fill-in-record-form")}
    for pid, part in theirs:
        assert not p[pid].is_own(part), f"{pid}.{part}"
    late = p["running-late"]
    for part in ("late-under-15", "late-over-15"):  # ⑶ 三.3(1): apologise, may explain, ask for understanding
        then = _part(late, part).then
        assert "道歉" in then.zh and "谅解" in then.zh and not re.search("如实|真实", then.zh), part
        assert not re.search(r"truthful|honest|real reason", then.en), part
    assert "小礼品" in _part(late, "late-over-15").then.zh and "gift" in _part(late, "late-over-15").then.en
    assert "真实" in _part(late, "always-give-real-reason").text.zh
    refuses = _part(p["pull-back-repair"], "refuses-pull-back").then  # ⑶ 四.2(3): benefits, else on site, part numbers
    assert "好处" in refuses.zh and "备件的编号" in refuses.zh and "检测" not in refuses.zh
    assert "part" in refuses.en and "instrument" not in refuses.en
    testing = _part(p["pull-back-repair"], "always-real-reason-for-pull-back").text  # conditional, as the review note says
    assert "确实" in testing.zh and "only when it really does" in testing.en
    clerk = kb.role_by_id["information-clerk"]
    assert all(i.own for i in clerk.requirements)
    for rid in ("engineer", "information-clerk", "support-agent"):
        assert kb.role_by_id[rid].reports_to_own, rid
    assert any("客服主管" in n.text.zh for n in kb.role_by_id["support-agent"].review_notes)
    liaise = _item(kb, "manager", "liaise-headquarters")
    assert "服务中心" not in liaise.text.zh and "service centre" not in liaise.text.en


def test_unsafe_practices_are_taught_safely(kb):
    p = kb.procedure_by_id
    conduct = p["on-site-conduct"]
    ladder = _part(conduct, "step-ladder")  # no standing on furniture, no cloth underfoot
    assert "人字梯" in ladder.text.zh and "不站到" in ladder.text.zh and "不垫布" in ladder.text.zh
    assert "stepladder" in ladder.text.en and "no cloth" in ladder.text.en
    # ⑶ 三.4: covers are worn in principle; the safe way keeps them on rather than contradicting the rule
    assert "鞋套照常穿" in ladder.text.zh and "keep your shoe covers on" in ladder.text.en
    assert _part(p["shoe-covers"], "always-wear-covers").kind == "always"
    climb = _part(conduct, "nothing-safe-to-climb")
    assert climb.escalate_to == "centre" and "不要登高" in climb.then.zh and "改约" in climb.then.zh
    notes = {n.id: n for n in conduct.review_notes}
    assert notes["cloth-on-a-stool"].kind == notes["no-water-no-break"].kind == "questionable"
    assert "人字梯" in notes["cloth-on-a-stool"].alternative.zh and "鞋套照常穿" in notes["cloth-on-a-stool"].alternative.zh
    # ⑶ 四.2(2) bans drinking water in the home outright: the rule says so, cited; the welfare reading is ours,
    # and it keeps the engineer in water and rest without breaking the rule (outside the home).
    ban = _part(conduct, "never-smoke-drink-eat-stay")
    assert not ban.own and "喝水" in ban.text.zh and "用户家的水" not in ban.text.zh and "drink water" in ban.text.en
    welfare = _part(conduct, "always-own-water-and-breaks")
    assert welfare.own and "自带饮用水" in welfare.text.zh and "门外" in welfare.text.zh
    assert "本知识库" in notes["no-water-no-break"].alternative.zh
    listening = p["listening"]  # ⑶ 四.1: urged to rest, drink water or smoke → explain the code and decline
    urged = _part(listening, "urged-to-rest")
    assert "谢绝" in urged.then.zh and "decline" in urged.then.en
    taught = [*listening.steps, *listening.exceptions, *listening.rules, *listening.review_notes]
    assert not any("茶" in t for t in _texts(taught, [])), "tea is not in the source"
    assert "休息" in _part(listening, "never-accept-hospitality").text.zh
    rest = next(n for n in listening.review_notes if n.id == "rest-and-water-are-welfare")
    assert rest.kind == "questionable" and "本知识库" in rest.alternative.zh
    for role in kb.roles:  # conduct on the job is training, and water welfare: neither is a hiring requirement
        for note in role.review_notes:
            assert "不喝水" not in (note.alternative.zh if note.alternative else ""), (role.id, note.id)
    for example in kb.biased_wording.examples:
        assert "不喝水" not in example.alternative.zh, example.id
    pull_back = p["pull-back-repair"]
    installing = _part(pull_back, "installing")  # the source's part, cited; the safe limits are rules of ours
    assert not installing.own and "最后" not in installing.then.zh and "用户决定" not in installing.then.zh
    position = _part(pull_back, "always-customer-decides-position")
    assert position.own and "安全规定" in position.text.zh and "记下来" in position.text.zh
    assert _part(pull_back, "never-install-against-safety-rules").kind == "never"
    assert _part(pull_back, "insists-on-unsafe-position").escalate_to == "centre"
    assert any(n.id == "customer-decides-unsafe-position" for n in pull_back.review_notes)
    # The quiz does not ask the position: our rule and the source's (the customer decides) would be two
    # defensible answers to a reader of the source. What it must never do is teach the source's as right.
    taught = [q for q in kb.hand_written["engineer"] if q.anchor in {"installing", "insists-on-unsafe-position", "always-customer-decides-position"}]
    assert all("安全规定" in q.choices[q.right].text.zh for q in taught if q.type == "choice")


def test_translations_of_issue_17(kb):
    p = kb.procedure_by_id
    assert "centrally" in _part(p["call-back"], "who-calls").text.en
    assert "for everyone" not in _part(p["call-back"], "who-calls").text.en
    missing = _part(p["analyse-before-going"], "part-may-be-missing").then  # ⑶ 一.2(1): draw or request, no condition
    plan = _item(kb, "engineer", "plan-before-going").text
    for text in (missing, plan):
        assert "领" in text.zh and "申请" in text.zh and "领不到" not in text.zh
        assert "draw" in text.en and "request" in text.en and "if you cannot" not in text.en
    assert "genuine" not in _part(p["door-exceptions"], "customer-doubts-engineer").when.en


# ---- issue 17, round three: a strict reviewer's remaining points --------------------------------

def test_arrival_is_the_sources_and_knocking_the_notes(kb):
    """⑶ 三.3 says arrive at the agreed time or 5 minutes early; reading it as knocking is ours (review note)."""
    entering = kb.procedure_by_id["entering"]
    step = entering.steps[0]
    assert "到达用户家" in step.text.zh and step.text.en.startswith("Arrive")
    knock = next(m for m in entering.measures() if m.id == "knock-early")
    assert knock.ask.zh == "除了按约定时间，规范还允许提前几分钟到达用户家？"
    assert knock.ask.en == "Besides arriving at the agreed time, how many minutes early does the standard allow you to arrive?"
    for text in (knock.ask, knock.what, step.text):
        assert "敲门" not in text.zh.split("；")[0] and not re.search(r"(?i)you knock|by the standard", text.en)
    note = next(n for n in entering.review_notes if n.id == "arrive-read-as-knock")
    assert "敲门" in note.text.zh and "本知识库的解读" in note.text.zh


def test_the_insurance_advert_note_names_what_the_role_keeps(kb):
    """The 篇6 note lists every item the role takes from 篇6, and no other item comes from it."""
    manager = kb.role_by_id["manager"]
    from_pian_6 = {i.id for i in (*manager.responsibilities, *manager.requirements)
                   if i.source == "⑵ 篇6" or "also-pian-6" in i.tags}
    assert from_pian_6 == {"insurance-client-service", "degree-vocational", "customer-first", "teamwork"}
    note = next(n for n in manager.review_notes if n.id == "insurance-advert")
    for words in ("保单", "中专及以上学历", "用户角度", "团队合作"):
        assert words in note.alternative.zh, words
    assert "四项" in note.alternative.zh and "four things" in note.alternative.en
    assert "freely" not in note.text.en and "flexible working hours" in note.text.en


def test_reworded_items_share_no_ten_characters_with_the_source(kb):
    """Items a reviewer found near-verbatim: no 10 characters in a row (punctuation aside) from the source."""
    window = 10
    source = _squeeze(SOURCE.read_text(encoding="utf-8"))
    grams = {source[i:i + window] for i in range(len(source) - window + 1)}
    manager = kb.role_by_id["manager"]
    items = {i.id: i.text for i in (*manager.responsibilities, *manager.requirements)}
    advert = next(n for n in manager.review_notes if n.id == "insurance-advert")
    reached = _part(kb.procedure_by_id["contact-customer"], "never-reached")
    refuses = _part(kb.procedure_by_id["pull-back-repair"], "refuses-pull-back")
    texts = {"assess-service-stations": items["assess-service-stations"], "liaise-headquarters": items["liaise-headquarters"],
             "internet-experience-plus": items["internet-experience-plus"], "english": items["english"],
             "insurance-advert": advert.text, "never-reached": reached.then, "refuses-pull-back": refuses.then}
    for name, text in texts.items():
        t = _squeeze(text.zh)
        hits = [t[i:i + window] for i in range(len(t) - window + 1) if t[i:i + window] in grams]
        assert not hits, (name, hits[0])


def test_round_three_wording(kb):
    manager = kb.role_by_id["manager"]
    items = {i.id: i for i in (*manager.responsibilities, *manager.requirements)}
    assert items["english"].text.en.startswith("Proficient")
    assert "quality problems" not in items["auto-quality-experience"].text.en
    serious = next(k for k in manager.kpis if k.id == "kpi-serious-complaints")  # ⑶ 三.3(1)
    assert "超过15分钟" in serious.text.zh and "more than 15 minutes" in serious.text.en
    urged = _part(kb.procedure_by_id["listening"], "urged-to-rest")
    assert " or the water or tea" not in urged.then.en
    note = kb.term_by_id["message-note"]
    assert "联系电话" in note.definition.zh and "phone number" in note.definition.en
