"""The site as an installable web app that works offline: a manifest and icons per language, and a
service worker per language that keeps every page of that language and its search on the device.

Each language build gets its own `sw.js` (scope: that build's folder) and `precache.json`: every
HTML page of the language, its search bundle and query words, and the assets the pages load
(stylesheets, scripts, icons), each with a content hash, up to a budget (CACHE_BUDGET; at 1,000
procedures everything fits, beyond that the quizzes and then the last pages are stored when opened). The service worker's version is the hash of
that list, so any change to the build changes `sw.js`, which the browser notices on the next online
visit: the new worker fetches what changed, copies what did not, and drops the old cache. Downloads
(PDFs, GIFT) are cached when they are first opened; offline, one not opened yet (or a page beyond the
budget) opens the offline page instead, which says so in the build's language. javascripts/offline.js
registers the worker and fills in the offline page's links; assets/service-worker.js is its code.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import struct
import zlib
from importlib import resources
from pathlib import Path

PRECACHE_FILE = "precache.json"
WORKER_FILE = "sw.js"
MANIFEST_FILE = "manifest.webmanifest"
# The page (pages.py renders it) the worker opens offline in place of a page or download it has not
# stored: the browser's "site can't be reached" told a reader nothing. Always stored at install.
OFFLINE_PAGE = "offline.md"
_OFFLINE_URL = OFFLINE_PAGE.removesuffix(".md") + "/"
ICON_SIZES = (192, 512)
# What one language's worker stores at install, at most (the rest is stored when opened).
CACHE_BUDGET = 14 * 1024 * 1024

_ASSET_REF = re.compile(r'<(?:link|script)\b[^>]*?\b(?:href|src)="([^"#?]+)')


def render_manifest(name: str, short_name: str, description: str, lang: str, theme_color: str) -> str:
    """The web app manifest of one language build; URLs are relative to the manifest, so the Chinese
    app starts at the site root and the English one at en/."""
    manifest = {
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": lang,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": theme_color,
        "icons": [{"src": f"icons/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png",
                   "purpose": "any maskable"} for size in ICON_SIZES],
    }
    return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"


@functools.lru_cache(maxsize=8)  # both languages draw the same icons
def render_icon(size: int, colour: str) -> bytes:
    """A square PNG: the theme colour with a white checklist sheet (three ticked lines) in the
    middle, inside the safe zone that maskable icons keep."""
    background = bytes.fromhex(colour.lstrip("#"))
    white = b"\xff\xff\xff"
    unit = size / 16

    def pixel(x: int, y: int) -> bytes:
        u, v = x / unit, y / unit
        if not (5 <= u < 11 and 4 <= v < 12):
            return background
        for row in (5.5, 7.5, 9.5):  # a tick box and a line, three times
            if row <= v < row + 1 and (5.75 <= u < 6.75 or 7.25 <= u < 10.25):
                return background
        return white

    rows = b"".join(b"\x00" + b"".join(pixel(x, y) for x in range(size)) for y in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def write_service_worker(site_dir: Path, skip: tuple[str, ...] = (), outside: tuple[str, ...] = (),
                         budget: int = CACHE_BUDGET) -> dict:
    """Write `precache.json` and `sw.js` into one language build, leaving out the top-level folders
    in `skip` (the other languages) but adding the files at `outside` (paths relative to the build
    that its pages load from elsewhere: Material's language selector reads every language's
    sitemap); returns the precache list.

    What the worker stores at install is kept under `budget` bytes (as stored: text gzipped), in
    this order: what every page and the search need, then the knowledge pages (procedures first),
    then the other pages (quizzes, answer keys, posting builders). What does not fit is stored when
    first opened."""
    found: dict[str, bytes] = {}
    assets: set[str] = set()
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if not path.is_file() or relative.split("/")[0] in skip:
            continue
        if path.suffix == ".html":
            data = path.read_bytes()
            folder = path.parent.relative_to(site_dir).as_posix()
            for ref in _ASSET_REF.findall(data.decode("utf-8")):
                if not re.match(r"[a-z][a-z0-9+.-]*:|/", ref):
                    assets.add(_normalise(f"{folder}/{ref}"))
            found[relative.removesuffix("index.html")] = data
        elif relative.startswith(("pagefind/", "icons/")) or relative in ("search-words.json", "sitemap.xml", MANIFEST_FILE):
            found[relative] = path.read_bytes()
    for path in [*outside, *sorted(assets)]:
        if path not in found and (site_dir / path).is_file():
            found[path] = (site_dir / path).read_bytes()
    hashes = {path: _hash(data) for path, data in found.items()}
    files, stored = {}, 0
    for path in sorted(found, key=_priority):
        size = len(zlib.compress(found[path], 6)) if _is_text(path) else len(found[path])
        if stored + size > budget and _priority(path)[0] >= 1:
            break  # pages in order: the first that does not fit ends the list
        files[path] = hashes[path]
        stored += size
    # Over every file, cached now or later: any change to the build makes a new worker, which drops
    # the old cache (pages stored when opened included).
    version = _hash(json.dumps(hashes, sort_keys=True).encode())
    precache = {"version": version, "files": files}
    (site_dir / PRECACHE_FILE).write_text(json.dumps(precache, separators=(",", ":")), encoding="utf-8")
    code = resources.files("generator").joinpath("assets/service-worker.js").read_text(encoding="utf-8")
    (site_dir / WORKER_FILE).write_text(f'const VERSION = "{version}";\nconst OFFLINE_PAGE = "{_OFFLINE_URL}";\n{code}',
                                        encoding="utf-8")
    return precache


_KNOWLEDGE_PAGES = ("procedures/", "roles/", "phases/", "glossary/", "kit/")


def _priority(path: str) -> tuple[int, int, str]:
    """Shell, search and the offline page first (0), then pages: the knowledge (1, procedures first),
    then the rest (2)."""
    if not path.endswith(("/", ".html")) and path != "" or path == _OFFLINE_URL:
        return (0, 0, path)
    for rank, prefix in enumerate(_KNOWLEDGE_PAGES):
        if path.startswith(prefix):
            return (1, rank, path)
    return (1, len(_KNOWLEDGE_PAGES), path) if path in ("", "tags/", "404.html") else (2, 0, path)


def _is_text(path: str) -> bool:
    return path.endswith(("/", ".html", ".js", ".css", ".json", ".svg", ".xml", ".webmanifest")) or path == ""


def _normalise(path: str) -> str:
    """'roles/x/../../assets/a.css' → 'assets/a.css' (paths inside the build)."""
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]
