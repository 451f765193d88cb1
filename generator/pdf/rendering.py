"""HTML documents → PDF bytes with WeasyPrint, cached by content and rendered in parallel when many change.

`mkdocs serve` rebuilds on every YAML edit; an edit changes a few documents, so the rest come from
the cache. A cached PDF is keyed by everything that shapes it: the HTML, the font subset and the
WeasyPrint version.
"""

from __future__ import annotations

import atexit
import hashlib
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ..files import write_atomic
from .document import Document
from .fonts import PrintFont, make_subset, plan_font, printable_characters

# Below this many jobs, starting worker processes costs more than it saves.
PARALLEL_FROM = 6
# Part of every cache key: bump it when rendering changes for the same HTML (2: nothing is fetched).
RENDERING_VERSION = 2
# Cached PDFs and fonts not used by a full build for this long are deleted.
CACHE_KEEP_SECONDS = 24 * 3600


class PrintError(Exception):
    """Raised when content cannot be printed as promised: a glyph missing from the font, or a page limit."""


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "aftersales-kb" / "pdf"


def render_documents(documents: list[Document], cache_dir: Path | None = None, prune: bool = False) -> dict[str, bytes]:
    """PDF bytes per document path. `prune` (a full build) drops cache entries unused for a day."""
    import weasyprint

    for d in documents:
        if d.max_pages is not None and d.min_pages > d.max_pages:
            raise _page_limit_error(d, f"at least {d.min_pages}")
    cache_dir = cache_dir or default_cache_dir()
    font = plan_font(printable_characters(v for d in documents for v in d.variants), cache_dir)
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
    todo.sort(key=lambda d: -len(d.variants))  # longest first (the field cards), so workers finish together
    weights = font.unmade()
    with _workers(len(weights) + len(todo)) as pool:
        list(pool.map(make_subset, [font] * len(weights), weights))
        missing = font.missing_glyphs()
        if missing:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
            raise PrintError(f"no glyph in Noto Sans CJK SC for {shown}; replace these characters in the content")
        hints = [_read_hint(cache_dir, d) for d in todo]
        for d, (pdf, chosen) in zip(todo, pool.map(_render, todo, [font] * len(todo), hints)):
            out[d.path] = pdf
            write_atomic(folder / f"{keys[d.path]}.pdf", pdf)
            if len(d.variants) > 1:
                write_atomic(_hint_path(cache_dir, d), str(chosen).encode())
    if prune:
        _prune(folder, {f"{k}.pdf" for k in keys.values()})
        _prune(cache_dir / "fonts", {path.name for path in font.files.values()})
    return {d.path: out[d.path] for d in documents}


def _key(document: Document, font: PrintFont, engine: str) -> str:
    digest = hashlib.sha256(f"{RENDERING_VERSION}\0{engine}\0{font.digest}\0{document.max_pages}".encode())
    for html in document.variants:
        digest.update(b"\0" + html.encode())
    return digest.hexdigest()[:32]


class _Serial(Executor):
    """In-process stand-in for a pool when there is too little work to start one."""

    def map(self, fn, *iterables, **_):
        return map(fn, *iterables)


@contextmanager
def _workers(jobs: int) -> Iterator[Executor]:
    """A pool of worker processes for `jobs` jobs, or none when too few. When anything goes wrong (a
    PrintError, Ctrl-C) the workers are stopped at once, not left to finish every queued document."""
    count = min(os.cpu_count() or 1, jobs)
    if jobs < PARALLEL_FROM or count < 2:
        yield _Serial()
        return
    # spawn, not fork: `mkdocs serve` runs threads, and forking a threaded process can deadlock.
    pool = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn"), initializer=_watch_parent)
    try:
        yield pool
    except BaseException:
        for process in list(pool._processes.values()):  # Python 3.14 has pool.terminate_workers()
            process.terminate()
        raise
    finally:
        pool.shutdown(cancel_futures=True)


def _watch_parent() -> None:
    """First thing in each worker. A killed build (SIGTERM, SIGKILL) cannot stop its workers, and they
    would wait on their queue forever: each exits as soon as the pipe from its parent closes, which
    the kernel does when the parent dies. Ctrl-C reaches the whole process group; only the parent
    acts on it (and stops the workers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sentinel = multiprocessing.parent_process().sentinel
    threading.Thread(target=_exit_when_closed, args=(sentinel,), daemon=True).start()


def _exit_when_closed(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


@lru_cache(maxsize=1)
def _stylesheets(font_css: str, font_urls: tuple[str, ...]):
    """One font configuration per process and font: loading the font again for every document is slow.
    The fetcher loads the font's files and nothing else, whatever the documents name."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    from .assets import AssetFetcher

    fetcher = AssetFetcher(font_urls)
    fonts = FontConfiguration()  # @font-face rules only load through a font configuration
    return fonts, fetcher, [CSS(string=font_css, font_config=fonts, url_fetcher=fetcher)]


# Drop the cached font configuration while the interpreter is still whole: left to the final
# teardown, WeasyPrint's FontConfiguration.__del__ finds its modules gone and prints a traceback.
atexit.register(_stylesheets.cache_clear)


def _render(document: Document, font: PrintFont, hint: int = 0) -> tuple[bytes, int]:
    """The roomiest variant that fits the page limit, and its index; variants go from roomy to compact.

    The search starts at `hint` (the variant chosen last time): after a small edit the answer is
    usually the same, found with two layouts (it fits, the next roomier does not). Only the layout
    in hand and the best so far are kept: a layout of a long document takes a lot of memory.
    """
    from weasyprint import HTML

    fonts, fetcher, stylesheets = _stylesheets(font.css(), font.urls())
    variants, max_pages = document.variants, document.max_pages

    def layout(i: int):
        return HTML(string=variants[i], url_fetcher=fetcher).render(stylesheets=stylesheets, font_config=fonts, pdf_tags=True)

    def fits(candidate) -> bool:
        return max_pages is None or len(candidate.pages) <= max_pages

    last = len(variants) - 1
    start = i = min(max(hint, 0), last)
    chosen = layout(i)
    if fits(chosen):
        while i > 0 and fits(roomier := layout(i - 1)):  # pages grow with the type: the first misfit ends the search
            i, chosen = i - 1, roomier
    else:
        # The most compact variant first: when nothing fits, that costs two layouts, not all of them.
        if i < last:
            i, chosen = last, layout(last)
        if not fits(chosen):
            raise _page_limit_error(document, str(len(chosen.pages)))
        for j in range(start + 1, last):
            if fits(candidate := layout(j)):
                i, chosen = j, candidate
                break
    # No dates and no random file identifier in the PDF: the same content gives the same bytes.
    return chosen.write_pdf(pdf_tags=True), i


def _page_limit_error(document: Document, pages: str) -> PrintError:
    return PrintError(f"{document.path}: needs {pages} pages even at the smallest type, the limit is "
                      f"{document.max_pages}; shorten the step texts")


def _hint_path(cache_dir: Path, document: Document) -> Path:
    folder = cache_dir / "hints"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / hashlib.sha256(document.path.encode()).hexdigest()[:16]


def _read_hint(cache_dir: Path, document: Document) -> int:
    try:
        return int(_hint_path(cache_dir, document).read_text())
    except (FileNotFoundError, ValueError):
        return 0


def _read(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:  # a parallel build may have pruned it
        return None
    os.utime(path)  # still in use: keep it through pruning
    return data


def _prune(folder: Path, keep: set[str]) -> None:
    cutoff = time.time() - CACHE_KEEP_SECONDS
    for path in folder.iterdir():
        try:
            if path.name not in keep and path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:
            pass
