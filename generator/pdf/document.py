"""What the PDF engine prints: a document is its site path and HTML candidates with a page limit,
so rendering can run in another process and be cached by content."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """One PDF: its site path, and HTML candidates tried in order until one fits `max_pages`."""

    path: str
    lang: str
    title: str
    variants: tuple[str, ...]
    max_pages: int | None = None
    # Pages the most compact variant takes at least, known without laying it out (0: not known).
    # Above max_pages, printing fails at once rather than after laying out every variant.
    min_pages: int = 0
