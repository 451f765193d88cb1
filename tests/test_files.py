"""What `--out` may replace: a build only ever replaces a site folder a build wrote, swaps it in
atomically and recovers from a kill mid-swap; a file output writes regular files only."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from generator import files
from generator.files import SITE_MARKER, UnsafeOutput, prepare_site_folder, swap_in_site, write_atomic

REPO = Path(__file__).resolve().parents[1]
VALID = REPO / "tests" / "fixtures" / "valid"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300, env=env)


@pytest.fixture
def project(tmp_path) -> Path:
    """A content tree with its mkdocs.yml and docs/, as a checkout has them."""
    root = tmp_path / "project"
    shutil.copytree(VALID, root)
    shutil.copy(REPO / "mkdocs.yml", root)
    shutil.copy(REPO / "mkdocs.en.yml", root)
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "overrides", root / "overrides")
    return root


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def assert_refused(result: subprocess.CompletedProcess, words: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: --out: ") and words in last, last


@pytest.mark.parametrize("out", [".", "..", "/"])
def test_build_refuses_a_folder_holding_the_content_or_the_file_system_root(project, out):
    before_project, before_parent = listing(project), sorted(p.name for p in project.parent.iterdir())
    result = run("build", "--out", out, "--no-downloads", cwd=project)
    assert_refused(result, "the root of the file system" if out == "/" else "which the build reads")
    assert listing(project) == before_project
    assert sorted(p.name for p in project.parent.iterdir()) == before_parent


def test_build_never_follows_a_link_out(project, tmp_path):
    important = tmp_path / "important"
    important.mkdir()
    (important / "file.txt").write_text("keep")
    (project / "site").symlink_to(important)
    result = run("build", "--no-downloads", cwd=project)
    assert_refused(result, "is a symbolic link")
    assert (important / "file.txt").read_text() == "keep" and (project / "site").is_symlink()


def test_build_refuses_a_file_and_a_device(project):
    (project / "notes.txt").write_text("my notes")
    assert_refused(run("build", "--out", "notes.txt", "--no-downloads", cwd=project), "is not a folder")
    assert (project / "notes.txt").read_text() == "my notes"
    assert not list(project.glob(".notes.txt*"))
    assert_refused(run("build", "--out", "/dev/null", "--no-downloads", cwd=project), "is not a folder")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_build_refuses_a_folder_it_did_not_build(project):
    mine = project / "reports"
    mine.mkdir()
    (mine / "q3.txt").write_text("figures")
    assert_refused(run("build", "--out", "reports", "--no-downloads", cwd=project), f"has no {SITE_MARKER} file")
    assert listing(mine) == ["q3.txt"]


def test_build_fills_an_empty_folder_then_replaces_its_own_site(project):
    (project / "site").mkdir()
    assert run("build", "--no-downloads", cwd=project).returncode == 0
    site = project / "site"
    assert (site / SITE_MARKER).is_file() and (site / "en" / "index.html").is_file()
    (site / "stale.html").write_text("from an older build")
    result = run("build", "--no-downloads", cwd=project)
    assert result.returncode == 0, result.stderr
    assert not (site / "stale.html").exists() and (site / SITE_MARKER).is_file()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_a_kill_between_the_two_renames_is_recovered_on_the_next_run(project):
    # What a kill between "site → .site.old" and ".site.staging → site" left behind.
    retired, staging = project / ".site.old", project / ".site.staging"
    retired.mkdir()
    (retired / SITE_MARKER).write_text("")
    (retired / "index.html").write_text("previous")
    staging.mkdir()
    (staging / "half.html").write_text("half-built")
    result = run("build", "--no-downloads", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "en" / "index.html").is_file()
    assert not retired.exists() and not staging.exists()


def test_recovery_alone_puts_the_previous_site_back(tmp_path):
    retired = tmp_path / ".site.old"
    retired.mkdir()
    (retired / SITE_MARKER).write_text("")
    (retired / "index.html").write_text("previous")
    staging = prepare_site_folder(tmp_path / "site", protected=[])
    assert (tmp_path / "site" / "index.html").read_text() == "previous"
    assert staging.is_dir() and not list(staging.iterdir())


@pytest.mark.parametrize("atomic", [True, False])
def test_the_swap_replaces_the_site_and_leaves_nothing_beside_it(tmp_path, monkeypatch, atomic):
    if not atomic:
        monkeypatch.setattr(files, "_exchange", lambda a, b: False)
    out = tmp_path / "site"
    out.mkdir()
    (out / SITE_MARKER).write_text("")
    (out / "old.html").write_text("old")
    staging = prepare_site_folder(out, protected=[])
    (staging / "new.html").write_text("new")
    swap_in_site(staging, out)
    assert sorted(p.name for p in out.iterdir()) == [SITE_MARKER, "new.html"]
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_write_atomic_writes_through_a_link_to_a_regular_file(tmp_path):
    target = tmp_path / "target.gift"
    target.write_text("old")
    link = tmp_path / "link.gift"
    link.symlink_to(target)
    write_atomic(link, "new")
    assert link.is_symlink() and target.read_text() == "new"


def test_write_atomic_refuses_special_files_folders_and_dangling_links(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    to_device = tmp_path / "to-null"
    to_device.symlink_to("/dev/null")
    for path, words in [(Path("/dev/null"), "special file"), (fifo, "special file"), (tmp_path, "a folder"),
                        (dangling, "not a regular file"), (to_device, "not a regular file")]:
        with pytest.raises(UnsafeOutput, match=words):
            write_atomic(path, "x")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and dangling.is_symlink() and not (tmp_path / "nowhere").exists()
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("command", [
    ["quiz", "--role", "engineer", "--format", "gift"],
    ["posting", "engineer", "--format", "md"],
    ["schema"],
])
def test_file_commands_refuse_a_device_in_one_line(project, command):
    result = run(*command, "--out", "/dev/null", cwd=project)
    assert_refused(result, "/dev/null is")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_ctrl_c_during_a_build_is_one_line_and_leaves_the_previous_site(project):
    import signal
    import time

    assert run("build", "--no-downloads", cwd=project).returncode == 0
    site = project / "site"
    (site / "previous.html").write_text("previous")
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--no-downloads"], cwd=project,
                               env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not (project / ".site.staging").exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    if process.returncode == 0:
        pytest.skip("the build finished before the interrupt reached it")
    assert process.returncode == 130 and "Traceback" not in err, err
    assert err.strip().splitlines()[-1] == "error: interrupted; no output was replaced"
    assert (site / "previous.html").read_text() == "previous" and not (project / ".site.staging").exists()
