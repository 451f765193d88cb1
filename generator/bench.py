"""`make bench`: how long the outputs take on the real content, measured outside the tests.

Each feature adds a function `bench_<feature>(kb) -> list[(what, seconds)]` and lists it in BENCHES.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from .knowledge import load_knowledge_base


def bench_postings(kb) -> list[tuple[str, float]]:
    from .posting.builder import render_posting_pages
    from .posting.document import FORMATS, check_vacancy, render_posting
    from .posting.vacancy import ItemChoice, Options, PostingConfig, resolve_vacancy
    from .problems import Report

    results = []
    # Core items plus every general library item: the longest postings HR is likely to draw.
    general = ItemChoice(industries=["general"])
    config = PostingConfig(organization="Example", city="Hangzhou", responsibilities=general, requirements=general)
    vacancies = [resolve_vacancy(role, Options(lang=lang), dt.date(2026, 12, 1), (config, None), Report())
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
    from .quiz.answer_key import write_answer_key_pdf
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
    pages = render_quiz_pages(kb)
    results.append((f"quiz pages and answer-key pages: {len(pages)} files", time.perf_counter() - start))
    largest = max(quizzes, key=lambda q: len(q.questions))
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        write_answer_key_pdf(kb, largest, "zh", Path(tmp) / "key.pdf")
        results.append((f"quiz answer-key PDF ({largest.role.id}, zh, {len(largest.questions)} questions)", time.perf_counter() - start))
    return results


BENCHES = [bench_postings, bench_quizzes, bench_checklists]


def main() -> None:
    start = time.perf_counter()
    kb, report = load_knowledge_base(Path("."))
    if kb is None:
        raise SystemExit(report.format())
    print(f"{time.perf_counter() - start:8.3f}s  load knowledge base: {len(kb.files)} files")
    for bench in BENCHES:
        for what, seconds in bench(kb):
            print(f"{seconds:8.3f}s  {what}")


if __name__ == "__main__":
    main()
