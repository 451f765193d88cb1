"""The print font: Noto Sans CJK SC cut down to the characters actually printed.

WeasyPrint subsets fonts but keeps glyph ids, so with a 65,000-glyph CJK font every PDF carries
~70 KB of empty glyph slots per weight. Subsetting first to the printed characters (ids
renumbered) brings a checklist from ~220 KB to ~20 KB. Subsetting takes about a second per
weight, so the result is cached by the character set.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

FAMILY = "KB Sans"
NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
# Index of the Simplified Chinese face inside the Noto CJK collections (JP, KR, SC, TC, HK).
SC_INDEX = 2
WEIGHTS = {"normal": "NotoSansCJK-Regular.ttc", "bold": "NotoSansCJK-Bold.ttc"}


class FontError(Exception):
    """Raised when the CJK font is not installed."""


@dataclass(frozen=True)
class PrintFont:
    """Subset font files for each weight, the @font-face CSS naming them, and what they lack."""

    files: dict[str, Path]
    digest: str
    missing: frozenset[str]

    def css(self) -> str:
        return "\n".join(
            f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; src: url("{path.as_uri()}"); }}'
            for weight, path in sorted(self.files.items()))


def printable_characters(texts) -> str:
    """Every character that may need a glyph: the texts' own, plus ASCII for page numbers and CSS content."""
    chars = set(map(chr, range(0x20, 0x7F)))
    for text in texts:
        chars.update(text)
    return "".join(sorted(c for c in chars if unicodedata.category(c)[0] != "C"))


def prepare_font(characters: str, cache_dir: Path) -> PrintFont:
    """Subset fonts for `characters`, made once and reused from `cache_dir`."""
    sources = {weight: NOTO_DIR / name for weight, name in WEIGHTS.items()}
    for path in sources.values():
        if not path.is_file():
            raise FontError(f"{path} not found: install the Debian package fonts-noto-cjk (make system-deps)")
    from fontTools import version as fonttools_version

    key = hashlib.sha256("\0".join([fonttools_version, characters, *(
        f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sources.values())]).encode()).hexdigest()[:20]
    folder = cache_dir / "fonts"
    folder.mkdir(parents=True, exist_ok=True)
    files = {weight: folder / f"{key}-{weight}.otf" for weight in sources}
    missing: set[str] = set()
    for weight, target in files.items():
        missing |= _subset(sources[weight], characters, target)
    return PrintFont(files, key, frozenset(missing))


def _subset(source: Path, characters: str, target: Path) -> set[str]:
    """Write the subset to `target` unless it is there; return the characters the font lacks."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    if target.is_file():
        cmap = TTFont(target, lazy=True)["cmap"].getBestCmap()
        return {c for c in characters if ord(c) not in cmap and not c.isspace()}
    font = TTFont(source, fontNumber=SC_INDEX, recalcTimestamp=False)  # no timestamp: same bytes each time
    cmap = font.getBestCmap()
    options = subset.Options()
    options.hinting = False  # print only: hinting is for small screen sizes
    options.desubroutinize = True  # compresses better, and WeasyPrint subsets again
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    # Write then rename: parallel builds (tests) may make the same file at once.
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.close(fd)
    font.save(tmp)
    os.replace(tmp, target)
    return {c for c in characters if ord(c) not in cmap and not c.isspace()}
