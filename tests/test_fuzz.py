"""Fuzzing the commands with Hypothesis: content trees and posting options a careless or hostile
author could write. Every command either succeeds or exits 1 with its problems as messages (content
problems as `path:line:col`); never a traceback, never a hang, never a file outside --out.

`make test` runs a fixed, derandomised budget of examples, so CI is repeatable; a longer random run:
`.venv/bin/python -m pytest tests/test_fuzz.py --fuzz-examples 500`.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import re
import signal
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.content import SCHEMA_LINE

from conftest import REPO

VALID = REPO / "tests" / "fixtures" / "valid"
FILES = sorted(str(p.relative_to(VALID)) for p in VALID.rglob("*.yml"))
SCHEMAS = {"roles": "role", "procedures": "procedure", "phases.yml": "phases", "glossary.yml": "glossary", "kit.yml": "kit"}
SECONDS_PER_COMMAND = 120  # far beyond any real run: reaching it means a hang

# One line of what a command may print: a content problem at its place, a one-line error, the summary.
_PROBLEM = re.compile(r"^[^\s:][^:]*:\d+:\d+: (?:error|warning): \S")
_ONE_LINE = re.compile(r"^(?:error|warning): \S|^ok: |^\d+ errors?, \d+ warnings? in \d+ files?$|^wrote |^built ")

HOSTILE_TEXT = [
    "", " ", "\n", "\x00", "nul \x00 here", "esc \x1b[31m red", "\x07\x08\x7f\x85\x9b", "\u202e\u2066bidi\u2069\u202c",
    "\ud800", "lone \udfff", "\ufeff", "\u2028\u2029", "a" * 20_000, "敲门" * 5_000, "{tabindex=0 autofocus onfocus=alert(1)}",
    "*x*{onclick=alert(1)}", "\n\n# h {: onclick=alert(1)}", "<svg/onload=alert(1)>", "<script>alert(1)</script>",
    "[x](javascript:alert(1))", "[x](&#106;avascript:alert(1))", "![i](http://127.0.0.1:9/x.png)", "![j](/etc/passwd)",
    "{{ 7*7 }}{% if 1 %}x{% endif %}", "::\n$CATEGORY: x\n::q::{T}", "=HYPERLINK(\"http://x\",\"y\")", "--- \n...", "&amp;&lt;",
]
_scalars = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates().map(str),
)
_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                       max_leaves=8)


def _paths(node, prefix=()):
    """Every place in a data tree: the keys of mappings and the indexes of lists."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*prefix, i))


def _at(tree, path):
    for key in path:
        tree = tree[key]
    return tree


def _ids(node):
    """Every id value in a tree, for making duplicates."""
    return [v for p in _paths(node) if p and p[-1] == "id" and isinstance(v := _at(node, p), str)]


@st.composite
def content_trees(draw) -> dict[str, object]:
    """The valid fixture's files (relative path → data) with one to four mutations."""
    tree = {rel: yaml.safe_load((VALID / rel).read_text(encoding="utf-8")) for rel in FILES}
    for _ in range(draw(st.integers(1, 4))):
        rel = draw(st.sampled_from(FILES))
        places = list(_paths(tree[rel]))
        path = draw(st.sampled_from(places))
        kind = draw(st.sampled_from(["replace", "delete", "extra-key", "duplicate-id", "reverse-range", "repeat", "text"]))
        if not path:
            tree[rel] = draw(_values) if kind == "replace" else tree[rel]
            continue
        parent, key = _at(tree[rel], path[:-1]), path[-1]
        value = parent[key]
        if kind == "replace":
            parent[key] = draw(_values)
        elif kind == "delete":
            del parent[key]
        elif kind == "extra-key" and isinstance(value, dict):
            value[draw(st.sampled_from(["extra", "titel", "id", "own", "zh", "en"]))] = draw(_values)
        elif kind == "duplicate-id" and _ids(tree[rel]):
            target = value if isinstance(value, dict) else parent
            if isinstance(target, dict):
                target["id"] = draw(st.sampled_from(_ids(tree[rel])))
        elif kind == "reverse-range" and isinstance(value, list) and len(value) == 2:
            parent[key] = value[::-1]
        elif kind == "repeat" and isinstance(value, list) and value:
            parent[key] = [copy.deepcopy(value[0]) for _ in range(draw(st.integers(2, 60)))]
        elif kind == "text" and isinstance(value, str):
            parent[key] = value + draw(st.sampled_from(HOSTILE_TEXT))
    return tree


def write_tree(tree: dict[str, object], root: Path) -> None:
    for rel, data in tree.items():
        schema = SCHEMAS.get(rel.split("/")[0], "x")
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        depth = "../" * rel.count("/")
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        path.write_text(f"{SCHEMA_LINE}{depth}schema/{schema}.schema.json\n{text}", encoding="utf-8", errors="surrogatepass")


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang(f"a command ran for more than {SECONDS_PER_COMMAND} s")


def run_command(*argv: str) -> tuple[int, str]:
    """Run the CLI in this process: an uncaught exception (a traceback) fails the test as it is."""
    out, err = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(SECONDS_PER_COMMAND)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(argv))
            except SystemExit as exit_:  # argparse's usage errors
                code = exit_.code
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return code, out.getvalue() + err.getvalue()


def assert_clean_outcome(code: int, output: str, argv) -> None:
    assert code in (0, 1, 2), (argv, code, output[-2000:])
    assert "Traceback" not in output, (argv, output[-2000:])
    if code == 1:
        lines = [line for line in output.splitlines() if line.strip()]
        assert lines, (argv, "exit 1 with nothing said")
        strange = [line for line in lines if not (_PROBLEM.match(line) or _ONE_LINE.match(line) or line.startswith("  "))]
        assert not strange, (argv, strange[:5])


def snapshot(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def examples(request, default: int) -> settings:
    budget = request.config.getoption("--fuzz-examples")
    return settings(max_examples=budget or default, derandomize=not budget, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))


def check_commands(tree, tmp_path_factory, commands) -> None:
    work = tmp_path_factory.mktemp("fuzz")
    root = work / "content"
    write_tree(tree, root)
    before = snapshot(work)
    code, output = run_command("validate", "--root", str(root), "--today", "2026-11-27")
    assert_clean_outcome(code, output, "validate")
    if code == 1:
        assert any(_PROBLEM.match(line) for line in output.splitlines()), output[-2000:]
        return
    for i, command in enumerate(commands):
        out = work / f"out-{i}"
        argv = [*command, "--root", str(root), "--out", str(out)]
        code, output = run_command(*argv)
        assert_clean_outcome(code, output, argv)
        made = snapshot(work) - before
        assert all(p == out.name or p.startswith(f"{out.name}/") for p in made), (argv, sorted(made)[:5])
        before |= made


def test_fuzzed_content_validates_or_reports(request, tmp_path_factory):
    @examples(request, 30)
    @given(content_trees())
    def run(tree):
        check_commands(tree, tmp_path_factory, [
            ["quiz", "--role", "engineer", "--format", "gift"], ["quiz", "--role", "engineer", "--format", "md", "--lang", "en"],
            *(["posting", "engineer", "--format", f, "--organization", "Example"] for f in ("md", "txt", "docx", "jsonld")),
        ])
    run()


def test_fuzzed_content_builds_or_reports(request, tmp_path_factory):
    @examples(request, 4)
    @given(content_trees())
    def run(tree):
        check_commands(tree, tmp_path_factory, [
            ["build", "--no-downloads", "--config", str(REPO / "mkdocs.yml")],
            ["checklist", "knock"], ["checklist", "field-card", "--lang", "en"],
        ])
    run()


_flag_values = st.one_of(st.sampled_from(HOSTILE_TEXT[:12] + ["9000-6000", "-5", "0", "1e9", "99999999999999999999", "6000-",
                                                            "2027-02-30", "1900-01-01", "CNY", "month", "FULL_TIME", "zh", "en"]),
                         st.text(max_size=30))
_posting_flags = ["--lang", "--city", "--salary", "--currency", "--period", "--headcount", "--valid-through",
                  "--employment-type", "--contact", "--organization", "--introduction", "--responsibility", "--requirement"]
_posting_files = st.fixed_dictionaries({}, optional={
    "lang": _values, "city": _values, "headcount": _values, "valid_through": _values, "contact": _values,
    "organization": _values, "introduction": _values, "employment_type": _values,
    "salary": st.one_of(_values, st.fixed_dictionaries({"min": _values, "max": _values}, optional={"currency": _values})),
    "responsibilities": st.one_of(_values, st.fixed_dictionaries({}, optional={"own": st.lists(_values, max_size=3),
                                                                             "add": _values, "drop": _values, "tags": _values})),
    "requirements": st.one_of(_values, st.fixed_dictionaries({}, optional={"own": st.lists(_values, max_size=3), "core": _values})),
    "extra": _values,
})


def test_fuzzed_posting_options_write_or_report(request, tmp_path_factory):
    @examples(request, 40)
    @given(st.lists(st.tuples(st.sampled_from(_posting_flags), _flag_values), max_size=5), st.one_of(st.none(), _posting_files),
           st.sampled_from(["md", "txt", "docx", "jsonld"]))
    def run(flags, config, fmt):
        work = tmp_path_factory.mktemp("posting")
        argv = ["posting", "engineer", "--root", str(VALID), "--today", "2026-11-27", "--format", fmt]
        if config is not None:
            text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
            (work / "posting.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
            argv += ["--config", str(work / "posting.yml")]
        for flag, value in flags:
            argv.append(f"{flag}={value}")  # '=' so a value starting with '-' stays a value
        out = work / "out.x"
        before = snapshot(work)
        code, output = run_command(*argv, "--out", str(out))
        assert_clean_outcome(code, output, argv)
        assert snapshot(work) - before <= {"out.x"}
        if code == 0 and fmt == "docx":
            from docx import Document
            Document(str(out))  # what was written opens
    run()


_HOSTILE_PLACES = (("procedures/knock.yml", ("steps", 0, "text")), ("roles/engineer.yml", ("title",)),
                   ("roles/engineer.yml", ("responsibilities", 0, "text")), ("glossary.yml", ("terms", 0, "definition")))


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_every_hostile_text_in_the_content_validates_or_reports(tmp_path_factory, text):
    """The fixed list, each in a step, a role title, a responsibility and a glossary definition (Chinese
    and English), through every command: what validate accepts must build, print and post."""
    tree = {rel: yaml.safe_load((VALID / rel).read_text(encoding="utf-8")) for rel in FILES}
    for rel, path in _HOSTILE_PLACES:
        field = _at(tree[rel], path)
        field["zh"], field["en"] = field["zh"] + text, text
    check_commands(tree, tmp_path_factory, [
        ["quiz", "--role", "engineer", "--format", "gift"], ["quiz", "--role", "engineer", "--format", "md", "--lang", "en"],
        *(["posting", "engineer", "--format", f, "--organization", "Example"] for f in ("md", "txt", "docx", "jsonld")),
        ["build", "--no-downloads", "--config", str(REPO / "mkdocs.yml")], ["checklist", "knock", "--lang", "en"],
    ])


@pytest.mark.parametrize("fmt", ["md", "txt", "docx", "jsonld"])
def test_every_hostile_text_in_a_posting_writes_or_reports(tmp_path, fmt):
    """Each text of the fixed list as an own requirement, in posting.yml and as an option."""
    for n, text in enumerate(HOSTILE_TEXT):
        config = tmp_path / f"posting-{n}.yml"
        config.write_text(yaml.safe_dump({"requirements": {"own": [text]}, "organization": "Example"}, allow_unicode=True),
                          encoding="utf-8", errors="surrogatepass")
        for extra in (["--config", str(config)], [f"--responsibility={text}", "--organization=Example"]):
            out = tmp_path / f"out-{n}.{fmt}"
            argv = ["posting", "engineer", "--root", str(VALID), "--format", fmt, *extra, "--out", str(out)]
            code, output = run_command(*argv)
            assert_clean_outcome(code, output, argv)
            if code == 1:
                assert not out.exists(), argv  # nothing half-written
            elif fmt == "docx":
                from docx import Document
                Document(str(out))
            out.unlink(missing_ok=True)
