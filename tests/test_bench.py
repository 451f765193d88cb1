"""`make bench` measures synthetic corpora cloned from the real content; they must stay valid content
as the model grows (a situation's `arises_in`, a role's visit order...), or the bench stops working."""

from __future__ import annotations

import pytest

from generator.bench import make_corpus
from generator.knowledge import load_knowledge_base

from conftest import REPO


@pytest.mark.parametrize("size", [45, 100])
def test_a_cloned_corpus_is_valid_content(tmp_path, size):
    corpus = make_corpus(REPO, size, tmp_path)
    kb, report = load_knowledge_base(corpus.root)
    assert kb is not None, report.format()
    assert len(kb.procedures) == size
    assert any(p.kind == "situation" for p in kb.procedures)


def test_the_site_bench_builds_with_both_engines(tmp_path):
    """`make bench` times the site build with MkDocs and with Zensical on the same corpus, and gives the ratio."""
    from generator.bench import bench_site

    rows = {m.name: m for m in bench_site(make_corpus(REPO, 45, tmp_path))}
    assert rows["pages (both languages)"].value > 100
    for name in ("site build total: mkdocs", "site build total: zensical", "zensical: both languages (pages written as files included)"):
        assert rows[name].value > 0, name
    ratio = rows["site build time, zensical / mkdocs"].value
    assert ratio == rows["site build total: zensical"].value / rows["site build total: mkdocs"].value
    assert (tmp_path / "work" / "site" / "en" / "index.html").is_file()
    assert (tmp_path / "work" / "site-zensical" / "en" / "index.html").is_file()
