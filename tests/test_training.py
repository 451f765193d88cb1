"""The trainee's own progress in Chromium: procedures read (scrolled to the end, or ticked), a quiz's best
score, the summary line after a reload, the export for the trainer, clearing, and a procedure revised
after it was read flagged in a site built with its version raised (served from the same origin, so
the browser's record carries over as it does when a site is updated)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SITE_FIXTURE, serve
from hostile_values import HOSTILE, is_index
from generator.knowledge import load_knowledge_base
from generator.quiz.pages import build_site_quizzes, quiz_parts

RAISED = "door-knocking"


@pytest.fixture(scope="module")
def expected():
    """The engineer's learning path and quizzes in the fixture: what the counts are out of."""
    kb, report = load_knowledge_base(SITE_FIXTURE)
    assert kb is not None, report.format()
    quiz = build_site_quizzes(kb)["engineer"]
    return {"procedures": len(kb.learning_path(kb.role_by_id["engineer"])), "quizzes": 1 + len(quiz_parts(kb, quiz))}


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
    assert "Score 100%" in page.locator(".kb-quiz-score").inner_text()


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


def test_clear_forgets_the_quizzes_under_way_too(browser, built_site):
    """Issue 19: "clear" forgot what was read and the best scores but kept the answers of a quiz under
    way (kb-quiz/<role>/<part>/<lang>), so the quiz came back half answered. It forgets every quiz of
    the role in either language, and nothing of another role."""
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    with serve(built_site) as base:
        for url, count in ((f"{base}/quizzes/engineer/service/", 2), (f"{base}/en/quizzes/engineer/", 1)):
            page.goto(url)
            for item in page.locator(".kb-quiz-question").all()[:count]:
                item.locator("input").first.check()
                item.locator(".kb-quiz-check").click()
        page.evaluate("localStorage.setItem('kb-quiz/manager/mixed/zh', '{}')")  # another role's: kept
        page.goto(f"{base}/en/training/engineer/")
        quiz_keys = "Object.keys(localStorage).filter(k => k.startsWith('kb-quiz')).sort()"
        assert page.evaluate(quiz_keys) == ["kb-quiz/engineer/mixed/en", "kb-quiz/engineer/service/zh", "kb-quiz/manager/mixed/zh"]
        page.once("dialog", lambda dialog: dialog.accept())
        page.locator(".kb-training-clear").click()
        assert page.evaluate(quiz_keys) == ["kb-quiz/manager/mixed/zh"]
        page.goto(f"{base}/quizzes/engineer/service/")
        total = page.locator(".kb-quiz-question").count()
        assert page.locator(".kb-quiz-score").inner_text().endswith(f"0 / {total}")
        assert page.locator(".kb-quiz-question input:checked").count() == 0
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


# ---- tampered storage ---------------------------------------------------------------------------------

TIME = "2026-11-28T09:30:00.000Z"
# Where each hostile value goes on the progress page: a read mark or best score whole, or one field of it.
READ_SLOTS = {"door-knocking": "{v}", "diagnosis": '{{"version":{v},"at":"%s"}}' % TIME,
              "pull-back-repair": '{{"version":"1.0","at":{v}}}'}
BEST_SLOTS = {"mixed": "{v}", "fees": '{{"right":{v},"total":9,"percent":78,"at":"%s"}}' % TIME,
              "completion": '{{"right":7,"total":{v},"percent":78,"at":"%s"}}' % TIME,
              "before-service": '{{"right":7,"total":9,"percent":{v},"at":"%s"}}' % TIME,
              "service": '{{"right":7,"total":9,"percent":78,"at":{v}}}'}
CONTROL_READ, CONTROL_BEST = "listening", "prepare"  # kept valid beside the tampered ones


def quiz_data(site: Path, quiz: str) -> dict:
    html = (site / "en" / "quizzes" / "engineer" / quiz / "index.html").read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" class="kb-quiz-data">(.*?)</script>', html, re.S).group(1))


def quiz_slots(site: Path) -> dict:
    """Quiz page → (its data, its saved progress with the value spliced in, questions it leaves answered
    given the value): the whole entry, its three fields, and inside them (an id in the order, a
    question's choice order, answers)."""
    def inside(ids, v):
        return ('{"order":[%s,%s],"choices":{%s:%s,%s:[%s,1]},"answers":{%s:%s,%s:%s}}'
                % (v, ",".join(map(json.dumps, ids)), json.dumps(ids[0]), v, json.dumps(ids[1]), v,
                   json.dumps(ids[0]), v, json.dumps(ids[1]), v))
    data = {quiz: quiz_data(site, quiz) for quiz in ("fees", "completion", "before-service")}
    return {"fees": (data["fees"], lambda v: v, lambda v: 0),
            "completion": (data["completion"], lambda v: '{"order":%s,"choices":%s,"answers":%s}' % (v, v, v), lambda v: 0),
            "before-service": (data["before-service"], lambda v: inside([q["id"] for q in data["before-service"]["questions"]], v),
                               lambda v: sum(is_index(v, len(q["choices"])) for q in data["before-service"]["questions"][:2]))}


# What the progress page shows per procedure and quiz; the questions a quiz page shows with their choices.
STATUSES = """() => Object.fromEntries([...document.querySelectorAll("[data-procedure], [data-quiz]")].map(
  item => [item.dataset.procedure || item.dataset.quiz, item.querySelector(".kb-training-status").textContent]))"""
# A quiz page as it opened (each question with its choices, and how many are answered), then finished with
# the right answers through its own controls: the score shown and what it kept.
RUN_QUIZ = """() => {
  const data = JSON.parse(document.querySelector("script.kb-quiz-data").textContent);
  const right = Object.fromEntries(data.questions.map(q => [q.id, q.answer]));
  const items = [...document.querySelectorAll(".kb-quiz-question")];
  const shown = items.map(item => [item.dataset.id, [...item.querySelectorAll("input")].map(input => Number(input.value))]);
  const open = items.filter(item => !item.querySelector(".kb-quiz-check").disabled);
  for (const item of open) {
    item.querySelector(`input[value='${right[item.dataset.id]}']`).click();
    item.querySelector(".kb-quiz-check").click();
  }
  return {shown: shown, answered: items.length - open.length, score: document.querySelector(".kb-quiz-score").textContent,
          finished: document.querySelector(".kb-quiz").classList.contains("kb-quiz-finished"),
          best: JSON.parse(localStorage.getItem(data.bestKey)), progress: JSON.parse(localStorage.getItem(data.storageKey))};
}"""


def plant(page, entries: dict[str, str]) -> None:
    page.evaluate("entries => { localStorage.clear(); for (const k in entries) localStorage.setItem(k, entries[k]); }", entries)


def test_tampered_stored_values_read_as_fresh_and_break_nothing(browser, built_site, expected):
    """Every hostile value, as each stored entry and as each field of one: the progress page shows it as
    not read / not taken while the valid entries beside it count, the quizzes start afresh and run, and
    "clear" clears."""
    m, l = expected["procedures"], expected["quizzes"]
    slots = quiz_slots(built_site)
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda dialog: dialog.accept())
    tried = 0
    with serve(built_site) as base:
        page.goto(f"{base}/en/training/engineer/")
        for value in HOSTILE:
            entries = {f"kb-read/{p}": slot.format(v=value) for p, slot in READ_SLOTS.items()}
            entries |= {f"kb-quiz-best/engineer/{q}": slot.format(v=value) for q, slot in BEST_SLOTS.items()}
            entries |= {data["storageKey"]: progress(value) for data, progress, _ in slots.values()}
            entries[f"kb-read/{CONTROL_READ}"] = json.dumps({"version": "1.0", "at": TIME, "how": "ticked"})
            entries[f"kb-quiz-best/engineer/{CONTROL_BEST}"] = json.dumps({"right": 9, "total": 9, "percent": 100, "at": TIME})
            plant(page, entries)
            tried += len(entries) - 2
            page.reload()
            assert summary(page) == f"Read 1 / {m} · Quizzes passed 1 / {l}", value[:40]
            statuses = page.evaluate(STATUSES)
            assert {statuses[p] for p in READ_SLOTS} == {"Not read"} and {statuses[q] for q in BEST_SLOTS} == {" · not finished yet"}

            for quiz, (data, _, answered) in slots.items():
                page.goto(f"{base}/en/quizzes/engineer/{quiz}/")
                run = page.evaluate(RUN_QUIZ)
                assert run["shown"] == [[q["id"], list(range(len(q["choices"])))] for q in data["questions"]], value[:40]
                assert run["answered"] == answered(value) and run["finished"], value[:40]
                right, total = map(int, re.search(r"(\d+) / (\d+)", run["score"]).groups())
                assert total == len(data["questions"]) and right >= total - run["answered"]
                assert (run["best"]["right"], run["best"]["total"], run["best"]["percent"]) == (right, total, round(100 * right / total))
                assert run["progress"]["order"] == [q["id"] for q in data["questions"]]

            page.goto(f"{base}/en/training/engineer/")  # the new best scores replaced the tampered ones
            assert page.locator("li[data-quiz='fees'] .kb-training-status").inner_text().startswith(" · Best score")
            page.locator(".kb-training-clear").click()
            assert summary(page) == f"Read 0 / {m} · Quizzes passed 0 / {l}"
            assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('kb-read/') || k.startsWith('kb-quiz'))") == []
    assert errors == []
    assert tried == len(HOSTILE) * (len(READ_SLOTS) + len(BEST_SLOTS) + len(slots)) == 726
    context.close()


# ---- the CSV in a spreadsheet ---------------------------------------------------------------------------

# Titles a spreadsheet would run as formulas (OWASP "CSV injection"), and one it would not.
FORMULA_TITLES = {"diagnosis": '=HYPERLINK("http://x","y")', "listening": "+1+1", "leaving": "-2+3",
                  "fee-disputes": "@SUM(1;1)", "pack-kit": " =1+1", "door-knocking": "\t=1+1", "odd-text": "x;=1+1"}
PHASE_TITLE = "=cmd|' /C calc'!A0"


def test_csv_export_leads_every_formula_with_a_quote(browser, tmp_path):
    """Procedure and phase titles that start as formulas, exported from the real progress page: each such
    cell gets a leading ', none starts as a formula any more, and every cell is quoted. The generator trims
    titles, so a tab and a carriage return at the start are put into the built page's data by hand."""
    content = tmp_path / "content"
    shutil.copytree(SITE_FIXTURE, content)
    for procedure, title in FORMULA_TITLES.items():
        path = content / "procedures" / f"{procedure}.yml"
        text = re.sub(r"(?m)^title: .*$", lambda _: f"title: {{zh: {json.dumps(title + ' 中', ensure_ascii=False)}, en: {json.dumps(title)}}}",
                      path.read_text(encoding="utf-8"), count=1)
        path.write_text(text, encoding="utf-8")
    phases = content / "phases.yml"
    phases.write_text(phases.read_text(encoding="utf-8").replace("{zh: 收费, en: Fees}", f"{{zh: 收费, en: {json.dumps(PHASE_TITLE)}}}"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(content), "--config", str(REPO / "mkdocs.yml"),
                             "--out", str(tmp_path / "site"), "--no-downloads"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    page_file = tmp_path / "site" / "en" / "training" / "engineer" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    assert '"title":"Mixed quiz"' in html and '"title":"Completion"' in html
    page_file.write_text(html.replace('"title":"Mixed quiz"', '"title":"\\r=1+1"').replace('"title":"Completion"', '"title":"\\t@x"'), encoding="utf-8")

    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    with serve(tmp_path / "site") as base:
        page.goto(f"{base}/en/training/engineer/")
        with page.expect_download() as download:
            page.locator(".kb-training-csv").click()
        text = Path(download.value.path()).read_bytes().decode("utf-8-sig")  # as it is: a \r stays a \r
    context.close()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    titles = {row[1]: row[2] for row in rows[1:]}
    assert {p: titles[p] for p in FORMULA_TITLES} == {
        "diagnosis": '\'=HYPERLINK("http://x","y")', "listening": "'+1+1", "leaving": "'-2+3", "fee-disputes": "'@SUM(1;1)",
        "pack-kit": "'=1+1", "door-knocking": "'=1+1", "odd-text": "x;=1+1"}  # the generator trimmed the blanks
    assert (titles["fees"], titles["mixed"], titles["completion"]) == ("'" + PHASE_TITLE, "'\r=1+1", "'\t@x")
    cells = [cell for row in rows for cell in row]
    assert len(rows) == 1 + 8 + 6 and not [cell for cell in cells if re.match(r"\s*[=+\-@]|[\t\r]", cell)]
    assert all(re.fullmatch(r'"([^"]|"")*"(,"([^"]|"")*")*', line, re.S) for line in text.split("\r\n")[:-1])


# ---- touch targets ----------------------------------------------------------------------------------

# Each row of the learning path: whether the tick box sits in a label holding the title, and the boxes
# of that label, of the box itself and of the link that opens the procedure; the quiz links' boxes.
ROWS = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return {width: r.width, height: r.height}; };
  return {
    procedures: [...document.querySelectorAll(".kb-training-path > li")].map(li => {
      const input = li.querySelector("input[type=checkbox]"), label = input.closest("label");
      return {id: li.dataset.procedure, title: label ? label.textContent : null, label: label ? box(label) : null,
              box: box(input), open: box(li.querySelector("a.kb-training-open")),
              href: li.querySelector("a.kb-training-open").getAttribute("href"), links: li.querySelectorAll("a").length};
    }),
    quizzes: [...document.querySelectorAll(".kb-training-quizzes > li > a")].map(box),
  };
}"""


@pytest.mark.parametrize("size", [(390, 844), (1440, 900)], ids=["phone", "desktop"])
def test_tick_boxes_are_labelled_by_the_title_and_every_target_is_44_px(browser, built_site, expected, size):
    """WCAG 2.5.5: the tick box and its title are one label at least 44 × 44 px, so a tap on the title
    ticks (it no longer opens the page); the procedure opens from its own link of at least 44 × 44 px;
    the quiz links are as tall. The page stays free of WCAG A/AA findings."""
    from axe_playwright_python.sync_playwright import Axe
    from conftest import WCAG

    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, has_touch=True, is_mobile=size[0] < 500)
    page = context.new_page()
    with serve(built_site) as base:
        page.goto(f"{base}/en/training/engineer/")
        data = json.loads(page.locator("script.kb-training-data").text_content())
        titles = {p["id"]: (p["title"], p["link"]) for p in data["procedures"]}
        rows = page.evaluate(ROWS)
        assert len(rows["procedures"]) == expected["procedures"] and len(rows["quizzes"]) == expected["quizzes"]
        for row in rows["procedures"]:
            assert row["title"] == titles[row["id"]][0] and row["href"] == titles[row["id"]][1] and row["links"] == 1, row
            assert min(row["label"].values()) >= 44 and min(row["open"].values()) >= 44, row
            assert min(row["box"].values()) >= 24, row  # the box itself, drawn larger than 13 px
        assert all(quiz["height"] >= 44 for quiz in rows["quizzes"]), rows["quizzes"]

        page.locator("li[data-procedure='diagnosis'] .kb-training-title").tap()
        assert page.url == f"{base}/en/training/engineer/"
        assert page.locator("li[data-procedure='diagnosis'] input[type=checkbox]").is_checked()
        assert summary(page) == f"Read 1 / {expected['procedures']} · Quizzes passed 0 / {expected['quizzes']}"
        violations = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}}).response["violations"]
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
        page.locator("li[data-procedure='diagnosis'] .kb-training-title").tap()  # and untick
        assert summary(page) == f"Read 0 / {expected['procedures']} · Quizzes passed 0 / {expected['quizzes']}"

        page.locator("li[data-procedure='diagnosis'] a.kb-training-open").tap()
        page.wait_for_url(f"{base}/en/procedures/diagnosis/")
    context.close()
