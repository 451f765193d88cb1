"""Every broken input under tests/fixtures/broken/ gives exactly its expected output through the CLI.

A fixture is an overlay on tests/fixtures/valid/: `files/` replaces or adds files, `delete.txt`
lists files to remove, `args.txt` adds CLI options, `expected.txt` is the exact stdout.
Refresh the expected files after an intended change with `pytest --update-golden`, then review the diff.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = sorted(p for p in (FIXTURES / "broken").iterdir() if p.is_dir())


def assemble(fixture: Path, into: Path) -> Path:
    root = into / "content"
    shutil.copytree(FIXTURES / "valid", root)
    if (fixture / "files").is_dir():
        shutil.copytree(fixture / "files", root, dirs_exist_ok=True)
    if (fixture / "delete.txt").is_file():
        for rel in (fixture / "delete.txt").read_text().split():
            (root / rel).unlink()
    return root


def run_validate(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--root", str(root), "--today", "2026-11-27", *args],
        capture_output=True, text=True, encoding="utf-8", timeout=60,
    )


def test_there_are_enough_broken_fixtures():
    assert len(BROKEN) >= 25


def test_valid_tree_is_clean(tmp_path):
    result = run_validate(FIXTURES / "valid", "--strict")
    assert (result.returncode, result.stdout, result.stderr) == (0, "ok: 7 files checked, no problems\n", "")


@pytest.mark.parametrize("fixture", BROKEN, ids=[p.name for p in BROKEN])
def test_broken_fixture_gives_expected_output(fixture, tmp_path, request):
    root = assemble(fixture, tmp_path)
    args = (fixture / "args.txt").read_text().split() if (fixture / "args.txt").is_file() else []
    result = run_validate(root, *args)
    assert "Traceback" not in result.stderr, result.stderr
    expected_file = fixture / "expected.txt"
    if request.config.getoption("--update-golden"):
        expected_file.write_text(result.stdout, encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8")
    assert result.stdout == expected
    assert result.returncode == (1 if ": error: " in expected else 0)
