"""Training progress pages, `training/<role-id>/` in both languages: the role's learning path and its
quizzes, as data for docs/javascripts/training.js, which marks each procedure read or changed since
read and each quiz's best score from what the browser kept (nothing leaves the browser).

The page embeds each procedure's current version: a procedure read at an older version is flagged
and no longer counts as read.
"""

from __future__ import annotations

from markupsafe import Markup

from ..knowledge import KnowledgeBase
from ..markup import json_for_html
from ..quiz import Quiz
from ..quiz.pages import best_score_key, progress_prefix, quiz_dir, quiz_parts
from ..quiz.questions import plain
from ..scorm import package_name
from ..site import pages as site_pages  # its renderer and link helpers; it lists these pages in turn
from ..wording import COLON, LANGS, QUIZ_LABELS, SITE_LABELS, TRAINING_LABELS, lang_prefix
from . import PASS_PERCENT

_UP = "../../"  # from training/<role-id>/ to the language root


def training_path(role_id: str) -> str:
    return f"training/{role_id}.md"


def render_training_pages(kb: KnowledgeBase, quizzes: dict[str, Quiz]) -> dict[str, str]:
    """One page per role that has a quiz (a role with procedures), both languages: path → Markdown."""
    pages: dict[str, str] = {}
    for role_id, quiz in quizzes.items():
        role = quiz.role
        for lang in LANGS:
            data = _page_data(kb, quiz, lang)
            pages[lang_prefix(lang) + training_path(role_id)] = site_pages.render(
                "site/training.md.j2", role=role, lang=lang, colon=COLON[lang], label=_labels(lang),
                site_label=SITE_LABELS[lang], payload=Markup(json_for_html(data)), pass_percent=PASS_PERCENT,
                scorm=package_name(role, lang), path=training_path(role_id),
            )
    return pages


def _labels(lang: str) -> dict[str, str]:
    return {**{name: text.get(lang) for name, text in TRAINING_LABELS.items()}, "colon": COLON[lang]}


def _page_data(kb: KnowledgeBase, quiz: Quiz, lang: str) -> dict:
    role = quiz.role
    procedures = [
        {"id": p.id, "title": plain(p.title.get(lang)), "version": p.document.version,
         "kind": SITE_LABELS[lang]["kinds"][p.kind], "link": f"{_UP}procedures/{p.id}/"}
        for p in kb.learning_path(role)
    ]
    base = f"{_UP}{quiz_dir(role)}/"
    quizzes = [{"id": "mixed", "title": QUIZ_LABELS["whole_role"].get(lang), "link": base, "key": best_score_key(role, None)}]
    quizzes += [{"id": phase.id, "title": plain(phase.title.get(lang)), "link": f"{base}{phase.id}/", "key": best_score_key(role, phase)}
                for phase in quiz_parts(kb, quiz)]
    return {"role": role.id, "roleTitle": plain(role.title.get(lang)), "lang": lang, "passPercent": PASS_PERCENT,
            "labels": _labels(lang), "procedures": procedures, "quizzes": quizzes, "quizProgress": progress_prefix(role)}
