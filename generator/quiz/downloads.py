"""Quiz files the site offers beside each language's answer key page: the answer-key PDF (as a
printable document, rendered with the checklists) and the Moodle GIFT file."""

from __future__ import annotations

from ..pdf import Document
from ..knowledge import KnowledgeBase
from .answer_key import answer_key_document
from .gift import render_gift
from .pages import download_names, quiz_dir
from .questions import Quiz
from ..wording import LANGS, lang_prefix


def plan_quiz_downloads(kb: KnowledgeBase, quizzes: dict[str, Quiz]) -> tuple[list[Document], dict[str, bytes]]:
    """The answer keys to print and the GIFT files, by site path, for every site quiz."""
    documents: list[Document] = []
    files: dict[str, bytes] = {}
    for quiz in quizzes.values():
        role = quiz.role
        names = download_names(role)
        for lang in LANGS:
            folder = f"{lang_prefix(lang)}{quiz_dir(role)}"
            documents.append(answer_key_document(kb, quiz, lang, f"{folder}/{names['pdf']}"))
            files[f"{folder}/{names['gift']}"] = render_gift(kb, quiz, lang).encode("utf-8")
    return documents, files
