"""A procedure: one thing done during the service visit, as structured steps, exceptions and rules."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .common import SEARCH_TERMS, Change, DocumentControl, LineText, Measure, ReviewNote, Slug, SourceRef, Strict, Text

# Who an exception is handed to. Org units rather than roles: the centre is not a person.
EscalationTarget = Literal["centre", "call-centre", "technical-support", "manager", "information-clerk", "colleague"]

# What a procedure is decides where it sits: only sequences make up the line of the visit (the order
# readers and quizzes follow); a checklist's items all apply in any order; a situation is handled
# when it happens, wherever that is.
ProcedureKind = Literal["sequence", "checklist", "situation"]
# Most steps, exceptions or rules one procedure may have (the longest has 7): more is several
# procedures, and a bound on what one printed checklist and the field card have to lay out.
MAX_ITEMS = 40
KIND_GROUPS: dict[str, int] = {"sequence": 0, "checklist": 1, "situation": 2}  # listing order within a phase

# The procedure's `source` covers what it says; an item the source does not say (an honest alternative
# to a scripted excuse, a safe way to do what the source does unsafely) says so, and readers see it marked.
OWN_ITEM = ("True when the source does not say this (an alternative we teach instead, a safer way); readers and "
            "quiz explanations see it marked as added by this knowledge base rather than cited to the source.")
# A quiz asks about an exception or a rule only with wrong choices written for it, in its own place: a
# trainee who does not know the job could believe them, and none is taken from another procedure.
MIN_MISTAKES = 2
MISTAKES = ("Wrong answers a trainee who does not know the standard would give here, as the quiz's wrong "
            f"choices (at least {MIN_MISTAKES}, or none: without them the quiz does not ask about it). For an "
            "exception, actions that are wrong in this case; for an always-rule, ways of falling short of it, worded "
            "like the rule; for a never-rule, acts near it that the standard allows (the quiz asks which is forbidden). "
            "Each a single action as long and as specific as the right one, none the right action in other words.")


class Step(Strict):
    id: Slug
    text: Text
    timings: list[Measure] = Field(default_factory=list, description="Numbers that belong to this step.")
    own: bool = Field(default=False, description=OWN_ITEM)


class Exception_(Strict):
    """When something goes off the normal path, what to do instead."""

    id: Slug
    when: Text
    then: Text
    escalate_to: EscalationTarget | None = None
    timings: list[Measure] = Field(default_factory=list)
    own: bool = Field(default=False, description=OWN_ITEM)
    mistakes: list[Text] = Field(default_factory=list, description=MISTAKES)
    source: SourceRef | None = Field(default=None, description=(
        "The section of the source this case comes from, when narrower than the procedure's (⑶ 三.3(3) in a "
        "procedure citing ⑶ 三.3(2)–(5)); a quiz question on it cites this section."))

    @model_validator(mode="after")
    def _check_mistakes(self) -> "Exception_":
        _check_mistakes(self.then, self.mistakes, "then")
        return self


class Rule(Strict):
    id: Slug
    kind: Literal["always", "never"]
    text: Text
    own: bool = Field(default=False, description=OWN_ITEM)
    mistakes: list[Text] = Field(default_factory=list, description=MISTAKES)

    @model_validator(mode="after")
    def _check_mistakes(self) -> "Rule":
        _check_mistakes(self.text, self.mistakes, "text")
        return self


def _check_mistakes(right: Text, mistakes: list[Text], field: str) -> None:
    """Enough wrong choices for a question, each different from the right answer and from each other."""
    if len(mistakes) == 1:
        raise ValueError(f"mistakes: one wrong choice makes no question; give at least {MIN_MISTAKES}, or none")
    seen = {(lang, right.get(lang)): field for lang in ("zh", "en")}
    for i, mistake in enumerate(mistakes):
        for lang in ("zh", "en"):
            earlier = seen.setdefault((lang, mistake.get(lang)), f"mistakes[{i}]")
            if earlier != f"mistakes[{i}]":
                raise ValueError(f"mistakes[{i}] reads the same as {earlier} in {lang}; every wrong choice must differ from the right one and the others")


class Procedure(Strict):
    id: Slug
    kind: ProcedureKind = Field(description=(
        "sequence: ordered steps on the line of the visit; checklist: items that all apply, in any order; "
        "situation: handled when it happens (say when in applies_when, and where in arises_in)."))
    title: LineText
    phase: Slug = Field(description="Id of the visit phase in phases.yml.")
    order: int = Field(ge=1, description=(
        "Position within the phase. Sequences run phase by phase, then by order; checklists and situations "
        "are listed after the phase's sequences, by order."))
    roles: list[Slug] = Field(min_length=1, description="Ids of the roles that perform it.")
    purpose: Text
    applies_when: Text | None = Field(default=None, description="When it applies; required for situations.")
    arises_in: list[Slug] = Field(default_factory=list, description=(
        "Situations only: ids of the procedures during which it typically arises; their pages link to it."))
    steps: list[Step] = Field(default_factory=list, max_length=MAX_ITEMS, description=(
        "What to do, in order for a sequence, in any order for a checklist; a situation may have none and "
        f"say everything as exceptions (when → then). At most {MAX_ITEMS}."))
    exceptions: list[Exception_] = Field(default_factory=list, max_length=MAX_ITEMS, description=f"At most {MAX_ITEMS}.")
    rules: list[Rule] = Field(default_factory=list, max_length=MAX_ITEMS, description=f"At most {MAX_ITEMS}.")
    kit: list[Slug] = Field(default_factory=list, description="Ids of kit items from kit.yml.")
    glossary: list[Slug] = Field(default_factory=list, description="Ids of glossary terms from glossary.yml.")
    review_notes: list[ReviewNote] = Field(default_factory=list)
    search_terms: list[Text] = Field(default_factory=list, description=SEARCH_TERMS)
    source: SourceRef
    document: DocumentControl
    changes: list[Change] = Field(min_length=1, description=(
        "The change history, newest first: {version, date, summary: {zh, en}}; the first entry's version is document.version."))

    @property
    def on_the_line(self) -> bool:
        """Whether it is a step of the visit itself (a sequence), with a place before and after."""
        return self.kind == "sequence"

    def is_own(self, anchor: str | None) -> bool:
        """Whether `anchor` is a step, exception or rule of ours. A timing is not: numbers carry over from the source."""
        return any(item.id == anchor and item.own for item in (*self.steps, *self.exceptions, *self.rules))

    def measures(self) -> list[Measure]:
        """Every number of the procedure, steps first, in reading order."""
        return [m for s in self.steps for m in s.timings] + [m for e in self.exceptions for m in e.timings]
