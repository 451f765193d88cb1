"""The quiz page in headless Chromium: answer every question (one by keyboard, one wrong), see each
explanation and the score, reload and find the progress kept, then retake."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO, serve

FIXTURE = REPO / "tests" / "fixtures" / "quiz"



@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The fixture content built into a real site and served over HTTP (localStorage needs an origin)."""
    work = tmp_path_factory.mktemp("quiz-site")
    content = work / "content"
    shutil.copytree(FIXTURE, content)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):  # the site's configuration: both languages, assets, theme partial
        shutil.copy(REPO / name, content / name)
    for folder in ("docs", "overrides"):
        shutil.copytree(REPO / folder, content / folder)
    out = work / "site"
    built = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(content), "--out", str(out)],
                           cwd=REPO, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    with serve(out) as base:
        yield base


def pick(item, text: str):
    """The radio button whose label reads exactly `text`."""
    labels = item.locator("label.kb-quiz-choice")
    for i in range(labels.count()):
        if labels.nth(i).locator("span").text_content() == text:
            return labels.nth(i).locator("input")
    raise AssertionError(f"no choice reads {text!r}")


def test_answer_everything_reload_and_retake(site, browser):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{site}/en/quizzes/engineer/")
    data = json.loads(page.locator("script.kb-quiz-data").text_content())
    by_id = {q["id"]: q for q in data["questions"]}
    items = page.locator(".kb-quiz-question")
    total = items.count()
    assert total == len(by_id) >= 20

    for i in range(total):
        item = items.nth(i)
        q = by_id[item.get_attribute("data-id")]
        wrong = i == 1
        answer = q["choices"][q["answer"] - 1 if wrong else q["answer"]]
        radio = pick(item, answer)
        if i == 0:  # by keyboard only: focus the choice, select it with Space, Tab to the button, Enter
            radio.focus()
            page.keyboard.press("Space")
            page.keyboard.press("Tab")
            page.keyboard.press("Enter")
        else:
            radio.check()
            item.locator("button.kb-quiz-check").click()
        feedback = item.locator(".kb-quiz-feedback")
        assert q["explanation"] in feedback.text_content()
        assert feedback.text_content().startswith(f"Wrong. The right answer: {q['choices'][q['answer']]}" if wrong else "Right.")
        assert feedback.locator("a").get_attribute("href") == q["link"]

    expected = f"All answered. Score: {total - 1} / {total} ({round(100 * (total - 1) / total)}%)"
    score = page.locator(".kb-quiz-score")
    assert score.text_content() == expected

    from axe_playwright_python.sync_playwright import Axe

    # Only the quiz: Material's own findings (search dialog, footer contrast) belong to the site.
    violations = Axe().run(page, context={"include": [[".kb-quiz"]]}).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]

    page.reload()
    assert score.text_content() == expected
    assert page.locator(".kb-quiz-right").count() == total - 1
    assert page.locator(".kb-quiz-wrong").count() == 1
    assert page.locator(".kb-quiz-question input:checked").count() == total
    assert page.locator(".kb-quiz-question input:enabled").count() == 0

    link = page.locator(".kb-quiz-feedback a").first
    target = link.evaluate("a => a.href")
    assert target.startswith(f"{site}/en/procedures/")
    assert urllib.request.urlopen(target, timeout=5).status == 200

    page.locator("button.kb-quiz-retake").click()
    assert score.text_content() == f"Score: 0 / {total} · answered 0 / {total}"
    page.reload()
    assert score.text_content() == f"Score: 0 / {total} · answered 0 / {total}"
    assert page.locator(".kb-quiz-question input:checked").count() == 0
    assert all(url.startswith(site) for url in requests), "the quiz page must work offline"
    page.close()


def test_chinese_phase_quiz_keeps_its_own_progress(site, browser):
    page = browser.new_page()
    page.goto(f"{site}/quizzes/engineer/before-service/")
    item = page.locator(".kb-quiz-question").first
    data = json.loads(page.locator("script.kb-quiz-data").text_content())
    q = next(q for q in data["questions"] if q["id"] == item.get_attribute("data-id"))
    pick(item, q["choices"][q["answer"]]).check()
    item.locator("button.kb-quiz-check").click()
    assert item.locator(".kb-quiz-feedback").text_content().startswith("回答正确。")
    page.reload()
    assert page.locator(".kb-quiz-score").text_content().startswith("得分：1 / ")
    page.goto(f"{site}/quizzes/engineer/")  # the mixed quiz is a separate quiz
    assert page.locator(".kb-quiz-score").text_content().startswith("得分：0 / ")
    page.close()


def test_built_site_has_key_page_and_downloads(site):
    html = urllib.request.urlopen(f"{site}/en/quizzes/engineer/key/", timeout=5).read().decode()
    # The key holds every question: those of all the phase quizzes together.
    choice_questions = []
    for phase in ("accept-task", "prepare", "before-service", "service", "fees", "completion", "follow-up"):
        try:
            page = urllib.request.urlopen(f"{site}/en/quizzes/engineer/{phase}/", timeout=5).read().decode()
        except urllib.error.HTTPError:
            continue  # no questions in that phase in the fixture
        data = json.loads(page.split('class="kb-quiz-data">', 1)[1].split("</script>", 1)[0])
        choice_questions += [q for q in data["questions"] if len(q["choices"]) > 2]  # true-false shows True/False
    assert choice_questions
    assert html.count("✔</li>") == len(choice_questions)  # each right choice is its own list item
    for name in ("engineer-answer-key.pdf", "engineer-moodle.gift"):
        response = urllib.request.urlopen(f"{site}/en/quizzes/engineer/{name}", timeout=5)
        assert response.status == 200 and len(response.read()) > 1000
