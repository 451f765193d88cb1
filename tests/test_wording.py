"""The words every output puts around the content come from one place (generator/wording.py), so a
rule reads the same on the site, on paper and in a quiz. These tests render every measure and every
escalation of the real content through each output and require the same words."""

from __future__ import annotations

import pytest
from markupsafe import escape

from generator.checklists.documents import build_document
from generator.knowledge import load_knowledge_base
from generator.quiz import build_quiz
from generator.quiz.answer_key import render_answer_key
from generator.quiz.gift import render_gift
from generator.site.pages import render_knowledge_pages
from generator.wording import LANGS, format_amount, format_escalation, format_measure, lang_prefix

from conftest import REPO


@pytest.fixture(scope="module")
def kb():
    kb, report = load_knowledge_base(REPO)
    assert kb is not None, report.format()
    return kb


@pytest.fixture(scope="module")
def quizzes(kb):
    return [build_quiz(kb, role) for role in kb.roles if kb.procedures_of(role)]


def measures(procedure):
    for holder in (*procedure.steps, *procedure.exceptions):
        yield from holder.timings


@pytest.mark.parametrize("lang", LANGS)
def test_every_measure_reads_the_same_on_the_site_the_checklist_and_the_field_card(kb, lang):
    pages = render_knowledge_pages(kb)
    card = build_document(kb, "field-card", lang).variants[0]
    checked = 0
    for procedure in kb.procedures:
        page = pages[f"{lang_prefix(lang)}procedures/{procedure.id}.md"]
        sheet = build_document(kb, procedure.id, lang).variants[0]
        for measure in measures(procedure):
            words = format_measure(measure, lang)
            assert f'id="{measure.id}" title="{escape(measure.what.get(lang))}">{words}</span>' in page
            assert f": {words}</span>" in sheet
            assert f'<span class="timing">{words}</span>' in card
            checked += 1
    assert checked >= 18  # the real content's typed numbers (each defined once)


@pytest.mark.parametrize("lang", LANGS)
def test_every_number_question_answers_with_the_quantity_the_pages_show(kb, quizzes, lang):
    """A number question's right answer is the quantity inside the phrase the site and paper show."""
    by_anchor = {(p.id, m.id): m for p in kb.procedures for m in measures(p)}
    asked = 0
    for quiz in quizzes:
        for item in quiz.questions:
            if item.kind != "numbers":
                continue
            measure = by_anchor[item.question.procedure, item.question.anchor]
            right = item.question.choices[item.question.right].text.get(lang)
            assert right == format_amount(measure, lang)
            assert right in format_measure(measure, lang)
            asked += 1
    assert asked > 0


@pytest.mark.parametrize("lang", LANGS)
def test_every_escalation_reads_the_same_on_the_site_the_checklist_and_in_quizzes(kb, quizzes, lang):
    pages = render_knowledge_pages(kb)
    keys = {quiz.role.id: render_answer_key(kb, quiz, lang) for quiz in quizzes}
    gifts = {quiz.role.id: render_gift(kb, quiz, lang) for quiz in quizzes}
    checked = 0
    for procedure in kb.procedures:
        page = pages[f"{lang_prefix(lang)}procedures/{procedure.id}.md"]
        sheet = build_document(kb, procedure.id, lang).variants[0]
        for exception in procedure.exceptions:
            if not exception.escalate_to:
                continue
            words = format_escalation(exception.escalate_to, lang)
            assert f'<span class="kb-escalate">{words}</span>' in page
            assert f'<span class="muted">{words}</span>' in sheet
            for quiz in quizzes:
                asked = [i for i in quiz.questions if i.kind == "scenario"
                         and (i.question.procedure, i.question.anchor) == (procedure.id, exception.id)]
                for item in asked:
                    assert words in item.question.explanation.get(lang)
                    assert words in keys[quiz.role.id] and words.replace(":", "\\:") in gifts[quiz.role.id]
            checked += 1
    assert checked >= 10
