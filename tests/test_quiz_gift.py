"""The Moodle GIFT export read back by a real GIFT parser (gift-pegjs, through tests/gift_parse.js):
every question, choice, answer and explanation comes back exactly, whatever characters it holds."""

from __future__ import annotations

import dataclasses
import json
import subprocess
from pathlib import Path

import pytest

from generator.knowledge import load_knowledge_base
from generator.model import Question, Text
from generator.quiz import Quiz, QuizQuestion, build_quiz
from generator.quiz.gift import escape_gift, render_gift
from generator.quiz.questions import plain
from generator.wording import QUIZ_LABELS

REPO = Path(__file__).resolve().parents[1]
PARSER = REPO / "tests" / "gift_parse.js"


# GIFT's control characters, Chinese punctuation, Markdown-looking and HTML-looking text, escapes.
EVERYTHING = "~ = # { } : \\ \\n \\\\ :: {=} ####x =a ~b %50% [html] a < b & c “引号”：全角：＃～"


def parse(tmp_path: Path, text: str) -> list[dict]:
    path = tmp_path / "quiz.gift"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(["node", str(PARSER), str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"gift-pegjs refused the export: {result.stderr}"
    return json.loads(result.stdout)


def expected(text: Text, lang: str) -> str:
    return " ".join(plain(text.get(lang)).split())


def assert_round_trip(kb, quiz: Quiz, lang: str, parsed: list[dict]) -> None:
    categories = [p for p in parsed if p["type"] == "Category"]
    questions = [p for p in parsed if p["type"] != "Category"]
    procedures = [q.question.procedure for q in quiz.questions]
    runs = [p for i, p in enumerate(procedures) if i == 0 or procedures[i - 1] != p]  # a category starts each run
    titles = [plain((kb.procedure_by_id[p].title if p else QUIZ_LABELS["duties"]).get(lang)) for p in runs]  # None: the role's duties
    assert [c["title"].rsplit("/", 1)[1] for c in categories] == titles
    assert all(c["title"].startswith(f"$course$/{plain(quiz.role.title.get(lang))}/") for c in categories)
    assert len(questions) == len(quiz.questions)
    for item, got in zip(quiz.questions, questions):
        q: Question = item.question
        assert got["title"] == item.uid
        assert got["stem"] == {"format": "plain", "text": expected(q.prompt, lang)}
        assert got["globalFeedback"]["text"] == expected(q.explanation, lang)
        if q.type == "true-false":
            assert (got["type"], got["isTrue"]) == ("TF", q.answer)
        else:
            assert got["type"] == "MC"
            assert [(c["text"]["text"], c["isCorrect"]) for c in got["choices"]] == [
                (expected(c.text, lang), c.correct) for c in q.choices
            ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_role_round_trips(tmp_path, lang):
    kb, report = load_knowledge_base(REPO)
    assert kb is not None, report.format()
    for role in kb.roles:
        quiz = build_quiz(kb, role)
        assert_round_trip(kb, quiz, lang, parse(tmp_path, render_gift(kb, quiz, lang)))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_special_character_round_trips(tmp_path, lang):
    kb, report = load_knowledge_base(REPO / "tests" / "fixtures" / "quiz")
    assert kb is not None, report.format()
    role = kb.role_by_id["engineer"]
    weird = Text(zh=f"中文 {EVERYTHING}", en=f"English {EVERYTHING}")
    questions = (
        QuizQuestion("hand-written", Question(
            id="weird-choice", procedure="door-knocking", prompt=weird, explanation=weird,
            choices=[{"text": weird, "correct": True}, {"text": {"zh": "乙 }", "en": "B }"}}, {"text": {"zh": "丙 {", "en": "C {"}}],
        ), "hand-written/weird-choice"),
        QuizQuestion("hand-written", Question(
            id="weird-tf", procedure="door-knocking", type="true-false", answer=False, prompt=weird, explanation=weird,
        ), "hand-written/weird-tf"),
    )
    quiz = Quiz(role, 0, questions + build_quiz(kb, role).questions)  # the fixture's own 'specials' question too
    parsed = parse(tmp_path, render_gift(kb, quiz, lang))
    assert_round_trip(kb, quiz, lang, parsed)
    assert parsed[1]["stem"]["text"].endswith(EVERYTHING)


def test_escaping_is_exactly_a_backslash_before_each_control_character():
    assert escape_gift("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    assert escape_gift("line one\n\nline two") == "line one line two"  # a blank line would end the question


def test_category_slashes_are_doubled(tmp_path):
    kb, _ = load_knowledge_base(REPO / "tests" / "fixtures" / "quiz")
    role = kb.role_by_id["engineer"]
    renamed = role.model_copy(update={"title": Text(zh="工程师/技师", en="Engineer/technician")})
    gift = render_gift(kb, build_quiz(kb, role).__class__(renamed, 0, build_quiz(kb, role).questions), "en")
    assert "$CATEGORY: $course$/Engineer//technician/Arriving on time" in gift


def test_a_line_break_in_a_title_cannot_start_a_question(tmp_path):
    """Validation keeps titles to one line; the export holds even if one slipped through: the role's
    title heads the file in a comment and every category, a procedure's title names its category."""
    kb, _ = load_knowledge_base(REPO / "tests" / "fixtures" / "quiz")
    injected = "Engineer\n\n::injected::[plain]Injected? {TRUE}\n\n$CATEGORY: $course$/elsewhere\n"
    hostile = Text.model_construct(zh=injected, en=injected)
    role = kb.role_by_id["engineer"].model_copy(update={"title": hostile})
    kb = dataclasses.replace(kb, procedures=tuple(p.model_copy(update={"title": hostile}) for p in kb.procedures))
    quiz = Quiz(role, 0, build_quiz(kb, kb.role_by_id["engineer"]).questions)
    parsed = parse(tmp_path, render_gift(kb, quiz, "en"))
    questions = [p for p in parsed if p["type"] != "Category"]
    assert [q["title"] for q in questions] == [item.uid for item in quiz.questions]
    folded = " ".join(injected.split()).replace("/", "//")  # a slash inside a name is doubled
    assert {c["title"] for c in parsed if c["type"] == "Category"} == {f"$course$/{folded}/{folded}"}
