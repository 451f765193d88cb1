"""Golden files for the renderers: the exact Markdown of the site pages, the Moodle GIFT export, the
checklist HTML before it becomes PDF, and the job posting as Markdown and JSON-LD, all from the
fixture content. A change in any output shows up here as a diff to review. After an intended change,
refresh them with `pytest --update-golden` and read the diff before committing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.checklists.documents import build_document
from generator.cli import main
from generator.knowledge import load_knowledge_base
from generator.quiz import build_quiz
from generator.quiz.gift import render_gift
from generator.quiz.pages import build_site_quizzes
from generator.site.pages import render_pages

from conftest import REPO, SITE_FIXTURE

GOLDEN = REPO / "tests" / "golden"
QUIZ_FIXTURE = REPO / "tests" / "fixtures" / "quiz"
TODAY = dt.date(2026, 11, 27)


def load(root: Path):
    kb, report = load_knowledge_base(root, today=TODAY)
    assert kb is not None, report.format()
    return kb


def compare(request, name: str, actual: str) -> None:
    path = GOLDEN / name
    if request.config.getoption("--update-golden"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"no golden file {path.relative_to(REPO)}: run pytest --update-golden"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.fixture(scope="module")
def site_pages():
    kb = load(SITE_FIXTURE)
    return {path: text for path, text in render_pages(kb, build_site_quizzes(kb)).items() if path.endswith(".md")}


def test_every_site_page_has_a_golden_file_and_no_golden_file_is_stale(site_pages, request):
    folder = GOLDEN / "site"
    if request.config.getoption("--update-golden"):
        for old in folder.rglob("*.md"):
            if old.relative_to(folder).as_posix() not in site_pages:
                old.unlink()
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")} if folder.is_dir() else set()
    for path, text in site_pages.items():
        compare(request, f"site/{path}", text)
    assert on_disk | set(site_pages) == set(site_pages), f"golden pages no longer rendered: {sorted(on_disk - set(site_pages))}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gift_export(lang, request):
    kb = load(QUIZ_FIXTURE)
    compare(request, f"gift/engineer.{lang}.gift", render_gift(kb, build_quiz(kb, kb.role_by_id["engineer"]), lang))


@pytest.mark.parametrize("name, lang", [("door-knocking", "zh"), ("door-knocking", "en"), ("pull-back-repair", "en"),
                                        ("field-card", "zh"), ("kit", "en"), ("training-engineer", "zh")])
def test_checklist_html(name, lang, request):
    document = build_document(load(SITE_FIXTURE), name, lang)
    compare(request, f"checklists/{name}.{lang}.html", document.variants[0])


@pytest.mark.parametrize("fmt, lang", [("md", "zh"), ("md", "en"), ("jsonld", "zh"), ("jsonld", "en")])
def test_posting(fmt, lang, request, capsys):
    code = main(["posting", "engineer", "--root", str(SITE_FIXTURE), "--today", TODAY.isoformat(), "--lang", lang,
                 "--format", fmt, "--city", "杭州" if lang == "zh" else "Hangzhou", "--organization", "示例家电服务有限公司",
                 "--salary", "6000-9000", "--headcount", "2", "--contact", "hr@example.com"])
    out, err = capsys.readouterr()
    assert code == 0, err
    compare(request, f"posting/engineer.{lang}.{'json' if fmt == 'jsonld' else fmt}", out)
