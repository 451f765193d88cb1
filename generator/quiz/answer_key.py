"""Answer keys for trainers: every question with its right answer, explanation and the procedure
(or role page) that answers it, as Markdown (a site page and `quiz --format md`) and as an A4 PDF."""

from __future__ import annotations

from typing import Callable

from markupsafe import Markup

from ..markup import escape_markdown
from ..pdf import Document
from ..knowledge import KnowledgeBase
from ..model import Text
from ..templating import render
from ..wording import COLON, LIST_SEP, QUIZ_LABELS, quiz_label as label
from .questions import Quiz, QuizQuestion, plain

Sections = list[tuple[Text, list[tuple[int, QuizQuestion]]]]


def section_title(kb: KnowledgeBase, item: QuizQuestion) -> Text:
    """What a question is filed under: its procedure's title, or the role's duties."""
    procedure = item.question.procedure
    return kb.procedure_by_id[procedure].title if procedure else QUIZ_LABELS["duties"]


def sections(kb: KnowledgeBase, quiz: Quiz) -> Sections:
    """Questions numbered through the whole quiz, grouped under their procedure (or the role's duties)."""
    out: Sections = []
    current = ""  # no procedure id is empty; None is the role's duties
    for number, item in enumerate(quiz.questions, 1):
        if item.question.procedure != current:
            current = item.question.procedure
            out.append((section_title(kb, item), []))
        out[-1][1].append((number, item))
    return out


def render_answer_key(kb: KnowledgeBase, quiz: Quiz, lang: str, link: Callable[[QuizQuestion], str] | None = None,
                      downloads: dict[str, str] | None = None) -> str:
    """Markdown answer key. `link` turns a question into the href of its answer (default: its site path).

    The page around the questions is a template; the questions themselves are written here, because
    a key holds every question of a role (ten thousand at a thousand procedures) and Jinja's
    per-value escaping made it the slowest page of the site."""
    link = link or (lambda item: item.link)
    lines: list[str] = []
    for title, items in sections(kb, quiz):
        lines += [f"## {escape_markdown(title.get(lang))}", ""]
        for number, item in items:
            q = item.question
            lines += [f"{number}. {escape_markdown(q.prompt.get(lang))}", ""]
            if q.type == "true-false":
                lines.append(f"    **{label('answer', lang)}{COLON[lang]}{label('true' if q.answer else 'false', lang)}**")
            else:
                for letter, choice in zip("ABCDEFGH", q.choices):
                    text = escape_markdown(choice.text.get(lang))
                    lines.append(f"    - {letter}. " + (f"**{text}** ✔" if choice.correct else text))
            lines += ["", f"    {label('why', lang)}{COLON[lang]}{escape_markdown(q.explanation.get(lang))} [{label('see', lang)}]({link(item)})", ""]
    return render("quiz/key.md.j2", quiz=quiz, title=Markup(escape_markdown(quiz.role.title.get(lang))), lang=lang, label=label,
                  colon=COLON, sep=LIST_SEP, downloads=downloads, questions=Markup("\n".join(lines)))


def answer_key_document(kb: KnowledgeBase, quiz: Quiz, lang: str, path: str) -> Document:
    """The A4 answer key as a printable document (Markdown marks dropped: the PDF shows text as
    written). It renders with the checklists, in the same batch, font and cache."""
    html = render("quiz/key.html.j2", kb=kb, quiz=quiz, role=quiz.role, lang=lang, sections=sections(kb, quiz), label=label, plain=plain,
                  colon=COLON, sep=LIST_SEP)
    return Document(path, lang, f"{plain(quiz.role.title.get(lang))} — {label('answer_key', lang)}", (html,))
