"""Moodle GIFT export: one category per procedure (and one for the role's own duties), every text escaped so any character survives.

Texts are marked `[plain]` so Moodle shows them as written: content is data, and a `<` in it must
not become HTML in the LMS.
"""

from __future__ import annotations

import re

from ..knowledge import KnowledgeBase
from ..model import Text
from .answer_key import section_title
from .questions import Quiz, plain

# GIFT's control characters; each is written with a backslash before it.
_SPECIAL = re.compile(r"([~=#{}:\\])")
_KIND_NOTE = {"zh": "类型", "en": "kind"}


def _one_line(text: str) -> str:
    """Every run of whitespace as one space: GIFT is read line by line, and a blank line ends a question."""
    return " ".join(text.split())


def escape_gift(text: str) -> str:
    """Backslash-escape GIFT's control characters and fold line breaks."""
    return _SPECIAL.sub(r"\\\1", _one_line(text))


def _category(*parts: str) -> str:
    # Moodle splits category paths on '/', and reads '//' as a slash inside a name. The rest of the
    # line is the name as written (no escapes are read there), so only line breaks are folded.
    return "/".join(_one_line(p).replace("/", "//") for p in parts)


def render_gift(kb: KnowledgeBase, quiz: Quiz, lang: str) -> str:
    def say(text: Text) -> str:
        return escape_gift(plain(text.get(lang)))

    # A comment runs to the end of its line, so what it quotes is folded onto that line.
    out = [f"// {_one_line(plain(quiz.role.title.get(lang)))}: {len(quiz.questions)} questions, seed {quiz.seed}", ""]
    current = ""  # no procedure id is empty; None is the role's duties
    for item in quiz.questions:
        q = item.question
        if q.procedure != current:
            current = q.procedure
            title = plain(section_title(kb, item).get(lang))
            out += [f"$CATEGORY: $course$/{_category(plain(quiz.role.title.get(lang)), title)}", ""]
        out.append(f"// {_KIND_NOTE[lang]}: {item.kind}; {item.link}")
        head = f"::{escape_gift(item.uid)}::[plain]{say(q.prompt)}"
        feedback = f"####{say(q.explanation)}"
        if q.type == "true-false":
            out.append(f"{head} {{{'TRUE' if q.answer else 'FALSE'}{feedback}}}")
        else:
            out.append(head + " {")
            out += [f"{'=' if c.correct else '~'}{say(c.text)}" for c in q.choices]
            out += [feedback, "}"]
        out.append("")
    return "\n".join(out)
