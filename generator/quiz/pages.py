"""Quiz pages for the site: per role (quizzes/<role-id>/), per role and phase, and the trainers' answer key.

The questions travel inside the page as JSON, read by docs/javascripts/quiz.js, which draws the
quiz, keeps progress in the browser and shuffles a retake. The script shows every text with
textContent, so content is never parsed as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..knowledge import KnowledgeBase
from ..markup import front_matter_title, json_for_html
from ..model import Role, Text
from ..outputs import MIXED_QUIZ, QUIZ_DUTIES, QUIZ_KEY
from ..templating import render
from .answer_key import render_answer_key
from ..training import PASS_PERCENT
from ..wording import COLON, LANGS, QUIZ_LABELS, TRAINING_LABELS, lang_prefix, quiz_label as label
from .questions import Quiz, QuizQuestion, build_quiz, plain, sample_quiz

SITE_SEED = 0  # the site's quizzes are fixed; the reader's retake shuffles in the browser
# The role's own quiz page mixes this many questions of every kind; the part pages hold them all.
ROLE_QUIZ_SIZE = 40
_SCRIPT_LABELS = ("true", "false", "check", "right", "wrong", "score", "answered", "finished", "retake", "see", "choose_first",
                  "result", "missed", "all_right", "right_answer")
# The end of a quiz says the score and passed or not in the words of the SCORM package's quiz.
_RESULT_LABELS = {"final_score": "score", "result_passed": "result_passed", "result_failed": "result_failed"}


def quiz_dir(role: Role) -> str:
    return f"quizzes/{role.id}"


def download_names(role: Role) -> dict[str, str]:
    """File names of the downloads beside each language's answer key page."""
    return {"pdf": f"{role.id}-answer-key.pdf", "gift": f"{role.id}-moodle.gift"}


def build_site_quizzes(kb: KnowledgeBase) -> dict[str, Quiz]:
    """The quiz of every role that performs procedures (the role page links a quiz exactly then), by
    role id. Built once per site build: the pages and the downloads (key PDF, GIFT) share them."""
    return {role.id: build_quiz(kb, role, SITE_SEED) for role in kb.roles if kb.procedures_of(role)}


@dataclass(frozen=True)
class Part:
    """A page of a role's quiz: a phase of the visit (its procedures' questions), or the role's own duties."""

    id: str
    title: Text


def quiz_parts(kb: KnowledgeBase, quiz: Quiz) -> dict[Part, Quiz]:
    """Part → the questions of the quiz in it, for the parts that have some (each has a page): the
    phases in visit order, then the role's own duties."""
    def part(questions) -> Quiz:
        return Quiz(quiz.role, quiz.seed, tuple(questions))
    phase_of = {q.uid: kb.procedure_by_id[q.question.procedure].phase for q in quiz.questions if q.question.procedure}
    parts = {Part(phase.id, phase.title): part(q for q in quiz.questions if phase_of.get(q.uid) == phase.id) for phase in kb.phases.phases}
    parts[Part(QUIZ_DUTIES, QUIZ_LABELS["duties"])] = part(q for q in quiz.questions if q.question.procedure is None)
    return {p: questions for p, questions in parts.items() if questions.questions}


def best_score_key(role: Role, part: Part | None) -> str:
    """Where quiz.js keeps a quiz's best score: one slot per quiz whatever the language it is taken in,
    read by the training progress page (generator/training/)."""
    return f"kb-quiz-best/{role.id}/{part.id if part else MIXED_QUIZ}"


def progress_prefix(role: Role) -> str:
    """What every key starts with under which quiz.js keeps the role's quizzes in progress (the answers
    given, one slot per quiz and language); the progress page's "clear" forgets them all."""
    return f"kb-quiz/{role.id}/"


def render_quiz_pages(kb: KnowledgeBase, quizzes: dict[str, Quiz]) -> dict[str, str]:
    """Markdown pages, path → text, for zh (site root) and en (en/)."""
    pages: dict[str, str] = {}
    for quiz in quizzes.values():
        role = quiz.role
        mixed = sample_quiz(quiz, ROLE_QUIZ_SIZE)
        parts = quiz_parts(kb, quiz)
        phases = list(parts)
        for lang in LANGS:
            prefix = lang_prefix(lang)
            base = f"{prefix}{quiz_dir(role)}"
            pages[f"{base}/index.md"] = _page(kb, mixed, lang, None, phases, depth=2)
            for phase in phases:
                pages[f"{base}/{phase.id}.md"] = _page(kb, parts[phase], lang, phase, phases, depth=3)
            downloads = download_names(role)  # beside key.md, so MkDocs checks the links
            title = f"{role.title.get(lang)}{COLON[lang]}{label('answer_key', lang)}"
            pages[f"{base}/{QUIZ_KEY}.md"] = f"---\ntitle: {front_matter_title(title)}\n---\n\n" + render_answer_key(
                kb, quiz, lang, link=_key_link, downloads=downloads,
            )
    return pages


def _key_link(item: QuizQuestion) -> str:
    """The answer key page's link to an answer, as MkDocs checks it: to the Markdown page."""
    page, _, anchor = item.link.partition("#")
    return f"../../{page.rstrip('/')}.md" + (f"#{anchor}" if anchor else "")


def _page(kb: KnowledgeBase, quiz: Quiz, lang: str, phase, phases: list, depth: int) -> str:
    """One interactive quiz page: the whole role's (no `phase`) or one part's. `phases` are the parts
    with pages of their own; `depth` is how many folders the page's URL sits below its language root."""
    up = "../" * depth
    storage = f"{progress_prefix(quiz.role)}{phase.id if phase else MIXED_QUIZ}/{lang}"
    data = {
        "storageKey": storage,
        "bestKey": best_score_key(quiz.role, phase),
        "passPercent": PASS_PERCENT,
        "labels": {name: QUIZ_LABELS[name].get(lang) for name in _SCRIPT_LABELS}
                  | {name: TRAINING_LABELS[key].get(lang) for name, key in _RESULT_LABELS.items()}
                  | {"colon": COLON[lang]},
        "questions": [_question_data(item, lang, up) for item in quiz.questions],
    }
    payload = json_for_html(data)
    # Scripts and styles are files of the Chinese (root) build; the English pages reach up to them.
    assets = up + "../" * lang_prefix(lang).count("/")
    script, css = f"{assets}javascripts/quiz.js", f"{assets}stylesheets/quiz.css"
    title = f"{quiz.role.title.get(lang)}{COLON[lang]}{label('quiz', lang)}" + (f" · {phase.title.get(lang)}" if phase else "")
    return render("quiz/page.md.j2", kb=kb, quiz=quiz, role=quiz.role, lang=lang, phase=phase, phases=phases,
                  label=label, colon=COLON, payload=Markup(payload), script=script, css=css, front_title=front_matter_title(title))


def question_choices(item: QuizQuestion, lang: str) -> tuple[list[str], int]:
    """The choices a quiz script shows (True/False for a true-false question) and the right one's index."""
    q = item.question
    if q.type == "true-false":
        return [label("true", lang), label("false", lang)], 0 if q.answer else 1
    return [plain(c.text.get(lang)) for c in q.choices], q.right


def _question_data(item: QuizQuestion, lang: str, up: str) -> dict:
    q = item.question
    choices, answer = question_choices(item, lang)
    return {
        "id": item.uid, "kind": item.kind, "prompt": plain(q.prompt.get(lang)), "choices": choices, "answer": answer,
        "explanation": plain(q.explanation.get(lang)), "link": f"{up}{item.link}",
    }
