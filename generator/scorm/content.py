"""What a SCORM package holds: one SCO, `index.html`, with every page of the role's learning path
(its procedures, then the glossary terms and kit items they use, then the quiz), its script and its
stylesheet. Nothing is fetched from outside: no fonts, no CDN, images in content show as their text.

The pages live in one HTML file and the script shows one at a time, so the SCO finds the LMS API
once and keeps it for the whole session (generator/assets/scorm/sco.js).
"""

from __future__ import annotations

import hashlib
from importlib import resources

from markupsafe import Markup

from ..knowledge import KnowledgeBase
from ..markup import json_for_html, render_inline
from ..model import Role
from ..quiz import Quiz, build_quiz
from ..quiz.pages import ROLE_QUIZ_SIZE, SITE_SEED, question_choices
from ..quiz.questions import plain, sample_quiz
from ..templating import renderer
from ..wording import COLON, HTML_LANG, QUIZ_LABELS, SITE_LABELS, TRAINING_LABELS, format_escalation, format_measure

LAUNCH = "index.html"
ASSETS = ("sco.js", "sco.css")  # generator/assets/scorm/, copied as they are
_SCRIPT_LABELS = ("contents", "previous", "next", "submit", "score", "result_passed", "result_failed", "retry",
                  "unanswered", "pages_read")

render = renderer(filters={"md": lambda text, lang: render_inline(text if isinstance(text, str) else text.get(lang), self_contained=True)
                                                   if text is not None else ""})


def build_sco_files(kb: KnowledgeBase, role: Role, lang: str, mastery: int, quiz: Quiz | None = None) -> dict[str, bytes]:
    """File name → bytes: the launch page and its assets. `quiz` is the role's site quiz when the caller
    has it already; the package asks the same questions as the role's quiz page."""
    quiz = sample_quiz(quiz or build_quiz(kb, role, SITE_SEED), ROLE_QUIZ_SIZE)
    procedures = kb.learning_path(role)
    terms = _first_uses([kb.term_by_id[t] for p in procedures for t in p.glossary])
    kit = _first_uses([kb.kit_by_id[k] for p in procedures for k in p.kit])
    pages = [f"p-{p.id}" for p in procedures] + ["glossary"] * bool(terms) + ["kit"] * bool(kit) + ["quiz"]
    data = {
        # Saved progress names pages by position: a package with other pages ignores it.
        "build": hashlib.sha256("\n".join(pages).encode()).hexdigest()[:12],
        "pages": pages,
        "mastery": mastery,
        "labels": {name: TRAINING_LABELS[name].get(lang) for name in _SCRIPT_LABELS},
        "questions": [_question(item, lang) for item in quiz.questions],
    }
    html = render(
        "scorm/index.html.j2", kb=kb, role=role, lang=lang, html_lang=HTML_LANG[lang], colon=COLON[lang],
        procedures=procedures, terms=terms, kit=kit, label=SITE_LABELS[lang],
        training={name: text.get(lang) for name, text in TRAINING_LABELS.items()},
        quiz_title=QUIZ_LABELS["quiz"].get(lang), payload=Markup(json_for_html(data)),
        measure=lambda m: format_measure(m, lang), escalation=lambda target: format_escalation(target, lang),
    )
    files = {LAUNCH: html.encode("utf-8")}
    for name in ASSETS:
        files[name] = resources.files("generator").joinpath(f"assets/scorm/{name}").read_bytes()
    return files


def _first_uses(items: list) -> list:
    """Each item once, where it is first used."""
    seen: dict[str, object] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return list(seen.values())


def _question(item, lang: str) -> dict:
    q = item.question
    choices, answer = question_choices(item, lang)
    return {"prompt": plain(q.prompt.get(lang)), "choices": choices, "answer": answer,
            # A question on the role's own duties has no page in the package: its link stays on the quiz.
            "explanation": plain(q.explanation.get(lang)), "page": f"p-{q.procedure}" if q.procedure else "quiz"}
