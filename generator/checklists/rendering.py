"""HTML documents → PDF bytes with WeasyPrint, cached by content and rendered in parallel when many change.

`mkdocs serve` rebuilds on every YAML edit; an edit changes a few documents, so the rest come from
the cache. A cached PDF is keyed by everything that shapes it: the HTML, the font subset and the
WeasyPrint version.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .documents import Document
from .fonts import FAMILY, PrintFont, prepare_font, printable_characters

# Below this many documents to render, starting worker processes costs more than it saves.
PARALLEL_FROM = 6
# Cached PDFs not used by a full build for this long are deleted.
CACHE_KEEP_SECONDS = 24 * 3600


class ChecklistError(Exception):
    """Raised when content cannot be printed as promised: a glyph missing from the font, or a page limit."""


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "aftersales-kb" / "checklists"


def render_documents(documents: list[Document], cache_dir: Path | None = None, prune: bool = False) -> dict[str, bytes]:
    """PDF bytes per document path. `prune` (a full build) drops cache entries unused for a day."""
    import weasyprint

    cache_dir = cache_dir or default_cache_dir()
    font = prepare_font(printable_characters(v for d in documents for v in d.variants), cache_dir)
    if font.missing:
        shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in sorted(font.missing))
        raise ChecklistError(f"no glyph in Noto Sans CJK SC for {shown}; replace these characters in the content")
    folder = cache_dir / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    keys = {d.path: _key(d, font, weasyprint.__version__) for d in documents}

    out: dict[str, bytes] = {}
    todo: list[Document] = []
    for d in documents:
        cached = _read(folder / f"{keys[d.path]}.pdf")
        if cached is None:
            todo.append(d)
        else:
            out[d.path] = cached
    for d, pdf in zip(todo, _render_all(todo, font.css())):
        out[d.path] = pdf
        _write(folder / f"{keys[d.path]}.pdf", pdf)
    if prune:
        _prune(folder, {f"{k}.pdf" for k in keys.values()})
    return {d.path: out[d.path] for d in documents}


def _key(document: Document, font: PrintFont, engine: str) -> str:
    digest = hashlib.sha256(f"{engine}\0{font.digest}\0{document.max_pages}".encode())
    for html in document.variants:
        digest.update(b"\0" + html.encode())
    return digest.hexdigest()[:32]


def _render_all(documents: list[Document], font_css: str) -> list[bytes]:
    jobs = [(d.path, d.variants, d.max_pages, font_css) for d in documents]
    workers = min(os.cpu_count() or 1, len(jobs))
    if len(jobs) < PARALLEL_FROM or workers < 2:
        return [_render(*job) for job in jobs]
    # spawn, not fork: `mkdocs serve` runs threads, and forking a threaded process can deadlock.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(_render, *zip(*jobs), chunksize=max(1, len(jobs) // (workers * 3))))


def _render(path: str, variants: tuple[str, ...], max_pages: int | None, font_css: str) -> bytes:
    """The first variant that fits `max_pages` (variants go from roomy to compact)."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()  # @font-face rules only load through a font configuration
    stylesheets = [CSS(string=font_css, font_config=fonts)]
    for html in variants:
        document = HTML(string=html, base_url=".").render(stylesheets=stylesheets, font_config=fonts, pdf_tags=True)
        if max_pages is None or len(document.pages) <= max_pages:
            # No dates and no random file identifier in the PDF: the same content gives the same bytes.
            return document.write_pdf(pdf_tags=True)
    raise ChecklistError(f"{path}: needs {len(document.pages)} pages even at the smallest type, "
                         f"the limit is {max_pages}; shorten the step texts")


def _read(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:  # a parallel build may have pruned it
        return None
    os.utime(path)  # still in use: keep it through pruning
    return data


def _write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def _prune(folder: Path, keep: set[str]) -> None:
    cutoff = time.time() - CACHE_KEEP_SECONDS
    for path in folder.iterdir():
        try:
            if path.name not in keep and path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:
            pass
