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

