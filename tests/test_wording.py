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
from generator.wording import COLON, LANGS, format_amount, format_escalation, format_measure, lang_prefix

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
            assert f"{COLON[lang]}{words}</span>" in sheet
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


# --- language and punctuation (issue 19) -------------------------------------------------------

def test_every_source_section_of_the_content_has_an_english_form_without_chinese_marks(kb):
    """The English pages showed '(this role · ⑶ 一.1)': one mapping (§1–§7, phases I–VII, postings by
    number) for every source section the content cites."""
    import re

    from generator.wording import format_source

    assert [format_source(ref, "en") for ref in ("⑶ 一.1", "⑶ 三.3(1)", "⑶ 四.2(2)–(3)", "⑵ 篇6", "⑺ 4", "⑶", "⑹")] == [
        "§3, I.1", "§3, III.3(1)", "§3, IV.2(2)–(3)", "§2, posting 6", "§7, point 4", "§3", "§6"]
    refs = {item.source for role in kb.roles for item in (*role.responsibilities, *role.requirements) if item.source}
    refs |= {p.source for p in kb.procedures} | {r.source for r in kb.roles} | {t.source for t in kb.glossary.terms if t.source}
    assert len(refs) > 40
    for ref in refs:
        assert format_source(ref, "zh") == ref
        assert not re.search(r"[\u2474-\u247a\u4e00-\u9fff]", format_source(ref, "en")), ref


@pytest.mark.parametrize("text, expected", [
    ("The customer is out", "the customer is out"), ("You are late", "you are late"), ("Nobody answers", "nobody answers"),
    ("I am held up", "I am held up"), ("SMS does not arrive", "SMS does not arrive"), ("Haier calls", "Haier calls"),
    ("**The** door is shut", "**the** door is shut"), ("the door", "the door"),
])
def test_a_condition_after_when_starts_in_lower_case_unless_it_is_i_or_a_name(text, expected):
    from generator.wording import find_names, format_condition

    names = find_names(["Ask the Haier hotline, then the customer", "the customer calls"])
    assert names == {"Haier"}  # capitalised mid-sentence and never in lower case
    assert format_condition(text, "en", names) == expected
    assert format_condition("用户不在家", "zh", names) == "用户不在家"


def _visible_text(html: str) -> str:
    import re

    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    return __import__("html").unescape(re.sub(r"<[^>]+>", " ", html))


def test_chinese_pages_use_chinese_punctuation_and_english_pages_no_source_marks(built_site, kb):
    """Every page of the built site: no ASCII colon, comma or bracket right after a Chinese character on
    a Chinese page ('执行: 服务工程师, 售后服务经理'), no ⑴–⑺ on an English page, and no 'When The ...'."""
    import re

    chinese = english = 0
    for page in built_site.rglob("*.html"):
        text = _visible_text(page.read_text(encoding="utf-8"))
        where = page.relative_to(built_site).as_posix()
        if where.startswith("en/"):
            english += 1
            assert not re.search(r"[\u2474-\u247a]", text), where
            assert not re.search(r"\bWhen (?!I\b)[A-Z][a-z]+\b", text), (where, re.search(r"\bWhen [A-Z]\w+.{0,30}", text))
        else:
            chinese += 1
            bad = re.search(r"[\u4e00-\u9fff][:,;()]|[()][\u4e00-\u9fff]", text)
            assert bad is None, (where, text[max(bad.start() - 30, 0):bad.end() + 30])
    assert chinese > 30 and english > 30


def test_page_scripts_say_their_labels_with_the_languages_colon(visit):
    """The quiz's score, the progress page's export date and the builder's item notes come from
    wording.py with the punctuation of their language."""
    page = visit("quizzes/engineer/")
    page.wait_for_selector(".kb-quiz-score")
    assert page.inner_text(".kb-quiz-score").startswith("得分：0 / ")
    page = visit("training/engineer/")
    assert page.inner_text(".kb-training-exported").startswith("导出时间：")
    page = visit("en/quizzes/engineer/")
    assert page.inner_text(".kb-quiz-score").startswith("Score: 0 / ")
    page = visit("postings/manager/")
    notes = page.eval_on_selector_all(".posting-item small", "els => els.map(e => e.textContent)")
    assert notes and all(n.startswith("（") and n.endswith("）") for n in notes), notes
    page = visit("en/postings/manager/")
    notes = page.eval_on_selector_all(".posting-item small", "els => els.map(e => e.textContent)")
    assert notes and all(n.startswith(" (") and "§" in n for n in notes), notes
    assert not any(ch in "".join(notes) for ch in "⑴⑵⑶⑷⑸⑹⑺篇一二三四五六七")
