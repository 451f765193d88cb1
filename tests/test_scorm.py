"""SCORM 1.2 packages: the manifest's structure, a deterministic zip, the command line, and the SCO run in
Chromium against a real SCORM 1.2 run-time (npm scorm-again's Scorm12API as window.API in the page
that frames it, the way an LMS launches a SCO)."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, SITE_FIXTURE, WCAG, serve
from hostile_values import HOSTILE, is_index
from generator.knowledge import load_knowledge_base
from generator.scorm.package import MANIFEST, build_package
from generator.wording import SITE_LABELS

RUNTIME = REPO / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
ADLCP = "{%s}" % NS["adlcp"]

# The LMS side: scorm-again's run-time as window.API. What the SCO sent is kept in sessionStorage when it
# finishes (as an LMS stores it) and handed back on the next launch; every call is logged for the test.
# relaunch(planted) opens the SCO again in a new session (a new run-time) handed the values in `planted`
# past the run-time's own checks, as an LMS that keeps anything would.
LMS_PAGE = """<!doctype html><html><head><meta charset="utf-8"><script src="scorm12.js"></script><script>
function launch(planted) {
  var api = window.API = new Scorm12API({ logLevel: 5, autocommit: false }), log = window.calls = [];
  ["LMSInitialize", "LMSFinish", "LMSCommit", "LMSSetValue"].forEach(function (name) {
    api.on(name, function (element, value) { log.push([name, element === undefined ? null : element, value === undefined ? null : String(value)]); });
  });
  var saved = sessionStorage.getItem("lms");
  api.loadFromJSON(saved && !planted ? JSON.parse(saved) : { student_data: { mastery_score: "%MASTERY%" } }, "");
  if (planted) {
    api.cmi.core._suspend_data = planted.suspend_data;
    api.cmi.core._lesson_location = planted.lesson_location;
    api.cmi.student_data._mastery_score = planted.mastery_score;
  }
  api.on("LMSFinish", function () { sessionStorage.setItem("lms", JSON.stringify(api.renderCMIToJSONObject())); });
}
function relaunch(planted) {
  var frame = document.getElementById("sco");
  launch(planted);
  return new Promise(function (resolve) {
    frame.addEventListener("load", function () { resolve(); }, { once: true });
    frame.contentWindow.location.reload();
  });
}
launch(null);
</script></head><body><iframe id="sco" src="pkg/index.html" style="width: 100%; height: 700px"></iframe></body></html>
"""


@pytest.fixture(scope="module")
def kb():
    kb, report = load_knowledge_base(SITE_FIXTURE)
    assert kb is not None, report.format()
    return kb


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_manifest_lists_every_file_and_follows_scorm_1_2(kb, lang):
    role = kb.role_by_id["engineer"]
    files = unzip(build_package(kb, role, lang, mastery=70))
    root = ET.fromstring(files[MANIFEST])
    assert root.tag == "{%s}manifest" % NS["cp"]
    assert root.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    organizations = root.find("cp:organizations", NS)
    default = organizations.get("default")
    organization = organizations.find(f"cp:organization[@identifier='{default}']", NS)
    assert organization is not None
    items = organization.findall("cp:item", NS)
    assert len(items) == 1
    assert items[0].findtext("adlcp:masteryscore", namespaces=NS) == "70"
    assert role.title.get(lang) in items[0].findtext("cp:title", namespaces=NS)
    resources = root.findall("cp:resources/cp:resource", NS)
    assert [r.get("identifier") for r in resources] == [items[0].get("identifierref")]
    sco = resources[0]
    assert (sco.get("type"), sco.get(ADLCP + "scormtype"), sco.get("href")) == ("webcontent", "sco", "index.html")
    listed = [f.get("href") for f in sco.findall("cp:file", NS)]
    assert sorted(listed) == sorted(set(files) - {MANIFEST})
    assert "index.html" in listed


def test_package_holds_the_learning_path_then_the_quiz_and_loads_nothing_from_outside(kb):
    role = kb.role_by_id["engineer"]
    html = unzip(build_package(kb, role, "en"))["index.html"].decode()
    sections = re.findall(r'<section class="sco-page" id="([^"]+)"', html)
    path = [f"p-{p.id}" for p in kb.learning_path(role)]
    assert sections[: len(path)] == path and sections[-1] == "quiz"
    assert [p.kind for p in kb.learning_path(role)] == sorted((p.kind for p in kb.learning_path(role)),
                                                             key=["sequence", "situation", "checklist"].index)
    # Only the package's own files are referenced; links a reader may follow are not loaded.
    assert set(re.findall(r'<(?:script|link|img|iframe)[^>]*(?:src|href)="([^"]+)"', html)) == {"sco.css", "sco.js"}
    assert "Template &lt;%= 7*7 %&gt; and a &lt; b" in html  # content is text, escaped
    headings = re.findall(r"<h3>([^<]*)</h3>", html)
    assert headings.count(SITE_LABELS["en"]["checklist_items"]) == sum(p.kind == "checklist" for p in kb.learning_path(role)) > 0
    assert headings.count(SITE_LABELS["en"]["steps"]) == sum(p.kind != "checklist" for p in kb.learning_path(role))


def test_zip_is_deterministic(kb):
    role = kb.role_by_id["engineer"]
    first, second = build_package(kb, role, "zh"), build_package(kb, role, "zh")
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "scorm", "--root", str(SITE_FIXTURE), *args],
                          cwd=REPO, capture_output=True, text=True, timeout=120)


def test_cli_writes_the_package(tmp_path, kb):
    out = tmp_path / "engineer.zip"
    result = run_cli("--role", "engineer", "--lang", "en", "--out", str(out), "--mastery", "90")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {out}: {len(kb.learning_path(kb.role_by_id['engineer']))} procedures and the quiz, {out.stat().st_size:,} bytes\n"
    assert out.read_bytes() == build_package(kb, kb.role_by_id["engineer"], "en", mastery=90)


def test_cli_refuses_unknown_role_and_bad_mastery(tmp_path):
    result = run_cli("--role", "enginer", "--out", str(tmp_path / "x.zip"))
    assert result.returncode == 1
    assert result.stderr.startswith("error: --role: unknown role 'enginer' (did you mean 'engineer'?)")
    result = run_cli("--role", "engineer", "--mastery", "101", "--out", str(tmp_path / "x.zip"))
    assert result.returncode == 2 and "'101' is not a pass mark" in result.stderr
    assert not (tmp_path / "x.zip").exists()


@pytest.fixture()
def lms(tmp_path, kb):
    """An LMS folder: the run-time page, scorm-again and the engineer's English package unpacked in pkg/."""
    assert RUNTIME.is_file(), "scorm-again missing: run `make node-deps`"
    files = unzip(build_package(kb, kb.role_by_id["engineer"], "en"))
    mastery = ET.fromstring(files[MANIFEST]).findtext(".//adlcp:masteryscore", namespaces=NS)
    (tmp_path / "lms.html").write_text(LMS_PAGE.replace("%MASTERY%", mastery), encoding="utf-8")
    shutil.copy(RUNTIME, tmp_path / "scorm12.js")
    for name, data in files.items():
        (tmp_path / "pkg" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "pkg" / name).write_bytes(data)
    with serve(tmp_path) as base:
        yield base, json.loads(re.search(r'<script type="application/json" id="sco-data">(.*?)</script>',
                                         files["index.html"].decode(), re.S).group(1))


def cmi(page) -> dict:
    return page.evaluate("API.renderCMIToJSONObject()")["cmi"]


def answer(frame, data, which) -> None:
    """Tick an answer for the questions numbered in `which`: `right` or `wrong` per question."""
    for n, how in which.items():
        q = data["questions"][n]
        choice = q["answer"] if how == "right" else (q["answer"] + 1) % len(q["choices"])
        frame.locator(f"input[name='q{n}'][value='{choice}']").check()


def test_sco_reports_to_a_scorm_1_2_runtime_and_resumes(browser, lms):
    base, data = lms
    pages, total = data["pages"], len(data["questions"])
    context = browser.new_context()
    page = context.new_page()
    errors, outside = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) else None)
    page.goto(f"{base}/lms.html")
    frame = page.frame_locator("#sco")

    # Launch: initialised, incomplete, on the first page.
    assert frame.locator(".sco-progress").inner_text() == f"1 of {len(pages)} pages read"
    core = cmi(page)["core"]
    assert (core["lesson_status"], core["lesson_location"]) == ("incomplete", pages[0])
    assert page.evaluate("calls[0]") == ["LMSInitialize", None, None]

    # Read two more pages, then open the quiz from the contents and answer three questions.
    frame.locator(".sco-next").click()
    frame.locator(".sco-next").click()
    assert cmi(page)["core"]["lesson_location"] == pages[2]
    frame.locator(".sco-contents a[data-page='quiz']").click()
    answer(frame, data, {0: "right", 1: "right", 2: "wrong"})
    assert frame.locator(".sco-progress").inner_text() == f"4 of {len(pages)} pages read"

    # Leave (the page goes away): the SCO suspends and finishes; the LMS keeps what it received.
    page.reload()
    stored = json.loads(page.evaluate("sessionStorage.getItem('lms')"))["cmi"]
    assert stored["core"]["exit"] == "suspend"
    assert re.fullmatch(r"\d{2,4}:\d\d:\d\d(\.\d+)?", stored["core"]["session_time"])  # CMITimespan
    assert (stored["core"]["lesson_location"], stored["core"]["lesson_status"]) == ("quiz", "incomplete")
    suspended = json.loads(stored["suspend_data"])
    assert suspended["a"][:3] == f"{data['questions'][0]['answer']}{data['questions'][1]['answer']}" \
        f"{(data['questions'][2]['answer'] + 1) % len(data['questions'][2]['choices'])}"

    # Relaunched with that data: back on the quiz, with the pages read and the answers given.
    assert frame.locator(".sco-progress").inner_text() == f"4 of {len(pages)} pages read"
    assert frame.locator("#quiz").is_visible()
    assert frame.locator(f"input[name='q0'][value='{data['questions'][0]['answer']}']").is_checked()
    assert frame.locator(".sco-contents li.sco-read").count() == 4

    # Submitting with unanswered questions is refused; then everything else wrong: failed.
    frame.locator(".sco-submit").click()
    assert frame.locator(".sco-result").inner_text() == f"{total - 3} questions are not answered yet."
    assert cmi(page)["core"]["lesson_status"] == "incomplete"
    answer(frame, data, {n: "wrong" for n in range(3, total)})
    frame.locator(".sco-submit").click()
    core = cmi(page)["core"]
    percent = round(100 * 2 / total)
    assert (core["lesson_status"], core["score"]) == ("failed", {"raw": str(percent), "min": "0", "max": "100"})
    assert frame.locator(".sco-result").inner_text().startswith(f"Score {percent}% (2 / {total}). Not passed (pass mark 80%)")
    assert page.evaluate("calls[calls.length - 1][0]") == "LMSCommit"

    # Try again, all right: passed with full marks.
    frame.locator(".sco-submit").click()
    answer(frame, data, {n: "right" for n in range(total)})
    frame.locator(".sco-submit").click()
    core = cmi(page)["core"]
    assert (core["lesson_status"], core["score"]["raw"]) == ("passed", "100")

    page.reload()  # finishing once more: the LMS keeps the pass
    stored = json.loads(page.evaluate("sessionStorage.getItem('lms')"))["cmi"]
    assert (stored["core"]["lesson_status"], stored["core"]["score"]["raw"], stored["core"]["exit"]) == ("passed", "100", "")
    assert errors == [] and outside == []
    context.close()


def test_sco_works_as_a_plain_page_without_an_lms(browser, lms):
    base, data = lms
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/pkg/index.html")
    page.locator(".sco-next").click()
    assert page.locator(".sco-progress").inner_text() == f"2 of {len(data['pages'])} pages read"
    page.locator(".sco-contents a[data-page='quiz']").click()
    answer(page, data, {n: "right" for n in range(len(data["questions"]))})
    page.locator(".sco-submit").click()
    assert page.locator(".sco-result").inner_text().startswith(f"Score 100% ({len(data['questions'])} / {len(data['questions'])}). Passed")
    assert errors == []
    page.close()


# The SCO as launched, then its quiz answered right and submitted through its own controls.
RUN_SCO = """() => {
  const data = JSON.parse(document.getElementById("sco-data").textContent);
  const opened = {questions: document.querySelectorAll(".sco-question").length,
                  checked: document.querySelectorAll(".sco-quiz input:checked").length,
                  progress: document.querySelector(".sco-progress").textContent,
                  shown: [...document.querySelectorAll(".sco-page")].filter(page => !page.hidden).map(page => page.id)};
  data.questions.forEach((q, n) => document.querySelector(`input[name='q${n}'][value='${q.answer}']`).click());
  document.querySelector(".sco-submit").click();
  opened.result = document.querySelector(".sco-result").textContent;
  return opened;
}"""


def test_sco_starts_afresh_from_tampered_suspend_data_and_still_reports(browser, lms):
    """Each hostile value as the whole suspend_data and as each of its fields, with the lesson location and
    the mastery score also hostile: the SCO starts afresh on its first page, sets the status, runs the quiz
    (passed at 100%) and finishes with a valid suspend_data."""
    base, data = lms
    pages, total, build = data["pages"], len(data["questions"]), data["build"]
    read_all, answered = "f" * -(-len(pages) // 4), "0" * total  # valid, and unlike a fresh start
    slots = {"whole": "{v}", "b": '{{"b":{v},"r":"%s","a":"%s","s":0}}' % (read_all, answered),
             "r": '{{"b":"%s","r":{v},"a":"%s","s":0}}' % (build, answered),
             "a": '{{"b":"%s","r":"%s","a":{v},"s":0}}' % (build, read_all),
             "s": '{{"b":"%s","r":"%s","a":"%s","s":{v}}}' % (build, read_all, answered)}
    page = browser.new_context().new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/lms.html")
    launches = skipped = 0

    def check_finished():  # what the LMS kept when the last launch went away
        kept = json.loads(page.evaluate("sessionStorage.getItem('lms')"))["cmi"]
        assert (kept["core"]["lesson_status"], kept["core"]["score"]["raw"], kept["core"]["exit"]) == ("passed", "100", "")
        suspended = json.loads(kept["suspend_data"])
        assert (suspended["b"], suspended["a"], suspended["s"]) == (build, "".join(str(q["answer"]) for q in data["questions"]), 1)

    for value in HOSTILE:
        for slot, template in slots.items():
            if (slot == "s" and is_index(value, 2)) or (slot == "r" and re.fullmatch(r'"[0-9a-f]{%d}"' % len(read_all), value)):
                skipped += 1  # a valid value there: not a tampered one
                continue
            plant = {"suspend_data": template.format(v=value), "lesson_location": value, "mastery_score": value}
            page.evaluate("plant => relaunch(plant)", plant)  # the last session finishes, this one starts
            if launches:
                check_finished()
            launches += 1
            opened = page.query_selector("#sco").content_frame().evaluate(RUN_SCO)
            assert opened["questions"] == total and opened["checked"] == 0, (slot, value[:40])
            assert (opened["progress"], opened["shown"]) == (f"1 of {len(pages)} pages read", [pages[0]]), (slot, value[:40])
            assert opened["result"].startswith(f"Score 100% ({total} / {total}). Passed"), (slot, value[:40])
            calls = page.evaluate("calls")
            assert calls[0] == ["LMSInitialize", None, None]
            assert ["LMSSetValue", "cmi.core.lesson_status", "incomplete"] in calls
            assert ["LMSSetValue", "cmi.core.lesson_status", "passed"] in calls
    page.goto(f"{base}/pkg/sco.css")  # the last launch finishes too
    check_finished()
    assert errors == []
    assert (launches, skipped) == (len(HOSTILE) * len(slots) - skipped, 4)
    page.context.close()


# The page shown: its id, where its heading is in the window, and whether the heading has the focus.
SHOWN = """() => {
  const page = [...document.querySelectorAll(".sco-page")].find(p => !p.hidden), heading = page.querySelector("h2");
  return {id: page.id, top: heading.getBoundingClientRect().top, focused: document.activeElement === heading,
          contents: document.querySelector(".sco-contents").getBoundingClientRect().height,
          open: document.querySelector(".sco-toc").open, scrolled: window.scrollY};
}"""


def test_on_a_phone_the_contents_fold_and_every_move_shows_the_page(browser, lms):
    """On a phone the contents (here 11 entries, 34 on the real engineer's path) start folded to one
    line, so the first screen shows the first page; Next, Previous and a contents entry go to the new
    page's heading, with the keyboard's focus on it. On a desktop the contents stay open beside."""
    from axe_playwright_python.sync_playwright import Axe

    base, data = lms
    pages = data["pages"]
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{base}/pkg/index.html")
    shown = page.evaluate(SHOWN)
    assert (shown["id"], shown["open"]) == (pages[0], False) and shown["contents"] <= 60, shown
    assert 0 <= shown["top"] < 844 / 3 and not shown["focused"], shown  # launch: nothing moves
    page.locator(".sco-next").scroll_into_view_if_needed()
    page.locator(".sco-next").tap()
    shown = page.evaluate(SHOWN)
    assert shown["id"] == pages[1] and 0 <= shown["top"] < 60 and shown["focused"] and shown["scrolled"] > 0, shown
    page.locator(".sco-next").scroll_into_view_if_needed()
    page.locator(".sco-prev").tap()
    shown = page.evaluate(SHOWN)
    assert shown["id"] == pages[0] and 0 <= shown["top"] < 60 and shown["focused"], shown
    page.evaluate("window.scrollTo(0, 0)")
    page.locator(".sco-toc > summary").tap()
    assert page.evaluate(SHOWN)["open"]
    box = page.locator(".sco-toc > summary").bounding_box()
    assert box["height"] >= 44, box
    violations = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}}).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    page.locator(f".sco-contents a[data-page='{pages[3]}']").tap()
    shown = page.evaluate(SHOWN)
    assert shown["id"] == pages[3] and not shown["open"] and 0 <= shown["top"] < 60 and shown["focused"], shown
    context.close()

    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{base}/pkg/index.html")
    shown = page.evaluate(SHOWN)
    assert shown["open"] and shown["contents"] > 200 and shown["top"] < 900 / 3, shown
    page.locator(".sco-next").click()
    shown = page.evaluate(SHOWN)
    assert shown["id"] == pages[1] and shown["scrolled"] == 0 and shown["focused"], shown  # the header stays in view
    page.close()


# Each question card of the package's quiz as drawn: the card, its legend (number and text), the number,
# and the first and last choice (boxes).
CARDS = """() => [...document.querySelectorAll(".sco-question")].map(card => {
  const box = e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const choices = card.querySelectorAll(".sco-choice"), number = card.querySelector(".sco-number");
  return {card: box(card), border: parseFloat(getComputedStyle(card).borderTopWidth), legend: box(card.querySelector("legend")),
          number: number && box(number), numberText: number && number.textContent, marker: getComputedStyle(card).listStyleType,
          first: box(choices[0]), last: box(choices[choices.length - 1]), heights: [...choices].map(c => box(c).bottom - box(c).top)};
})"""


@pytest.mark.parametrize("size", [(390, 844), (1440, 900)], ids=["phone", "desktop"])
def test_each_quiz_question_sits_inside_its_card_as_on_the_site(browser, lms, size):
    """Issue 19: in the package, as on the site's quiz page before, each question's text sat across its
    card's top border (a fieldset's legend) and its number floated beside the choices. Now the card
    holds the number and text on its first line, below the border, then the choices, each a row 44 px
    high to tap."""
    base, data = lms
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(f"{base}/pkg/index.html")
    if page.locator(".sco-toc").get_attribute("open") is None:
        page.click(".sco-toc > summary")  # on a phone the contents start folded
    page.locator(".sco-contents a[data-page='quiz']").click()
    cards = page.evaluate(CARDS)
    assert len(cards) == len(data["questions"])
    for n, card in enumerate(cards, start=1):
        assert card["numberText"] == f"{n}." and card["marker"] == "none", card
        assert card["legend"]["top"] >= card["card"]["top"] + card["border"] + 4, card  # below the top border
        assert card["card"]["left"] < card["legend"]["left"] and card["legend"]["right"] < card["card"]["right"], card
        assert card["legend"]["bottom"] <= card["first"]["top"] and card["number"]["left"] <= card["first"]["left"] + 1, card
        assert card["last"]["bottom"] < card["card"]["bottom"], card
        assert min(card["heights"]) >= 44, card
    page.close()
