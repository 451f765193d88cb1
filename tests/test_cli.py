"""The command line: exit codes, output formats, help, and the README documenting every command."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import build_parser

REPO = Path(__file__).resolve().parents[1]
VALID = REPO / "tests" / "fixtures" / "valid"
BROKEN = REPO / "tests" / "fixtures" / "broken"


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_repository_content_validates():
    result = run("validate")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith(("ok:", "0 errors"))


def test_github_format(tmp_path):
    import shutil

    shutil.copytree(VALID, tmp_path / "c")
    shutil.copytree(BROKEN / "unknown-role" / "files", tmp_path / "c", dirs_exist_ok=True)
    result = run("validate", "--root", str(tmp_path / "c"), "--format", "github", "--today", "2026-11-27")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "::error file=procedures/knock.yml,line=7,col=9::roles[0]: unknown role 'enginer' (did you mean 'engineer'?)"
    )


def test_missing_root_reports_instead_of_crashing(tmp_path):
    result = run("validate", "--root", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "procedures: missing folder" not in result.stdout  # folders are reported as paths, not keys
    assert "procedures:1:1: error: missing folder" in result.stdout


@pytest.mark.parametrize("args", [[], ["frobnicate"], ["validate", "--format", "xml"], ["validate", "--today", "yesterday"]])
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_every_command_has_help_with_an_example():
    for name, parser in subcommands().items():
        assert "Example:" in (parser.epilog or ""), name
        result = run(name, "--help")
        assert result.returncode == 0 and "Example:" in result.stdout


def test_readme_documents_every_command_and_option():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, parser in subcommands().items():
        assert f"`{name}" in readme, f"README does not document the '{name}' command"
        for action in parser._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in readme, f"README does not document {name} {option}"


def test_build_failure_leaves_previous_site(tmp_path):
    import shutil

    shutil.copytree(VALID, tmp_path / "c")
    (tmp_path / "c" / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copytree(REPO / "docs", tmp_path / "c" / "docs")
    out = tmp_path / "site"
    out.mkdir()
    (out / "marker.html").write_text("previous")
    shutil.copytree(BROKEN / "unknown-role" / "files", tmp_path / "c", dirs_exist_ok=True)
    result = run("build", "--root", str(tmp_path / "c"), "--out", str(out))
    assert result.returncode == 1
    assert "unknown role 'enginer'" in result.stderr
    assert (out / "marker.html").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", "site"]  # no staging folder left behind


@pytest.mark.parametrize("command", [
    ["posting", "engineer", "--format", "md"],
    ["quiz", "--role", "engineer"],
    ["checklist", "door-knocking"],
])
def test_an_unwritable_out_file_is_one_line_not_a_traceback(tmp_path, command):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    out = blocker / "out.x"  # its parent is a file, so it cannot be created
    result = run(*command, "--out", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(f"error: --out: cannot write {out}: ")


@pytest.mark.parametrize("command, starts", [
    (["posting", "engineer", "--format", "md"], "# "),
    (["posting", "engineer", "--format", "txt"], ""),
    (["posting", "engineer", "--format", "jsonld", "--organization", "Example", "--city", "宁波"], "{"),
    (["quiz", "--role", "engineer", "--format", "gift"], ""),
    (["quiz", "--role", "engineer", "--format", "md"], "# "),
])
def test_out_dash_writes_every_text_format_to_standard_output(tmp_path, command, starts):
    result = subprocess.run([sys.executable, "-m", "generator", *command, "--out", "-", "--root", str(REPO)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(starts) and len(result.stdout) > 200
    assert list(tmp_path.iterdir()) == []  # no file named '-'
    assert "wrote" not in result.stdout


@pytest.mark.parametrize("command, message", [
    (["posting", "engineer", "--format", "docx"], "error: --out -: a Word file cannot go to standard output; give a file name, e.g. --out engineer.docx"),
    (["checklist", "door-knocking"], "error: --out -: a PDF cannot go to standard output; give a file name, e.g. --out door-knocking.pdf"),
    (["build"], "error: --out -: a whole site cannot go to standard output; give a folder, e.g. --out site"),
])
def test_out_dash_is_refused_for_binary_formats_and_folders(tmp_path, command, message):
    result = subprocess.run([sys.executable, "-m", "generator", *command, "--out", "-", "--root", str(REPO)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", message + "\n")
    assert list(tmp_path.iterdir()) == []


def test_schema_refuses_out_dash(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator", "schema", "--out", "-"], capture_output=True, text=True,
                            cwd=tmp_path, timeout=60)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "error: --out -: a schema file per content kind cannot go to standard output; give a folder, e.g. --out schema\n"
    assert list(tmp_path.iterdir()) == []
