"""A vacancy written out: one outline (title, summary, facts, sections) rendered as Markdown, plain
text, DOCX or schema.org JobPosting JSON-LD. The browser builder receives the same labels and
builds the same Markdown and text client side (generator/assets/posting-builder.js).
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass

from ..markup import json_for_html
from ..model import Role
from .vacancy import PostingError, Vacancy
from .. import wording
from ..wording import EMPLOYMENT_NAMES, HTML_LANG, POSTING_LABELS
from .wording import Finding, check_text

FORMATS = ("md", "txt", "docx", "jsonld")

# Word on the desktops HR uses has these; without an East Asian font Word falls back per glyph.
CJK_FONT = "Microsoft YaHei"
# Pick the code Google knows best first.
CODE_PREFERENCE = ("ONET-SOC", "ISCO", "CN-OCC")


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    items: tuple[str, ...]  # Markdown text of each item


@dataclass(frozen=True)
class Outline:
    title: str
    summary: str
    facts: tuple[tuple[str, str], ...]  # (label, value)
    introduction: tuple[str, ...]  # paragraphs about the employer, may be none
    introduction_heading: str
    sections: tuple[Section, ...]
    contact: str | None
    separator: str
    contact_heading: str


def outline(v: Vacancy) -> Outline:
    labels = POSTING_LABELS[v.lang]
    facts = [
        ("organization", v.organization), ("location", v.city), ("pay", format_pay(v)),
        ("employment_type", EMPLOYMENT_NAMES[v.lang][v.employment_type]),
        ("headcount", f"{v.headcount}{labels['headcount_unit']}" if v.headcount else None),
        ("hours", v.role.working_hours.text.get(v.lang) if v.role.working_hours else None),
        ("valid_through", v.valid_through.isoformat()),
    ]
    return Outline(
        title=v.role.title.get(v.lang), summary=v.role.summary.get(v.lang),
        facts=tuple((labels[key], value) for key, value in facts if value),
        introduction=tuple(line.strip() for line in (v.introduction or "").splitlines() if line.strip()),
        introduction_heading=labels["introduction"],
        sections=tuple(Section(key, labels[key], (*(i.text.get(v.lang) for i in getattr(v, key)), *getattr(v, f"own_{key}")))
                       for key in ("responsibilities", "requirements")),
        contact=v.contact, separator=labels["separator"], contact_heading=labels["contact"],
    )


def format_pay(v: Vacancy) -> str | None:
    if v.salary is None:
        return None
    s, lang = v.salary, v.lang
    text = wording.format_pay(s.min, s.max, s.currency, s.period, lang)
    if v.salary_includes:
        labels = POSTING_LABELS[lang]
        text += labels["includes_open"] + labels["includes_join"].join(v.salary_includes) + labels["includes_close"]
    return text


_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1")


def plain(text: str) -> str:
    """Inline Markdown as plain text, for job boards that strip formatting: [t](u) → t (u)."""
    return _MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1 (\2)", text))


def render_markdown(v: Vacancy) -> str:
    o = outline(v)
    lines = [f"# {o.title}", "", o.summary, ""]
    lines += [f"- **{label}**{o.separator}{value}" for label, value in o.facts]
    if o.introduction:
        lines += ["", f"## {o.introduction_heading}"] + [part for paragraph in o.introduction for part in ("", paragraph)]
    for section in o.sections:
        lines += ["", f"## {section.heading}", ""] + [f"- {item}" for item in section.items]
    if o.contact:
        lines += ["", f"## {o.contact_heading}", "", o.contact]
    return "\n".join(lines) + "\n"


def render_text(v: Vacancy) -> str:
    o = outline(v)
    lines = [o.title, "", plain(o.summary), ""]
    lines += [f"{label}{o.separator}{value}" for label, value in o.facts]
    if o.introduction:
        lines += ["", o.introduction_heading] + [plain(paragraph) for paragraph in o.introduction]
    for section in o.sections:
        lines += ["", section.heading] + [f"{n}. {plain(item)}" for n, item in enumerate(section.items, start=1)]
    if o.contact:
        lines += ["", o.contact_heading, o.contact]
    return "\n".join(lines) + "\n"


def render_jsonld(v: Vacancy) -> str:
    """schema.org JobPosting with Google's required and recommended properties."""
    missing = [what for what, value in (("--organization (hiringOrganization)", v.organization),
                                        ("--city (jobLocation)", v.city)) if not value]
    if missing:
        raise PostingError(f"JSON-LD needs {' and '.join(missing)}: give them as options or in posting.yml")
    o = outline(v)
    description = f"<p>{_html(o.summary)}</p>"
    if o.introduction:
        description += f"<h2>{_html(o.introduction_heading)}</h2>" + "".join(f"<p>{_html(p)}</p>" for p in o.introduction)
    description += "".join(
        f"<h2>{_html(s.heading)}</h2><ul>{''.join(f'<li>{_html(i)}</li>' for i in s.items)}</ul>" for s in o.sections)
    if o.contact:
        description += f"<h2>{_html(o.contact_heading)}</h2><p>{_html(o.contact)}</p>"
    posting: dict = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": o.title,
        "description": description,
        "datePosted": v.date_posted.isoformat(),
        "validThrough": v.valid_through.isoformat(),
        "hiringOrganization": {"@type": "Organization", "name": v.organization},
        "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": v.city}},
        "employmentType": v.employment_type,
        "occupationalCategory": occupational_category(v.role, v.lang),
        "responsibilities": "\n".join(plain(i) for i in o.sections[0].items),
        "qualifications": "\n".join(plain(i) for i in o.sections[1].items),
        "inLanguage": HTML_LANG[v.lang],
    }
    if v.salary:
        posting["baseSalary"] = {
            "@type": "MonetaryAmount", "currency": v.salary.currency,
            "value": {"@type": "QuantitativeValue", "minValue": v.salary.min, "maxValue": v.salary.max,
                      "unitText": v.salary.period.upper()},
        }
    if v.headcount:
        posting["totalJobOpenings"] = v.headcount
    if v.role.working_hours:
        posting["workHours"] = v.role.working_hours.text.get(v.lang)
    if v.contact:
        posting["applicationContact"] = {"@type": "ContactPoint", "description": v.contact}
    return json_for_html(posting, indent=2) + "\n"


def _html(text: str) -> str:
    return html.escape(plain(text), quote=False)


def occupational_category(role: Role, lang: str) -> str:
    """The role's occupation code Google knows best, with its title; the role's title when it has none."""
    codes = sorted(role.occupational_codes, key=lambda c: CODE_PREFERENCE.index(c.system))
    return f"{codes[0].code} {codes[0].title.get(lang)}" if codes else role.title.get(lang)


def render_docx(v: Vacancy) -> bytes:
    """A Word document with real Heading and List Bullet styles, East Asian font set for Chinese."""
    from docx import Document
    from docx.oxml.ns import qn

    o = outline(v)
    doc = Document()
    # Word's core properties hold at most 255 characters (python-docx refuses more); the heading keeps the whole title.
    doc.core_properties.title = o.title if len(o.title) <= 255 else o.title[:254] + "…"
    doc.core_properties.language = HTML_LANG[v.lang]
    if v.lang == "zh":
        for name in ("Normal", "Title", "Heading 1", "Heading 2", "List Bullet"):
            fonts = doc.styles[name].element.get_or_add_rPr().get_or_add_rFonts()
            fonts.set(qn("w:eastAsia"), CJK_FONT)
    doc.add_heading(o.title, level=1)
    doc.add_paragraph(plain(o.summary))
    for label, value in o.facts:
        paragraph = doc.add_paragraph()
        paragraph.add_run(label + o.separator).bold = True
        paragraph.add_run(value)
    if o.introduction:
        doc.add_heading(o.introduction_heading, level=2)
        for text in o.introduction:
            doc.add_paragraph(plain(text))
    for section in o.sections:
        doc.add_heading(section.heading, level=2)
        for item in section.items:
            doc.add_paragraph(plain(item), style="List Bullet")
    if o.contact:
        doc.add_heading(o.contact_heading, level=2)
        doc.add_paragraph(o.contact)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def render_posting(v: Vacancy, fmt: str) -> bytes:
    if fmt == "docx":
        return render_docx(v)
    text = {"md": render_markdown, "txt": render_text, "jsonld": render_jsonld}[fmt](v)
    return text.encode("utf-8")


@dataclass(frozen=True)
class Phrase:
    """A discriminatory phrase in what a posting would say, and the text it came from: `where` names
    it for HR ("your requirement 2", "introduction, line 2"), `path` is where HR's own text sits in
    posting.yml's data (None for the role's text), `line` its line when the text has several."""

    where: str
    path: tuple[str | int, ...] | None
    line: int | None
    finding: Finding

    @property
    def message(self) -> str:
        f = self.finding
        return f"{f.rule.category}: '{f.text}': {f.rule.problem}; instead: {f.rule.alternative}"


def check_vacancy(v: Vacancy) -> list[Phrase]:
    """Discriminatory wording anywhere in what the posting would say, one per phrase, naming the item
    or field it came from so HR knows what to change. Each text is checked as it reads, without its
    Markdown (the builder page checks the same pieces the same way)."""
    pieces = [("title", None, v.role.title.get(v.lang)), ("summary", None, v.role.summary.get(v.lang)),
              ("city", ("city",), v.city), ("contact", ("contact",), v.contact),
              ("organization", ("organization",), v.organization), ("introduction", ("introduction",), v.introduction),
              *((f"pay includes '{text}'", None, text) for text in v.salary_includes),
              *((f"responsibility '{i.id}' ({i.source})", None, i.text.get(v.lang)) for i in v.responsibilities),
              *((f"requirement '{i.id}' ({i.source})", None, i.text.get(v.lang)) for i in v.requirements),
              *((f"your responsibility {n}", ("responsibilities", "own", n - 1), text)
                for n, text in enumerate(v.own_responsibilities, start=1)),
              *((f"your requirement {n}", ("requirements", "own", n - 1), text)
                for n, text in enumerate(v.own_requirements, start=1))]
    phrases = []
    for where, path, text in pieces:
        if not text:
            continue
        several = len(text.splitlines()) > 1
        for f in check_text(plain(text)):  # as readers read it: '**男**性' is 男性
            phrases.append(Phrase(f"{where}, line {f.line}" if several else where, path, f.line if several else None, f))
    return phrases
