"""The Chinese search dictionary: glossary terms and kit names as whole words for jieba.

Material segments Chinese with jieba both when it indexes pages and (through the index) for what
readers type; without these words jieba splits domain words (穿好鞋套 → 穿/好鞋/套).
"""

from __future__ import annotations

from ..knowledge import KnowledgeBase


def list_search_words(kb: KnowledgeBase) -> list[str]:
    """Every Chinese glossary term and kit name, sorted, without duplicates."""
    words = {t.term.zh for t in kb.glossary.terms} | {k.name.zh for k in kb.kit.items}
    return sorted(w for w in words if w and " " not in w)


def load_search_words(kb: KnowledgeBase) -> None:
    """Teach jieba (a process-wide tokenizer) the domain words before Material's search indexes pages."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not a build message
    for word in list_search_words(kb):
        jieba.add_word(word, freq=100_000)
