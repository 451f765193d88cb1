"""Printable checklists: every PDF checked by what poppler reads out of it, not by how it was made."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
import yaml

from generator.checklists import checklist_names, checklist_path, render_checklists
from generator.checklists.documents import build_document
from generator.pdf import Document, PrintError, render_documents
from generator.wording import format_measure, format_source
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


def test_field_card_stays_within_two_pages_with_36_procedures(tmp_path):
    """Content grows: clone the fixture's procedures to 36 and the card still fits, in both languages."""
    root = tmp_path / "big"
    shutil.copytree(FIXTURE, root)
    rank = {p["id"]: p["number"] for p in yaml.safe_load((root / "phases.yml").read_text(encoding="utf-8"))["phases"]}
    clones = []
    for source in sorted((root / "procedures").glob("*.yml")):
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        source.unlink()
        for n in range(9):
            clones.append({**data, "id": f"{data['id']}-{n}", "order": data["order"] * 100 + n})
    for data in clones:
        write_yaml(root / "procedures" / f"{data['id']}.yml", "procedure", data)
    role = yaml.safe_load((root / "roles" / "engineer.yml").read_text(encoding="utf-8"))
    role["procedures"] = [d["id"] for d in sorted(clones, key=lambda d: (rank[d["phase"]], d["order"]))]
    write_yaml(root / "roles" / "engineer.yml", "role", role)
    kb = load(root)
    assert len(kb.procedures) == 36

    documents = [build_document(kb, "field-card", lang) for lang in ("zh", "en")]
    rendered = render_documents(documents, cache_dir=tmp_path / "cache")
    for document in documents:
        pdf = tmp_path / f"{document.lang}.pdf"
        pdf.write_bytes(rendered[document.path])
        assert int(info(pdf)["Pages"]) <= 2, document.lang
        steps = [s.text.get(document.lang) for p in kb.procedures for s in p.steps]
        assert_in_order(text_of(pdf), steps)


def write_yaml(path: Path, schema: str, data: dict) -> None:
    path.write_text(f"# yaml-language-server: $schema=../schema/{schema}.schema.json\n"
                    + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_page_limit_and_missing_glyphs_are_errors_not_silent(tmp_path):
    long = "<html lang=en><body>" + "<p>line</p>" * 400 + "</body></html>"
    with pytest.raises(PrintError, match=r"x\.pdf: needs \d+ pages even at the smallest type, the limit is 1"):
        render_documents([Document("x.pdf", "en", "x", (long,), max_pages=1)], cache_dir=tmp_path)
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
    results = {hint: _render(document, font.css(), hint) for hint in (0, 3, len(document.variants) - 1)}
    assert len(set(results.values())) == 1, {hint: index for hint, (_, index) in results.items()}
