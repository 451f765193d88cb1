"""Model rules that the fixtures do not spell out one by one."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from generator.model import DocumentControl, Measure, Text


def test_text_falls_back_to_chinese_when_english_is_missing():
    assert Text(zh="鞋套").get("en") == "鞋套"
    assert Text(zh="鞋套", en="Shoe covers").get("en") == "Shoe covers"
    assert Text(zh="鞋套", en="Shoe covers").get("zh") == "鞋套"


@pytest.mark.parametrize("text", ["a < b and c > d", "use **bold** and [a link](https://example.com)", "5<10 分钟",
                                  "see <https://example.com/a?b=1> or <FTP://example.com/x>", "&lt;b&gt; as written", "1 <3 you",
                                  "tab\tseparated", "two\nlines", "😀 and \u200f (a mark, not an override)"])
def test_text_allows_markdown_and_comparison_signs(text):
    assert Text(zh=text).zh == text


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "x <!-- hidden -->", "</div>",
    "Service engineer<svg/onload=alert(1)>",  # the tag the old regex missed
    "<svg\nonload=alert(1)>", "<b\tonmouseover=alert(1)>x</b>", "<img src=x onerror=alert(1)",  # unfinished: the page's next '>' ends it
    "x</title>", "<!DOCTYPE html>", "<![CDATA[x]]>", "<?php echo 1 ?>", "<!x>", "a<b", "write to <a@b.cn>",
    "<http://x onmouseover=alert(1)>",  # not an autolink: a space in it
    "&#<img src=x onerror=alert(1)>", "a &# <b>x</b>",  # an unfinished entity hid what followed it from the parser
    "<!['x",  # a declaration Python's parser gives up on (an AssertionError)
])
def test_text_refuses_raw_html_as_an_html_parser_reads_it(text):
    with pytest.raises(ValidationError, match="raw HTML is not allowed"):
        Text(zh=text)


@pytest.mark.parametrize("char", ["\x00", "\x08", "\x0b", "\x0c", "\r", "\x1b", "\x1f", "\x7f", "\x80", "\x85", "\x9f",
                                  "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"])
def test_text_refuses_control_and_direction_characters(char):
    with pytest.raises(ValidationError, match=f"text holds U\\+{ord(char):04X} .* at character 3; delete it"):
        Text(zh=f"门口{char}门铃")
    with pytest.raises(ValidationError, match="text holds"):
        Text(zh="门铃", en=f"door{char}bell")


def test_text_refuses_lone_surrogates_and_validate_says_why():
    """pydantic refuses them itself (a command-line byte that is not UTF-8 becomes one); the message is ours."""
    from generator.model.validation import explain

    with pytest.raises(ValidationError) as err:
        Text(zh="门口\udcff门铃")
    assert explain(err.value, {"zh": "门口\udcff门铃"}, Text) == [
        (("zh",), "text holds U+DCFF (a lone surrogate, not a character) at character 3; delete it (control and "
                  "text-direction characters are invisible and corrupt printed and exported documents)")]


def test_messages_show_control_characters_as_escapes():
    from generator.problems import Problem

    line = Problem("roles/\x1bx.yml", 3, 1, "error", "unknown key '\x1b[2J\u202e'").format()
    assert line == "roles/\\x1bx.yml:3:1: error: unknown key '\\x1b[2J\\u202e'"


def test_titles_and_names_are_one_line():
    from generator.model import Role

    with pytest.raises(ValidationError, match="a title or name is one line, but the en text holds a line break"):
        Role.model_validate({"id": "x", "title": {"zh": "工程师", "en": "Engineer\n\n::q::[plain]Injected {TRUE}"}})


def test_text_refuses_empty_chinese():
    with pytest.raises(ValidationError):
        Text(zh="  ")


def test_measure_kind_and_amount():
    what = Text(zh="间隔", en="interval")
    assert (Measure(id="a", seconds=30, what=what).kind, Measure(id="a", seconds=30, what=what).amount) == ("seconds", 30)
    assert Measure(id="b", minutes=[5, 10], relation="early", what=what).amount == (5, 10)
    assert Measure(id="c", count=1, unit=Text(zh="副", en="pair"), what=what).kind == "count"


@pytest.mark.parametrize("fields, message", [
    ({}, "give exactly one of"),
    ({"seconds": 1, "hours": 1}, "found seconds, hours"),
    ({"minutes": [5, 5]}, "low < high"),
    ({"minutes": [1, 2, 3]}, "at most 2 items"),
    ({"minutes": -1}, "greater than or equal to 0"),
    ({"seconds": 30, "unit": {"zh": "下"}}, "`unit` goes with `count`"),
])
def test_measure_rejects(fields, message):
    with pytest.raises(ValidationError, match=message):
        Measure(id="m", what=Text(zh="x", en="x"), **fields)


@pytest.mark.parametrize("reviewed, months, due", [
    ("2026-01-31", 1, "2026-02-28"),
    ("2024-05-31", 12, "2025-05-31"),
    ("2026-11-27", 12, "2027-11-27"),
    ("2026-12-15", 1, "2027-01-15"),
])
def test_review_due_date(reviewed, months, due):
    doc = DocumentControl(version="1.0", owner="manager", last_reviewed=reviewed, review_interval_months=months)
    assert doc.review_due() == dt.date.fromisoformat(due)


def test_folded_chinese_lines_join_without_spaces():
    assert Text(zh="负责；\n用户拒绝时 上门致歉。Call 400 热线").zh == "负责；用户拒绝时上门致歉。Call 400 热线"


def _procedure(**changes):
    from generator.model import Procedure
    data = {
        "id": "knock", "kind": "sequence", "title": {"zh": "敲门"}, "phase": "arrive", "order": 1, "roles": ["engineer"],
        "purpose": {"zh": "告知到达。"}, "steps": [{"id": "knock", "text": {"zh": "轻敲。"}}], "source": "⑶ 三.2",
        "document": {"version": "1.0", "owner": "manager", "last_reviewed": "2026-11-01", "review_interval_months": 12},
        "changes": [{"version": "1.0", "date": "2026-11-01", "summary": {"zh": "首版。", "en": "First version."}}],
    }
    data.update(changes)
    return Procedure.model_validate(data)


def test_a_procedure_keeps_its_changes_and_versions_compare_number_by_number():
    from generator.model import version_key
    assert _procedure().changes[0].summary.get("en") == "First version."
    with pytest.raises(ValidationError, match="changes"):
        _procedure(changes=[])
    with pytest.raises(ValidationError, match="version"):
        _procedure(changes=[{"version": "v2", "date": "2026-11-01", "summary": {"zh": "改。"}}])
    assert version_key("1.10") > version_key("1.9") > version_key("1.0.1") > version_key("1.0")


def test_a_procedure_says_what_it_is():
    assert _procedure().on_the_line
    situation = _procedure(kind="situation", applies_when={"zh": "迟到时。"}, arises_in=["knock"], steps=[])
    assert not situation.on_the_line and situation.steps == []
    with pytest.raises(ValidationError, match="kind"):
        _procedure(kind="sometimes")
    with pytest.raises(ValidationError, match="kind"):
        from generator.model import Procedure
        Procedure.model_validate({k: v for k, v in _procedure().model_dump().items() if k != "kind"})


def test_glossary_variants_and_origins():
    from generator.model import Kpi, Term, Variant
    assert Variant(zh="对帐").get("zh") == "对帐" and Variant(zh="对帐").get("en") is None
    with pytest.raises(ValidationError, match="variant to avoid"):
        Variant()
    term = {"id": "reconciliation", "term": {"zh": "对账"}, "definition": {"zh": "每天核对。"}}
    assert Term(**term, source="⑶ 七.2").source and Term(**term, own=True).own
    with pytest.raises(ValidationError, match="own: true"):
        Term(**term)
    with pytest.raises(ValidationError, match="own: true"):
        Kpi(id="on-time", text={"zh": "准时。"})
    assert Kpi(id="on-time", text={"zh": "准时。"}, own=True).own


def test_steps_exceptions_rules_and_role_lines_can_be_marked_ours():
    procedure = _procedure(
        steps=[{"id": "knock", "text": {"zh": "轻敲。"}}, {"id": "wait", "text": {"zh": "等一等。"}, "own": True,
                                                        "timings": [{"id": "wait-for", "seconds": 30, "what": {"zh": "等多久"}}]}],
        exceptions=[{"id": "no-answer", "when": {"zh": "没人开门"}, "then": {"zh": "打电话。"}, "own": True}],
        rules=[{"id": "always-knock", "kind": "always", "text": {"zh": "轻敲。"}}])
    assert [procedure.is_own(i) for i in ("knock", "wait", "no-answer", "always-knock", "wait-for", None)] == [
        False, True, True, False, False, False]  # a timing keeps the source's number even in a step of ours
    from generator.model import Role
    role = {"id": "clerk", "title": {"zh": "信息员"}, "summary": {"zh": "派工。"},
            "responsibilities": [{"id": "dispatch", "text": {"zh": "派工。"}, "source": "⑶ 一.1"}],
            "requirements": [{"id": "careful", "text": {"zh": "细致。"}, "source": "⑶ 七.2", "own": True}],
            "source": "⑶", "document": {"version": "1.0", "owner": "manager", "last_reviewed": "2026-11-01", "review_interval_months": 12},
            "changes": [{"version": "1.0", "date": "2026-11-01", "summary": {"zh": "首版。"}}]}
    assert Role.model_validate({**role, "reports_to": "manager", "reports_to_own": True}).requirements[0].own
    with pytest.raises(ValidationError, match="reports_to_own"):
        Role.model_validate({**role, "reports_to_own": True})


def test_the_markup_pattern_gives_the_parsers_verdict():
    """The posting builder page decides with MARKUP_PATTERN what find_markup decides with a parser:
    the same verdict on 200,000 random texts built from the pieces markup is made of."""
    import random
    import re

    from generator.markup import AUTOLINK, MARKUP_PATTERN, find_markup

    pattern = re.compile(MARKUP_PATTERN)
    pieces = ["<", ">", "/", "!", "?", "a", "B", "-", " ", '"', "'", "=", "&", "1", "\n", "[", "]", "(", ")", "http://x",
              "<http://x>", "<ftp://", "<HTTPS://x>", "script", "img", "--", "é", "中", "<!--", "-->", "CDATA", "<![", "\t",
              "#", ";", "&#", "&lt;", "</", "</>", "<https://a b>", "\u00a0", "\u3000", "\ue000", "\ufffd"]
    rng = random.Random(19)
    for _ in range(200_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 9)))
        assert (find_markup(text) is not None) == bool(pattern.search(AUTOLINK.sub(" ", text))), repr(text)
