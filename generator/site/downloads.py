"""Every file the site offers for download, both languages: site path → bytes (checklist and
answer-key PDFs, GIFT files, SCORM packages).

The files join MkDocs' own files (rather than being written after the build), so MkDocs serves
them under `mkdocs serve` and its strict link check covers every link to them. All PDFs render in
one batch: one font subset, one worker pool, one cache.
"""

from __future__ import annotations

from ..checklists import build_documents
from ..pdf import Document, render_documents
from ..knowledge import KnowledgeBase
from ..quiz import Quiz
from ..quiz.downloads import plan_quiz_downloads
from ..scorm import package_name
from ..scorm.package import build_package
from ..wording import LANGS, lang_prefix


def plan_downloads(kb: KnowledgeBase, quizzes: dict[str, Quiz]) -> tuple[list[Document], dict[str, bytes]]:
    """What to print (checklists, answer keys) and the files that are ready as they are (GIFT)."""
    documents, files = plan_quiz_downloads(kb, quizzes)
    return build_documents(kb) + documents, files


def render_downloads(kb: KnowledgeBase, quizzes: dict[str, Quiz], pdfs: bool = True) -> dict[str, bytes]:
    """Every download; without `pdfs` (`build --no-downloads`) all but the PDFs, the slow part."""
    documents, files = plan_downloads(kb, quizzes)
    printed = render_documents(documents, prune=True) if pdfs else {}
    return {**printed, **files, **build_scorm_packages(kb, quizzes)}


def build_scorm_packages(kb: KnowledgeBase, quizzes: dict[str, Quiz]) -> dict[str, bytes]:
    """A SCORM package per role with a quiz and language, beside the role's training page."""
    return {f"{lang_prefix(lang)}training/{package_name(quiz.role, lang)}": build_package(kb, quiz.role, lang, quiz=quiz)
            for quiz in quizzes.values() for lang in LANGS}
