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


# ---- form fields -----------------------------------------------------------------------------------

# Every field matching a selector as drawn: its border on each side (width, style, colour blended over
# the page behind it), its height and width, and the page background; colours as [r, g, b] in 0-255.
FIELDS = """selector => {
  const rgba = text => { const n = text.match(/[\\d.]+/g).map(Number); return [n[0], n[1], n[2], n.length > 3 ? n[3] : 1]; };
  const behind = node => {
    for (let at = node.parentElement; at; at = at.parentElement) {
      const c = rgba(getComputedStyle(at).backgroundColor);
      if (c[3] === 1) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const over = (c, bg) => bg.map((b, i) => c[i] * c[3] + b * (1 - c[3]));
  return [...document.querySelectorAll(selector)]
    .filter(f => f.type !== "hidden" && f.getClientRects().length)
    .map(f => {
      const s = getComputedStyle(f), bg = behind(f), box = f.getBoundingClientRect();
      return {id: f.id || f.name || f.type, type: f.type, width: box.width, height: box.height, background: bg,
              sides: ["Top", "Right", "Bottom", "Left"].map(side => ({
                width: parseFloat(s[`border${side}Width`]), style: s[`border${side}Style`],
                color: over(rgba(s[`border${side}Color`]), bg)}))};
    });
}"""

# The focus ring of each field once focused from the keyboard: outline style, width and colour over the
# page behind it. Focused by script after a key press, which Chromium shows as :focus-visible.
FOCUS_RINGS = """selector => [...document.querySelectorAll(selector)]
  .filter(f => f.type !== "hidden" && f.getClientRects().length)
  .map(f => {
    f.focus();
    const s = getComputedStyle(f), n = s.outlineColor.match(/[\\d.]+/g).map(Number), a = n.length > 3 ? n[3] : 1;
    return {id: f.id || f.name || f.type, focused: document.activeElement === f, visible: f.matches(":focus-visible"),
            style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: n.slice(0, 3), alpha: a};
  })"""


def contrast(a, b) -> float:
    """WCAG's contrast ratio of two sRGB colours (0-255)."""
    def luminance(rgb):
        c = [v / 255 for v in rgb]
        c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def use_palette(page, built_site, scheme: str) -> None:
    """Material's default palette, or slate (dark): the site ships its stylesheet but offers no switch."""
    if scheme == "slate":
        sheet = next((built_site / "assets" / "stylesheets").glob("palette.*.min.css"))
        page.add_style_tag(content=sheet.read_text(encoding="utf-8"))
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")


PAGE_FIELDS = ".md-content input, .md-content select, .md-content textarea"
SEARCH_FIELD = "dialog.kb-search input"


@pytest.mark.parametrize("size", [(390, 844), (1440, 900)], ids=["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path, fields_of", [
    ("postings/engineer/", PAGE_FIELDS), ("en/postings/manager/", PAGE_FIELDS), ("quizzes/engineer/", PAGE_FIELDS),
    ("en/training/engineer/", PAGE_FIELDS), ("", SEARCH_FIELD),
], ids=["posting-zh", "posting-en", "quiz", "training", "search"])
def test_every_field_looks_like_a_field(visit, built_site, path, fields_of, size, scheme):
    """Material resets inputs to no border and no outline: every text field, number, date, select and
    textarea of the pages that have fields, and the search box in its dialog, shows a border that
    stands out from what is behind it (3:1, WCAG 1.4.11) and is tall enough to tap, and every field,
    tick boxes and radio buttons too, a focus ring, in Material's default palette and in slate (the
    site ships its stylesheet but offers no switch)."""
    page = visit(path)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    use_palette(page, built_site, scheme)
    if fields_of == SEARCH_FIELD:
        page.click(".kb-search-open")
    fields = page.evaluate(FIELDS, fields_of)
    assert fields, "the page has fields"
    background = fields[0]["background"]
    assert (contrast(background, [0, 0, 0]) > contrast(background, [255, 255, 255])) == (scheme == "default")
    boxed = [f for f in fields if f["type"] not in ("checkbox", "radio")]
    assert bool(boxed) == ("postings/" in path or fields_of == SEARCH_FIELD)
    for field in boxed:
        for side in field["sides"]:
            assert side["width"] >= 1 and side["style"] == "solid", field
            assert contrast(side["color"], field["background"]) >= 3, field
        assert field["height"] >= 44 and field["width"] >= 60, field
    if "postings/" in path:
        assert {f["id"] for f in boxed} >= {"posting-organization", "posting-city", "posting-salaryMin", "posting-salaryMax",
                                            "posting-currency", "posting-headcount", "posting-contact", "posting-filter-search"}
    page.keyboard.press("Shift")  # the last input was the keyboard's
    rings = page.evaluate(FOCUS_RINGS, fields_of)
    assert len(rings) == len(fields)
    for ring in rings:
        assert ring["focused"] and ring["visible"] and ring["style"] != "none" and ring["width"] >= 2, ring
        assert ring["alpha"] == 1 and contrast(ring["color"], background) >= 3, ring


# The words a search result marks: their text colour blended over the mark's background, and that background.
MARKS = """() => {
  const rgba = text => { const n = text.match(/[\\d.]+/g).map(Number); return [n[0], n[1], n[2], n.length > 3 ? n[3] : 1]; };
  return [...document.querySelectorAll(".kb-search mark")].map(m => {
    const s = getComputedStyle(m), c = rgba(s.color), bg = rgba(s.backgroundColor);
    return {word: m.textContent, background: bg.slice(0, 3), color: bg.slice(0, 3).map((b, i) => c[i] * c[3] + b * (1 - c[3]))};
  });
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_marked_words_in_search_results_are_readable_in_both_palettes(visit, built_site, scheme):
    """The marked words of a result kept slate's light text on their pale yellow: 1.1:1, unreadable."""
    page = visit("")
    use_palette(page, built_site, scheme)
    search(page, "鞋套")
    marks = page.evaluate(MARKS)
    assert marks and {m["word"] for m in marks} == {"鞋套"}
    for mark in marks:
        assert contrast(mark["color"], mark["background"]) >= 4.5, mark


# ---- glossary terms on a touch screen ---------------------------------------------------------------

# The first glossary term in a step that has a step after it, brought to the middle of the window: where
# the term is, and how much of the line below it and of the next step a shown tooltip covers (px²).
# Material's tooltips take no pointer events, so what covers is measured by boxes, not by hit tests.
TERM_IN_STEP = """scroll => {
  const term = [...document.querySelectorAll("article li abbr")].find(a => a.closest("li").nextElementSibling);
  if (scroll) term.scrollIntoView({block: "center"});
  const box = term.getBoundingClientRect(), next = term.closest("li").nextElementSibling.getBoundingClientRect();
  const shown = [...document.querySelectorAll(".md-tooltip2, .md-tooltip")].filter(t => {
    const s = getComputedStyle(t); return s.display !== "none" && s.visibility !== "hidden" && t.matches("[class*=--active]"); });
  const over = r => shown.reduce((sum, t) => { const b = (t.firstElementChild || t).getBoundingClientRect();
    return sum + Math.max(0, Math.min(b.right, r.right) - Math.max(b.left, r.left)) * Math.max(0, Math.min(b.bottom, r.bottom) - Math.max(b.top, r.top)); }, 0);
  return {word: term.textContent, x: box.left + box.width / 2, y: box.top + box.height / 2, tooltips: shown.length,
          below: over({left: box.left, right: box.right, top: box.bottom, bottom: box.bottom + 20}), next: over(next)};
}"""


def test_a_tapped_glossary_term_is_explained_in_the_text_and_hides_nothing(browser, site_url):
    """On a touch screen Material's tooltip stayed over the next step after a tap. A tap now shows the
    definition in the text below the step (the next step moves down, nothing covers it); a second tap
    takes it away. With a mouse, Material's tooltip still shows on hover."""
    from axe_playwright_python.sync_playwright import Axe

    with guarded_page(browser, site_url, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True) as go:
        page = go("procedures/pull-back-repair/")
        definition = page.get_attribute("article abbr:text-is('周转机')", "title")
        term = page.evaluate(TERM_IN_STEP, True)
        page.touchscreen.tap(term["x"], term["y"])
        note = page.locator(".kb-term-note")
        assert note.count() == 1 and note.is_visible()
        assert note.inner_text().startswith(term["word"])
        assert page.evaluate("() => document.querySelector('.kb-term-note').closest('li').nextElementSibling !== null")
        page.wait_for_selector(".md-tooltip2--active", state="attached")  # Material took the tap as a hover
        after = page.evaluate(TERM_IN_STEP, False)
        assert (after["below"], after["next"]) == (0, 0), after
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
        assert results.response["violations"] == [], results.generate_report()
        page.touchscreen.tap(after["x"], after["y"])
        assert note.count() == 0
        page.locator("article abbr:text-is('周转机')").first.tap()
        assert definition in page.locator(".kb-term-note").inner_text()

    with guarded_page(browser, site_url, viewport={"width": 1440, "height": 900}) as go:
        page = go("procedures/pull-back-repair/")
        page.locator("article abbr").first.hover()
        page.wait_for_selector(".md-tooltip2--active", state="visible")
        page.locator("article abbr").first.click()  # a click with a mouse leaves the text as it is
        assert page.locator(".kb-term-note").count() == 0
