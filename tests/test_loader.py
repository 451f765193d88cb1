"""The safe YAML loader: positions, duplicates, limits, encodings, and YAML 1.1 surprises."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.loader import MAX_BYTES, decode_text, load_yaml
from generator.problems import Report


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "f.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    report = Report()
    return load_yaml(path, "f.yml", report), report


def test_positions_of_keys_and_items(tmp_path):
    loaded, report = load(tmp_path, "a: 1\nlist:\n  - x\n  - k: v\n    j: {w: 1}\n")
    assert not report.problems
    assert loaded.positions.at(("a",)) == (1, 1)
    assert loaded.positions.at(("list", 0)) == (3, 5)
    assert loaded.positions.at(("list", 1, "j")) == (5, 5)
    assert loaded.positions.at(("list", 1, "j", "w")) == (5, 9)
    assert loaded.positions.at(("list", 1, "j", "missing")) == (5, 5)  # nearest known ancestor


def test_crlf_and_bom_keep_line_numbers(tmp_path):
    loaded, report = load(tmp_path, "\ufeffa: 1\r\nb: 2\r\n".encode("utf-8"))
    assert not report.problems
    assert loaded.data == {"a": 1, "b": 2}
    assert loaded.positions.at(("b",)) == (2, 1)


def test_yaml11_words_stay_text_and_dates_stay_strings(tmp_path):
    loaded, _ = load(tmp_path, "en: no\nyes: on\nflag: true\nday: 2026-11-27\nn: 0x10\n")
    assert loaded.data == {"en": "no", "yes": "on", "flag": True, "day": "2026-11-27", "n": 16}


def test_duplicate_keys_are_errors_in_nested_mappings(tmp_path):
    loaded, report = load(tmp_path, "a:\n  b: 1\n  b: 2\n")
    assert loaded is None
    assert [p.format() for p in report.problems] == [
        "f.yml:3:3: error: duplicate key 'b' (first at line 2, column 3); YAML keeps only one, so merge them"
    ]


def test_oversized_file_is_refused_before_parsing(tmp_path):
    loaded, report = load(tmp_path, "a: '" + "x" * MAX_BYTES + "'\n")
    assert loaded is None and "more than the 1000000 allowed" in report.problems[0].message


def test_deep_nesting_is_an_error_not_a_crash(tmp_path):
    loaded, report = load(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert loaded is None
    assert report.errors


def test_top_level_must_be_a_mapping(tmp_path):
    loaded, report = load(tmp_path, "- a\n- b\n")
    assert loaded is None
    assert report.problems[0].message == "the top level must be a mapping of keys to values"


@pytest.mark.parametrize("raw, hint", [
    ("键: 值".encode("gb18030"), "GBK"),
    ("a: b".encode("utf-16"), "UTF-16"),
    ("a: b".encode("utf-32"), "UTF-32"),
    (b"a: \xff\xfe\xfd", "not valid UTF-8"),
])
def test_other_encodings_are_refused_with_a_hint(raw, hint):
    with pytest.raises(ValueError, match=hint):
        decode_text(raw)


def test_non_string_keys_and_explicit_tags(tmp_path):
    loaded, report = load(tmp_path, "? [a, b]\n: 1\nc: !!binary aGk=\n")
    assert loaded is None
    assert [p.message for p in report.problems] == [
        "a key must be plain text",
        "tag '!!binary' is not allowed; content is plain YAML (text, numbers, lists, mappings)",
    ]
