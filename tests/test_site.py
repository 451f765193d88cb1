"""Site pages without a browser: escaping, safe links, links to other features, deterministic
Markdown, `build --no-downloads`, and `mkdocs serve` picking up a YAML edit."""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from html.parser import HTMLParser
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import markdown
import pytest

from generator.knowledge import load_knowledge_base
from generator.model import Step, Text
from generator.markup import SafeHtmlExtension, is_safe_url
from generator.site.pages import render_knowledge_pages

from conftest import REPO, SITE_FIXTURE

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> {{ 7*7 }} {% if 1 %}x{% endif %}'


@pytest.fixture(scope="module")
def kb():
    kb, report = load_knowledge_base(SITE_FIXTURE)
    assert kb is not None, report.format("text")
    return kb


def to_html(text: str) -> str:
    """Markdown → HTML with the extensions the site uses that matter for escaping."""
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables", "admonition", SafeHtmlExtension()])


def render_hostile_pages(kb) -> dict[str, str]:
    """Pages of a knowledge base whose door-knocking procedure carries raw HTML and template syntax.
    model_construct skips validation, as if the validator had a hole: the renderer must cope alone."""
    procedure = kb.procedure_by_id["door-knocking"]
    hostile = Text.model_construct(zh=HOSTILE, en=HOSTILE)
    step = Step.model_construct(id="evil", text=hostile, timings=[])
    evil = procedure.model_copy(update={"title": hostile, "purpose": hostile, "steps": [step]})
    return render_knowledge_pages(dataclasses.replace(kb, procedures=tuple(evil if p.id == "door-knocking" else p for p in kb.procedures)))


def test_raw_html_that_bypassed_validation_is_escaped(kb):
    pages = render_hostile_pages(kb)
    for path in ("procedures/door-knocking.md", "en/procedures/door-knocking.md", "phases/before-service.md", "index.md"):
        front, body = pages[path].split("\n---\n", 1)
        html = to_html(body)
        assert "<script" not in html and "<img" not in html and "onerror=\"alert" not in html, path
        assert "&lt;script&gt;" in html, path
        assert "{{ 7*7 }}" in html and "{% if 1 %}" in html, path
    # The theme prints titles unescaped, so the front-matter title must already be escaped.
    front = pages["procedures/door-knocking.md"].split("\n---\n")[0]
    assert "<script>" not in front and "&lt;script&gt;" in front


def test_raw_html_that_bypassed_validation_never_runs_in_a_browser(kb, browser):
    html = to_html(render_hostile_pages(kb)["procedures/door-knocking.md"].split("\n---\n", 1)[1])
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.set_content(f"<!doctype html><html lang=zh><body>{html}</body></html>")
    assert "<script>alert(1)</script>" in page.inner_text("body")
    assert page.locator("script, img").count() == 0
    assert dialogs == []
    page.close()


def _hostile(text: str) -> Text:
    return Text.model_construct(zh=text, en=text)


def hostile_attribute_kb(kb):
    """The fixture knowledge base with Markdown attribute lists (and a tag in a title) wherever content
    text reaches a page, as if validation had a hole: the site alone must keep them from doing anything."""
    door = kb.procedure_by_id["door-knocking"]
    step = door.steps[0].model_copy(update={"text": _hostile('*x*{onclick=alert(3)} then {style="position:fixed"}\n\n{: onmouseover=alert(4)}')})
    # With mistakes the rule is a quiz question too, so the hostile text reaches the answer key.
    rule = door.rules[0].model_copy(update={"text": _hostile("**r**{onclick=alert(5)}"),
                                            "mistakes": [_hostile("*y*{onclick=alert(14)}"), _hostile("z {onmouseover=alert(15)}")]})
    link = door.steps[1].model_copy(update={"text": _hostile('[ok](https://example.com/){href="javascript:alert(12)" onclick=alert(13)}')})
    door = door.model_copy(update={
        "title": _hostile("敲门 {tabindex=0 autofocus onfocus=alert(document.domain)}"),
        "purpose": _hostile("*x*{onclick=alert(2)} y"), "steps": [step, link, *door.steps[2:]], "rules": [rule, *door.rules[1:]],
    })
    kit = [item.model_copy(update={"name": _hostile(f"{item.name.zh} {{onmouseover=alert(6)")}) for item in kb.kit.items]
    phases = [p.model_copy(update={"title": _hostile(f"*{p.title.zh}*{{onclick=alert(7)}}")}) for p in kb.phases.phases]
    terms = [t.model_copy(update={"definition": _hostile("def\n\n# h {: onclick=alert(8)}"), "source": "⑶ **x**{onclick=alert(11)}"})
             for t in kb.glossary.terms]
    roles = [r.model_copy(update={"title": _hostile(f"{r.title.en}<svg/onload=alert(9)></title><script>alert(10)</script>")})
             for r in kb.roles]
    return dataclasses.replace(
        kb, procedures=tuple(door if p.id == door.id else p for p in kb.procedures), roles=tuple(roles),
        kit=kb.kit.model_copy(update={"items": kit}), phases=kb.phases.model_copy(update={"phases": phases}),
        glossary=kb.glossary.model_copy(update={"terms": terms}),
    )


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        self.names.update(name for name, _ in attrs)


def attribute_names(site) -> Counter:
    """How often each attribute name appears on the pages of a built site."""
    parser = _Attributes()
    for page in site.rglob("*.html"):
        parser.feed(page.read_text(encoding="utf-8"))
    return parser.names


@pytest.fixture(scope="module")
def hostile_site(kb, tmp_path_factory):
    """A real build (MkDocs with the site's config) of content that bypassed validation."""
    from generator.site.build import build_site

    out = tmp_path_factory.mktemp("hostile") / "site"
    build_site(REPO / "mkdocs.yml", out, root=SITE_FIXTURE, kb=hostile_attribute_kb(kb), downloads=False)
    return out


def test_attribute_lists_that_bypassed_validation_set_nothing_in_the_built_site(hostile_site, built_site):
    hostile, plain = attribute_names(hostile_site), attribute_names(built_site)
    assert not [name for name in hostile if name.startswith("on")], hostile
    # The same pages with the same attributes as the site built from the fixture itself: the theme's
    # own tabindex and style, and no more of them.
    assert set(hostile) <= set(plain), set(hostile) - set(plain)
    assert [hostile[name] for name in ("autofocus", "tabindex", "style")] == [plain[name] for name in ("autofocus", "tabindex", "style")]
    for page in hostile_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert re.search(r"<title>[^<]*</title>", html), page  # a title taken from the content cannot close <title>
        assert "<svg/onload" not in html and "alert(10)</script>" not in html, page
    key = (hostile_site / "en" / "quizzes" / "engineer" / "key" / "index.html").read_text(encoding="utf-8")
    assert "**r**{onclick" in key or "<strong>r</strong>" in key  # the hostile text is there, as text


@pytest.mark.parametrize("path", ["procedures/door-knocking/", "en/quizzes/engineer/key/", "en/postings/", "en/postings/engineer/",
                                  "kit/", "glossary/", "phases/before-service/", "en/roles/engineer/"])
def test_pages_of_hostile_content_run_nothing_in_a_browser(hostile_site, browser, path):
    from conftest import guarded_page, serve

    with serve(hostile_site) as base, guarded_page(browser, f"{base}/") as go:
        page = go(path)
        page.mouse.move(200, 300)
        page.keyboard.press("Tab")
        assert page.locator("[onclick], [onmouseover], [onfocus], [autofocus], svg[onload], article script:not([src]):not([type='application/json'])").count() == 0


def test_build_refuses_attribute_lists_tags_and_encoded_links_at_their_place_in_the_content(tmp_path):
    """What used to pass `validate --strict` and run on page load, or end the build naming a generated page."""
    root = tmp_path / "content"
    shutil.copytree(SITE_FIXTURE, root)
    door = root / "procedures" / "door-knocking.yml"
    text = door.read_text(encoding="utf-8")
    text = text.replace("title: {zh: 敲门, en: Knocking on the door}",
                        'title: {zh: "敲门 {tabindex=0 autofocus onfocus=alert(document.domain)}", en: Knocking on the door}')
    text = text.replace("门口有门铃就先按门铃。", "门口有门铃就先按[门铃](&#106;avascript:alert(1))。")
    door.write_text(text, encoding="utf-8")
    role = root / "roles" / "engineer.yml"
    role.write_text(role.read_text(encoding="utf-8").replace("en: Service engineer}", 'en: "Service engineer<svg/onload=alert(1)>"}'),
                    encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--config", str(REPO / "mkdocs.yml"),
                             "--out", str(tmp_path / "site"), "--no-downloads"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 1 and not (tmp_path / "site").exists()
    errors = [line for line in result.stdout.splitlines() + result.stderr.splitlines() if ": error: " in line]
    assert [re.match(r"[^:]+:\d+:\d+: error: ([^:]+):", line).group(1) for line in errors] == ["title.zh", "steps[0].text.zh", "title.en"], errors
    assert errors[0].startswith("procedures/door-knocking.yml:4:") and errors[2].startswith("roles/engineer.yml:3:")
    assert "Doc file" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)",
    "jav&#x61;script:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
])
def test_unsafe_urls_are_refused(url):
    assert not is_safe_url(url)


@pytest.mark.parametrize("url", ["https://example.com/", "http://x", "mailto:a@b.c", "tel:+86123", "../roles/a.md", "#top", "procedures/x/"])
def test_safe_urls_pass(url):
    assert is_safe_url(url)


def test_script_links_become_text():
    html = to_html("[here](javascript:alert(1)) and ![x](javascript:alert(2)) and [ok](https://example.com/)")
    assert "javascript" not in html
    assert "<span>here</span>" in html
    assert '<a href="https://example.com/">ok</a>' in html


def test_every_link_in_the_built_site_resolves(engine_site):
    """A link checker over the finished site, as each engine builds it: every local href and src of
    every page (feature pages, downloads, raw-HTML links included) names a file that exists, and
    every #anchor into a page names an id on it."""
    pages = {p: p.read_text(encoding="utf-8") for p in engine_site.rglob("*.html")}
    ids = {}
    broken, checked = [], 0
    for page, html in pages.items():
        for attr, url in re.findall(r'\b(href|src)="([^"]*)"', html):
            if re.match(r"[a-z][a-z0-9+.-]*:|//", url):
                continue
            # Resolve as a browser does (404.html links from the root, and /../ is the root).
            base = "http://site/" + page.relative_to(engine_site).as_posix()
            resolved = urllib.parse.urlsplit(urllib.parse.urljoin(base, url))
            path, fragment = urllib.parse.unquote(resolved.path).lstrip("/"), resolved.fragment
            target = engine_site / path if path else engine_site
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.is_file():
                broken.append((str(page.relative_to(engine_site)), url))
            elif fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(re.findall(r'\bid="([^"]+)"', pages.get(target) or target.read_text(encoding="utf-8")))
                if fragment not in ids[target]:
                    broken.append((str(page.relative_to(engine_site)), url))
    assert checked > 1000
    assert not broken, broken[:20]


def test_role_pages_link_every_feature(built_site):
    for prefix in ("", "en/"):
        html = (built_site / prefix / "roles" / "engineer" / "index.html").read_text(encoding="utf-8")
        for target in ("quizzes/engineer/", "checklists/training-engineer.pdf", "postings/engineer/"):
            assert f'href="../../{target}"' in html, (prefix, target)
    assert 'href="../../checklists/door-knocking.pdf"' in (built_site / "procedures" / "door-knocking" / "index.html").read_text(encoding="utf-8")


def test_no_page_refers_to_anything_outside_the_site(engine_site):
    """No CDN, font service or diagram library: nothing in the HTML either engine writes points off
    the site, except links in content (`<a href>`) that a reader chooses to follow."""
    for html_file in engine_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", html):
            assert "//" not in tag.replace("http://www.w3.org", ""), (html_file, tag)


def test_generated_markdown_is_deterministic(tmp_path):
    """Two separate processes (different hash seeds) give byte-identical pages."""
    script = (
        "import hashlib,sys; from generator.knowledge import load_knowledge_base;"
        "from generator.site.pages import render_pages; from generator.quiz.pages import build_site_quizzes;"
        f"kb,_=load_knowledge_base({str(SITE_FIXTURE)!r}); p=render_pages(kb, build_site_quizzes(kb));"
        "print(hashlib.sha256(repr(sorted(p.items())).encode()).hexdigest(), len(p))"
    )
    outputs = {
        subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_serve_picks_up_a_yaml_edit(tmp_path):
    """`mkdocs serve` rebuilds both languages when a procedure file changes, without a restart."""
    project = tmp_path / "project"
    shutil.copytree(SITE_FIXTURE, project)
    # The fixture's script link is a content warning (validate says it will show as text), and MkDocs'
    # strict mode stops on warnings; this test is about reloading, so its copy links somewhere safe.
    odd = project / "procedures" / "odd-text.yml"
    odd.write_text(odd.read_text(encoding="utf-8").replace("javascript:alert(1)", "https://example.com"), encoding="utf-8")
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(REPO / name, project / name)
    for folder in ("docs", "overrides"):
        shutil.copytree(REPO / folder, project / folder)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "serve.log"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, stdout=log.open("w"), stderr=subprocess.STDOUT,
                              env={**os.environ, "PYTHONPATH": str(REPO)})  # this checkout's generator
    try:
        zh = f"http://127.0.0.1:{port}/procedures/door-knocking/"
        en = f"http://127.0.0.1:{port}/en/procedures/door-knocking/"
        # The first build renders every PDF with an empty cache; on a busy two-core machine that takes a while.
        assert "门口有门铃" in _fetch_when(zh, lambda page: "门口有门铃" in page, timeout=180), log.read_text()
        source = project / "procedures" / "door-knocking.yml"
        source.write_text(source.read_text(encoding="utf-8").replace("门口有门铃就先按门铃", "门口有门铃就先按一次门铃")
                          .replace("If there is a doorbell, ring it first", "If there is a doorbell, ring it once first"), encoding="utf-8")
        assert "先按一次门铃" in _fetch_when(zh, lambda page: "先按一次门铃" in page), log.read_text()
        assert "ring it once first" in _fetch_when(en, lambda page: "ring it once first" in page), log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=10)


def _fetch_when(url: str, ready, timeout: float = 90) -> str:
    """The page at `url` once `ready(page)` holds (the server may still be building)."""
    deadline, page = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        try:
            page = urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
            if ready(page):
                return page
        except OSError:
            pass
        time.sleep(0.3)
    return page


def test_phase_pages_list_the_sequence_first_then_checklists_then_situations(kb):
    pages = render_knowledge_pages(kb)
    service = pages["en/phases/service.md"]
    assert "## In order" in service and "1. **[Listening" in service and "2. **[Diagnosing" in service
    fees = pages["en/phases/fees.md"]
    assert "## In order" not in fees  # a phase of situations only has no line
    situations = fees.split("## When it happens", 1)[1]
    assert "- **[Disputes about fees](../procedures/fee-disputes.md)** — " in situations
    assert kb.procedure_by_id["fee-disputes"].applies_when.en.split()[0] in situations  # says when, not what for
    prepare = pages["phases/prepare.md"]
    assert prepare.index("## 检查清单") < len(prepare) and "1. **[" not in prepare  # a checklist is not numbered
    # The home page's visit diagram numbers sequences only.
    home = pages["en/index.md"]
    visit = home.split('<ol class="kb-visit__procedures">')
    assert all("fee-disputes" not in block.split("</ol>")[0] for block in visit[1:])
    assert 'class="kb-visit__kind">When it happens</span> <a href="procedures/fee-disputes/">' in home


def test_situations_are_linked_from_where_they_arise_and_stand_off_the_line(kb):
    pages = render_knowledge_pages(kb)
    diagnosis = pages["en/procedures/diagnosis.md"]
    assert "## What may happen here" in diagnosis and "(fee-disputes.md)" in diagnosis.split("## What may happen here")[1]
    dispute = pages["en/procedures/fee-disputes.md"]
    assert "**Typically arises in**: [Diagnosing" in dispute and "(diagnosis.md)" in dispute
    assert "kb-pager" not in dispute  # not on the line: no previous or next
    assert "kb-pager" not in pages["en/procedures/pack-kit.md"]
    # The pager runs along sequences only, across phases and past the situation in between.
    line = [p.id for p in kb.line]
    assert "fee-disputes" not in line and "pack-kit" not in line
    for before, after in zip(line, line[1:]):
        assert f"({after}.md){{ .kb-pager__next }}" in pages[f"procedures/{before}.md"]
        assert f"({before}.md){{ .kb-pager__prev }}" in pages[f"procedures/{after}.md"]
    assert "\n- <span id=" in pages["en/procedures/pack-kit.md"]  # checklist items are bullets, not numbered


def test_reserved_ids_cover_every_top_level_name_of_the_built_site(engine_site):
    from generator.outputs import SITE_TOP_LEVEL, collision
    # Dot files (the site marker) cannot collide: an id is a slug.
    produced = {p.stem if p.is_file() else p.name for p in engine_site.iterdir() if not p.name.startswith(".")}
    produced |= {p.stem for p in (engine_site / "en").iterdir()}
    produced -= {"sitemap.xml", "objects"}
    assert produced <= set(SITE_TOP_LEVEL), sorted(produced - set(SITE_TOP_LEVEL))
    for name in (*produced, "field-card", "kit", "training-engineer", "index"):
        assert collision(name), name
    assert collision("door-knocking") is None


def test_reserved_role_and_phase_ids_cover_every_name_beside_them_in_the_built_site(built_site, kb):
    from generator.outputs import MIXED_QUIZ, collision
    roles, phases = {r.id for r in kb.roles}, {p.id for p in kb.phases.phases}
    assert collision("door-knocking", "role") is None and collision("door-knocking", "phase") is None
    for lang_root in (built_site, built_site / "en"):
        for folder in ("roles", "postings", "training", "quizzes"):
            for entry in (lang_root / folder).iterdir():
                name = entry.stem if entry.is_file() else entry.name
                if name not in roles and not any(name.startswith(f"{r}-") for r in roles):
                    assert collision(name, "role"), f"{folder}/{entry.name}"
        for quizzes in (p for p in (lang_root / "quizzes").iterdir() if p.is_dir()):
            for entry in quizzes.iterdir():
                name = entry.stem if entry.is_file() else entry.name
                if name not in phases and not name.startswith(f"{quizzes.name}-"):
                    assert collision(name, "phase"), f"quizzes/{quizzes.name}/{entry.name}"
    assert collision(MIXED_QUIZ, "phase")  # the whole-role quiz's slot in the browser's storage


def test_a_short_term_is_not_marked_inside_a_longer_word():
    from generator.model import Term
    from generator.site.pages import explain_terms
    centre = Term(id="service-centre", term=Text(zh="中心", en="Service centre"), definition=Text(zh="服务中心。", en="The centre."), source="⑶ 一.2(2)")
    html = str(explain_terms("由话务中心统一回访，再报中心。", [centre], "zh", ("话务中心", "中心", "垫布")))
    assert html == '由话务中心统一回访，再报<abbr title="服务中心。">中心</abbr>。'
    # Without the longer word known, the short term would be marked inside it: the test can fail.
    assert str(explain_terms("由话务中心统一回访", [centre], "zh")).count("<abbr") == 1
    # The longer word is marked with its own definition when the page lists it as a term.
    call = Term(id="call-centre", term=Text(zh="话务中心", en="Call centre"), definition=Text(zh="打电话的一方。", en="Phones."), source="⑶ 七.1")
    html = str(explain_terms("由话务中心统一回访，再报中心。", [centre, call], "zh", ("话务中心", "中心")))
    assert '<abbr title="打电话的一方。">话务中心</abbr>' in html and '<abbr title="服务中心。">中心</abbr>' in html


def test_real_pages_do_not_mark_the_centre_inside_the_call_centre():
    kb, _ = load_knowledge_base(REPO)
    pages = render_knowledge_pages(kb)
    for path, text in pages.items():
        assert "话务<abbr" not in text and "电话<abbr" not in text, path
    assert '<abbr title="' in pages["procedures/door-knocking.md"]


def test_build_loads_once_builds_each_quiz_once_and_judges_reviews_by_today(tmp_path, monkeypatch, capsys):
    """`generator build` hands the content it loaded (with its --today) to the MkDocs plugin: one
    load, one quiz per role, for pages and downloads alike."""
    from generator import cli, knowledge
    from generator.quiz import pages as quiz_pages

    kb, _ = load_knowledge_base(SITE_FIXTURE)
    counts = {"read": 0, "quiz": 0}

    def counted(name, function):
        def run(*args, **kwargs):
            counts[name] += 1
            return function(*args, **kwargs)
        return run

    monkeypatch.setattr(knowledge, "read_content", counted("read", knowledge.read_content))
    monkeypatch.setattr(quiz_pages, "build_quiz", counted("quiz", quiz_pages.build_quiz))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    code = cli.main(["build", "--root", str(SITE_FIXTURE), "--config", str(REPO / "mkdocs.yml"),
                     "--out", str(tmp_path / "site"), "--today", "2099-01-01"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert counts == {"read": 1, "quiz": sum(1 for role in kb.roles if kb.procedures_of(role))}
    assert "review was due" in err  # judged against 2099, not against the real date
    assert (tmp_path / "site" / "en" / "index.html").is_file()


def test_no_downloads_build_says_the_pdfs_were_not_built(content_site):
    """`build --no-downloads` renders no PDF; the pages that offer one say it was not built (and the
    link checker above finds nothing broken because no page links a missing file)."""
    assert not list(content_site.rglob("*.pdf"))
    assert list(content_site.rglob("*.gift"))  # cheap downloads are still there
    zh = (content_site / "procedures" / "door-knocking" / "index.html").read_text(encoding="utf-8")
    en = (content_site / "en" / "roles" / "engineer" / "index.html").read_text(encoding="utf-8")
    assert "打印检查表（PDF） （本次构建未生成 PDF）" in zh and ".pdf" not in zh
    assert "(PDF not built in this build)" in en and ".pdf" not in en


def test_what_the_source_does_not_say_is_marked_wherever_it_is_read():
    """An item of ours (own: true) carries "Added by this knowledge base" on the page, the printed
    checklist, the field card and the SCORM page; the source's items around it do not."""
    from generator.checklists.documents import build_document
    from generator.knowledge import load_knowledge_base
    from generator.quiz.pages import build_site_quizzes
    from generator.scorm.content import LAUNCH, build_sco_files
    from generator.site.pages import render_pages

    kb, report = load_knowledge_base(REPO)
    assert kb is not None, report.format()
    pages = render_pages(kb, build_site_quizzes(kb))
    own = {"zh": "本知识库补充", "en": "Added by this knowledge base"}
    for lang, prefix in (("zh", ""), ("en", "en/")):
        late = pages[f"{prefix}procedures/running-late.md"]
        line = next(l for l in late.splitlines() if 'id="always-give-real-reason"' in l)
        assert f'<span class="kb-own" data-pagefind-ignore>{own[lang]}</span>' in line
        assert not any(own[lang] in l for l in late.splitlines()
                       if any(f'id="{i}"' in l for i in ("late-under-15", "apology-refused", "phone-before-appointment")))
        rule = next(l for l in late.splitlines() if 'id="never-invent-excuse"' in l)
        assert own[lang] in rule and own[lang] not in next(l for l in late.splitlines() if 'id="never-blame-workload"' in l)
        clerk = pages[f"{prefix}roles/information-clerk.md"]
        reporting = clerk.split("## ")[1]  # the reporting-line section
        assert own[lang] in reporting
        assert clerk.count(f'<span class="kb-own" data-pagefind-ignore>{own[lang]}</span>') >= 1 + len(kb.role_by_id["information-clerk"].requirements)
        assert own[lang] not in pages[f"{prefix}roles/manager.md"].split("## ")[1]  # the manager reports to nobody
        checklist = build_document(kb, "running-late", lang).variants[0]
        late_kb = kb.procedure_by_id["running-late"]
        row = next(r for r in checklist.split("<tr>") if late_kb.exceptions[0].when.get(lang) in r)
        assert own[lang] not in row  # the source's case (under 15 minutes), cited
        honest = next(r for r in late_kb.rules if r.id == "always-give-real-reason").text.get(lang)
        assert own[lang] in next(l for l in checklist.split("<li>") if honest.split("：")[0].split(":")[0] in l)
        card = build_document(kb, "field-card", lang).variants[0]
        ladder = next(step for step in kb.procedure_by_id["on-site-conduct"].steps if step.id == "step-ladder")
        stool = next(l for l in card.splitlines() if ladder.text.get(lang)[:20] in l)  # this item's line, not any that says stool
        assert own[lang] in stool
        sco = build_sco_files(kb, kb.role_by_id["engineer"], lang, 80)[LAUNCH].decode()
        assert f'<span class="sco-own">{own[lang]}</span>' in sco


def test_english_pages_cite_the_source_as_english_readers_read_it(content_site):
    """English readers see '§2, posting 14', never the source's Chinese marks ('⑵ 篇14', '⑺'), in any
    text a page shows: content, change history, quizzes and their answer keys."""
    marks = re.compile(r"[⑴⑵⑶⑷⑸⑹⑺]|篇\d")
    found = {}
    for page in (content_site / "en").rglob("*.html"):
        text = re.sub(r"<[^>]*>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.S))
        if hit := marks.search(text):
            found[str(page.relative_to(content_site))] = text[max(0, hit.start() - 40):hit.end() + 20]
    assert not found
    assert marks.search((content_site / "changes" / "index.html").read_text(encoding="utf-8"))  # the Chinese site keeps them
