"""A procedure: one thing done during the service visit, as structured steps, exceptions and rules."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import SEARCH_TERMS, DocumentControl, Measure, ReviewNote, Slug, SourceRef, Strict, Text

# Who an exception is handed to. Org units rather than roles: the centre is not a person.
EscalationTarget = Literal["centre", "call-centre", "technical-support", "manager", "information-clerk", "colleague"]


class Step(Strict):
    id: Slug
    text: Text
    timings: list[Measure] = Field(default_factory=list, description="Numbers that belong to this step.")


class Exception_(Strict):
    """When something goes off the normal path, what to do instead."""

    id: Slug
    when: Text
    then: Text
    escalate_to: EscalationTarget | None = None
    timings: list[Measure] = Field(default_factory=list)


class Rule(Strict):
    id: Slug
    kind: Literal["always", "never"]
    text: Text


class Procedure(Strict):
    id: Slug
    title: Text
    phase: Slug = Field(description="Id of the visit phase in phases.yml.")
    order: int = Field(ge=1, description="Position within the phase; the visit runs phase by phase, then by order.")
    roles: list[Slug] = Field(min_length=1, description="Ids of the roles that perform it.")
    purpose: Text
    applies_when: Text
    steps: list[Step] = Field(min_length=1)
    exceptions: list[Exception_] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
    kit: list[Slug] = Field(default_factory=list, description="Ids of kit items from kit.yml.")
    glossary: list[Slug] = Field(default_factory=list, description="Ids of glossary terms from glossary.yml.")
    review_notes: list[ReviewNote] = Field(default_factory=list)
    search_terms: list[Text] = Field(default_factory=list, description=SEARCH_TERMS)
    source: SourceRef
    document: DocumentControl

    def measures(self) -> list[Measure]:
        """Every number of the procedure, steps first, in reading order."""
        return [m for s in self.steps for m in s.timings] + [m for e in self.exceptions for m in e.timings]
