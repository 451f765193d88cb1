"""The site's search index: Pagefind, run over each language build once its pages are written.

Pagefind splits the index into chunks fetched per query, so the first search costs the same few
hundred kilobytes at 30 procedures or 5,000. Which parts of a page are indexed, and how much they
weigh, is marked in the pages themselves (overrides/main.html and the site templates:
`data-pagefind-body`, `-ignore`, `-weight`, `-meta`); pages without a body (quizzes, answer keys,
posting builders, home, tags) are left out.

Chinese has no spaces. Pagefind's indexer cuts it into words (jieba's dictionary, without ours:
拉修 becomes 拉/修), and a query must name those same words. So after indexing, the words the index
was cut into are exported as the query dictionary (`search-words.json`), with the domain words
(glossary, kit, search terms) that span several of them: docs/javascripts/search.js cuts a query
typed without spaces along that dictionary, and searches a domain word as all of its pieces.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
from pathlib import Path

from ..knowledge import KnowledgeBase

BUNDLE = "pagefind"  # Pagefind's output folder in each language build
WORDS_FILE = "search-words.json"
# Languages written without spaces between words: their queries are cut along the exported words.
UNSPACED = ("zh",)
# Pagefind's default UIs and its debugging playground: the site has its own search box.
UNUSED_BUNDLE_FILES = re.compile(r"^(pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)|playground/.*)$")

_SEPARATORS = re.compile(r"[\u200b\s]+")
_HAN = re.compile(r"^[\u3400-\u9fff]{2,}$")
_FRAGMENT_MAGIC = b"pagefind_dcd"


class SearchIndexError(Exception):
    """Pagefind failed on a built language; the message carries its output."""


def start_index(site_dir: Path, pages: list[str]) -> subprocess.Popen | None:
    """Start indexing one language build into `site_dir/pagefind/`, in the background (the root
    build builds the translation meanwhile); `finish_index` waits for it. `pages` are the build's
    paths of the pages to index: Pagefind reads only the folders they are in (not the quizzes, whose
    pages are large and never indexed, nor the other languages built inside this one)."""
    from pagefind_bin_extended import get_executable

    folders = sorted({page.split("/")[0] for page in pages})
    if not folders:
        return None
    patterns = [f"{folder}/**/*.html" if (site_dir / folder).is_dir() else folder for folder in folders]
    return subprocess.Popen(
        [str(get_executable()), "--site", str(site_dir), "--glob", "{" + ",".join(patterns) + "}",
         "--exclude-selectors", ".md-tags", "--silent"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def finish_index(process: subprocess.Popen | None, site_dir: Path) -> None:
    """Wait for `start_index`; raises SearchIndexError with Pagefind's output if it failed."""
    if process is None:
        return
    output, _ = process.communicate()
    if process.returncode != 0:
        raise SearchIndexError(f"pagefind failed on {site_dir}: {output.strip()}")
    for path in (site_dir / BUNDLE).rglob("*"):
        if path.is_file() and UNUSED_BUNDLE_FILES.match(path.relative_to(site_dir / BUNDLE).as_posix()):
            path.unlink()


def write_query_words(site_dir: Path, kb: KnowledgeBase, lang: str) -> None:
    """Write the words a query in `lang` is cut along (see the module docstring); nothing for
    languages with spaces."""
    if lang not in UNSPACED:
        return
    words = set()
    for fragment in (site_dir / BUNDLE / "fragment").glob(f"{lang}_*.pf_fragment"):
        page = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(_FRAGMENT_MAGIC))
        words.update(w for w in _SEPARATORS.split(page.get("raw_content") or page["content"]) if _HAN.match(w))
    phrases = {w for w in list_domain_words(kb, lang) if w not in words}
    data = {"words": sorted(words), "phrases": sorted(phrases)}
    (site_dir / WORDS_FILE).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def list_domain_words(kb: KnowledgeBase, lang: str) -> list[str]:
    """Glossary terms, kit names and search terms in `lang` that are single words (no spaces,
    nothing in brackets), sorted."""
    texts = [t.term for t in kb.glossary.terms] + [k.name for k in kb.kit.items]
    texts += [t for item in (*kb.procedures, *kb.roles) for t in item.search_terms]
    words = set()
    for text in texts:
        word = re.sub(r"[（(].*?[）)]", "", text.get(lang)).strip()
        if _HAN.match(word):
            words.add(word)
    return sorted(words)
