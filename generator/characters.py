"""Characters no text may hold, wherever it comes from: control characters and text-direction overrides.

They are invisible, so nobody sees them when they review a text, yet they do harm: NUL and most
other controls cannot be written into XML (a Word file), an escape sequence rewrites a terminal, a
right-to-left override shows a text in another order than the one it is stored and checked in.
Tab and line feed are ordinary text and allowed.

One rule for every way in: content files and posting.yml and the posting options (the model's text
types in model/common.py), the posting builder page (posting/wording.browser_rules hands the
pattern over; it reads the same in JavaScript with the `u` flag, where a surrogate pair is one
character and only a lone surrogate matches), and every message the tools print (`visible`).
"""

from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL, C1 controls, bidirectional embeddings, overrides and
# isolates, and surrogates (in Python any surrogate is a lone one: a pair is one code point).
REFUSED_PATTERN = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
_REFUSED = re.compile(REFUSED_PATTERN)


def describe(char: str) -> str:
    """'U+202E (a text-direction override)': a refused character named so a person can find it."""
    code = ord(char)
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        kind = "a text-direction override"
    elif 0xD800 <= code <= 0xDFFF:
        kind = "a lone surrogate, not a character"
    else:
        kind = "a control character"
    return f"U+{code:04X} ({kind})"


def find_refused(text: str) -> str | None:
    """The message for a person if `text` holds a refused character (the first one), else None."""
    match = _REFUSED.search(text)
    if match is None:
        return None
    return (f"text holds {describe(match.group())} at character {match.start() + 1}; delete it (control and "
            f"text-direction characters are invisible and corrupt printed and exported documents)")


def visible(text: str) -> str:
    """`text` with every character that is not printable written as an escape (\\x1b, \\u202e, \\u2028):
    the refused ones, and line and paragraph separators and spaces other than ' ' too, so a message
    that quotes a value stays one line and cannot rewrite the terminal or reorder the line."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" if ord(ch) < 0x100
                   else f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}" for ch in text)
