"""The print font: Noto Sans CJK SC cut down to the characters actually printed.

WeasyPrint subsets fonts but keeps glyph ids, so with a 65,000-glyph CJK font every PDF carries
~70 KB of empty glyph slots per weight. Subsetting first to the printed characters (ids
renumbered) brings a one-page checklist from ~220 KB to ~40 KB. Subsetting takes seconds, so the
result is cached by the character set.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

FAMILY = "KB Sans"
NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
# Index of the Simplified Chinese face inside the Noto CJK collections (JP, KR, SC, TC, HK).
SC_INDEX = 2
SOURCES = {"normal": NOTO_DIR / "NotoSansCJK-Regular.ttc", "bold": NOTO_DIR / "NotoSansCJK-Bold.ttc"}
# print only, so no hinting; kerning only, as the default features pull in vertical and alternate
# forms, doubling the glyphs and the time. Part of the cache key.
SUBSET_OPTIONS = {"hinting": False, "layout_features": ["kern"]}


class FontError(Exception):
    """Raised when the CJK font is not installed."""


@dataclass(frozen=True)
class PrintFont:
    """Where the subset of each weight for `characters` lives, and the @font-face CSS naming them."""

    characters: str
    files: dict[str, Path]
    digest: str

    def css(self) -> str:
        return "\n".join(
            f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; src: url("{url}"); }}'
            for weight, url in zip(sorted(self.files), self.urls()))

    def urls(self) -> tuple[str, ...]:
        """The font files as the CSS names them: all that printing may load (see assets.py)."""
        return tuple(self.files[weight].as_uri() for weight in sorted(self.files))

    def unmade(self) -> list[str]:
        """The weights whose subset is not in the cache yet."""
        return [weight for weight, path in sorted(self.files.items()) if not path.is_file()]

    def missing_glyphs(self) -> list[str]:
        """Printed characters the font has no glyph for (they would fall back to another font)."""
        from fontTools.ttLib import TTFont

        cmap = TTFont(self.files["normal"], lazy=True)["cmap"].getBestCmap()
        return [c for c in self.characters if ord(c) not in cmap and not c.isspace()]


def printable_characters(texts: Iterable[str]) -> str:
    """Every character that may need a glyph: the texts' own, plus ASCII for page numbers and CSS content."""
    chars = set(map(chr, range(0x20, 0x7F)))
    for text in texts:
        chars.update(text)
    return "".join(sorted(c for c in chars if unicodedata.category(c)[0] != "C"))


def plan_font(characters: str, cache_dir: Path) -> PrintFont:
    """The font for `characters`: cache file names keyed by the characters and the source fonts."""
    for path in SOURCES.values():
        if not path.is_file():
            raise FontError(f"{path} not found: install the Debian package fonts-noto-cjk (make system-deps)")
    from fontTools import version as fonttools_version

    key = hashlib.sha256("\0".join([fonttools_version, repr(SUBSET_OPTIONS), characters, *(
        f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in SOURCES.values())]).encode()).hexdigest()[:20]
    folder = cache_dir / "fonts"
    folder.mkdir(parents=True, exist_ok=True)
    files = {weight: folder / f"{key}-{weight}.otf" for weight in SOURCES}
    for path in files.values():
        if path.is_file():
            os.utime(path)  # in use: keep it through pruning
    return PrintFont(characters, files, key)


def make_subset(font: PrintFont, weight: str) -> None:
    """Write the subset of one weight of `font` to its cache file."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    target = font.files[weight]
    ttfont = TTFont(SOURCES[weight], fontNumber=SC_INDEX, recalcTimestamp=False)  # no timestamp: same bytes each time
    subsetter = subset.Subsetter(subset.Options(**SUBSET_OPTIONS))
    subsetter.populate(text=font.characters)
    subsetter.subset(ttfont)
    # Write then rename: parallel builds (tests) may make the same file at once.
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.close(fd)
    ttfont.save(tmp)
    os.replace(tmp, target)
