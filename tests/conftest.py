"""Shared fixtures. The built site is made once per test session (shared by all xdist workers
through a lock file) from tests/fixtures/site, and served over HTTP on a local port."""

from __future__ import annotations

import contextlib
import fcntl
import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator
from urllib.parse import urljoin

import pytest

from generator.site import ENGINES
from generator.site.server import serve_folder

REPO = Path(__file__).resolve().parent.parent
SITE_FIXTURE = REPO / "tests" / "fixtures" / "site"
CHROMIUM = "/usr/bin/chromium"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # what axe checks pages against
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite expected outputs from the current results")
    parser.addoption("--fuzz-examples", type=int, default=0, metavar="N",
                     help="run N random examples per fuzz test instead of the fixed budget (tests/test_fuzz.py)")


@pytest.fixture(scope="session", autouse=True)
def cache_home(tmp_path_factory) -> Path:
    """The PDF cache of this test run (shared by its xdist workers), never the developer's ~/.cache:
    tests neither read what a developer's build left there nor prune it. Subprocesses inherit it."""
    cache = tmp_path_factory.getbasetemp().parent / "cache"
    cache.mkdir(exist_ok=True)
    os.environ["XDG_CACHE_HOME"] = str(cache)
    return cache


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site built from tests/fixtures/site with `python -m generator build`, once per session."""
    return _build_once(tmp_path_factory, SITE_FIXTURE, "built-site")


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory, built_site) -> Path:
    """The same site built by Zensical (`build --engine zensical`), once per session; after the MkDocs
    build, so its PDFs come from the PDF cache instead of being rendered twice at once."""
    return _build_once(tmp_path_factory, SITE_FIXTURE, "zensical-site", "--engine", "zensical")


@pytest.fixture(params=ENGINES)
def engine_site(request) -> Path:
    """The fixture site as each engine builds it: a test taking this runs once per engine."""
    return request.getfixturevalue("built_site" if request.param == "mkdocs" else "zensical_site")


@pytest.fixture(scope="session")
def content_site(tmp_path_factory) -> Path:
    """The repository's own content built without PDFs (`--no-downloads`), once per session: the
    search tests ask it the questions trainees ask."""
    return _build_once(tmp_path_factory, REPO, "content-site", "--no-downloads")


def _build_once(tmp_path_factory, root: Path, name: str, *options: str) -> Path:
    # The run's folder: shared by its xdist workers (each has its own basetemp below it); without
    # xdist the basetemp itself, so a later run never reuses an earlier run's build.
    basetemp = tmp_path_factory.getbasetemp()
    shared = basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp
    out = shared / name
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / "en" / "index.html").is_file():
            result = subprocess.run(
                [sys.executable, "-m", "generator", "build", "--root", str(root),
                 "--config", str(REPO / "mkdocs.yml"), "--out", str(out), *options],
                cwd=REPO, capture_output=True, text=True,
            )
            assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def site_url(built_site) -> Iterator[str]:
    """The built site served on 127.0.0.1, as the base URL ending in '/'."""
    with serve(built_site) as base:
        yield f"{base}/"


@pytest.fixture(scope="session")
def zensical_url(zensical_site) -> Iterator[str]:
    with serve(zensical_site) as base:
        yield f"{base}/"


@pytest.fixture(params=ENGINES)
def engine_url(request) -> str:
    """The fixture site as each engine builds it, served: a test taking this runs once per engine."""
    return request.getfixturevalue("site_url" if request.param == "mkdocs" else "zensical_url")


@pytest.fixture(scope="session")
def content_url(content_site) -> Iterator[str]:
    with serve(content_site) as base:
        yield f"{base}/"


def serve(folder: Path):
    """The one server helper of the tests: `with serve(folder) as base:` (base URL, no trailing slash)."""
    return serve_folder(folder)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (`playwright install` cannot download browsers here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def visit(browser, site_url):
    """Open pages of the fixture site in a fresh browser page that blocks and records every outside
    request and records console errors, page errors and dialogs; checks all three are empty at the end."""
    with guarded_page(browser, site_url) as go:
        yield go


@contextlib.contextmanager
def guarded_page(browser, base_url: str, intercept: bool = True, **context_options):
    """A fresh page whose outside requests, console errors, page errors and dialogs are recorded
    and must all be none when the block ends; yields `go(path)`, which opens a path of `base_url`.
    Outside requests are blocked too, unless `intercept=False`: Playwright's interception bypasses
    service workers, so the offline tests only watch the requests (their own and the worker's)."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    outside, errors, dialogs = [], [], []

    def route(route):
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    if intercept:
        context.route("**/*", route)
    else:
        context.on("request", lambda r: None if r.url.startswith(base_url) else outside.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def go(path: str):
        page.goto(urljoin(base_url, path), wait_until="networkidle")
        return page

    yield go
    context.close()
    assert outside == [], "requests left the site"
    assert errors == []
    assert dialogs == []


def search(page, query: str) -> list[str]:
    """Open the site's search, type `query` and return the result page links, best first, once the
    list shows that query."""
    if not page.is_visible(".kb-search__input"):
        page.click(".kb-search-open")
    page.fill(".kb-search__input", query)
    page.wait_for_function("q => document.querySelector('.kb-search__results').dataset.query === q", arg=query,
                           timeout=10_000)
    return page.eval_on_selector_all(".kb-search__page", "els => els.map(e => e.href)")
