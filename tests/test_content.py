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

# The brief's procedure table in visit order: (phase, procedure id, numbers as (unit, amount, relation)).
BRIEF = [
    ("accept-task", "verify-work-order", []),
    ("accept-task", "analyse-before-going", [("hours", 2, "after")]),
    ("accept-task", "contact-customer", []),
    ("prepare", "pack-kit", []),
    ("prepare", "departure-time", [("hours", 1, "ahead"), ("minutes", (5, 10), "early")]),
    ("prepare", "on-the-road", []),
    ("before-service", "grooming-check", []),
    ("before-service", "door-knocking", [("count", 3, None), ("count", 2, None), ("seconds", 30, "every"), ("minutes", 5, "after")]),
    ("before-service", "entering", [("minutes", 5, None)]),
    ("before-service", "running-late", [("minutes", (1, 2), "before"), ("minutes", 15, "under"), ("minutes", 15, "over")]),
    ("before-service", "door-exceptions", []),
    ("before-service", "shoe-covers", [("count", 1, None)]),
    ("before-service", "toolbox-placement", []),
    ("service", "listening", []),
    ("service", "diagnosis", []),
    ("service", "on-site-conduct", []),
    ("service", "pull-back-repair", []),
    ("service", "new-problems-and-claims", []),
    ("service", "interruptions", []),
    ("service", "threats", []),
    ("service", "test-run", [("hours", 2, "after")]),
    ("service", "hand-over-and-clean-up", []),
    ("fees", "fee-disclosure", []),
    ("fees", "software-fees", [("months", 1, "within"), ("months", 3, "after")]),
    ("fees", "out-of-warranty-fees", []),
    ("fees", "fee-disputes", []),
    ("completion", "customer-sign-off", []),
    ("completion", "gift-and-service-card", []),
    ("completion", "leaving", []),
    ("follow-up", "call-back", [("hours", 3, "after")]),
    ("follow-up", "feedback-and-reconciliation", []),
]
GLOSSARY_SEEDS = ["三包", "超保", "拉修", "周转机", "垫布", "盖布", "鞋套", "上岗证", "五个一", "保修记录单",
                  "服务任务监督卡", "留言条", "网点", "中心", "试机通检", "回访"]
KIT_SEEDS = ["维修工具", "备件", "周转机", "五个一", "保修记录单", "收据", "收费标准", "留言条", "上岗证", "垫布"]


@pytest.fixture(scope="module")
def kb():
    kb, report = load_knowledge_base(REPO, strict=True)
    assert kb is not None, report.format()
    return kb


def test_every_procedure_of_the_brief_in_visit_order(kb):
    in_model = [(p.phase, p.id) for p in kb.procedures]
    expected = [(phase, pid) for phase, pid, _ in BRIEF]
    missing = [pid for _, pid in expected if pid not in kb.procedure_by_id]
    assert not missing, f"procedures missing from the model: {missing}"
    assert [x for x in in_model if x in expected] == expected


@pytest.mark.parametrize("phase, pid, numbers", [b for b in BRIEF if b[2]], ids=[b[1] for b in BRIEF if b[2]])
def test_every_number_of_the_brief_is_a_typed_measure(kb, phase, pid, numbers):
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
    assert [p.id for p in kb.procedures_of(kb.role_by_id["engineer"])] == [pid for _, pid, _ in BRIEF]


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
        assert p.source.startswith("⑶"), p.id
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
