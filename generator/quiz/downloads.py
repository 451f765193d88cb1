"""Quiz files for the site, written after MkDocs has built the pages: per role and language, the
answer-key PDF and the Moodle GIFT file, beside the answer key page that links them."""

from __future__ import annotations

from pathlib import Path

from ..files import write_atomic
from ..knowledge import KnowledgeBase
from .answer_key import write_answer_key_pdf
from .gift import render_gift
from .pages import SITE_SEED, download_names, quiz_dir
from .questions import build_quiz


def write_quizzes(kb: KnowledgeBase, site_dir: Path) -> list[Path]:
    written = []
    for role in kb.roles:
        quiz = build_quiz(kb, role, SITE_SEED)
        if not quiz.questions:
            continue
        for lang in ("zh", "en"):
            folder = Path(site_dir) / ("" if lang == "zh" else lang) / quiz_dir(role)
            names = download_names(role)
            write_answer_key_pdf(kb, quiz, lang, folder / names["pdf"])
            write_atomic(folder / names["gift"], render_gift(kb, quiz, lang))
            written += [folder / names["pdf"], folder / names["gift"]]
    return written

