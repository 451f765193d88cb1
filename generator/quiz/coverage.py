"""What a role's quiz leaves unasked, for authors: each thing the role must know that no question
asks, so they can see where `mistakes` or a hand-written question is missing.

What a role must know: every step, exception, rule and number of the procedures it performs first
(their text speaks to it), the exceptions other procedures hand to it, and its core responsibilities.
A step, exception or rule counts as asked with its numbers (a question on either asks about both),
and a number two procedures share (one id, one value) counts once.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..knowledge import KnowledgeBase
from ..model import Text
from ..wording import COLON, quiz_label as label
from .questions import Quiz, plain


@dataclass(frozen=True)
class Unasked:
    link: str  # site path of the thing, as a question's link reads
    kind: str  # step, exception, rule, number, duty
    text: Text


def must_know(kb: KnowledgeBase, quiz: Quiz) -> list[tuple[tuple[str | None, str], Unasked]]:
    """((procedure or None, anchor), what it is) of everything the role must know, in visit order."""
    role = quiz.role
    out: list[tuple[tuple[str | None, str], Unasked]] = []
    for proc in kb.procedures_of(role):
        def add(anchor: str, kind: str, text: Text) -> None:
            out.append(((proc.id, anchor), Unasked(f"procedures/{proc.id}/#{anchor}", kind, text)))
        if proc.roles[0] != role.id:
            for exc in proc.exceptions:
                if exc.escalate_to == role.id:
                    add(exc.id, "exception", exc.when)
            continue
        for step in proc.steps:
            add(step.id, "step", step.text)
            for m in step.timings:
                add(m.id, "number", m.what)
        for exc in proc.exceptions:
            add(exc.id, "exception", exc.when)
            for m in exc.timings:
                add(m.id, "number", m.what)
        for rule in proc.rules:
            add(rule.id, "rule", rule.text)
    out += [((None, item.id), Unasked(f"roles/{role.id}/", "duty", item.text)) for item in role.responsibilities if item.core]
    return out


def unasked(kb: KnowledgeBase, quiz: Quiz) -> tuple[int, list[Unasked]]:
    """How many things the role must know, and those no question of `quiz` asks."""
    asked: set[tuple[str | None, str]] = set()
    for item in quiz.questions:
        q = item.question
        if q.anchor is None:
            continue
        asked.add((q.procedure, q.anchor))
        if q.procedure is not None:
            procedure = kb.procedure_by_id[q.procedure]
            for holder in (*procedure.steps, *procedure.exceptions):
                numbers = {m.id for m in holder.timings}
                if q.anchor == holder.id or q.anchor in numbers:  # an item and its numbers are asked together
                    asked |= {(q.procedure, holder.id)} | {(q.procedure, n) for n in numbers}
    numbers = {anchor for _, anchor in asked}  # a number two procedures share is one fact
    known = must_know(kb, quiz)
    return len(known), [thing for key, thing in known if key not in asked and not (thing.kind == "number" and key[1] in numbers)]


def render_coverage(kb: KnowledgeBase, quiz: Quiz, lang: str) -> str:
    total, missing = unasked(kb, quiz)
    colon = COLON[lang]
    lines = [f"{plain(quiz.role.title.get(lang))}{colon}" + label("coverage", lang).format(asked=total - len(missing), total=total), ""]
    lines += [f"{thing.link}  [{label(f'coverage_{thing.kind}', lang)}] {plain(thing.text.get(lang))}" for thing in missing]
    return "\n".join(lines) + "\n"
