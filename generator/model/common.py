"""Building blocks shared by every content file: ids, bilingual text, measures, document control."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ..characters import find_refused
from ..markup import find_markup

# Ids become URL paths and file names, so only lowercase slugs: no dots, slashes or spaces.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)]

# Source sections use the document's own markers ⑴..⑺, e.g. "⑶ 三.2" or "⑵ 篇6".
SOURCE_PATTERN = r"^[⑴⑵⑶⑷⑸⑹⑺](?: \S.*)?$"


def _check_text(value: str) -> str:
    """What every text a person writes must pass, wherever it is written (content, posting.yml, the
    posting options): no invisible controls (characters.py), and no raw HTML, which would bypass
    escaping in every output (site, PDF, DOCX). What the site's Markdown must not see in content
    (attribute lists) is checked with the content (checks.py)."""
    refused = find_refused(value)
    if refused:
        raise ValueError(refused)
    markup = find_markup(value)
    if markup:
        raise ValueError(f"raw HTML is not allowed in text (found '{markup}'); use Markdown (e.g. **bold**, [link](url)); "
                         f"a '<' that is not a tag needs a space after it")
    return value


def _check_characters(value: str) -> str:
    refused = find_refused(value)
    if refused:
        raise ValueError(refused)
    return value


SourceRef = Annotated[str, StringConstraints(pattern=SOURCE_PATTERN, max_length=80), AfterValidator(_check_text)]


# YAML folds line breaks into spaces, which Chinese does not use between characters.
_SPACE_BETWEEN_CJK = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \n]+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")


def _join_cjk_lines(value: str) -> str:
    return _SPACE_BETWEEN_CJK.sub("", value)


PlainText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_check_text)]
# Text that is matched against other text and never shown (a glossary variant).
MatchedText = Annotated[str, AfterValidator(_check_characters)]
ChineseText = Annotated[PlainText, AfterValidator(_join_cjk_lines)]


class Strict(BaseModel):
    """Every content model: unknown keys are errors, values never change after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Text(Strict):
    """Text people read. Chinese is the source language; English may lag behind (a warning)."""

    zh: ChineseText
    en: PlainText | None = None

    def get(self, lang: str) -> str:
        """The text in `lang`, falling back to Chinese where the translation is missing."""
        return (self.en if lang == "en" else None) or self.zh


def _check_question(text: Text) -> Text:
    """A quiz prints `ask` as it is, so it must read as a question in both languages."""
    problems = []
    if not text.zh.endswith("？"):
        problems.append("end the Chinese with a full-width question mark '？'")
    if text.en is not None and not (text.en.endswith("?") and text.en[:1].isupper()):
        problems.append("start the English with a capital letter and end it with '?'")
    if problems:
        raise ValueError(f"`ask` is the question a quiz asks about this number: {' and '.join(problems)}")
    return text


AskText = Annotated[Text, AfterValidator(_check_question)]


def _check_one_line(text: Text) -> Text:
    """Titles and names go where a line break ends what holds them (a heading, a table cell, a GIFT
    comment or category, a DOCX heading): one line each."""
    broken = [lang for lang in ("zh", "en") if "\n" in (getattr(text, lang) or "")]
    if broken:
        raise ValueError(f"a title or name is one line, but the {' and '.join(broken)} text holds a line break; "
                         f"write it on one line (or fold it with '>-')")
    return text


LineText = Annotated[Text, AfterValidator(_check_one_line)]

DURATION_UNITS = ("seconds", "minutes", "hours", "days", "months")
Amount = Annotated[int, Field(ge=0)] | Annotated[list[Annotated[int, Field(ge=0)]], Field(min_length=2, max_length=2)]


class Measure(Strict):
    """A number the job depends on, typed so quizzes and checklists can use it.

    Exactly one of the duration units or `count` is given, as a number or a `[low, high]` range.
    """

    id: Slug
    seconds: Amount | None = None
    minutes: Amount | None = None
    hours: Amount | None = None
    days: Amount | None = None
    months: Amount | None = None
    count: Amount | None = None
    unit: LineText | None = Field(default=None, description="What is counted (only with `count`), e.g. {zh: 双, en: pair}.")
    relation: Literal["every", "after", "before", "ahead", "early", "within", "under", "over", "exactly"] = "exactly"
    what: Text = Field(description="What the number measures, phrased so it can be asked about.")
    ask: AskText | None = Field(default=None, description="The question a quiz asks about this number, as a whole "
                                "question in each language, e.g. {zh: 没人应门时隔多久再敲一轮？, en: How often do you knock again when nobody answers?}.")

    @model_validator(mode="after")
    def _check_one_amount(self) -> "Measure":
        given = [name for name in (*DURATION_UNITS, "count") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of seconds, minutes, hours, days, months or count"
                + (f" (found {', '.join(given)})" if given else "")
            )
        amount = getattr(self, given[0])
        if isinstance(amount, list) and not amount[0] < amount[1]:
            raise ValueError(f"a range is [low, high] with low < high, not {amount}")
        if (given[0] == "count") != (self.unit is not None):
            raise ValueError("`unit` goes with `count` and only with it")
        return self

    @property
    def kind(self) -> str:
        """The unit name: one of DURATION_UNITS or 'count'."""
        return next(name for name in (*DURATION_UNITS, "count") if getattr(self, name) is not None)

    @property
    def amount(self) -> int | tuple[int, int]:
        value = getattr(self, self.kind)
        return tuple(value) if isinstance(value, list) else value


# Search terms are indexed for the site's search and shown nowhere, so they may be the words trainees
# use rather than the standard's (没人开门 for 敲门后没人开门, "abusive" for 辱骂).
SEARCH_TERMS = ("Words trainees use for this situation where they differ from the text's own "
                "(e.g. {zh: 没人开门, en: nobody answers}); used by the site's search only, shown nowhere.")


class ReviewNote(Strict):
    """A place where the source is questionable or silent, shown to readers as a warning."""

    id: Slug
    kind: Literal["questionable", "gap"]
    text: Text = Field(description="What is wrong or missing in the source.")
    alternative: Text | None = Field(default=None, description="What we teach instead (not for gaps).")
    source: SourceRef | None = None


Version = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+(?:\.\d+)?$")]


def version_key(version: str) -> tuple[int, ...]:
    """'1.10' sorts after '1.9': versions compare number by number."""
    return tuple(int(part) for part in version.split("."))


class Change(Strict):
    """One revision of a document: what a trainee signed for under this version differs from the one before."""

    version: Version
    date: dt.date = Field(description="When this version took effect (not in the future).")
    summary: Text = Field(description="What changed, in a sentence readers and trainers understand.")


class DocumentControl(Strict):
    """Who keeps a file true and when it was last checked."""

    version: Version = Field(description="The current version: the version of the newest entry in `changes`.")
    owner: Slug = Field(description="Id of the role that owns this document.")
    last_reviewed: dt.date
    review_interval_months: Annotated[int, Field(ge=1, le=60)]

    def review_due(self) -> dt.date:
        """The date by which the next review is due."""
        month = self.last_reviewed.month - 1 + self.review_interval_months
        year = self.last_reviewed.year + month // 12
        month = month % 12 + 1
        day = min(self.last_reviewed.day, calendar.monthrange(year, month)[1])
        return dt.date(year, month, day)
