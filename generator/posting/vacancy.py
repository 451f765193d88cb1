"""A vacancy: one posting drawn from a role for a place, a pay range and a period.

HR's choices come from the posting config file (posting.yml, user input: loaded safely) and from
CLI options, which the CLI turns into the same data. The two are merged (the CLI wins) and bound
once to the strict config model, so a value is accepted or refused the same way wherever it was
given; a mistake names its flag or its line and column. Whatever neither gives comes from the role.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, ValidationError, ValidationInfo, field_validator, model_validator

from ..knowledge import KnowledgeBase
from ..loader import LoadedFile, PathKey, load_yaml
from ..model import Item, Role
from ..model.common import PlainText, Slug, Strict
from ..model.role import Industry
from ..model.validation import explain, format_path
from ..markup import find_unsafe_link
from ..problems import Report, suggest

Lang = Literal["zh", "en"]
Period = Literal["hour", "day", "week", "month", "year"]
# schema.org / Google's employmentType values.
EmploymentType = Literal["FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"]
EMPLOYMENT_TYPES: tuple[str, ...] = EmploymentType.__args__  # type: ignore[attr-defined]
PERIODS: tuple[str, ...] = Period.__args__  # type: ignore[attr-defined]


def _currency_code(value: str) -> str:
    code = value.upper()
    if not (len(code) == 3 and code.isascii() and code.isalpha()):
        raise ValueError(f"'{value}' is not an ISO 4217 currency code: give three letters, e.g. CNY or USD")
    return code


Currency = Annotated[str, AfterValidator(_currency_code)]


def _check_links(value: str) -> str:
    """A posting's Markdown goes to job boards, which may keep any link: only those the site keeps.
    Each line is a paragraph or an item of its own there, so it is judged alone (as the builder page does)."""
    for line in value.split("\n"):
        problem = find_unsafe_link(line)
        if problem:
            raise ValueError(problem)
    return value


# What HR writes: the content's rules for text (characters, raw HTML), and only links the site keeps.
PostingText = Annotated[PlainText, AfterValidator(_check_links)]
DEFAULT_DAYS_OPEN = 30  # validThrough when nobody says: a month is what boards usually keep a posting
MAX_HEADCOUNT = 10_000


class PostingError(Exception):
    """A missing value a format needs, or an unknown role: one line for the user."""


class Salary(Strict):
    """A pay range. Without min and max it is the role's observed figure, in another currency or period."""

    min: Annotated[int, Field(gt=0)] | None = None
    max: Annotated[int, Field(gt=0)] | None = None
    currency: Currency | None = Field(default=None, description="ISO 4217 code (default: the role's, else CNY).")
    period: Period | None = Field(default=None, description="What the pay is per (default: the role's, else month).")

    @field_validator("max")
    @classmethod
    def _check_order(cls, value: int | None, info: ValidationInfo) -> int | None:
        low = info.data.get("min")
        if value is not None and low is not None and value < low:
            raise ValueError(f"max ({value}) is less than min ({low}); give min <= max")
        return value

    @model_validator(mode="after")
    def _check_both(self) -> "Salary":
        if (self.min is None) != (self.max is None):
            raise ValueError("give both min and max (the same number for a fixed pay), or neither for the role's figure")
        return self


class ItemChoice(Strict):
    """Which of the role's items go into the posting: the core ones, plus library items by id,
    industry or tag, minus those dropped, plus HR's own lines. The role's order is kept."""

    core: bool = Field(default=True, description="Start from the role's core items.")
    add: list[Slug] = Field(default_factory=list, description="Ids of items to add.")
    industries: list[Industry] = Field(default_factory=list, description="Add every item for these industries.")
    tags: list[Slug] = Field(default_factory=list, description="Add every item with one of these tags.")
    drop: list[Slug] = Field(default_factory=list, description="Ids of items to leave out.")
    own: list[PostingText] = Field(default_factory=list, description="HR's own lines, after the chosen items.")


class PostingConfig(Strict):
    """posting.yml: every posting option at once; the CLI's options are merged over it.

    Validated with the posting date as context (`today`), so a closing date in the past is refused.
    """

    lang: Lang | None = None
    city: PostingText | None = None
    salary: Salary | None = None
    headcount: Annotated[int, Field(ge=1, le=MAX_HEADCOUNT)] | None = None
    valid_through: dt.date | None = None
    employment_type: EmploymentType | None = None
    contact: PostingText | None = None
    organization: PostingText | None = Field(default=None, description="The hiring organisation's name.")
    introduction: PostingText | None = Field(default=None, description="A few lines about the employer; one paragraph per line.")
    responsibilities: ItemChoice = Field(default_factory=ItemChoice)
    requirements: ItemChoice = Field(default_factory=ItemChoice)

    @field_validator("valid_through")
    @classmethod
    def _check_future(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        today = (info.context or {}).get("today")
        if value is not None and today is not None and value < today:
            raise ValueError(f"{value} is before the posting date {today}; give a later date")
        return value


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
    salary: Salary | None = None  # always with min, max, currency and period
    salary_includes: tuple[str, ...] = field(default=())
    headcount: int | None = None
    contact: str | None = None
    organization: str | None = None
    introduction: str | None = None
    own_responsibilities: tuple[str, ...] = ()
    own_requirements: tuple[str, ...] = ()


Flags = dict[PathKey, str]  # where in the config data a CLI option put its value → the option's name


def find_role(kb: KnowledgeBase, role_id: str) -> Role:
    role = kb.role_by_id.get(role_id)
    if role is None:
        raise PostingError(f"unknown role '{role_id}'{suggest(role_id, kb.role_by_id)}; roles: {', '.join(kb.role_by_id)}")
    return role


def read_posting_config(path: Path | None, options: dict[str, Any], flags: Flags, today: dt.date,
                        report: Report, option_errors: list[str]) -> tuple[PostingConfig, LoadedFile | None] | None:
    """posting.yml (if any) with the CLI's `options` merged over it, bound to PostingConfig.

    A mistake in the file goes into `report` at its line and column; one in an option goes into
    `option_errors` as `--flag: message`. None on any mistake.
    """
    loaded = None
    if path is not None:
        if not path.is_file():
            report.error(str(path), (1, 1), "posting config not found; check the --config path")
            return None
        loaded = load_yaml(path, str(path), report)
        if loaded is None:
            return None
    data = _merge(loaded.data if loaded else {}, options)
    try:
        return PostingConfig.model_validate(data, context={"today": today}), loaded
    except ValidationError as err:
        for where, message in explain(err, data, PostingConfig):
            flag = _flag_for(where, flags, loaded.data if loaded else None)
            if flag is not None or loaded is None:
                line = f"{flag or format_path(where)}: {message}"
                if line not in option_errors:  # --salary abc is wrong as min and as max: say it once
                    option_errors.append(line)
            else:
                report.error(loaded.rel, loaded.positions.at(where), f"{format_path(where)}: {message}")
        return None


def place_in_file(path: PathKey | None, flags: Flags, loaded: LoadedFile | None) -> tuple[int, int] | None:
    """Line and column of the value at `path` in posting.yml, or None when an option gave it (options
    win over the file) or neither did (the role's own text, a default)."""
    if path is None or loaded is None or any(path[:len(given)] == given for given in flags):
        return None
    return loaded.positions.by_path.get(tuple(path))


def _merge(base: Any, over: dict[str, Any]) -> Any:
    """`over` laid on `base`, mappings merged key by key; anything else in `over` replaces."""
    if not isinstance(base, dict):
        return base  # not a mapping: the model says so, and there is nothing to merge into
    merged = dict(base)
    for key, value in over.items():
        merged[key] = _merge(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return merged


def _flag_for(where: PathKey, flags: Flags, file_data: Any) -> str | None:
    """The option a mistake at `where` comes from, or None when it comes from the file."""
    for path, flag in flags.items():
        if where[:len(path)] == path:
            return flag
    if isinstance(file_data, dict) and where and where[0] in file_data:
        return None
    return next((flag for path, flag in flags.items() if path[:len(where)] == where), None)


def resolve_vacancy(role: Role, conf: PostingConfig, today: dt.date, loaded: LoadedFile | None,
                    report: Report) -> Vacancy | None:
    """Combine the config and the role's data into one vacancy; None when the choice of items has errors."""
    lang = conf.lang or "zh"
    picks = {kind: _choose(role, kind, getattr(conf, kind), loaded, report) for kind in ("responsibilities", "requirements")}
    if report.errors:
        return None
    salary, includes = _salary(role, conf.salary, lang)
    pay_city = role.pay[0].city.get(lang) if role.pay else None
    return Vacancy(
        role=role, lang=lang, date_posted=today,
        valid_through=conf.valid_through or today + dt.timedelta(days=DEFAULT_DAYS_OPEN),
        employment_type=conf.employment_type or "FULL_TIME",
        responsibilities=picks["responsibilities"], requirements=picks["requirements"],
        city=conf.city or pay_city, salary=salary, salary_includes=includes,
        headcount=conf.headcount, contact=conf.contact, organization=conf.organization,
        introduction=conf.introduction,
        own_responsibilities=tuple(conf.responsibilities.own), own_requirements=tuple(conf.requirements.own),
    )


def _salary(role: Role, asked: Salary | None, lang: str) -> tuple[Salary | None, tuple[str, ...]]:
    """The pay range asked for, else the role's first observed figure (with what it includes) in the
    currency and period asked for."""
    asked = asked or Salary()
    point = role.pay[0] if role.pay else None
    if asked.min is not None:
        return Salary(min=asked.min, max=asked.max, currency=asked.currency or "CNY", period=asked.period or "month"), ()
    if point is None:
        return None, ()
    low, high = (point.amount, point.amount) if isinstance(point.amount, int) else point.amount
    currency, period = asked.currency or point.currency, asked.period or point.period
    # What a figure includes is known only for the figure as observed.
    includes = tuple(t.get(lang) for t in point.includes) if (currency, period) == (point.currency, point.period) else ()
    return Salary(min=low, max=high, currency=currency, period=period), includes


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
    if not chosen and not choice.own and loaded is not None:
        report.error(loaded.rel, loaded.positions.at((kind,)), f"{kind}: the choice leaves no items; add some by id, industry or tag")
    return tuple(chosen)
