"""The site outlives its engine: MkDocs with Material (the default) and Zensical build the same site
from the same pages. The pages exist as plain files (`pages --out`), which an engine without the
knowledge-base plugin builds; both builds hold the same pages, downloads, search index and offline
list, the theme overrides render in both, and the offline web app works on both. (The browser tests
of tests/test_site_browser.py and the link checks of tests/test_site.py run against both builds.)"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from conftest import REPO, SITE_FIXTURE, guarded_page
from generator.bench import wait_until_precached
from generator.files import SITE_MARKER
from generator.knowledge import load_knowledge_base
from generator.quiz.pages import build_site_quizzes
from generator.site.docs import CONTENT_EXTENSIONS
from generator.site.pages import render_pages
from generator.wording import SITE_LABELS, page_language

# What one engine writes and the other does not: its own theme bundle (scripts, stylesheets, favicon),
# and beside it MkDocs' compressed sitemap and the tags plugin's export, Zensical's own search index
# (unused: Pagefind is the search). Nothing else may differ.
ENGINE_ASSETS = ("assets/javascripts/", "assets/stylesheets/", "assets/images/")
ENGINE_EXTRAS = {"mkdocs": {"sitemap.xml.gz", "tags.json"}, "zensical": {"search.json"}}


def site_files(site: Path, engine: str) -> set[str]:
    """Every file of a built site but the engine's own, by path; Pagefind's chunks (named by hash of
    their content, which holds the engine's HTML around the indexed text) count as one folder."""
    files = set()
    for path in site.rglob("*"):
        relative = path.relative_to(site).as_posix()
        inside = relative.removeprefix("en/")
        if path.is_dir() or inside.startswith(ENGINE_ASSETS) or inside in ENGINE_EXTRAS[engine]:
            continue
        if inside.startswith("pagefind/") and inside.count("/") > 1:
            relative = relative.rsplit("/", 1)[0] + "/"
        files.add(relative)
    return files


def test_both_engines_build_the_same_site(built_site, zensical_site):
    """The same pages in both languages, the same downloads and web app files, and nothing else but
    each engine's own bundle and extras."""
    mkdocs, zensical = site_files(built_site, "mkdocs"), site_files(zensical_site, "zensical")
    assert mkdocs == zensical, {"only MkDocs": sorted(mkdocs - zensical), "only Zensical": sorted(zensical - mkdocs)}
    pages = {path for path in mkdocs if path.endswith(".html")}
    assert len([p for p in pages if not p.startswith("en/")]) == len([p for p in pages if p.startswith("en/")]) > 30
    assert {SITE_MARKER, "sw.js", "precache.json", "manifest.webmanifest", "search-words.json", "en/sw.js",
            "checklists/door-knocking.pdf", "en/quizzes/engineer/engineer-moodle.gift"} <= mkdocs
    for site, engine in ((built_site, "mkdocs"), (zensical_site, "zensical")):
        for extra in ENGINE_EXTRAS[engine]:
            assert (site / extra).is_file() or (site / "en" / extra).is_file(), (engine, extra)


def indexed_pages(site: Path) -> dict[str, set[str]]:
    """The URL of every page in each language's search index."""
    found = {}
    for lang, folder in (("zh", site), ("en", site / "en")):
        found[lang] = {json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
                       for f in (folder / "pagefind" / "fragment").glob("*.pf_fragment")}
    return found


def test_both_engines_index_and_cache_the_same_pages(built_site, zensical_site):
    """The same Pagefind step over both: the same pages indexed per language; and the same offline
    list but for the engine's own bundle."""
    mkdocs, zensical = indexed_pages(built_site), indexed_pages(zensical_site)
    assert mkdocs == zensical
    assert "/procedures/door-knocking/" in mkdocs["zh"] and "/procedures/door-knocking/" in mkdocs["en"]
    for lang in ("", "en/"):
        lists = [set(json.loads((site / lang / "precache.json").read_text(encoding="utf-8"))["files"])
                 for site in (built_site, zensical_site)]
        shared = [{p for p in files if not p.startswith(ENGINE_ASSETS)} for files in lists]
        assert shared[0] == shared[1] and "procedures/door-knocking/" in shared[0]
        assert all(files - shared[0] for files in lists)  # and each caches its own bundle


def test_the_theme_overrides_render_in_both_engines(engine_site):
    """overrides/ holds only what Jinja2 (MkDocs) and MiniJinja (Zensical) both render: on every page
    the web app manifest (main.html), the site's search button and dialog (header.html,
    kb-search.html) and the language switch to the same page (alternate.html); on every indexed page
    the search body with its weight (main.html)."""
    pages = sorted(engine_site.rglob("*.html"))
    assert len(pages) > 60
    for page in pages:
        html = page.read_text(encoding="utf-8")
        name = page.relative_to(engine_site).as_posix()
        assert '<link rel="manifest"' in html and 'class="md-header__button md-icon kb-search-open"' in html, name
        assert '<dialog class="kb-search"' in html, name
        if name not in ("404.html", "en/404.html"):
            assert html.count('class="md-select__link" target="_self"') == 2, name
    for lang in ("", "en/"):
        procedure = (engine_site / lang / "procedures" / "door-knocking" / "index.html").read_text(encoding="utf-8")
        assert 'data-pagefind-body data-pagefind-weight="1" data-pagefind-meta="kind:procedure"' in procedure
        glossary = (engine_site / lang / "glossary" / "index.html").read_text(encoding="utf-8")
        assert 'data-pagefind-weight="0.4" data-pagefind-meta="kind:glossary"' in glossary
        assert "data-pagefind-body" not in (engine_site / lang / "quizzes" / "engineer" / "index.html").read_text(encoding="utf-8")


def test_the_offline_web_app_works_on_both_engines(browser, engine_url):
    """After one online visit a procedure never opened loads offline, whichever engine built the site."""
    with guarded_page(browser, engine_url, intercept=False) as go:
        page = go("en/")
        page.evaluate("navigator.serviceWorker.ready")
        wait_until_precached(page, timeout=60)
        page.context.set_offline(True)
        try:
            page.goto(urljoin(engine_url, "en/procedures/pull-back-repair/"), wait_until="networkidle")
            assert page.inner_text("h1") == "Repairing on site or taking the unit back"
        finally:
            page.context.set_offline(False)


# ---- the pages as plain files ---------------------------------------------------------------------

def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def pages_folder(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pages") / "pages"
    result = run("pages", "--root", str(SITE_FIXTURE), "--config", str(REPO / "mkdocs.yml"), "--out", str(out), "--no-downloads")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {out}: zh/, en/\n"
    return out


def test_pages_are_written_as_plain_files_per_language(pages_folder):
    """`pages --out DIR`: each language a project of its own, holding every page as the generator
    renders it (byte for byte), the static assets, the overrides, downloads and web app files; its
    mkdocs.yml names no knowledge-base plugin, so an engine needs nothing of this project to build it."""
    kb, _ = load_knowledge_base(SITE_FIXTURE)
    pages = render_pages(kb, build_site_quizzes(kb))
    assert (pages_folder / SITE_MARKER).is_file()
    for lang, prefix in (("zh", ""), ("en", "en/")):
        project = pages_folder / lang
        written = {p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*.md")}
        assert written == {path.removeprefix(prefix) for path in pages if page_language(path) == lang and path.endswith(".md")}
        same = 0
        for path in written:
            text, expected = (project / "docs" / path).read_text(encoding="utf-8"), pages[prefix + path]
            if ".pdf)" in expected:  # built without PDFs: the link is its text and a note
                assert ".pdf)" not in text and SITE_LABELS[lang]["not_built"] in text, path
            else:
                assert text == expected, path
                same += 1
        assert same > 15
        for path in ("stylesheets/extra.css", "javascripts/search.js", "manifest.webmanifest", "icons/icon-192.png",
                     "quizzes/engineer/engineer-moodle.gift"):
            assert (project / "docs" / path).is_file(), (lang, path)
        assert (project / "overrides" / "partials" / "alternate.html").is_file()
        config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
        assert config["theme"]["language"] == lang and config["docs_dir"] == "docs" and config["theme"]["custom_dir"] == "overrides"
        assert "knowledge-base" not in config["plugins"] and "tags" in config["plugins"]
        assert config["nav"][0] and set(CONTENT_EXTENSIONS) <= set(map(str, config["markdown_extensions"]))
    # Files the pages of both languages load live once, in the root language's folder.
    assert (pages_folder / "zh" / "docs" / "assets" / "posting-builder.js").read_text(encoding="utf-8") == pages["assets/posting-builder.js"]
    assert yaml.safe_load((pages_folder / "en" / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["alternate"][0]["link"] == "../"


def test_plain_mkdocs_builds_the_written_pages_without_the_plugin(pages_folder, tmp_path):
    """MkDocs with nothing of this project but the written folder (strict: every link checked) builds
    every page: the folder is the whole site's source for an engine."""
    project = tmp_path / "zh"
    shutil.copytree(pages_folder / "zh", project)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(project / "mkdocs.yml")],
                            cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)})  # the content's Markdown extensions: this checkout's
    assert result.returncode == 0, result.stderr
    built = {p.relative_to(project / "site").as_posix() for p in (project / "site").rglob("index.html")}
    assert {"index.html", "procedures/door-knocking/index.html", "quizzes/engineer/key/index.html"} <= built
    assert len(built) == len(list((project / "docs").rglob("*.md")))


def test_pages_without_the_plugin_in_the_config_is_one_line(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins: [tags]\n", encoding="utf-8")
    result = run("pages", "--root", str(SITE_FIXTURE), "--config", str(config), "--out", str(tmp_path / "pages"))
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (f"error: --config: {config}: the site configuration does not use the knowledge-base "
                                              "plugin, so it builds none of the pages; add `plugins: {knowledge-base: {lang: zh}}`")
    assert not (tmp_path / "pages").exists()


def test_pages_never_replace_a_folder_they_did_not_write(tmp_path):
    out = tmp_path / "notes"
    out.mkdir()
    (out / "mine.txt").write_text("keep", encoding="utf-8")
    result = run("pages", "--root", str(SITE_FIXTURE), "--config", str(REPO / "mkdocs.yml"), "--out", str(out), "--no-downloads")
    assert result.returncode == 1
    assert "was not built by this generator" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["mine.txt"]


def test_a_failing_zensical_build_says_why_and_leaves_the_site(zensical_site, tmp_path):
    """A theme override Zensical cannot render: exit 1, Zensical's words in one message (no
    traceback of ours), the previous site untouched and no staging folder left."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(REPO / name, project / name)
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copytree(REPO / "overrides", project / "overrides")
    header = project / "overrides" / "partials" / "header.html"
    header.write_text(header.read_text(encoding="utf-8").replace('{% include "partials/kb-search.html" %}',
                                                                 '{% include "partials/no-such-part.html" %}'), encoding="utf-8")
    site = tmp_path / "site"
    shutil.copytree(zensical_site, site)
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    result = run("build", "--engine", "zensical", "--root", str(SITE_FIXTURE), "--config", str(project / "mkdocs.yml"),
                 "--out", str(site), "--no-downloads")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2].startswith('error: site build failed: zensical (zh site): could not render include: ')
    assert "no-such-part.html" in result.stderr.splitlines()[-1] and "Traceback" not in result.stderr
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_broken_link_in_the_content_fails_either_build(engine, tmp_path):
    """Both engines check every link between pages (strict): a link to a page that does not exist
    stops the build with the page and the link named, and nothing is written."""
    content = tmp_path / "content"
    shutil.copytree(SITE_FIXTURE, content)
    leaving = content / "procedures" / "leaving.yml"
    leaving.write_text(leaving.read_text(encoding="utf-8").replace("让服务有始有终。", "让服务有始有终，见[说明](../procedures/nowhere.md)。"),
                       encoding="utf-8")
    result = run("build", "--engine", engine, "--root", str(content), "--config", str(REPO / "mkdocs.yml"),
                 "--out", str(tmp_path / "site"), "--no-downloads")
    assert result.returncode == 1
    assert "error: site build failed: " in result.stderr and "procedures/leaving.md" in result.stderr
    assert "nowhere.md" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists() and not list(tmp_path.glob(".site*"))


@pytest.mark.parametrize("command", [["pages"], ["build", "--engine", "zensical"]])
def test_pages_are_never_written_into_the_folders_they_are_copied_from(command, tmp_path):
    """The written pages hold copies of docs/ and overrides/: an output inside either would be copied
    into itself, so it is refused before anything is written."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(REPO / name, project / name)
    for folder in ("docs", "overrides"):
        shutil.copytree(REPO / folder, project / folder)
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    for inside in (project / "docs" / "out", project / "overrides" / "partials" / "out"):
        result = run(*command, "--root", str(SITE_FIXTURE), "--config", str(project / "mkdocs.yml"), "--out", str(inside), "--no-downloads")
        assert result.returncode == 1
        assert result.stderr.splitlines()[-1] == (f"error: --out: {inside} is inside {inside.parent if inside.parent.name != 'partials' else inside.parent.parent}, "
                                                  "which the build copies from; give a folder outside it, e.g. --out site")
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before
