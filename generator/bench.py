"""`make bench` (`python -m generator.bench`): what the outputs cost, measured outside the tests.

Two tables. First the real content at --root: each feature adds a function
`bench_<feature>(kb) -> list[(what, seconds)]` and lists it in BENCHES. Then synthetic corpora:
the content's procedures cloned up to N (roles list the clones, so the corpus validates), each
measured by the functions in CORPUS_BENCHES, `(corpus: Corpus) -> list[Measurement]`, one row per
measurement and one column per corpus size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import statistics
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

from .content import REFERENCE_FILES, SCHEMA_LINE
from .knowledge import load_knowledge_base
from .loader import load_yaml
from .problems import Report
from .site import ENGINES
from .site.server import serve_folder

QUERIES = Path(__file__).resolve().parents[1] / "tests" / "data" / "search-queries.yml"
# Debian's Chromium, as the browser tests drive it.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SITE_FILES = ("mkdocs.yml", "mkdocs.en.yml", "docs", "overrides")


@dataclass(frozen=True)
class Measurement:
    name: str
    value: float
    unit: str


@dataclass(frozen=True)
class Corpus:
    size: int  # procedures
    root: Path  # content and site configuration
    work: Path  # scratch folder for outputs
    downloads: bool = False  # also run the site's download writers (PDFs...) during the build


def make_corpus(source: Path, size: int, into: Path, downloads: bool = False) -> Corpus:
    """Copy the content at `source` into `into`, with `size` procedures cloned from its own."""
    root = into / "content"
    root.mkdir(parents=True)
    for name in [*REFERENCE_FILES, *SITE_FILES]:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, root / name)
        elif path.is_file():
            shutil.copy(path, root / name)
    templates = [_read(p) for p in sorted((source / "procedures").glob("*.yml"))]
    roles = {p.stem: _read(p) for p in sorted((source / "roles").glob("*.yml"))}
    for role in roles.values():
        role["procedures"] = []
    (root / "procedures").mkdir()
    clones = []
    position = {t["id"]: k for k, t in enumerate(templates)}
    for i in range(size):
        clone = dict(templates[i % len(templates)])
        clone["id"] = f"{clone['id']}-{i:04d}"
        if clone.get("arises_in"):  # a situation arises in the clones of its places, in its own round if they exist
            start = i - i % len(templates)
            places = [start + position[pid] if start + position[pid] < size else position[pid] for pid in clone["arises_in"]]
            clone["arises_in"] = [f"{templates[j % len(templates)]['id']}-{j:04d}" for j in places if j < size]
        clone["order"] = i + 1
        clone["title"] = {lang: f"{text} {i}" for lang, text in clone["title"].items()}
        clones.append(clone)
        for role_id in clone["roles"]:
            roles[role_id]["procedures"].append(clone["id"])
    for clone in clones:
        _write(root / "procedures" / f"{clone['id']}.yml", clone, "../schema/procedure.schema.json")
    phases = _read(source / "phases.yml")["phases"]
    rank = {p["id"]: p["number"] for p in phases}
    visit_order = {c["id"]: (rank[c["phase"]], c["order"]) for c in clones}
    (root / "roles").mkdir()
    for role_id, role in roles.items():
        role["procedures"].sort(key=visit_order.__getitem__)
        _write(root / "roles" / f"{role_id}.yml", role, "../schema/role.schema.json")
    work = into / "work"
    work.mkdir()
    return Corpus(size, root, work, downloads)


def _read(path: Path) -> dict:
    """A content file as the generator reads it (its loader, not PyYAML's defaults: the two disagree
    on some flow mappings the content validates with)."""
    loaded = load_yaml(path, path.name, Report())
    if loaded is None:
        raise SystemExit(f"{path}: does not load; run python -m generator validate")
    return loaded.data


def _write(path: Path, data: dict, schema: str) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(f"{SCHEMA_LINE}{schema}\n{text}", encoding="utf-8")


def bench_site(corpus: Corpus) -> list[Measurement]:
    """The generator's part (load, validate, build quizzes, render both languages) and the whole site
    build with each engine, which loads once: the loaded content is handed to the build as
    `generator build` does. Without --downloads the corpus is built as `build --no-downloads` builds
    (no PDFs). Wall time on a shared machine swings with its load; CPU time (this process and its
    children: Zensical, Pagefind) much less, so both are given, and the ratio of each."""
    start = time.perf_counter()
    kb, report = load_knowledge_base(corpus.root)
    if kb is None:
        raise SystemExit(f"synthetic corpus does not validate:\n{report.format('text')}")
    load = time.perf_counter() - start
    runs = {engine: _time_site_build(corpus, kb, engine) for engine in ENGINES}
    mkdocs, zensical = runs["mkdocs"], runs["zensical"]
    spent = mkdocs.spent
    generator = load + spent["quizzes"] + spent["render"]
    index = spent["search index: build waits for Pagefind"]
    out = corpus.work / "site"
    return [
        Measurement("pages (both languages)", mkdocs.pages, ""),
        Measurement("generator: load", load, "s"),
        Measurement("generator: quizzes", spent["quizzes"], "s"),
        Measurement("generator: render pages", spent["render"], "s"),
        Measurement("mkdocs: both languages", mkdocs.engine, "s"),
        Measurement("zensical: both languages (pages written as files included)", zensical.engine, "s"),
        *(Measurement(name, spent[name], "s") for name in dict.fromkeys(_STEPS.values())
          if name in spent and name.startswith(("downloads", "search", "offline"))),
        Measurement("search index: Pagefind CPU time (both languages)", mkdocs.pagefind_cpu, "s"),
        Measurement("site build total: mkdocs", mkdocs.total, "s"),
        Measurement("site build total: zensical", zensical.total, "s"),
        Measurement("site build time, zensical / mkdocs", zensical.total / mkdocs.total, "×"),
        Measurement("site build CPU time: mkdocs (with Pagefind)", mkdocs.cpu, "s"),
        Measurement("site build CPU time: zensical (with Zensical, Pagefind)", zensical.cpu, "s"),
        Measurement("site build CPU time, zensical / mkdocs", zensical.cpu / mkdocs.cpu, "×"),
        Measurement("generator share of generator + mkdocs", 100 * generator / (generator + mkdocs.engine), "%"),
        Measurement("search index share of the site build (time waited)", 100 * index / mkdocs.total, "%"),
        Measurement("html per page: mkdocs", mkdocs.html_per_page / 1024, "KiB"),
        Measurement("html per page: zensical", zensical.html_per_page / 1024, "KiB"),
        *(Measurement(f"search bundle {lang} (all chunks)", _folder_size(out / prefix / "pagefind") / 1024, "KiB")
          for lang, prefix in (("zh", ""), ("en", "en"))),
    ]


# The steps both engines share (docs.py renders, finishing.py finishes), timed where the build calls them.
_STEPS = {"docs.build_site_quizzes": "quizzes", "docs.render_pages": "render", "docs.render_downloads": "downloads: PDFs and GIFT",
          "finishing.start_index": "search index: build waits for Pagefind",
          "finishing.finish_index": "search index: build waits for Pagefind",
          "finishing.write_service_worker": "offline list (both languages)"}


@dataclass(frozen=True)
class SiteBuild:
    pages: int  # rendered pages, both languages
    spent: dict[str, float]  # seconds per shared step (_STEPS)
    engine: float  # seconds not spent in the shared steps: the engine's own work
    total: float  # seconds, wall
    cpu: float  # seconds of CPU, this process and its children
    pagefind_cpu: float
    html_per_page: float  # bytes


def _time_site_build(corpus: Corpus, kb, engine: str) -> SiteBuild:
    """Build the corpus with `engine` into work/site (MkDocs, the default) or work/site-<engine>."""
    from .site import docs, finishing
    from .site.build import build_site

    modules = {"docs": docs, "finishing": finishing}
    spent: dict[str, float] = {}
    pages: dict[str, str] = {}
    originals = {name: getattr(modules[name.split(".")[0]], name.split(".")[1]) for name in _STEPS}

    def timed(label: str, function):
        def run(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - start
        return run

    def keep_pages(*args):
        pages.update(originals["docs.render_pages"](*args))
        return pages

    # Pagefind runs in the background while the translation is finished: what the build waits for is
    # its share of the build; its CPU time (counted when its process is reaped) is what it costs.
    def finish_index(process, *args):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        try:
            return originals["finishing.finish_index"](process, *args)
        finally:
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            spent["cpu"] = spent.get("cpu", 0.0) + after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime

    for name, label in _STEPS.items():
        wrapped = {"docs.render_pages": keep_pages, "finishing.finish_index": finish_index}.get(name, originals[name])
        module, function = name.split(".")
        setattr(modules[module], function, timed(label, wrapped))
    out = corpus.work / ("site" if engine == "mkdocs" else f"site-{engine}")
    cpu_before = _cpu_seconds()
    start = time.perf_counter()
    try:
        build_site(corpus.root / "mkdocs.yml", out, kb, root=corpus.root, downloads=corpus.downloads, engine=engine)
    finally:
        for name, function in originals.items():
            module, attribute = name.split(".")
            setattr(modules[module], attribute, function)
    total = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu_before
    pagefind_cpu = spent.pop("cpu")
    html = list(out.rglob("*.html"))
    return SiteBuild(len(pages), spent, total - sum(spent.values()), total, cpu, pagefind_cpu,
                     sum(p.stat().st_size for p in html) / len(html))


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bench_search(corpus: Corpus) -> list[Measurement]:
    """The sites bench_site built, served and searched in Chromium: bytes the first search fetches on a
    cold cache beyond the page, keystroke-to-results time over the query set (median and slowest), on
    each engine's build; and the offline cache one language fills after one visit (MkDocs' build)."""
    from playwright.sync_api import sync_playwright

    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for engine in ENGINES:
            out = corpus.work / ("site" if engine == "mkdocs" else f"site-{engine}")
            suffix = "" if engine == "mkdocs" else f" ({engine})"
            with serve_folder(out) as base:
                for lang, start in (("zh", ""), ("en", "en/")):
                    first, times = _measure_search(browser, base, out, start, queries[lang])
                    results += [
                        Measurement(f"first search {lang}: fetched beyond the page{suffix}", first / 1024, "KiB"),
                        Measurement(f"search {lang}: keystroke to results, median{suffix}", statistics.median(times), "ms"),
                        Measurement(f"search {lang}: keystroke to results, slowest{suffix}", max(times), "ms"),
                    ]
                if engine != "mkdocs":
                    continue
                for lang, start in (("zh", ""), ("en", "en/")):
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(f"{base}/{start}", wait_until="networkidle")
                    wait_until_precached(page, timeout=600)
                    usage = page.evaluate(_CACHED_BYTES)
                    count = len(json.loads((out / start / "precache.json").read_text(encoding="utf-8"))["files"])
                    context.close()
                    results += [Measurement(f"offline cache {lang} after one visit", usage / 1024 / 1024, "MiB"),
                                Measurement(f"offline cache {lang}: files", count, "")]
        browser.close()
    return results


def _measure_search(browser, base: str, out: Path, start: str, queries: list[dict]) -> tuple[int, list[float]]:
    """Bytes the first query fetches beyond the page, and every query's keystroke-to-results time."""
    # No service worker here: its precache would be counted as the search's bytes.
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    first_procedure = sorted(p.name for p in (out / "procedures").iterdir())[0]
    page.goto(f"{base}/{start}procedures/{first_procedure}/", wait_until="networkidle")
    fetched: list = []
    page.on("requestfinished", lambda request: fetched.append(request))
    page.click(".kb-search-open")
    times = [page.evaluate(_TIME_QUERY, item["q"]) for item in queries[:1]]
    page.wait_for_load_state("networkidle")
    first = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in fetched)
    times += [page.evaluate(_TIME_QUERY, item["q"]) for item in queries[1:]]
    context.close()
    return first, times


# Keystroke to results: set the box, fire the input event, resolve when the list says it shows this query.
_TIME_QUERY = """q => new Promise(resolve => {
  const input = document.querySelector('.kb-search__input'), list = document.querySelector('.kb-search__results');
  const start = performance.now();
  new MutationObserver((_, observer) => {
    if (list.dataset.query === q) { observer.disconnect(); resolve(performance.now() - start); }
  }).observe(list, {attributes: true});
  input.value = q;
  input.dispatchEvent(new Event('input'));
})"""
# The service worker keeps precache.json in its cache once everything else is stored.
_PRECACHED = """(async () => { const registration = await navigator.serviceWorker.getRegistration();
  if (!registration) return false;
  for (const k of await caches.keys()) {
    if (await (await caches.open(k)).match(registration.scope + 'precache.json')) return true } return false })()"""


def wait_until_precached(page, timeout: float) -> None:
    """Wait until the page's service worker has stored everything in precache.json (it stores that
    list last). Polled here: Playwright's wait_for_function does not wait for a promise."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(_PRECACHED):
        if time.monotonic() > deadline:
            raise TimeoutError("the service worker did not finish storing the site")
        time.sleep(0.3)


# What the worker stored, as stored (text gzipped): the body sizes of every cached response.
_CACHED_BYTES = """(async () => { let bytes = 0; for (const k of await caches.keys()) { const cache = await caches.open(k);
  for (const request of await cache.keys()) bytes += (await (await cache.match(request)).blob()).size } return bytes })()"""


def _folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def bench_postings(kb) -> list[tuple[str, float]]:
    from .posting.builder import render_posting_pages
    from .posting.document import FORMATS, check_vacancy, render_posting
    from .posting.vacancy import ItemChoice, PostingConfig, resolve_vacancy
    from .problems import Report

    results = []
    # Core items plus every general library item: the longest postings HR is likely to draw.
    general = ItemChoice(industries=["general"])
    vacancies = [resolve_vacancy(role, PostingConfig(lang=lang, organization="Example", city="Hangzhou", responsibilities=general,
                                                     requirements=general), dt.date(2026, 12, 1), None, Report())
                 for role in kb.roles for lang in ("zh", "en")]
    for fmt in FORMATS:
        start = time.perf_counter()
        for v in vacancies:
            render_posting(v, fmt)
        results.append((f"posting {fmt}: {len(vacancies)} postings", time.perf_counter() - start))
    start = time.perf_counter()
    for v in vacancies:
        check_vacancy(v)
    results.append((f"wording check: {len(vacancies)} postings", time.perf_counter() - start))
    start = time.perf_counter()
    pages = render_posting_pages(kb)
    results.append((f"posting builder pages: {len(pages)} files", time.perf_counter() - start))
    return results


# Ordinary posting words, and the words a backtracking rule once choked on when repeated.
_POSTING_WORDS = ("the engineer visits customers at home repairs appliances explains every fee records the work "
                  "order keeps tools clean calls back within two days 负责 上门 维修 家电 记录 工单 回访 用户 说明 收费").split()
_REPEATED = ("good ", "sweet, ", "sounding and ", "young ", "年龄：", "age\t")


def wording_cases(words: int = 8000) -> dict[str, str]:
    """Posting texts of about the same length: varied words, and each of _REPEATED over and over."""
    import random

    pick = random.Random(0)
    varied = " ".join(pick.choice(_POSTING_WORDS) for _ in range(words))
    cases = {"varied words": varied}
    for unit in _REPEATED:
        cases[f"{unit.strip()!r} repeated"] = (unit * (len(varied) // len(unit) + 1))[:len(varied)]
    return cases


def bench_wording(kb) -> list[tuple[str, float]]:
    """The wording check on long pasted texts, on the command line (check-posting's function) and in
    the posting builder page in Chromium, where it runs on every keystroke."""
    from playwright.sync_api import sync_playwright

    from .markup import json_for_html
    from .posting.builder import ASSETS, builder_data
    from .posting.wording import browser_rules, check_text

    cases = wording_cases()
    results = []
    for name, text in cases.items():
        start = time.perf_counter()
        check_text(text)
        results.append((f"check-posting, {len(text):,} characters of {name}", time.perf_counter() - start))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "assets").mkdir()
        script = (Path(__file__).parent / ASSETS[0]).read_text(encoding="utf-8")
        (folder / ASSETS[0]).write_text(script, encoding="utf-8")
        data = json_for_html({**builder_data(kb, kb.roles[0], "en"), "check": browser_rules()})
        (folder / "index.html").write_text(
            f'<!doctype html><html lang="en"><body><div id="posting-builder"></div>'
            f'<script type="application/json" id="posting-data">{data}</script><script src="{ASSETS[0]}"></script>',
            encoding="utf-8")
        with serve_folder(folder) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(base + "/", wait_until="load")
            for name, text in cases.items():
                ms = page.evaluate("t => { const s = performance.now(); window.postingBuilder.check(t); "
                                   "return performance.now() - s; }", text)
                results.append((f"posting builder page (Chromium), {len(text):,} characters of {name}", ms / 1000))
            browser.close()
    return results


def bench_checklists(kb) -> list[tuple[str, float]]:
    """Cold (empty cache: font subset and every PDF), warm (all cached), and after a one-step edit."""
    import tempfile

    from .checklists import render_checklists

    results = []
    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        pdfs = render_checklists(kb, cache_dir=Path(cache))
        cold = time.perf_counter() - start
        largest = max(pdfs, key=lambda p: len(pdfs[p]))
        results.append((f"checklists cold: {len(pdfs)} PDFs, {sum(map(len, pdfs.values())) // 1024} KB, "
                        f"largest {largest} {len(pdfs[largest]) // 1024} KB", cold))
        start = time.perf_counter()
        render_checklists(kb, cache_dir=Path(cache))
        results.append((f"checklists warm: {len(pdfs)} PDFs from the cache", time.perf_counter() - start))
        edited = _edit_first_step(kb)
        start = time.perf_counter()
        render_checklists(edited, cache_dir=Path(cache))
        results.append((f"checklists after editing one step of {edited.procedures[0].id} (as under mkdocs serve)",
                        time.perf_counter() - start))
    return results


def _edit_first_step(kb):
    """The knowledge base with ' (edited)' added to the first step: what one save in an editor does."""
    import dataclasses

    first = kb.procedures[0]
    step = first.steps[0]
    text = step.text.model_copy(update={"zh": step.text.zh + " (edited)", "en": (step.text.en or "") + " (edited)"})
    steps = (step.model_copy(update={"text": text}), *first.steps[1:])
    return dataclasses.replace(kb, procedures=(first.model_copy(update={"steps": list(steps)}), *kb.procedures[1:]))


def bench_quizzes(kb) -> list[tuple[str, float]]:
    import tempfile

    from .quiz import build_quiz
    from .pdf import render_documents
    from .quiz.answer_key import answer_key_document
    from .quiz.gift import render_gift
    from .quiz.pages import render_quiz_pages

    start = time.perf_counter()
    quizzes = [build_quiz(kb, role) for role in kb.roles]
    results = [(f"quiz generation: {sum(len(q.questions) for q in quizzes)} questions, {len(quizzes)} roles", time.perf_counter() - start)]
    start = time.perf_counter()
    for quiz in quizzes:
        for lang in ("zh", "en"):
            render_gift(kb, quiz, lang)
    results.append((f"quiz GIFT: {2 * len(quizzes)} files", time.perf_counter() - start))
    start = time.perf_counter()
    pages = render_quiz_pages(kb, {q.role.id: q for q in quizzes if kb.procedures_of(q.role)})
    results.append((f"quiz pages and answer-key pages: {len(pages)} files", time.perf_counter() - start))
    largest = max(quizzes, key=lambda q: len(q.questions))
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        render_documents([answer_key_document(kb, largest, "zh", "key.pdf")], cache_dir=Path(tmp))
        results.append((f"quiz answer-key PDF ({largest.role.id}, zh, {len(largest.questions)} questions)", time.perf_counter() - start))
    return results


def bench_scorm(kb) -> list[tuple[str, float]]:
    from .scorm.package import build_package

    results = []
    for role in kb.roles:
        if kb.procedures_of(role):
            start = time.perf_counter()
            sizes = [len(build_package(kb, role, lang)) for lang in ("zh", "en")]
            results.append((f"SCORM packages {role.id} (zh {sizes[0] / 1024:.0f} KiB, en {sizes[1] / 1024:.0f} KiB)",
                            time.perf_counter() - start))
    return results


def bench_scorm_corpus(corpus: Corpus) -> list[Measurement]:
    """The largest role's package: what an LMS imports when a role has this many procedures."""
    from .scorm.package import build_package

    kb, _ = load_knowledge_base(corpus.root)
    role = max(kb.roles, key=lambda r: len(kb.procedures_of(r)))
    start = time.perf_counter()
    data = build_package(kb, role, "zh")
    seconds = time.perf_counter() - start
    return [Measurement("SCORM package, largest role (zh)", len(data) / 1024, "KiB"),
            Measurement("SCORM package build (zh)", seconds, "s")]


BENCHES: list[Callable[[object], list[tuple[str, float]]]] = [bench_postings, bench_wording, bench_quizzes, bench_checklists, bench_scorm]
# In this order: bench_search serves the site bench_site built.
CORPUS_BENCHES: list[Callable[[Corpus], list[Measurement]]] = [bench_site, bench_search, bench_scorm_corpus]


def print_table(results: dict[int, list[Measurement]]) -> None:
    sizes = list(results)
    rows = [m.name for m in results[sizes[0]]]
    header = ["measurement", *(f"{s} procedures" for s in sizes)]
    table = [header] + [
        [name, *(_format(next(m for m in results[s] if m.name == name)) for s in sizes)] for name in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for n, row in enumerate(table):
        print("  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)))
        if n == 0:
            print("  ".join("-" * w for w in widths))


def _format(m: Measurement) -> str:
    number = f"{m.value:,.0f}" if m.unit in ("", "ms") else f"{m.value:,.2f}" if m.unit in ("s", "×") else f"{m.value:,.1f}"
    return f"{number} {m.unit}".strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.bench", description="Build synthetic corpora and print timings and sizes.",
                                     epilog="Example:\n  python -m generator.bench --sizes 100 1000", formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path("."), help="content to clone procedures from (default: .)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="procedures per corpus (default: 100 1000)")
    parser.add_argument("--downloads", action="store_true",
                        help="also write the downloads (PDFs...) when building the corpora; slow at 1,000 procedures")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    kb, report = load_knowledge_base(args.root)
    if kb is None:
        raise SystemExit(report.format("text"))
    print(f"{time.perf_counter() - start:8.3f}s  load knowledge base: {len(kb.files)} files")
    for bench in BENCHES:
        for what, seconds in bench(kb):
            print(f"{seconds:8.3f}s  {what}")
    print()
    results: dict[int, list[Measurement]] = {}
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        for size in args.sizes:
            corpus = make_corpus(args.root, size, Path(tmp) / str(size), downloads=args.downloads)
            results[size] = [m for bench in CORPUS_BENCHES for m in bench(corpus)]
    print_table(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
