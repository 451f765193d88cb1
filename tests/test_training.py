"""The trainee's own progress in Chromium: procedures read (scrolled to the end, or ticked), a quiz's best
score, the summary line after a reload, the export for the trainer, clearing, and a procedure revised
after it was read flagged in a site built with its version raised (served from the same origin, so
the browser's record carries over as it does when a site is updated)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SITE_FIXTURE, serve
from generator.knowledge import load_knowledge_base
from generator.quiz.pages import build_site_quizzes, phase_parts

RAISED = "door-knocking"


@pytest.fixture(scope="module")
def expected():
    """The engineer's learning path and quizzes in the fixture: what the counts are out of."""
    kb, report = load_knowledge_base(SITE_FIXTURE)
    assert kb is not None, report.format()
    quiz = build_site_quizzes(kb)["engineer"]
    return {"procedures": len(kb.learning_path(kb.role_by_id["engineer"])), "quizzes": 1 + len(phase_parts(kb, quiz))}


@pytest.fixture(scope="module")
def sites(built_site, tmp_path_factory):
    """The fixture site (v1/) and the same site built with door-knocking raised to 1.1 (v2/), one origin."""
    work = tmp_path_factory.mktemp("training")
    content = work / "content"
    shutil.copytree(SITE_FIXTURE, content)
    path = content / "procedures" / f"{RAISED}.yml"
    text = path.read_text(encoding="utf-8")
    assert 'document:\n  version: "1.0"\n' in text
    text = text.replace('document:\n  version: "1.0"\n', 'document:\n  version: "1.1"\n').replace("changes:\n", (
        'changes:\n  - version: "1.1"\n    date: 2026-11-28\n'
        '    summary: {zh: 没人应门时先打电话。, en: Phone first when nobody answers.}\n'))
    path.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(content), "--config",
                             str(REPO / "mkdocs.yml"), "--out", str(work / "served" / "v2")],
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    (work / "served" / "v1").symlink_to(built_site, target_is_directory=True)
    with serve(work / "served") as base:
        yield base


def read_to_the_end(page, url: str) -> None:
    page.goto(url)
    marker = page.locator(".kb-read-end")
    procedure, version = marker.get_attribute("data-procedure"), marker.get_attribute("data-version")
    marker.scroll_into_view_if_needed()
    page.wait_for_function(f"(JSON.parse(localStorage.getItem('kb-read/{procedure}')) || {{}}).version === '{version}'")


def take_quiz_right(page, url: str) -> None:
    """Answer every question of a quiz page with its right answer (read from the page's own data)."""
    page.goto(url)
    data = json.loads(page.locator("script.kb-quiz-data").text_content())
    answers = {q["id"]: q["answer"] for q in data["questions"]}
    for item in page.locator(".kb-quiz-question").all():
        answer = answers[item.get_attribute("data-id")]
        item.locator(f"input[value='{answer}']").check()
        item.locator(".kb-quiz-check").click()
    assert page.locator(".kb-quiz-score").inner_text().endswith("(100%)")


def summary(page) -> str:
    return page.locator(".kb-training-summary").inner_text()


def test_progress_counts_reads_and_quizzes_survives_reload_and_flags_a_revised_procedure(browser, sites, expected):
    m, l = expected["procedures"], expected["quizzes"]
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(f"{sites}/v1/en/training/engineer/")
    assert summary(page) == f"Read 0 / {m} · Quizzes passed 0 / {l}"
    # Opening a page is not reading it: the marker at its end has not been seen.
    page.goto(f"{sites}/v1/en/procedures/{RAISED}/")
    assert page.evaluate(f"localStorage.getItem('kb-read/{RAISED}')") is None

    read_to_the_end(page, f"{sites}/v1/en/procedures/{RAISED}/")
    read_to_the_end(page, f"{sites}/v1/procedures/listening/")  # read in Chinese: the same procedure
    take_quiz_right(page, f"{sites}/v1/en/quizzes/engineer/service/")

    page.goto(f"{sites}/v1/en/training/engineer/")
    page.reload()
    assert summary(page) == f"Read 2 / {m} · Quizzes passed 1 / {l}"
    page.goto(f"{sites}/v1/training/engineer/")
    assert summary(page) == f"已读 2 / {m} · 测验通过 1 / {l}"
    assert page.locator(f"li[data-procedure='{RAISED}'] .kb-training-status").inner_text().startswith("已读（版本 1.0")
    assert "100%" in page.locator("li[data-quiz='service']").inner_text()

    # Ticked by hand, and unticked.
    page.goto(f"{sites}/v1/en/training/engineer/")
    box = page.locator("li[data-procedure='diagnosis'] input[type=checkbox]")
    box.check()
    assert summary(page) == f"Read 3 / {m} · Quizzes passed 1 / {l}"
    page.reload()
    assert summary(page) == f"Read 3 / {m} · Quizzes passed 1 / {l}"
    page.locator("li[data-procedure='diagnosis'] input[type=checkbox]").uncheck()
    assert summary(page) == f"Read 2 / {m} · Quizzes passed 1 / {l}"

    # The record for the trainer, as JSON and as CSV.
    with page.expect_download() as download:
        page.locator(".kb-training-json").click()
    record = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert record["role"] == "engineer" and record["summary"] == f"Read 2 / {m} · Quizzes passed 1 / {l}"
    states = {p["id"]: (p["state"], p["versionRead"]) for p in record["procedures"]}
    assert states[RAISED] == ("read", "1.0") and states["listening"] == ("read", "1.0") and states["diagnosis"] == ("unread", None)
    assert {q["id"]: (q["bestPercent"], q["passed"]) for q in record["quizzes"]}["service"] == (100, True)
    with page.expect_download() as download:
        page.locator(".kb-training-csv").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert len(rows) == m + l
    assert {(r["type"], r["id"], r["state"]) for r in rows} >= {("procedure", RAISED, "read"), ("procedure", "diagnosis", "unread")}

    # The site is rebuilt with door-knocking at 1.1: it needs reading again.
    page.goto(f"{sites}/v2/en/training/engineer/")
    assert summary(page) == f"Read 1 / {m} · Quizzes passed 1 / {l}"
    flag = page.locator(f"li[data-procedure='{RAISED}'] .kb-training-flag")
    assert flag.inner_text() == "changed since you read it (you read version 1.0)"
    assert "Version 1.1" in page.locator(f"li[data-procedure='{RAISED}']").inner_text()
    page.goto(f"{sites}/v2/training/engineer/")
    assert page.locator(f"li[data-procedure='{RAISED}'] .kb-training-flag").inner_text() == "读过之后有修改（读的是版本 1.0）"
    page.goto(f"{sites}/v2/en/procedures/{RAISED}/")
    assert "Version 1.1 · Last changed 2026-11-28: Phone first when nobody answers." in page.locator(".kb-version").inner_text()
    read_to_the_end(page, f"{sites}/v2/en/procedures/{RAISED}/")
    page.goto(f"{sites}/v2/en/training/engineer/")
    assert summary(page) == f"Read 2 / {m} · Quizzes passed 1 / {l}"
    assert page.locator(".kb-training-flag").count() == 0

    # Cleared (after confirming): nothing left for this role.
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".kb-training-clear").click()
    assert summary(page) == f"Read 0 / {m} · Quizzes passed 0 / {l}"
    page.reload()
    assert summary(page) == f"Read 0 / {m} · Quizzes passed 0 / {l}"
    assert errors == []
    context.close()


def test_what_changed_page_lists_the_revision_newest_first_linked(browser, sites):
    page = browser.new_page()
    page.goto(f"{sites}/v2/en/changes/")
    rows = page.locator("table tbody tr")
    first = rows.nth(0).inner_text()
    assert "Knocking on the door" in first and "1.1" in first and "Phone first when nobody answers." in first
    dates = [rows.nth(i).locator("td").nth(0).inner_text() for i in range(rows.count())]
    assert dates == sorted(dates, reverse=True)
    rows.nth(0).locator("a").click()
    assert page.url.endswith(f"/v2/en/procedures/{RAISED}/")
    page.close()
