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

from conftest import REPO, WCAG, serve
from generator.training import PASS_PERCENT

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
    assert total == len(by_id) >= 18  # the fixture engineer's quiz, order questions gone

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

    percent = round(100 * (total - 1) / total)
    assert percent >= PASS_PERCENT
    expected = f"All answered. Score {percent}% ({total - 1} / {total}). Passed (pass mark {PASS_PERCENT}%)."
    score = page.locator(".kb-quiz-score")
    assert score.text_content() == expected
    # The end, below the last question: the same verdict and the one question missed, linked to its card
    # and to the step that answers it.
    result = page.locator(".kb-quiz-result")
    assert result.is_visible() and result.locator(".kb-quiz-verdict").text_content() == expected
    missed = result.locator("ul.kb-quiz-missed > li")
    assert missed.count() == 1
    wrong_q = by_id[items.nth(1).get_attribute("data-id")]
    assert missed.locator(".kb-quiz-missed__question").text_content() == f"2. {wrong_q['prompt']}"
    assert missed.locator(".kb-quiz-missed__question").get_attribute("href") == "#kb-quiz-q2"
    assert missed.locator(".kb-quiz-missed__answer").text_content() == f"The right answer: {wrong_q['choices'][wrong_q['answer']]}"
    assert missed.locator(".kb-quiz-missed__see").get_attribute("href") == wrong_q["link"]

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
    assert not page.locator(".kb-quiz-result").is_visible()
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


def answer_all(page, wrong: int) -> dict:
    """Answer every question of the quiz page, the first `wrong` of them wrongly; the page's data."""
    data = json.loads(page.locator("script.kb-quiz-data").text_content())
    by_id = {q["id"]: q for q in data["questions"]}
    for i, item in enumerate(page.locator(".kb-quiz-question").all()):
        q = by_id[item.get_attribute("data-id")]
        choice = q["answer"] if i >= wrong else (q["answer"] + 1) % len(q["choices"])
        item.locator(f"input[value='{choice}']").check()
        item.locator(".kb-quiz-check").click()
    return data


def test_a_failed_quiz_says_so_and_lists_every_question_missed_with_its_step(site, browser):
    page = browser.new_page()
    page.goto(f"{site}/quizzes/engineer/")
    total = page.locator(".kb-quiz-question").count()
    wrong = total // 2
    data = answer_all(page, wrong)
    right, percent = total - wrong, round(100 * (total - wrong) / total)
    assert percent < PASS_PERCENT
    verdict = f"全部答完。得分 {percent}%（{right} / {total}）。未通过（合格线 {PASS_PERCENT}%），请重读后再试。"
    assert page.locator(".kb-quiz-score").text_content() == verdict
    result = page.locator(".kb-quiz-result")
    assert result.locator("h2").text_content() == "测验结果" and result.locator(".kb-quiz-verdict").text_content() == verdict
    assert f"答错的题（{wrong} 道）" in result.text_content()
    order = page.eval_on_selector_all(".kb-quiz-question", "items => items.map(i => i.dataset.id)")
    by_id = {q["id"]: q for q in data["questions"]}
    links = result.locator("ul.kb-quiz-missed > li").all()
    assert len(links) == wrong
    for n, item in enumerate(links, start=1):
        q = by_id[order[n - 1]]
        assert item.locator(".kb-quiz-missed__question").get_attribute("href") == f"#kb-quiz-q{n}"
        assert item.locator(".kb-quiz-missed__see").get_attribute("href") == q["link"]
    # The links go where they say: the question's card on this page, the step on the procedure page.
    links[0].locator(".kb-quiz-missed__question").click()
    assert page.locator("#kb-quiz-q1").bounding_box()["y"] < 844
    links[-1].locator(".kb-quiz-missed__see").click()
    page.wait_for_load_state()
    step = by_id[order[wrong - 1]]["link"].split("#")
    assert page.url.split("#")[0].endswith(step[0].lstrip("./"))
    if len(step) > 1:
        assert page.locator(f"[id='{step[1]}']").count() == 1
    page.close()


def test_check_with_nothing_chosen_says_so(site, browser):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    page.goto(f"{site}/en/quizzes/engineer/")
    item = page.locator(".kb-quiz-question").nth(2)
    item.locator(".kb-quiz-check").click()
    feedback = item.locator(".kb-quiz-feedback")
    assert feedback.text_content() == "Choose an answer first, then Check."
    assert feedback.get_attribute("role") == "status" and feedback.is_visible()
    assert item.evaluate("item => item.contains(document.activeElement) && document.activeElement.type === 'radio'")
    assert page.locator(".kb-quiz-score").text_content().endswith("answered 0 / " + str(page.locator(".kb-quiz-question").count()))
    violations = Axe().run(page, context={"include": [[".kb-quiz"]]}, options={"runOnly": {"type": "tag", "values": WCAG}}).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    item.locator("input").first.check()  # choosing answers the message
    assert feedback.text_content() == ""
    page.close()


# Each question card as drawn: the card, its legend, the number, and the first and last choice (boxes).
CARDS = """() => [...document.querySelectorAll(".kb-quiz-question")].slice(0, 6).map(card => {
  const box = e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const choices = card.querySelectorAll(".kb-quiz-choice");
  return {card: box(card), border: parseFloat(getComputedStyle(card).borderTopWidth), legend: box(card.querySelector("legend")),
          number: box(card.querySelector(".kb-quiz-number")), numberText: card.querySelector(".kb-quiz-number").textContent,
          marker: getComputedStyle(card).listStyleType, first: box(choices[0]), last: box(choices[choices.length - 1]),
          inputs: [...choices].map(c => box(c.querySelector("input")))};
})"""


@pytest.mark.parametrize("size", [(390, 844), (1440, 900)], ids=["phone", "desktop"])
def test_each_question_sits_inside_its_card_numbered_above_its_choices(site, browser, size):
    """The question's number and text are the card's first line, inside its border (a fieldset's legend
    would sit across it), and the number heads the text instead of floating beside the choices."""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(f"{site}/quizzes/engineer/")
    for n, card in enumerate(page.evaluate(CARDS), start=1):
        assert card["numberText"] == f"{n}." and card["marker"] == "none", card
        assert card["legend"]["top"] >= card["card"]["top"] + card["border"] + 4, card  # below the top border
        assert card["legend"]["left"] > card["card"]["left"] and card["legend"]["right"] < card["card"]["right"], card
        assert card["number"]["top"] >= card["legend"]["top"] and card["number"]["bottom"] <= card["first"]["top"], card
        assert card["number"]["left"] <= card["first"]["left"] + 1, card  # heads the text, not indented beside a choice
        assert card["last"]["bottom"] < card["card"]["bottom"], card
        assert all(box["bottom"] - box["top"] >= 16 for box in card["inputs"]), card
        choice_heights = [card["first"]["bottom"] - card["first"]["top"], card["last"]["bottom"] - card["last"]["top"]]
        assert min(choice_heights) >= 44, card  # each choice a row a finger can hit
    page.close()
