"""What every language build gets once an engine (MkDocs or Zensical) has written its HTML: the
search index, the query words, and the offline list with its service worker. Both engines finish
through here, so the search and the offline web app are the same whichever built the pages."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..knowledge import KnowledgeBase
from ..wording import LANGS, lang_prefix
from .search import finish_index, start_index, write_query_words
from .webapp import write_service_worker


def finish_language(site_dir: Path, kb: KnowledgeBase, lang: str, searchable: list[str], alternates: list[dict],
                    meanwhile: Callable[[], None] | None = None) -> None:
    """Index `site_dir` (one language's build) for search in the background while `meanwhile` runs
    (the root language builds or finishes the translation, which lives in a folder of it, then), then
    write its query words and its service worker. The worker comes last: its list holds the other
    languages' sitemaps (`alternates`: the config's `extra.alternate`), which must exist by then.
    Raises SearchIndexError when Pagefind fails."""
    others = tuple(lang_prefix(other).strip("/") for other in LANGS if other != lang and lang_prefix(other))
    indexing = start_index(site_dir, searchable)
    try:
        if meanwhile is not None:
            meanwhile()
    finally:
        finish_index(indexing, site_dir)
    write_query_words(site_dir, kb, lang)
    sitemaps = tuple(f"{alt['link']}sitemap.xml" for alt in alternates if alt["link"])
    write_service_worker(site_dir, skip=others, outside=sitemaps)
