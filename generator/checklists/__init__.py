"""Printable checklists: A4 PDFs per procedure, a field card, a kit list and training records per role.

documents.py decides what is printed (HTML from the checklist templates); the PDF engine
(generator/pdf/) turns it into PDF.
"""

from __future__ import annotations

from pathlib import Path

from ..knowledge import KnowledgeBase
from ..pdf import render_documents
from .documents import build_document, build_documents, checklist_names, checklist_path

__all__ = ["build_documents", "checklist_names", "checklist_path", "render_checklist", "render_checklists"]


def render_checklists(kb: KnowledgeBase, cache_dir: Path | None = None) -> dict[str, bytes]:
    """Every checklist in both languages: site path (checklists/x.pdf, en/checklists/x.pdf) → PDF bytes."""
    return render_documents(build_documents(kb), cache_dir, prune=True)


def render_checklist(kb: KnowledgeBase, name: str, lang: str, cache_dir: Path | None = None) -> bytes:
    """One checklist by name (a procedure id, field-card, kit or training-<role-id>). KeyError if unknown."""
    document = build_document(kb, name, lang)
    return render_documents([document], cache_dir)[document.path]
