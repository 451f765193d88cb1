"""Printable checklists: every PDF checked by what poppler reads out of it, not by how it was made."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import zlib
from pathlib import Path

import pdfplumber
import pytest
import yaml

from generator.checklists import checklist_names, checklist_path, render_checklists
from generator.checklists.documents import build_document
from generator.pdf import Document, PrintError, render_documents
from generator.wording import CHECKLIST_LABELS, format_measure, format_source
from generator.knowledge import load_knowledge_base
from generator.model import Measure, Text

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "checklists"
A4 = "595.276 x 841.89 pts (A4)"


def load(root: Path):
    kb, report = load_knowledge_base(root)
    assert kb is not None, report.format()
    return kb


@pytest.fixture(scope="module")
def kb():
    return load(FIXTURE)


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def pdfs(kb, cache, tmp_path_factory) -> dict[str, Path]:
    """Every checklist of the fixture, written to disk for poppler."""
    out = tmp_path_factory.mktemp("pdf")
    written = {}
    for path, data in render_checklists(kb, cache_dir=cache).items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written[path] = target
    return written


def poppler(tool: str, *args) -> str:
    return subprocess.run([tool, *map(str, args)], capture_output=True, text=True, check=True, timeout=60).stdout


def info(pdf: Path) -> dict[str, str]:
    return dict(line.split(":", 1) for line in poppler("pdfinfo", pdf).splitlines() if ":" in line)


def text_of(pdf: Path) -> str:
    """The text in content-stream order (-raw): the order WeasyPrint laid it out, the order copy-paste gives."""
    return poppler("pdftotext", "-raw", pdf, "-")


def squash(text: str) -> str:
    """Whitespace removed: pdftotext breaks lines where the layout does, and Chinese has no spaces."""
    return re.sub(r"\s+", "", text)


def assert_in_order(text: str, expected: list[str]) -> None:
    flat, at = squash(text), 0
    for item in expected:
        found = flat.find(squash(item), at)
        assert found >= 0, f"{item!r} missing or out of order"
        at = found + len(squash(item))


def test_every_checklist_is_generated_in_both_languages(kb, pdfs):
    names = checklist_names(kb)
    assert names == ["door-knocking", "listening", "diagnosis", "on-site-conduct", "field-card", "kit",
                     "training-engineer", "training-manager"]
    assert sorted(pdfs) == sorted(checklist_path(n, lang) for n in names for lang in ("zh", "en"))
    assert "checklists/door-knocking.pdf" in pdfs and "en/checklists/door-knocking.pdf" in pdfs


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_procedure_checklist_text(kb, pdfs, lang):
    for procedure in kb.procedures:
        text = text_of(pdfs[checklist_path(procedure.id, lang)])
        header = ["工单号", "日期", "工程师"] if lang == "zh" else ["Work order", "Date", "Engineer"]
        expected = [procedure.title.get(lang), *header, procedure.purpose.get(lang)]
        for step in procedure.steps:
            expected.append(step.text.get(lang))
            expected += [format_measure(m, lang) for m in step.timings]
        for exc in procedure.exceptions:
            expected += [exc.when.get(lang), exc.then.get(lang)]
        expected += [r.text.get(lang) for r in procedure.rules if r.kind == "always"]
        expected += [r.text.get(lang) for r in procedure.rules if r.kind == "never"]
        expected += [kb.kit_by_id[k].name.get(lang) for k in procedure.kit]
        expected += ["用户或培训师签字" if lang == "zh" else "Customer or trainer signature"]
        doc = procedure.document
        expected += [doc.version, doc.last_reviewed.isoformat(), format_source(procedure.source, lang), "1 / 1"]
        assert_in_order(text, expected)


def test_measures_read_as_people_say_them():
    every = Measure(id="x", seconds=30, relation="every", what=Text(zh="间隔", en="interval"))
    after = Measure(id="y", minutes=[5, 10], relation="after", what=Text(zh="等待", en="wait"))
    one = Measure(id="z", hours=1, relation="within", what=Text(zh="响应", en="response"))
    taps = Measure(id="t", count=3, unit=Text(zh="下", en="taps"), what=Text(zh="次数", en="taps"))
    assert [format_measure(m, "zh") for m in (every, after, one, taps)] == ["每30秒", "5–10分钟后", "1小时内", "3下"]
    assert [format_measure(m, "en") for m in (every, after, one, taps)] == [
        "every 30 seconds", "after 5–10 minutes", "within 1 hour", "3 taps"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_field_card_holds_every_step_and_number_on_two_pages(kb, pdfs, lang):
    pdf = pdfs[checklist_path("field-card", lang)]
    assert int(info(pdf)["Pages"]) <= 2
    expected = []
    for procedure in kb.procedures:
        expected.append(procedure.title.get(lang))
        for step in procedure.steps:
            expected.append(step.text.get(lang))
            expected += [format_measure(m, lang) for m in step.timings]
        for exc in procedure.exceptions:
            expected += [format_measure(m, lang) for m in exc.timings]
    assert_in_order(text_of(pdf), expected)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_kit_and_training_records(kb, pdfs, lang):
    kit = text_of(pdfs[checklist_path("kit", lang)])
    assert_in_order(kit, [item.name.get(lang) for item in kb.kit.items])
    for role in kb.roles:
        text = text_of(pdfs[checklist_path(f"training-{role.id}", lang)])
        columns = ["签认版本", "学员签字", "培训师", "日期", "培训师签字"] if lang == "zh" else \
            ["Version signed for", "Trainee signature", "Trainer", "Date", "Trainer signature"]
        signed = [text for p in kb.learning_path(role) for text in (p.title.get(lang), p.document.version, p.changes[0].date.isoformat())]
        sign_off = columns[1:2] + columns[4:5] + columns[3:4]  # the lines under the table: trainee, trainer, date
        assert_in_order(text, [role.title.get(lang), *columns, *signed, *sign_off])


def underlines(page) -> list[dict]:
    """The boxes of a page drawn with a bottom border only (the lines to write on, the headings' rules),
    as {x0, x1, y}: WeasyPrint fills such a border as a rectangle minus the same one a border's width
    shorter, which pdfplumber reads as two rectangles of one top and width."""
    boxes: dict[tuple, list[float]] = {}
    for rect in page.rects:
        boxes.setdefault((round(rect["x0"], 1), round(rect["x1"], 1), round(rect["top"], 1)), []).append(rect["bottom"])
    return [{"x0": x0, "x1": x1, "y": max(bottoms)} for (x0, x1, _), bottoms in boxes.items()
            if len(bottoms) == 2 and 0.3 < abs(bottoms[0] - bottoms[1]) < 1.5]


SIGN_OFF = {  # the fields under each kind of checklist, left to right, top to bottom (CHECKLIST_LABELS)
    "training-engineer": ("trainee_sign", "trainer_sign", "date"),
    "training-manager": ("trainee_sign", "trainer_sign", "date"),
    "door-knocking": ("signature", "date"),
    "kit": ("checked_by", "date"),
}
MM = 72 / 25.4


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", SIGN_OFF)
def test_sign_off_lines_stay_inside_the_page_with_room_between_rows(pdfs, name, lang):
    """Issue 19: the English "Trainee signature" line ran past the table's right edge (a fixed line
    width beside a label of any length) and the Chinese 日期 line sat 1 mm under 学员签字. Every line
    to write on, of the sign-off and of the fields at the top, lies within the table's width (the
    page's content box); each sign-off label is followed on its row by its own line, long enough to
    sign on; rows of fields are at least 5 mm apart."""
    with pdfplumber.open(pdfs[checklist_path(name, lang)]) as pdf:
        borders = [line for page in pdf.pages for line in page.lines]
        left, right = min(b["x0"] for b in borders), max(b["x1"] for b in borders)  # the tables' outer edges
        assert (left, right) == pytest.approx((13 * MM, pdf.pages[0].width - 13 * MM), abs=0.5)  # @page margins
        for page in pdf.pages:
            for line in underlines(page):
                assert left - 0.5 <= line["x0"] < line["x1"] <= right + 0.5, (page.page_number, line)
        page = pdf.pages[-1]
        lines = underlines(page)
        fields = []
        for key in SIGN_OFF[name]:
            label = max(page.search(CHECKLIST_LABELS[lang][key], regex=False), key=lambda m: m["top"])  # the last: under the table
            line = min((l for l in lines if l["x0"] >= label["x1"] and label["top"] < l["y"] < label["bottom"] + 3 * MM),
                       key=lambda l: l["x0"], default=None)
            assert line is not None, f"no line beside {label['text']!r}"
            assert left - 0.5 <= label["x0"] and line["x1"] <= right + 0.5
            assert line["x1"] - line["x0"] >= 25 * MM, (label["text"], line)
            fields.append((label, line))
        for (label, line), (next_label, next_line) in zip(fields, fields[1:]):
            if next_label["top"] < line["y"]:  # on the same row: side by side
                assert line["x1"] < next_label["x0"], (label["text"], next_label["text"])
            else:
                assert next_label["top"] - line["y"] >= 5 * MM, (label["text"], next_label["text"])


def test_every_pdf_is_a4_small_with_embedded_subset_fonts_and_metadata(pdfs):
    for path, pdf in pdfs.items():
        meta = info(pdf)
        assert meta["Page size"].strip() == A4, path
        assert pdf.stat().st_size < 150_000, f"{path} is {pdf.stat().st_size} bytes"
        assert meta["Title"].strip(), path
        fonts = poppler("pdffonts", pdf).splitlines()[2:]
        assert fonts, path
        for line in fonts:
            name, *_, emb, sub, uni, _obj, _gen = line.split()
            assert re.fullmatch(r"[A-Z]{6}\+KB-Sans(-Bold)?", name), f"{path}: unexpected font {name}"
            assert (emb, sub, uni) == ("yes", "yes", "yes"), f"{path}: {line}"
        assert document_language(pdf) == ("en" if path.startswith("en/") else "zh-CN"), path


def document_language(pdf: Path) -> str:
    """/Lang of the catalog; WeasyPrint puts it in a compressed object stream."""
    data = pdf.read_bytes()
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            chunk = zlib.decompressobj().decompress(data[match.end():])
        except zlib.error:
            continue
        found = re.search(rb"/Lang \(([^)]*)\)", chunk)
        if found:
            return found.group(1).decode()
    return ""


def test_words_are_not_broken_where_they_fit(kb, pdfs):
    """Text may break anywhere only when it is longer than its line: every English word printed is
    a word of the document (pdftotext joins a word broken at its hyphen), none a fragment such as
    'Traine r' from a table column squeezed below its words."""
    import html

    for path, pdf in pdfs.items():
        if not path.startswith("en/"):
            continue
        name = path.removeprefix("en/checklists/").removesuffix(".pdf")
        source = html.unescape(re.sub(r"<[^>]*>", " ", build_document(kb, name, "en").variants[-1]))
        words = set(re.findall(r"[A-Za-z]+", source)) | set(re.findall(r"[A-Za-z]+", source.replace("-", "")))
        fragments = set(re.findall(r"[A-Za-z]+", text_of(pdf))) - words
        assert not fragments, f"{path}: {sorted(fragments)}"


def test_page_renders_to_a_png_that_is_not_blank(pdfs, tmp_path):
    """A PNG of the first page is A4 and carries ink, but is not a black sheet."""
    from PIL import Image

    poppler("pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", "-gray", pdfs["checklists/door-knocking.pdf"], tmp_path / "p")
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    assert image.size == (497, 702)  # A4 (210 × 297 mm) at 60 dpi, rounded up by poppler
    dark = sum(image.histogram()[:128])
    assert 0.005 < dark / (image.size[0] * image.size[1]) < 0.3


def test_same_content_gives_the_same_bytes(kb, pdfs, tmp_path):
    """Rendered twice from scratch (empty caches): the same bytes. Rendered with a font cut for other
    characters (here: two documents instead of the whole set): other glyph ids, the same text."""
    documents = [build_document(kb, "door-knocking", lang) for lang in ("zh", "en")]
    first = render_documents(documents, cache_dir=tmp_path / "a")
    second = render_documents(documents, cache_dir=tmp_path / "b")
    assert first == second
    for document in documents:
        alone = tmp_path / f"{document.lang}.pdf"
        alone.write_bytes(first[document.path])
        assert text_of(alone) == text_of(pdfs[document.path])


def cloned(tmp_path: Path, copies: int, steps: int | None = None) -> Path:
    """The fixture with each procedure copied `copies` times, all in the engineer's learning path;
    with `steps`, every copy has that many steps."""
    root = tmp_path / "big"
    shutil.copytree(FIXTURE, root)
    rank = {p["id"]: p["number"] for p in yaml.safe_load((root / "phases.yml").read_text(encoding="utf-8"))["phases"]}
    clones = []
    for source in sorted((root / "procedures").glob("*.yml")):
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        source.unlink()
        if steps is not None:
            data["steps"] = [{"id": f"s{i}", "text": {"zh": f"第{i}步：检查设备并记录。", "en": f"Step {i}: check the appliance and note it."}}
                             for i in range(steps)]
        for n in range(copies):
            clones.append({**data, "id": f"{data['id']}-{n}", "order": data["order"] * 100 + n})
    for data in clones:
        write_yaml(root / "procedures" / f"{data['id']}.yml", "procedure", data)
    role = yaml.safe_load((root / "roles" / "engineer.yml").read_text(encoding="utf-8"))
    role["procedures"] = [d["id"] for d in sorted(clones, key=lambda d: (rank[d["phase"]], d["order"]))]
    write_yaml(root / "roles" / "engineer.yml", "role", role)
    return root


def test_field_card_stays_within_two_pages_with_36_procedures(tmp_path):
    """Content grows: clone the fixture's procedures to 36 and the card still fits, in both languages
    (and the count that refuses hopeless cards before layout stays below the real page count)."""
    kb = load(cloned(tmp_path, 9))
    assert len(kb.procedures) == 36

    documents = [build_document(kb, "field-card", lang) for lang in ("zh", "en")]
    rendered = render_documents(documents, cache_dir=tmp_path / "cache")
    for document in documents:
        pdf = tmp_path / f"{document.lang}.pdf"
        pdf.write_bytes(rendered[document.path])
        assert 1 <= document.min_pages <= int(info(pdf)["Pages"]) <= 2, document.lang
        steps = [s.text.get(document.lang) for p in kb.procedures for s in p.steps]
        assert_in_order(text_of(pdf), steps)


def run_measured(*args: str) -> tuple[subprocess.CompletedProcess, int]:
    """`python -m generator ARGS`, and the most memory it held (peak resident set, MB, as the kernel
    counted it for this process)."""
    import tempfile
    import threading

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=REPO, stdout=out, stderr=err, text=True)
        timer = threading.Timer(300, process.kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        return subprocess.CompletedProcess(process.args, process.returncode, out.read(), err.read()), usage.ru_maxrss // 1024


def test_a_procedure_has_at_most_40_steps(tmp_path):
    """A pasted manual (here 41 steps) is refused by validate, where it is, with what to do."""
    root = cloned(tmp_path, 1, steps=41)
    result = run("validate", "--root", str(root))
    assert result.returncode == 1
    line = next(n for n, text in enumerate((root / "procedures" / "diagnosis-0.yml").read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("steps:"))
    assert (f"procedures/diagnosis-0.yml:{line}:1: error: steps: has 41 items, more than the 40 allowed; "
            "split it into several procedures") in result.stdout + result.stderr


def write_yaml(path: Path, schema: str, data: dict) -> None:
    path.write_text(f"# yaml-language-server: $schema=../schema/{schema}.schema.json\n"
                    + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_page_limit_and_missing_glyphs_are_errors_not_silent(tmp_path):
    long = "<html lang=en><body>" + "<p>line</p>" * 400 + "</body></html>"
    with pytest.raises(PrintError, match=r"x\.pdf: needs \d+ pages even at the smallest type, the limit is 1"):
        render_documents([Document("x.pdf", "en", "x", (long,), max_pages=1)], cache_dir=tmp_path)
    with pytest.raises(PrintError, match=r"z\.pdf: needs \d+ pages even at the smallest type, the limit is 1"):
        render_documents([Document("z.pdf", "en", "z", (long, long.replace("line", "l"), long), max_pages=1)], cache_dir=tmp_path)
    odd = "<html lang=en><body><p>𓀀</p></body></html>"
    with pytest.raises(PrintError, match=r"no glyph in Noto Sans CJK SC for '𓀀' \(U\+13000\)"):
        render_documents([Document("y.pdf", "en", "y", (odd,))], cache_dir=tmp_path)


def test_content_is_escaped_and_its_markdown_rendered(kb, tmp_path):
    """Text that looks like HTML prints as written (validation refuses raw HTML; this content
    bypasses it), and inline Markdown prints as formatting and a link with its address, never as
    `[text](url)`."""
    import dataclasses

    procedure = kb.procedure_by_id["door-knocking"]
    hostile = Text.model_construct(zh="<script>alert(1)</script> 1 < 2 & 3 > 2 参见[官网](https://example.com/a?b=1&c=2)",
                                   en="<script>alert(1)</script> 1 < 2 & 3 > 2 see the [site](https://example.com/a?b=1&c=2)")
    steps = [procedure.steps[0].model_copy(update={"text": hostile}), *procedure.steps[1:]]
    edited = procedure.model_copy(update={"steps": steps, "purpose": Text(zh="**重要** 的 `代码`", en="**Important** `code`")})
    kb = dataclasses.replace(kb, procedures=tuple(edited if p.id == procedure.id else p for p in kb.procedures))

    html = build_document(kb, "door-knocking", "en").variants[0]
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; 1 &lt; 2 &amp; 3 &gt; 2" in html
    assert '<a href="https://example.com/a?b=1&amp;c=2">site</a>' in html and "](" not in html
    assert "<strong>Important</strong> <code>code</code>" in html

    pdf = tmp_path / "x.pdf"
    document = build_document(kb, "door-knocking", "zh")
    pdf.write_bytes(render_documents([document], cache_dir=tmp_path / "cache")[document.path])
    text = " ".join(text_of(pdf).split())
    assert "<script>alert(1)</script> 1 < 2 & 3 > 2 参见官网 (https://example.com/a?b=1&c=2)" in text
    assert "[官网]" not in text and "**" not in text


def test_text_of_several_paragraphs_or_a_list_prints_whole_and_balanced(kb, tmp_path):
    """A step written as two paragraphs (a blank line in the YAML) prints as two lines of one item,
    and a list inside a step as a list: never "</p>" text or an unclosed element."""
    import dataclasses
    from html.parser import HTMLParser

    procedure = kb.procedure_by_id["door-knocking"]
    two = Text(zh="先敲门。\n\n再按门铃。", en="Knock first.\n\nThen ring the bell.")
    listed = Text(zh="带上：\n\n- 鞋套\n- 垫布", en="Bring:\n\n- shoe covers\n- the floor mat")
    steps = [procedure.steps[0].model_copy(update={"text": two}), procedure.steps[1].model_copy(update={"text": listed}), *procedure.steps[2:]]
    kb = dataclasses.replace(kb, procedures=tuple(procedure.model_copy(update={"steps": steps}) if p.id == procedure.id else p
                                                  for p in kb.procedures))

    html = build_document(kb, "door-knocking", "en").variants[0]
    assert "Knock first.<br>Then ring the bell." in html
    assert "<p>Bring:</p>\n<ul>\n<li>shoe covers</li>" in html

    class Balance(HTMLParser):  # every <p>, <ul> and <li> opened is closed, in order
        def __init__(self):
            super().__init__()
            self.open: list[str] = []
        def handle_starttag(self, tag, attrs):
            if tag in ("p", "ul", "li"):
                self.open.append(tag)
        def handle_endtag(self, tag):
            if tag in ("p", "ul", "li"):
                assert self.open and self.open.pop() == tag, tag
    checker = Balance()
    checker.feed(html)
    assert checker.open == []

    pdf = tmp_path / "x.pdf"
    document = build_document(kb, "door-knocking", "en")
    pdf.write_bytes(render_documents([document], cache_dir=tmp_path / "cache")[document.path])
    text = text_of(pdf)
    assert "Knock first." in text and "Then ring the bell." in text and "shoe covers" in text and "</p>" not in text


def test_tests_never_touch_the_developers_cache(cache_home):
    from generator.pdf import default_cache_dir

    assert default_cache_dir().is_relative_to(cache_home)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=REPO, timeout=300)


def test_cli_writes_one_checklist(tmp_path):
    out = tmp_path / "sub" / "card.pdf"
    result = run("checklist", "field-card", "--root", str(FIXTURE), "--lang", "en", "--out", str(out))
    assert (result.returncode, result.stdout) == (0, f"wrote {out}\n"), result.stderr
    assert "On-site service field card" in text_of(out)
    assert [p.name for p in out.parent.iterdir()] == ["card.pdf"]  # no temporary file left


def test_cli_unknown_checklist_is_one_line(tmp_path):
    result = run("checklist", "door-knockin", "--root", str(FIXTURE), "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 1
    assert result.stderr == ("error: unknown checklist 'door-knockin' (did you mean 'door-knocking'?); "
                             "give a procedure id, field-card, kit or training-<role-id>\n")
    assert not (tmp_path / "x.pdf").exists()


def test_procedure_role_and_home_pages_link_their_pdfs(kb):
    from generator.quiz.pages import build_site_quizzes
    from generator.site.pages import render_pages

    pages = render_pages(kb, build_site_quizzes(kb))
    for prefix in ("", "en/"):
        for procedure in kb.procedures:
            assert f"(../checklists/{procedure.id}.pdf)" in pages[f"{prefix}procedures/{procedure.id}.md"]
        for role in kb.roles:
            assert f"(../checklists/training-{role.id}.pdf)" in pages[f"{prefix}roles/{role.id}.md"]
        home = pages[f"{prefix}index.md"]
        assert "(checklists/field-card.pdf)" in home and "(checklists/kit.pdf)" in home


def test_field_card_size_does_not_depend_on_where_the_search_starts(kb, tmp_path):
    """The variant chosen last time only speeds the search up: any start gives the same PDF."""
    from generator.pdf.fonts import make_subset, plan_font, printable_characters
    from generator.pdf.rendering import _render

    document = build_document(kb, "field-card", "en")
    font = plan_font(printable_characters(document.variants), tmp_path)
    for weight in font.unmade():
        make_subset(font, weight)
    results = {hint: _render(document, font, hint) for hint in (0, 3, len(document.variants) - 1)}
    assert len(set(results.values())) == 1, {hint: index for hint, (_, index) in results.items()}


def with_first_step(tmp_path: Path, zh: str, en: str) -> Path:
    """A copy of the fixture whose first step of door-knocking reads `zh` / `en`."""
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    path = root / "procedures" / "door-knocking.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["steps"][0]["text"] = {"zh": zh, "en": en}
    write_yaml(path, "procedure", data)
    return root


@contextlib.contextmanager
def recording_server():
    """An HTTP server on a free local port that answers every GET with a PNG and records the path."""
    import http.server
    import io
    import threading

    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (40, 40), "red").save(png, "PNG")
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(png.getvalue())

        def log_message(self, *_):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


def test_printing_fetches_no_url_and_opens_no_local_file(tmp_path):
    """An image in content names a local web server, local files (absolute, relative to where the
    command runs, file:) and an SVG whose text would show in the PDF. Printing, through the CLI (one
    document, in process) and the site's batch (worker processes), requests nothing and embeds
    nothing: each image prints as its description."""
    from PIL import Image

    secret = tmp_path / "secret.svg"
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="20">'
                      '<text x="0" y="15">SECRETSVG</text></svg>', encoding="utf-8")
    Image.new("RGB", (40, 40), "blue").save(tmp_path / "photo.png")
    with recording_server() as (base, requests):
        images = (f"![web]({base}/x.png) ![passwd](/etc/passwd) ![disk]({secret}) ![relative](secret.svg) "
                  f"![photo](photo.png) ![url](file://{secret})")
        root = with_first_step(tmp_path, f"门铃 {images}", f"bell {images}")
        kb = load(root)

        out = tmp_path / "cli.pdf"
        result = subprocess.run([sys.executable, "-m", "generator", "checklist", "door-knocking", "--root", str(root),
                                 "--lang", "en", "--out", str(out)], capture_output=True, text=True,
                                cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=300)
        assert result.returncode == 0, result.stderr
        batch = render_checklists(kb, cache_dir=tmp_path / "cache")
        assert len(batch) >= 6  # enough documents for the worker pool
        assert requests == []

    pdfs = [out]
    for path in ("checklists/door-knocking.pdf", "en/checklists/field-card.pdf"):
        pdfs.append(tmp_path / path.replace("/", "-"))
        pdfs[-1].write_bytes(batch[path])
    for pdf in pdfs:
        text = text_of(pdf)
        assert "SECRETSVG" not in text and "root:" not in text, pdf.name
        assert_in_order(text, ["web", "passwd", "disk", "relative", "photo", "url"])
        assert poppler("pdfimages", "-list", pdf).splitlines()[2:] == [], f"{pdf.name} embeds an image"


def test_the_engine_loads_nothing_a_document_names(tmp_path):
    """Below the content's Markdown (which already drops file: sources): HTML handed to the engine
    that names a file or a URL in every way WeasyPrint loads resources gets none of them (stylesheets,
    @import, @font-face, backgrounds, list images, img, object, embed, SVG image), and the print
    font still loads."""
    secret = tmp_path / "secret.svg"
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="20">'
                      '<text x="0" y="15">SECRETSVG</text></svg>', encoding="utf-8")
    (tmp_path / "evil.css").write_text("body::before { content: 'SECRETCSS'; }", encoding="utf-8")
    with recording_server() as (base, requests):
        file_url = secret.as_uri()
        html = f"""<html lang=en><head>
<link rel=stylesheet href="{base}/a.css"><link rel=stylesheet href="{(tmp_path / 'evil.css').as_uri()}">
<style>@import url("{base}/b.css"); html {{ font-family: "KB Sans"; }} @font-face {{ font-family: X; src: url("{base}/c.otf"); }}
p.bg {{ background-image: url("{base}/d.png"); }} ul {{ list-style-image: url("{file_url}"); }}</style>
</head><body><p>visible</p><img src="{base}/e.png" alt="alt-web"><img src="{file_url}" alt="alt-file">
<p class=bg style="background: url('{file_url}')">x</p><ul><li>item</li></ul>
<object data="{file_url}" type="image/svg+xml">obj</object><embed src="{base}/f.svg">
<svg width="50" height="50"><image href="{base}/g.png" width="50" height="50"/></svg>
<p style="font-family: X, 'KB Sans'">font</p></body></html>"""
        pdf = tmp_path / "x.pdf"
        pdf.write_bytes(render_documents([Document("x.pdf", "en", "x", (html,))], cache_dir=tmp_path / "cache")["x.pdf"])
        assert requests == []
    text = text_of(pdf)
    assert "visible" in text and "SECRET" not in text
    assert poppler("pdfimages", "-list", pdf).splitlines()[2:] == []
    assert "+KB-Sans " in poppler("pdffonts", pdf)  # the one file it may load


def test_long_addresses_and_words_wrap_instead_of_running_off_the_page(tmp_path):
    """A 150-character address (a link's, printed after its text, and a bare one) and a 150-letter
    word, in a step and in an exception's table cell, and a number's label longer than a line:
    every character is on the page, in the procedure checklist and in the three-column field card."""
    url = "https://example.com/" + "".join(str(i % 10) for i in range(130))
    word = "W" + "".join(chr(ord("a") + i % 26) for i in range(149))
    assert len(url) == len(word) == 150
    root = with_first_step(tmp_path, f"参见[手册]({url}) <{url}> {word}", f"see [manual]({url}) <{url}> {word}")
    path = root / "procedures" / "door-knocking.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["exceptions"][0]["then"] = {"zh": f"打电话 {word}", "en": f"phone {word}"}
    label = " ".join(["how long to wait before knocking again"] * 5)  # longer than a line: its box wraps
    data["exceptions"][0]["timings"][0]["what"] = {"zh": label, "en": label}
    write_yaml(path, "procedure", data)
    kb = load(root)

    documents = [build_document(kb, name, lang) for name in ("door-knocking", "field-card") for lang in ("zh", "en")]
    rendered = render_documents(documents, cache_dir=tmp_path / "cache")
    for document in documents:
        pdf = tmp_path / "x.pdf"
        pdf.write_bytes(rendered[document.path])
        flat = squash(text_of(pdf))
        # link text + address, bare address + address again; the word in the step and the exception
        assert (flat.count(url), flat.count(word)) == (3, 2), document.path
        if "field-card" not in document.path:  # the card prints the number without its label
            assert squash(label) in flat, document.path


def processes_started_by(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid:
            found.append(int(stat.parent.name))
    return found


def command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def is_running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif((os.cpu_count() or 1) < 2 or not Path("/proc").is_dir(), reason="needs a worker pool and /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=["kill", "term", "int"])
def test_a_killed_render_leaves_no_worker_running(tmp_path, sig):
    """Every PDF of the repository's content rendered from an empty cache (the site build's batch, in
    worker processes), killed while the workers work: they, and multiprocessing's resource tracker,
    are gone within seconds, instead of waiting on their queue forever with ~100 MB each."""
    import time

    script = ("from pathlib import Path\nfrom generator.knowledge import load_knowledge_base\n"
              "from generator.checklists import render_checklists\n"
              "kb, _ = load_knowledge_base(Path('.'))\nrender_checklists(kb)\n")
    render = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)})
    try:
        deadline = time.monotonic() + 120
        workers: list[int] = []
        while len(workers) < 2 and render.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
            workers = [p for p in processes_started_by(render.pid) if b"spawn_main" in command_line(p)]
        assert len(workers) >= 2, "the render started no worker pool"
        started = processes_started_by(render.pid)  # the workers and the resource tracker
        time.sleep(1)  # let them take up documents
        render.send_signal(sig)
        render.wait(timeout=15)  # Ctrl-C included: the render stops, it does not finish its queue
        deadline = time.monotonic() + 15
        while any(map(is_running, started)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [p for p in started if is_running(p)], "worker processes outlived the render"
    finally:
        if render.poll() is None:
            render.kill()
        render.wait()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_field_card_that_cannot_fit_fails_at_once(tmp_path, lang):
    """4,800 steps (120 procedures of 40, each valid) cannot fit on two pages at any size: the card is
    refused by counting, before any layout (the message says "at least"), in one line, holding
    little memory (laying out every size took minutes and 844 MB for 10,000 steps)."""
    root = cloned(tmp_path, 30, steps=40)
    assert run("validate", "--root", str(root)).returncode == 0
    out = tmp_path / "card.pdf"
    result, peak_mb = run_measured("checklist", "field-card", "--root", str(root), "--lang", lang, "--out", str(out))
    path = checklist_path("field-card", lang)
    assert (result.returncode, result.stdout) == (1, "")
    assert re.fullmatch(rf"error: {re.escape(path)}: needs at least \d+ pages even at the smallest type, "
                        r"the limit is 2; shorten the step texts\n", result.stderr), result.stderr
    assert peak_mb < 300, f"{peak_mb} MB"
    assert not out.exists()
