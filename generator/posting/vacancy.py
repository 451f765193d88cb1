"""A vacancy: one posting drawn from a role for a place, a pay range and a period.

HR's choices come from the posting config file (posting.yml, user input: loaded safely and bound to
a strict model so its mistakes come out as path:line:col) and from CLI options, which win; whatever
neither gives comes from the role's data.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from ..knowledge import KnowledgeBase
from ..loader import LoadedFile, load_yaml
from ..model import Item, Role
from ..model.common import PlainText, Slug, Strict
from ..model.role import Industry
from ..model.validation import bind, format_path
from ..problems import Report, suggest

Lang = Literal["zh", "en"]
Period = Literal["hour", "day", "week", "month", "year"]
# schema.org / Google's employmentType values.
EmploymentType = Literal["FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"]
EMPLOYMENT_TYPES: tuple[str, ...] = EmploymentType.__args__  # type: ignore[attr-defined]
PERIODS: tuple[str, ...] = Period.__args__  # type: ignore[attr-defined]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
DEFAULT_DAYS_OPEN = 30  # validThrough when nobody says: a month is what boards usually keep a posting


class PostingError(Exception):
    """A mistake in a CLI option or a missing value a format needs: one line for the user."""


class Salary(Strict):
    min: Annotated[int, Field(gt=0)]
    max: Annotated[int, Field(gt=0)]
    currency: Currency = "CNY"
    period: Period = "month"

    @model_validator(mode="after")
    def _check_order(self) -> "Salary":
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is more than max ({self.max})")
        return self


class ItemChoice(Strict):
    """Which of the role's items go into the posting: the core ones, plus library items by id,
    industry or tag, minus those dropped. The role's order is kept."""

    core: bool = Field(default=True, description="Start from the role's core items.")
    add: list[Slug] = Field(default_factory=list, description="Ids of items to add.")
    industries: list[Industry] = Field(default_factory=list, description="Add every item for these industries.")
    tags: list[Slug] = Field(default_factory=list, description="Add every item with one of these tags.")
    drop: list[Slug] = Field(default_factory=list, description="Ids of items to leave out.")


class PostingConfig(Strict):
    """posting.yml: every posting option at once. CLI options override it."""

    lang: Lang | None = None
    city: PlainText | None = None
    salary: Salary | None = None
    headcount: Annotated[int, Field(ge=1, le=10_000)] | None = None
    valid_through: dt.date | None = None
    employment_type: EmploymentType | None = None
    contact: PlainText | None = None
    organization: PlainText | None = Field(default=None, description="The hiring organisation's name.")
    responsibilities: ItemChoice = Field(default_factory=ItemChoice)
    requirements: ItemChoice = Field(default_factory=ItemChoice)


@dataclass(frozen=True)
class Options:
    """What the CLI gave; None where an option was not given."""

    lang: str | None = None
    city: str | None = None
    salary: tuple[int, int] | None = None
    currency: str | None = None
    period: str | None = None
    headcount: int | None = None
    valid_through: dt.date | None = None
    employment_type: str | None = None
    contact: str | None = None
    organization: str | None = None


@dataclass(frozen=True)
class Vacancy:
    role: Role
    lang: str
    date_posted: dt.date
    valid_through: dt.date
    employment_type: str
    responsibilities: tuple[Item, ...]
    requirements: tuple[Item, ...]
    city: str | None = None
    salary: Salary | None = None
    salary_includes: tuple[str, ...] = field(default=())
    headcount: int | None = None
    contact: str | None = None
    organization: str | None = None


def parse_salary(text: str) -> tuple[int, int]:
    """'6000-9000' or '5000' → (min, max). Raises PostingError."""
    match = re.fullmatch(r"\s*(\d+)\s*(?:[-–~]\s*(\d+)\s*)?", text.replace(",", ""))
    if not match:
        raise PostingError(f"--salary '{text}' is not a pay range: give MIN-MAX in whole numbers, e.g. --salary 6000-9000")
    low, high = int(match[1]), int(match[2] or match[1])
    if not 0 < low <= high:
        raise PostingError(f"--salary '{text}': give MIN-MAX with 0 < MIN <= MAX, e.g. --salary 6000-9000")
    return low, high


def find_role(kb: KnowledgeBase, role_id: str) -> Role:
    role = kb.role_by_id.get(role_id)
    if role is None:
        raise PostingError(f"unknown role '{role_id}'{suggest(role_id, kb.role_by_id)}; roles: {', '.join(kb.role_by_id)}")
    return role


def load_posting_config(path: Path, report: Report) -> tuple[PostingConfig, LoadedFile] | None:
    """Read posting.yml; every mistake goes into `report` at its line and column."""
    if not path.is_file():
        report.error(str(path), (1, 1), "posting config not found; check the --config path")
        return None
    loaded = load_yaml(path, str(path), report)
    if loaded is None:
        return None
    config = bind(loaded, PostingConfig, report)
    return (config, loaded) if config is not None else None


def resolve_vacancy(role: Role, options: Options, today: dt.date, config: tuple[PostingConfig, LoadedFile] | None,
                    report: Report) -> Vacancy | None:
    """Combine options, config and the role's data into one vacancy; None when the config has errors."""
    conf, loaded = config if config else (PostingConfig(), None)
    lang = options.lang or conf.lang or "zh"
    picks = {}
    for kind in ("responsibilities", "requirements"):
        picks[kind] = _choose(role, kind, getattr(conf, kind), loaded, report)
    valid_through = options.valid_through or conf.valid_through or today + dt.timedelta(days=DEFAULT_DAYS_OPEN)
    if valid_through < today:
        where = loaded.positions.at(("valid_through",)) if loaded and not options.valid_through else None
        message = f"{valid_through} is before the posting date {today}; give a later date"
        if where is None:
            raise PostingError(f"--valid-through {message}")
        report.error(loaded.rel, where, f"valid_through: {message}")
    if report.errors:
        return None

    salary, includes = _salary(role, options, conf, lang)
    pay_city = role.pay[0].city.get(lang) if role.pay else None
    return Vacancy(
        role=role, lang=lang, date_posted=today, valid_through=valid_through,
        employment_type=options.employment_type or conf.employment_type or "FULL_TIME",
        responsibilities=picks["responsibilities"], requirements=picks["requirements"],
        city=options.city or conf.city or pay_city, salary=salary, salary_includes=includes,
        headcount=options.headcount or conf.headcount, contact=options.contact or conf.contact,
        organization=options.organization or conf.organization,
    )


def _salary(role: Role, options: Options, conf: PostingConfig, lang: str) -> tuple[Salary | None, tuple[str, ...]]:
    """The pay range: the CLI's, else the config's, else the role's first observed figure (with what it includes)."""
    includes: tuple[str, ...] = ()
    if options.salary:
        base = Salary(min=options.salary[0], max=options.salary[1])
    elif conf.salary:
        base = conf.salary
    elif role.pay:
        point = role.pay[0]
        low, high = (point.amount, point.amount) if isinstance(point.amount, int) else point.amount
        base = Salary(min=low, max=high, currency=point.currency, period=point.period)
        includes = tuple(t.get(lang) for t in point.includes)
    else:
        return None, ()
    changes = {k: v for k, v in (("currency", options.currency), ("period", options.period)) if v}
    if changes:
        includes = ()  # what a figure includes is known only for the figure as observed
    return base.model_copy(update=changes), includes


_SINGULAR = {"responsibilities": "responsibility", "requirements": "requirement"}


def _choose(role: Role, kind: str, choice: ItemChoice, loaded: LoadedFile | None, report: Report) -> tuple[Item, ...]:
    items: list[Item] = list(getattr(role, kind))
    ids = [i.id for i in items]
    for key in ("add", "drop"):
        for n, item_id in enumerate(getattr(choice, key)):
            if item_id not in ids and loaded is not None:
                path = (kind, key, n)
                report.error(loaded.rel, loaded.positions.at(path),
                             f"{format_path(path)}: role '{role.id}' has no {_SINGULAR[kind]} '{item_id}'{suggest(item_id, ids)}")
    wanted = set(choice.add)
    chosen = [
        i for i in items
        if i.id not in choice.drop
        and ((choice.core and i.core) or i.id in wanted or set(i.industries) & set(choice.industries) or set(i.tags) & set(choice.tags))
    ]
    if not chosen and loaded is not None:
        report.error(loaded.rel, loaded.positions.at((kind,)), f"{kind}: the choice leaves no items; add some by id, industry or tag")
    return tuple(chosen)
