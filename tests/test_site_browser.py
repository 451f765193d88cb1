"""The built site in headless Chromium: search in both languages, the language switch, no console
errors, no request leaving the site, WCAG 2.1 A/AA, and hostile text that stays text."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from conftest import WCAG, search


@pytest.mark.parametrize("word, page", [
    ("鞋套", "procedures/leaving/"),
    ("周转机", "procedures/pull-back-repair/"),
    ("垫布", "procedures/pack-kit/"),
    ("三包", "procedures/fee-disputes/"),
])
def test_chinese_search_finds_domain_words_in_chinese_pages_only(visit, site_url, word, page):
    links = search(visit(""), word)
    assert urljoin(site_url, page) in [link.split("?")[0].split("#")[0] for link in links]
    assert not [link for link in links if link.startswith(urljoin(site_url, "en/"))]


def test_english_search_finds_english_pages_only(visit, site_url):
    links = search(visit("en/"), "knock")
    assert urljoin(site_url, "en/procedures/door-knocking/") in [link.split("?")[0].split("#")[0] for link in links]
    assert all(link.startswith(urljoin(site_url, "en/")) for link in links)


@pytest.mark.parametrize("start, target", [
    ("procedures/door-knocking/", "en/procedures/door-knocking/"),
    ("en/roles/engineer/", "roles/engineer/"),
    ("", "en/"),
])
def test_language_switch_keeps_the_page(visit, site_url, start, target):
    page = visit(start)
    lang = "en" if target.startswith("en/") else "zh"
    # The menu opens on hover; a click event on the link is what a tap does, without the animation.
    page.locator(f".md-select__link[hreflang={lang}]").dispatch_event("click")
    page.wait_for_url(urljoin(site_url, target))
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
