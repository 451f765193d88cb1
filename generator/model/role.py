"""A role: the permanent job family a posting is drawn from."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from .common import SEARCH_TERMS, Change, DocumentControl, LineText, PlainText, ReviewNote, Slug, SourceRef, Strict, Text

# Industries of the source's 18 job descriptions, so HR can pick library items that fit.
Industry = Literal[
    "general", "appliances", "automotive", "insurance", "e-commerce", "security-systems",
    "electronics-repair", "water-treatment", "manufacturing", "industrial-equipment",
    "software", "telecom", "retail", "medical-devices", "construction-machinery",
]


class Item(Strict):
    """One responsibility or requirement."""

    id: Slug
    text: Text
    source: SourceRef
    industries: list[Industry] = Field(default_factory=lambda: ["general"])
    tags: list[Slug] = Field(default_factory=list)
    core: bool = Field(default=True, description="Part of this organisation's role; false for library items HR may add.")
    own: bool = Field(default=False, description=(
        "True when the source does not state this for the role: our reading of the duty in `source`; readers see it marked."))


class Kpi(Strict):
    """How the role's work is judged. The source sets none, so most are the knowledge base's own."""

    id: Slug
    text: Text
    target: Text | None = None
    own: bool = Field(default=False, description="True when the indicator is ours, not the source's; readers see it marked.")
    source: SourceRef | None = None

    @model_validator(mode="after")
    def _check_origin(self) -> "Kpi":
        if self.source is None and not self.own:
            raise ValueError("name the source section (source: \"⑶ 七.1\") or mark the indicator as our own (own: true)")
        return self


class PayPoint(Strict):
    """One observed pay figure, with where and when it was seen."""

    city: Text
    amount: Annotated[int, Field(gt=0)] | Annotated[list[Annotated[int, Field(gt=0)]], Field(min_length=2, max_length=2)]
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    period: Literal["hour", "day", "week", "month", "year"]
    includes: list[Text] = Field(default_factory=list, description="Benefits in the figure, e.g. board and lodging.")
    as_of: dt.date
    source: SourceRef


class WorkingHours(Strict):
    hours_per_day: Annotated[float, Field(gt=0, le=24)] | None = None
    text: Text


class OccupationalCode(Strict):
    system: Literal["CN-OCC", "ONET-SOC", "ISCO"]
    edition: Annotated[PlainText, StringConstraints(min_length=4, max_length=20)]
    code: Annotated[str, StringConstraints(pattern=r"^[0-9A-Z][0-9A-Z.\-]*$")]
    title: LineText


class Role(Strict):
    id: Slug
    title: LineText
    other_titles: list[LineText] = Field(default_factory=list)
    summary: Text
    reports_to: Slug | None = Field(default=None, description="Id of the role this one reports to.")
    reports_to_own: bool = Field(default=False, description=(
        "True when the source names no such reporting line (it is our arrangement); readers see it marked."))
    responsibilities: list[Item] = Field(min_length=1)
    requirements: list[Item] = Field(min_length=1)
    kpis: list[Kpi] = Field(default_factory=list)
    pay: list[PayPoint] = Field(default_factory=list)
    working_hours: WorkingHours | None = None
    occupational_codes: list[OccupationalCode] = Field(default_factory=list)
    procedures: list[Slug] = Field(default_factory=list, description="Ids of the procedures it performs, in visit order.")
    review_notes: list[ReviewNote] = Field(default_factory=list)
    search_terms: list[Text] = Field(default_factory=list, description=SEARCH_TERMS)
    source: SourceRef
    document: DocumentControl
    changes: list[Change] = Field(min_length=1, description=(
        "The change history, newest first: {version, date, summary: {zh, en}}; the first entry's version is document.version."))

    @property
    def items(self) -> dict[str, Item | Kpi]:
        """Responsibilities, requirements and KPIs by id (one id space): what a quiz question on the
        role's own duties is anchored at."""
        return {x.id: x for x in (*self.responsibilities, *self.requirements, *self.kpis)}

    @field_validator("reports_to_own")
    @classmethod
    def _check_line_origin(cls, own: bool, info: ValidationInfo) -> bool:
        # reports_to is declared first, so it is validated by now (absent from info.data only if invalid: reported already)
        if own and "reports_to" in info.data and info.data["reports_to"] is None:
            raise ValueError("it marks a reporting line as ours, but there is none; name the role in reports_to or remove reports_to_own")
        return own
