"""Hand-written quiz questions (quizzes/<role-id>.yml), and the one question model generated questions use too.

Generated and hand-written questions are the same `Question`, so one set of rules (a single right
answer, distinct choices, at least three choices) guards both: a broken hand-written question is
a content error at its line, a broken generated one is our bug and raises.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .common import Slug, Strict, Text

MIN_CHOICES = 3


class Choice(Strict):
    text: Text
    correct: bool = False


class Question(Strict):
    id: Slug
    procedure: Slug | None = Field(default=None, description=(
        "Id of the procedure whose page answers the question. Leave it out for a question on the role's own duties, "
        "answered by the role file: its `anchor` is then a responsibility, requirement or KPI of the role."))
    anchor: Slug | None = Field(default=None, description=(
        "Id of the step, exception, rule or timing that answers it (or of the role's item, without `procedure`). A "
        "hand-written question replaces the generated ones on the same step, exception or rule and its numbers."))
    type: Literal["choice", "true-false"] = "choice"
    prompt: Text
    choices: list[Choice] = Field(default_factory=list, description="For `choice`: at least 3, exactly one marked `correct: true`.")
    answer: bool | None = Field(default=None, description="For `true-false`: whether the statement is true.")
    explanation: Text = Field(description="Why the answer is right; shown after answering and in the answer key.")

    @model_validator(mode="after")
    def _check_answerable(self) -> "Question":
        if self.procedure is None and self.anchor is None:
            raise ValueError("name the `procedure` that answers the question, or (a question on the role's own duties) "
                             "the role's item as `anchor`")
        if self.type == "true-false":
            if self.answer is None:
                raise ValueError("a true-false question needs `answer: true` or `answer: false`")
            if self.choices:
                raise ValueError("a true-false question has no `choices`; remove them or set `type: choice`")
            return self
        if self.answer is not None:
            raise ValueError("`answer` is only for true-false questions; mark the right choice with `correct: true`")
        if len(self.choices) < MIN_CHOICES:
            raise ValueError(f"a choice question needs at least {MIN_CHOICES} choices, found {len(self.choices)}")
        right = [i for i, c in enumerate(self.choices) if c.correct]
        if not right:
            raise ValueError("no choice is marked `correct: true`; mark the one right answer")
        if len(right) > 1:
            raise ValueError(f"choices {', '.join(f'[{i}]' for i in right)} are all marked correct; mark exactly one")
        for lang in ("zh", "en"):
            seen: dict[str, int] = {}
            for i, choice in enumerate(self.choices):
                text = choice.text.get(lang)
                if text in seen:
                    raise ValueError(f"choices [{seen[text]}] and [{i}] read the same in {lang} ('{text}'); every choice must differ")
                seen[text] = i
        return self

    @property
    def right(self) -> int | None:
        """Index of the right choice (choice questions)."""
        return next((i for i, c in enumerate(self.choices) if c.correct), None)


class Questions(Strict):
    """quizzes/<role-id>.yml: questions written by hand where generation cannot reach."""

    questions: list[Question] = Field(min_length=1)
