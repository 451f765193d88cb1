"""Quiz files for the site, written after MkDocs has built the pages: per role and language, the
answer-key PDF and the Moodle GIFT file, beside the answer key page that links them."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

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
            write_text_atomic(folder / names["gift"], render_gift(kb, quiz, lang))
            written += [folder / names["pdf"], folder / names["gift"]]
    return written


def write_text_atomic(path: Path, text: str) -> None:
    """Write through a temporary file and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a web server must be able to read it
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
