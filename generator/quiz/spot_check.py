"""A trainer's spot check: questions picked at random from a role's quiz, each printed as plain text
with its answer and where the answer comes from (the procedure anchor or role page, and the source section), so
a reader can judge each one against the procedure and the source."""

from __future__ import annotations

import random

from ..knowledge import KnowledgeBase
from ..wording import COLON, OWN, OWN_PART, format_source, quiz_label as label
from .questions import Quiz, cited_source, own_basis, plain


def render_spot_check(kb: KnowledgeBase, quiz: Quiz, lang: str, size: int) -> str:
    """`size` questions (all, if the quiz has fewer) picked with the quiz's seed, in visit order."""
    total = len(quiz.questions)
    picked = sorted(random.Random(f"{quiz.seed}:{quiz.role.id}:spot-check").sample(range(total), min(size, total)))
    colon = COLON[lang]
    lines = [f"{plain(quiz.role.title.get(lang))}{colon}" + label("sample", lang).format(n=len(picked), total=total, seed=quiz.seed), ""]
    for number, index in enumerate(picked, 1):
        item = quiz.questions[index]
        q = item.question
        lines.append(f"{number}. [{label(item.kind, lang)}] {plain(q.prompt.get(lang))}")
        if q.type == "true-false":
            lines.append(f"   {label('answer', lang)}{colon}{label('true' if q.answer else 'false', lang)}")
        else:
            lines += [f"   {letter}. {plain(c.text.get(lang))}" + (" ✔" if c.correct else "") for letter, c in zip("ABCDEFGH", q.choices)]
        source = cited_source(kb, quiz.role, q)
        basis = own_basis(kb, quiz.role, q)
        cited = format_source(source, lang) if source else f"{format_source(basis, lang)} · {OWN_PART.get(lang)}" if basis else OWN.get(lang)
        lines += [f"   {label('source', lang)}{colon}{item.link} · {cited}", ""]
    return "\n".join(lines)
