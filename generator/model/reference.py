"""Shared reference data that procedures point to by id: visit phases, glossary, kit, biased wording."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Slug, SourceRef, Strict, Text


class Phase(Strict):
    id: Slug
    number: int = Field(ge=1, description="Position in the visit: 1 for the first phase.")
    title: Text
    summary: Text
    source: SourceRef


class Phases(Strict):
    """phases.yml: the phases of the service visit, in order."""

    phases: list[Phase] = Field(min_length=1)


class Term(Strict):
    id: Slug
    term: Text
    definition: Text
    source: SourceRef | None = None


class Glossary(Strict):
    """glossary.yml."""

    terms: list[Term] = Field(min_length=1)


class KitItem(Strict):
    id: Slug
    name: Text
    purpose: Text
    mandatory: bool = True
    source: SourceRef | None = None


class Kit(Strict):
    """kit.yml: everything an engineer packs before leaving."""

    items: list[KitItem] = Field(min_length=1)


BiasCategory = Literal[
    "age", "gender", "marital-status", "looks", "height", "voice", "health", "household-registration",
    "birthplace", "ethnicity", "nationality", "native-speaker",
]


class BiasedExample(Strict):
    id: Slug
    category: BiasCategory
    text: Text = Field(description="The wording as a posting might carry it.")
    alternative: Text = Field(description="A neutral, job-related way to say what is needed.")
    source: SourceRef | None = None


class BiasedWording(Strict):
    """biased-wording.yml: discriminatory requirements kept out of roles, used to test the posting checker."""

    examples: list[BiasedExample] = Field(min_length=1)


class Tag(Strict):
    id: Slug
    label: Text = Field(description="What the tag means, as the posting builder's filter shows it.")


class Tags(Strict):
    """tags.yml: every tag that role items carry, with its label in both languages."""

    tags: list[Tag] = Field(min_length=1)
