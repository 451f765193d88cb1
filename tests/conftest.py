"""Shared fixtures. The built site is made once per test session (shared by all xdist workers
through a lock file) from tests/fixtures/site, and served over HTTP on a local port."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import urljoin

import pytest

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
    base = tmp_path_factory.getbasetemp()
    # xdist workers each get a folder inside the session's; without xdist the parent would be shared
    # by every session of this user, and a site built from older code would be reused.
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out = shared / "built-site"
    with open(shared / "built-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / "en" / "index.html").is_file():
            result = subprocess.run(
                [sys.executable, "-m", "generator", "build", "--root", str(SITE_FIXTURE),
                 "--config", str(REPO / "mkdocs.yml"), "--out", str(out)],
                cwd=REPO, capture_output=True, text=True,
            )
            assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def site_url(built_site) -> Iterator[str]:
    """The built site served on 127.0.0.1, as the base URL ending in '/'."""
    with serve(built_site) as base:
        yield f"{base}/"


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A folder served over HTTP on 127.0.0.1 (a free port), as a visitor's browser sees a site; yields
    the base URL without a trailing slash. The one server helper of the tests."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


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
    """Open pages of the site in a fresh browser page that blocks and records every outside request
    and records console errors, page errors and dialogs; checks all three are empty at the end."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    outside, errors, dialogs = [], [], []

    def route(route):
        if route.request.url.startswith(site_url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def go(path: str):
        page.goto(urljoin(site_url, path), wait_until="networkidle")
        return page

    yield go
    context.close()
    assert outside == [], "requests left the site"
    assert errors == []
    assert dialogs == []
