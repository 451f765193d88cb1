"""Shared reference data that procedures point to by id: visit phases, glossary, kit, biased wording."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .common import LineText, MatchedText, Slug, SourceRef, Strict, Text


class Phase(Strict):
    id: Slug
    number: int = Field(ge=1, description="Position in the visit: 1 for the first phase.")
    title: LineText
    summary: Text
    source: SourceRef


class Phases(Strict):
    """phases.yml: the phases of the service visit, in order."""

    phases: list[Phase] = Field(min_length=1)


class Variant(Strict):
    """A way of writing a term that the knowledge base does not use (an old form, a typo, a rival word)."""

    zh: MatchedText | None = None
    en: MatchedText | None = None

    @model_validator(mode="after")
    def _check_some_text(self) -> "Variant":
        if not (self.zh or self.en):
            raise ValueError("give the variant to avoid in zh, en or both, e.g. {zh: 对帐}")
        return self

    def get(self, lang: str) -> str | None:
        return self.en if lang == "en" else self.zh


class Term(Strict):
    id: Slug
    term: LineText
    definition: Text
    avoid: list[Variant] = Field(default_factory=list, description=(
        "Other ways of writing the term; validate warns wherever text uses one, e.g. [{zh: 对帐}]."))
    own: bool = Field(default=False, description=(
        "True when the definition goes beyond the source; readers see it marked as the knowledge base's own."))
    source: SourceRef | None = None

    @model_validator(mode="after")
    def _check_origin(self) -> "Term":
        if self.source is None and not self.own:
            raise ValueError("name the source section (source: \"⑶ 三.2\") or mark the definition as our own (own: true)")
        return self


class Glossary(Strict):
    """glossary.yml."""

    terms: list[Term] = Field(min_length=1)


class KitItem(Strict):
    id: Slug
    name: LineText
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
    label: LineText = Field(description="What the tag means, as the posting builder's filter shows it.")


class Tags(Strict):
    """tags.yml: every tag that role items carry, with its label in both languages."""

    tags: list[Tag] = Field(min_length=1)
