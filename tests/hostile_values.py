"""What a person, an extension or another program could leave where the site and the SCORM package keep
their state (localStorage, an LMS's suspend_data): each item is the text stored, JSON or not. The tests
plant each one as a whole entry and as every field of an entry (by splicing the text in, so the deep and
the invalid ones go in as they are)."""

from __future__ import annotations

import json
import math

DEEP = 20_000  # levels of nesting: more than a recursive reader survives

HOSTILE = [
    # not JSON at all
    "", " ", "{", "[1,2", '"open', "undefined", "NaN", "Infinity", "{'version': '1.0'}", '{"a":1,}', "\u0000",
    # the wrong type
    "0", "1", "true", "false", '""', '"x"', "{}", '"1.0 "', '"１.０"', '"1.0\\n"',
    # objects that turn into something when converted
    '{"toString":1}', '{"toString":0}', '{"valueOf":1}', '{"toString":"1.0","valueOf":{}}', '{"toJSON":1}',
    '{"0":0,"1":1,"2":2,"3":3,"length":4}', '{"hasOwnProperty":1,"toString":1,"valueOf":1,"constructor":1}',
    # numbers out of range, or not whole
    "1e308", "1e400", "-1e400", "9007199254740993", "-1", "0.5", "99", "1e-400",
    # numbers as strings
    '"NaN"', '"Infinity"', '"-1"', '"0x10"', '"1e3"', '" 1"', '"2"',
    # arrays
    "[]", "[0,1,2,3]", "[[]]", '["1.0"]', '[{"toString":1}]', "[null]", "[0,0,0,0]", "[3,2,1,0,4]",
    # nulls
    "null", '{"version":null,"at":null,"right":null,"total":null,"percent":null,"order":null,"b":null}',
    # deeply nested
    "[" * DEEP + "]" * DEEP, '{"a":' * DEEP + "1" + "}" * DEEP,
    # prototype keys
    '{"__proto__":{"version":"1.0","at":"2026-01-01T00:00:00.000Z","right":1,"total":1,"percent":100}}',
    '{"constructor":{"prototype":{"toString":1}}}', '{"__proto__":null}',
    '["__proto__","constructor","toString","hasOwnProperty","valueOf"]', '"__proto__"', '"constructor"',
    # long text, and dates that are not
    '"1.' + "0" * 50_000 + '"', '"' + "x" * 100_000 + '"',
    '"2026-13-45T99:99:99Z"', '"2026-01-01"', '"not a date"',
]


def is_index(text: str, n: int) -> bool:
    """Whether the JSON text is a whole number 0 … n-1: a value a reader rightly takes (an answer, a flag)."""
    try:
        value = json.loads(text) if len(text) < 100 else None
    except ValueError:
        return False
    return type(value) in (int, float) and math.isfinite(value) and value == int(value) and 0 <= value < n
