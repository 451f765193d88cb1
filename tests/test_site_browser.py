"""The built site in headless Chromium, as each engine builds it (MkDocs with Material, and Zensical
from the same pages): search in both languages, the language switch, every procedure's steps, no
console errors, no request leaving the site, WCAG 2.1 A/AA, and hostile text that stays text."""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

import markdown
import pytest

from conftest import SITE_FIXTURE, WCAG, guarded_page, search


@pytest.fixture
def visit(browser, engine_url):
    """Opens pages of the fixture site as one engine built it: every test here runs once per engine."""
    with guarded_page(browser, engine_url) as go:
        yield go


@pytest.mark.parametrize("word, page", [
    ("鞋套", "procedures/leaving/"),
    ("周转机", "procedures/pull-back-repair/"),
    ("垫布", "procedures/pack-kit/"),
    ("三包", "procedures/fee-disputes/"),
])
def test_chinese_search_finds_domain_words_in_chinese_pages_only(visit, engine_url, word, page):
    links = search(visit(""), word)
    assert urljoin(engine_url, page) in [link.split("?")[0].split("#")[0] for link in links]
    assert not [link for link in links if link.startswith(urljoin(engine_url, "en/"))]


@pytest.mark.parametrize("word, page", [("knock", "en/procedures/door-knocking/"), ("shoe covers", "en/procedures/leaving/")])
def test_english_search_finds_english_pages_only(visit, engine_url, word, page):
    links = search(visit("en/"), word)
    assert urljoin(engine_url, page) in [link.split("?")[0].split("#")[0] for link in links]
    assert all(link.startswith(urljoin(engine_url, "en/")) for link in links)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_procedure_page_shows_its_steps(visit, lang):
    """Each procedure page shows each of its steps, in order, with its text as a reader sees it (the
    Markdown rendered, glossary terms marked)."""
    from generator.knowledge import load_knowledge_base

    kb, _ = load_knowledge_base(SITE_FIXTURE)
    checked = 0
    for procedure in kb.procedures:
        page = visit(("en/" if lang == "en" else "") + f"procedures/{procedure.id}/")
        assert page.inner_text("h1") == procedure.title.get(lang)
        steps = [(step.id, as_read(step.text.get(lang))) for step in procedure.steps]
        ids = {step_id for step_id, _ in steps}
        shown = page.eval_on_selector_all("article li span[id]", "els => els.map(e => [e.id, e.innerText, e.checkVisibility()])")
        assert all(visible for step_id, _, visible in shown if step_id in ids), procedure.id
        assert [(step_id, text.split("\n")[0].strip()) for step_id, text, _ in shown if step_id in ids] == steps, procedure.id
        checked += len(steps)
    assert checked >= 20


def as_read(text: str) -> str:
    """Inline Markdown as a reader sees it: '点击[这里](x)。' → '点击这里。'."""
    return html.unescape(re.sub(r"<[^>]+>", "", markdown.markdown(text))).strip()


@pytest.mark.parametrize("start, target", [
    ("procedures/door-knocking/", "en/procedures/door-knocking/"),
    ("en/roles/engineer/", "roles/engineer/"),
    ("", "en/"),
])
def test_language_switch_keeps_the_page(visit, engine_url, start, target):
    page = visit(start)
    lang = "en" if target.startswith("en/") else "zh"
    # The menu opens on hover; a click event on the link is what a tap does, without the animation.
    page.locator(f".md-select__link[hreflang={lang}]").dispatch_event("click")
    page.wait_for_url(urljoin(engine_url, target))
    page.wait_for_load_state("networkidle")
    assert page.get_attribute("html", "lang") == lang


@pytest.mark.parametrize("path", [
    "", "roles/engineer/", "procedures/door-knocking/", "en/", "en/roles/engineer/", "en/procedures/door-knocking/",
])
def test_pages_have_no_wcag_violations(visit, path):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(visit(path), options={"runOnly": {"type": "tag", "values": WCAG}})
    violations = results.response["violations"]
    assert violations == [], results.generate_report()


@pytest.mark.parametrize("path", ["procedures/odd-text/", "en/procedures/odd-text/"])
def test_template_syntax_and_script_links_stay_text(visit, path):
    page = visit(path)
    article = page.inner_text("article")
    assert "<%= 7*7 %>" in article and "}} %}" in article and "49" not in article
    assert "a < b > c" in article
    assert page.locator("article a[href^='javascript' i]").count() == 0
    page.get_by_text("这里" if not path.startswith("en/") else "here", exact=True).click()
    assert page.url.endswith(path)


def test_glossary_terms_explained_on_hover(visit):
    page = visit("procedures/pull-back-repair/")
    title = page.get_attribute("article abbr:text-is('周转机')", "title")
    assert title and "拉修" in title


def test_timings_are_shown_as_badges(visit):
    page = visit("en/procedures/door-knocking/")
    badges = page.locator(".kb-timing").all_inner_texts()
    assert any("every 30 seconds" in b for b in badges)


@pytest.mark.parametrize("start, query, title", [
    ("", "模板", "模板 <%= 7*7 %> 与 a < b"),
    ("en/", "template", "Template <%= 7*7 %> and a < b"),
])
def test_search_results_show_content_as_text(visit, start, query, title):
    page = visit(start)
    search(page, query)
    first = page.locator(".kb-search__results li").first
    assert first.locator(".kb-search__page").inner_text() == title
    assert first.locator(".kb-search__part").inner_text()
    assert page.locator(".kb-search__results :is(script, img, b)").count() == 0
