"""Checks that need more than one file: ids, references, cycles, visit order, translations, review dates.

Each check reports at the line of the offending value. A check skips what it cannot judge (a
reference into a file that failed to load) so one mistake does not cascade into dozens.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from typing import Iterable, Iterator

from dataclasses import dataclass

from pydantic import BaseModel

from .content import Bound, Content
from .loader import LoadedFile, PathKey
from .model import Procedure, Questions, Role, Text, give_aways, version_key
from .model.validation import format_path
from .markup import ENTITY, is_safe_url, link_targets
from .outputs import collision
from .wording import format_amount, format_source
from .problems import Report, suggest

def check_content(content: Content, report: Report, today: dt.date) -> None:
    """Every check that needs more than one file, in the order of the data: reference files, roles,
    procedures, hand-written quizzes, what must agree across files, then each document's upkeep."""
    ids = _Ids.of(content)
    _check_reference_files(content, report)
    for role in content.roles:
        _check_role(role, ids, report)
    for procedure in content.procedures:
        _check_procedure(procedure, ids, report)
    for quiz in content.quizzes:
        _check_quiz(quiz, content, ids, report)
    _check_across_files(content, ids, report)
    for bound in [*content.roles, *content.procedures]:
        _check_changes(bound, report, today)
    variants = _variants(content.glossary.model) if content.glossary else []
    for bound in [*content.roles, *content.procedures, *content.quizzes, *content.references()]:
        _check_upkeep(bound, report, today)
        _check_wording(*bound, variants, report)


@dataclass(frozen=True)
class _Ids:
    """The ids a reference may point at. Roles and procedures count if their file exists, even if it
    failed to load, so its typos do not cascade; the others are None when their file is missing
    (references into it are not judged)."""

    roles: set[str]
    procedures: set[str]
    phases: set[str] | None
    terms: set[str] | None
    kit: set[str] | None
    tags: set[str] | None  # empty without tags.yml (every tag then lacks a label), None if it failed to load

    @classmethod
    def of(cls, content: Content) -> "_Ids":
        return cls(
            roles=content.stems("roles") | {r.id for r, _ in content.roles},
            procedures=content.stems("procedures") | {p.id for p, _ in content.procedures},
            phases={p.id for p in content.phases.model.phases} if content.phases else None,
            terms={t.id for t in content.glossary.model.terms} if content.glossary else None,
            kit={k.id for k in content.kit.model.items} if content.kit else None,
            tags={t.id for t in content.tags.model.tags} if content.tags else
                 (None if (content.root / "tags.yml").is_file() else set()),
        )


def _check_reference_files(content: Content, report: Report) -> None:
    if content.phases:
        _check_phases(*content.phases, report)
    if content.glossary:
        glossary, loaded = content.glossary
        _check_unique(loaded, [(("terms", i, "id"), t.id) for i, t in enumerate(glossary.terms)], "term", report)
    if content.kit:
        kit, loaded = content.kit
        _check_unique(loaded, [(("items", i, "id"), k.id) for i, k in enumerate(kit.items)], "kit item", report)
    if content.biased_wording:
        wording, loaded = content.biased_wording
        _check_unique(loaded, [(("examples", i, "id"), e.id) for i, e in enumerate(wording.examples)], "example", report)
    if content.tags:
        tags, loaded = content.tags
        _check_unique(loaded, [(("tags", i, "id"), t.id) for i, t in enumerate(tags.tags)], "tag", report)


def _check_role(bound: Bound[Role], ids: _Ids, report: Report) -> None:
    role, loaded = bound
    _check_file_name(role.id, loaded, report)
    _check_free_id(role.id, loaded, report, "role")
    _check_ref(loaded, ("reports_to",), role.reports_to, ids.roles, "role", report)
    _check_ref(loaded, ("document", "owner"), role.document.owner, ids.roles, "role", report)
    for i, pid in enumerate(role.procedures):
        _check_ref(loaded, ("procedures", i), pid, ids.procedures, "procedure", report)
    items = [(("responsibilities", i, "id"), x.id) for i, x in enumerate(role.responsibilities)]
    items += [(("requirements", i, "id"), x.id) for i, x in enumerate(role.requirements)]
    items += [(("kpis", i, "id"), x.id) for i, x in enumerate(role.kpis)]
    _check_unique(loaded, items, "item", report)
    if ids.tags is not None:
        for kind in ("responsibilities", "requirements"):
            for i, item in enumerate(getattr(role, kind)):
                for j, tag in enumerate(item.tags):
                    if tag not in ids.tags:
                        report.error(loaded.rel, loaded.positions.at((kind, i, "tags", j)),
                                     f"{kind}[{i}].tags[{j}]: tag '{tag}' has no label{suggest(tag, ids.tags)}; "
                                     f"add it to tags.yml with its label in Chinese and English")


def _check_procedure(bound: Bound[Procedure], ids: _Ids, report: Report) -> None:
    proc, loaded = bound
    _check_file_name(proc.id, loaded, report)
    _check_free_id(proc.id, loaded, report)
    _check_kind(proc, loaded, report)
    if ids.phases is not None:
        _check_ref(loaded, ("phase",), proc.phase, ids.phases, "phase", report)
    for i, rid in enumerate(proc.roles):
        _check_ref(loaded, ("roles", i), rid, ids.roles, "role", report)
    if ids.kit is not None:
        for i, kid in enumerate(proc.kit):
            _check_ref(loaded, ("kit", i), kid, ids.kit, "kit item", report)
    if ids.terms is not None:
        for i, tid in enumerate(proc.glossary):
            _check_ref(loaded, ("glossary", i), tid, ids.terms, "glossary term", report)
    _check_ref(loaded, ("document", "owner"), proc.document.owner, ids.roles, "role", report)
    _check_unique(loaded, list(_anchor_ids(proc)), "", report)


def _check_across_files(content: Content, ids: _Ids, report: Report) -> None:
    """What two files say about each other must agree: unique ids, places in the visit, role lists, reporting lines."""
    _check_unique_across([(r.id, l, ("id",)) for r, l in content.roles], "role", report)
    _check_unique_across([(p.id, l, ("id",)) for p, l in content.procedures], "procedure", report)
    _check_visit_order(content.procedures, report)
    _check_arises_in(content.procedures, ids.procedures, report)
    _check_timing_values(content.procedures, report)
    _check_role_procedures(content.roles, content.procedures, content.phases, report)
    _check_reporting_cycles(content.roles, report)


def _check_upkeep(bound: Bound, report: Report, today: dt.date) -> None:
    """Every text has its English and shows on the site as written, and a document under review control is not overdue."""
    model, loaded = bound
    _check_translations(model, loaded, report)
    _check_markdown(loaded.data, (), loaded, report)
    document = getattr(model, "document", None)
    if document and document.review_due() < today:
        report.warning(
            loaded.rel, loaded.positions.at(("document", "last_reviewed")),
            f"document.last_reviewed: review was due on {document.review_due()} "
            f"({document.review_interval_months} months after {document.last_reviewed}); review the file and update the date",
        )


def _check_changes(bound: Bound[Role | Procedure], report: Report, today: dt.date) -> None:
    """The history is newest first and the document is at its newest version: a trainee's sign-off
    names a version, and the "what changed" page and the training progress compare against it."""
    model, loaded = bound
    changes = model.changes
    newest = changes[0].version
    if model.document.version != newest:
        report.error(loaded.rel, loaded.positions.at(("document", "version")),
                     f"document.version: '{model.document.version}' is not the newest version in changes ('{newest}', line "
                     f"{loaded.positions.at(('changes', 0, 'version'))[0]}); add a changes entry for {model.document.version} "
                     f"at the top of changes, or set version: \"{newest}\"")
    for i, change in enumerate(changes):
        if change.date > today:
            report.error(loaded.rel, loaded.positions.at(("changes", i, "date")),
                         f"changes[{i}].date: {change.date} is in the future (today is {today}); date a change on the day it takes effect")
        if i == 0:
            continue
        before = changes[i - 1]
        if version_key(change.version) >= version_key(before.version):
            report.error(loaded.rel, loaded.positions.at(("changes", i, "version")),
                         f"changes[{i}].version: {change.version} comes after {before.version} but is not older; "
                         f"list changes newest first, each version once")
        elif change.date > before.date:
            report.error(loaded.rel, loaded.positions.at(("changes", i, "date")),
                         f"changes[{i}].date: {change.date} is later than the date of the newer version {before.version} ({before.date}); "
                         f"a newer version cannot predate an older one: correct one of the dates")


def _check_file_name(item_id: str, loaded: LoadedFile, report: Report) -> None:
    if loaded.path.stem != item_id:
        report.error(loaded.rel, loaded.positions.at(("id",)),
                     f"id: '{item_id}' does not match the file name; rename the file to {item_id}.yml or set id: {loaded.path.stem}")


def _check_ref(loaded: LoadedFile, path: PathKey, value: str | None, known: set[str], kind: str, report: Report) -> None:
    if value is not None and value not in known:
        report.error(loaded.rel, loaded.positions.at(path), f"{format_path(path)}: unknown {kind} '{value}'{suggest(value, known)}")


def _check_unique(loaded: LoadedFile, ids: list[tuple[PathKey, str]], kind: str, report: Report) -> None:
    first: dict[str, PathKey] = {}
    for path, value in ids:
        if value in first:
            line = loaded.positions.at(first[value])[0]
            label = f"{kind} id" if kind else "id"
            report.error(loaded.rel, loaded.positions.at(path), f"{format_path(path)}: duplicate {label} '{value}' (first used on line {line})")
        else:
            first[value] = path


def _check_unique_across(items: list[tuple[str, LoadedFile, PathKey]], kind: str, report: Report) -> None:
    counts = Counter(i for i, _, _ in items)
    for item_id, loaded, path in items:
        if counts[item_id] > 1:
            others = sorted(l.rel for i, l, _ in items if i == item_id and l is not loaded)
            report.error(loaded.rel, loaded.positions.at(path), f"id: duplicate {kind} id '{item_id}', also in {', '.join(others)}")


def _anchor_ids(proc: Procedure) -> Iterator[tuple[PathKey, str]]:
    """Every id inside a procedure: each becomes an anchor on its page, so all must differ."""
    for i, step in enumerate(proc.steps):
        yield ("steps", i, "id"), step.id
        for j, m in enumerate(step.timings):
            yield ("steps", i, "timings", j, "id"), m.id
    for i, exc in enumerate(proc.exceptions):
        yield ("exceptions", i, "id"), exc.id
        for j, m in enumerate(exc.timings):
            yield ("exceptions", i, "timings", j, "id"), m.id
    for i, rule in enumerate(proc.rules):
        yield ("rules", i, "id"), rule.id
    for i, note in enumerate(proc.review_notes):
        yield ("review_notes", i, "id"), note.id


def _check_quiz(bound: Bound[Questions], content: Content, ids: _Ids, report: Report) -> None:
    """A quiz file is named after its role; each question points at one of that role's procedures and, if
    it names an anchor, at an id on that procedure's page (the link readers follow for the answer), and
    gives nothing away (`give_aways`)."""
    questions, loaded = bound
    role_id = loaded.path.stem
    if role_id not in ids.roles:
        report.error(loaded.rel, (1, 1), f"no role '{role_id}'{suggest(role_id, ids.roles)}; name the file after the role whose quiz it extends")
    _check_unique(loaded, [(("questions", i, "id"), q.id) for i, q in enumerate(questions.questions)], "question", report)
    roles = {r.id: r for r, _ in content.roles}
    procedures = {p.id: p for p, _ in content.procedures}
    role = roles.get(role_id)
    for i, question in enumerate(questions.questions):
        for reason in give_aways(question):
            report.error(loaded.rel, loaded.positions.at(("questions", i)), f"question '{question.id}' gives its answer away: {reason}; "
                         "reword the choices so that a trainee who does not know the job could pick any of them")
        where = ("questions", i, "procedure")
        if question.procedure is None:  # on the role's own duties: answered by an item of the role file
            if role is not None:
                _check_ref(loaded, ("questions", i, "anchor"), question.anchor, set(role.items),
                           f"item of roles/{role_id}.yml (a responsibility, requirement or KPI)", report)
            continue
        if question.procedure not in ids.procedures:
            _check_ref(loaded, where, question.procedure, ids.procedures, "procedure", report)
            continue
        if role is not None and question.procedure not in role.procedures:
            report.error(loaded.rel, loaded.positions.at(where),
                         f"{format_path(where)}: '{question.procedure}' is not one of role '{role_id}''s procedures; ask about the role's own work")
        proc = procedures.get(question.procedure)
        if proc is not None and question.anchor is not None:
            anchors = {value for _, value in _anchor_ids(proc)}
            _check_ref(loaded, ("questions", i, "anchor"), question.anchor, anchors, f"id in procedures/{proc.id}.yml", report)


def _check_phases(phases, loaded: LoadedFile, report: Report) -> None:
    _check_unique(loaded, [(("phases", i, "id"), p.id) for i, p in enumerate(phases.phases)], "phase", report)
    for i, phase in enumerate(phases.phases):
        _check_free_id(phase.id, loaded, report, "phase", ("phases", i, "id"))
        if phase.number != i + 1:
            report.error(loaded.rel, loaded.positions.at(("phases", i, "number")),
                         f"phases[{i}].number: phases are out of order: expected {i + 1} here, found {phase.number}; list phases in visit order numbered from 1")


def _visit_rank(phases: Bound | None) -> dict[str, int] | None:
    return {p.id: p.number for p in phases[0].phases} if phases else None


def _check_visit_order(procedures: list[Bound[Procedure]], report: Report) -> None:
    """Two procedures may not share a place in the visit."""
    seen: dict[tuple[str, int], str] = {}
    for proc, loaded in sorted(procedures, key=lambda pair: pair[1].rel):
        place = (proc.phase, proc.order)
        if place in seen:
            report.error(loaded.rel, loaded.positions.at(("order",)),
                         f"order: {proc.order} is already taken in phase '{proc.phase}' by {seen[place]}; give each procedure its own position")
        else:
            seen[place] = f"procedures/{proc.id}.yml"


def _check_free_id(item_id: str, loaded: LoadedFile, report: Report, kind: str = "procedure", path: PathKey = ("id",)) -> None:
    clash = collision(item_id, kind)
    if clash:
        rename = "" if kind == "phase" else " (and rename the file to match)"
        report.error(loaded.rel, loaded.positions.at(path),
                     f"{format_path(path)}: '{item_id}' would collide with {clash}; choose another id{rename}")


def _check_kind(proc: Procedure, loaded: LoadedFile, report: Report) -> None:
    """A situation says when it happens and where; only a situation arises inside other procedures;
    a sequence or checklist has steps, a situation at least steps or exceptions."""
    if proc.kind != "situation" and not proc.steps:
        report.error(loaded.rel, loaded.positions.at(("steps",)),
                     f"steps: a {proc.kind} needs at least one step; add steps: [{{id: ..., text: {{zh: ..., en: ...}}}}]")
    if proc.kind == "situation" and not proc.steps and not proc.exceptions:
        report.error(loaded.rel, loaded.positions.at(("kind",)),
                     "kind: a situation needs steps or exceptions (when → then) saying what to do")
    if proc.kind == "situation":
        if proc.applies_when is None:
            report.error(loaded.rel, loaded.positions.at(("kind",)),
                         "kind: a situation needs applies_when saying when it happens; add applies_when: {zh: ..., en: ...}")
        if not proc.arises_in:
            report.error(loaded.rel, loaded.positions.at(("kind",)),
                         "kind: a situation needs arises_in, the ids of the procedures where it typically arises "
                         "(their pages link to it); add arises_in: [procedure-id, ...]")
    elif proc.arises_in:
        report.error(loaded.rel, loaded.positions.at(("arises_in",)),
                     f"arises_in: only a situation arises in other procedures; remove arises_in or set kind: situation (this is a {proc.kind})")


def _check_arises_in(procedures: list[Bound[Procedure]], procedure_ids: set[str], report: Report) -> None:
    """arises_in names the procedures a reader is doing when the situation happens (another situation
    counts: a fee dispute arises while charging for an out-of-warranty repair)."""
    for proc, loaded in procedures:
        if proc.kind != "situation":
            continue
        places = [(("arises_in", i), pid) for i, pid in enumerate(proc.arises_in)]
        _check_unique(loaded, places, "procedure", report)
        for path, pid in places:
            if pid not in procedure_ids:
                _check_ref(loaded, path, pid, procedure_ids - {proc.id}, "procedure", report)
            elif pid == proc.id:
                report.error(loaded.rel, loaded.positions.at(path), f"{format_path(path)}: a situation cannot arise in itself; name the procedures where it happens")


def _measure_value(measure) -> str:
    """'5–10 minutes (early)', '1 pair (exactly)': what a timing id stands for, unit and relation included."""
    return f"{format_amount(measure, 'en')} ({measure.relation})"


def _check_timing_values(procedures: list[Bound[Procedure]], report: Report) -> None:
    """One timing id, one value, across every file: quizzes and readers take an id to mean one number."""
    first: dict[str, tuple[str, str, int]] = {}
    for proc, loaded in sorted(procedures, key=lambda pair: pair[1].rel):
        for path, measure in _measures_at(proc):
            value = _measure_value(measure)
            if measure.id not in first:
                first[measure.id] = (value, loaded.rel, loaded.positions.at(path)[0])
                continue
            seen, rel, line = first[measure.id]
            if seen != value:
                report.error(loaded.rel, loaded.positions.at((*path, "id")),
                             f"{format_path((*path, 'id'))}: timing '{measure.id}' is {value} here but {seen} in {rel}:{line}; "
                             f"one id means one value: give one of them another id or make them agree")


def _measures_at(proc: Procedure) -> Iterator[tuple[PathKey, object]]:
    for i, step in enumerate(proc.steps):
        for j, m in enumerate(step.timings):
            yield ("steps", i, "timings", j), m
    for i, exc in enumerate(proc.exceptions):
        for j, m in enumerate(exc.timings):
            yield ("exceptions", i, "timings", j), m


def _check_role_procedures(roles: list[Bound[Role]], procedures: list[Bound[Procedure]], phases: Bound | None, report: Report) -> None:
    """A role's list and the procedures' `roles` say the same thing twice; they must agree."""
    rank = _visit_rank(phases)
    # A procedure whose id and file name differ is already reported; judging it here would only echo that.
    procedures = [(p, l) for p, l in procedures if p.id == l.path.stem]
    by_id = {p.id: (p, l) for p, l in procedures}
    for role, loaded in roles:
        listed = set(role.procedures)
        for proc, proc_loaded in procedures:
            if role.id in proc.roles and proc.id not in listed:
                i = proc.roles.index(role.id)
                report.error(proc_loaded.rel, proc_loaded.positions.at(("roles", i)),
                             f"roles[{i}]: role '{role.id}' does not list this procedure; add '{proc.id}' to procedures in {loaded.rel} or remove the role here")
        for i, pid in enumerate(role.procedures):
            if pid in by_id and role.id not in by_id[pid][0].roles:
                report.error(loaded.rel, loaded.positions.at(("procedures", i)),
                             f"procedures[{i}]: procedures/{pid}.yml does not list role '{role.id}'; add it to that file's roles or remove it here")
        if rank is None:
            continue
        # Only sequences have a place in the visit; checklists and situations may sit anywhere in the list.
        known = [pid for pid in role.procedures if pid in by_id and by_id[pid][0].on_the_line]
        keys = [(rank.get(by_id[pid][0].phase, 0), by_id[pid][0].order) for pid in known]
        for i in range(1, len(keys)):
            if keys[i] < keys[i - 1]:
                report.error(loaded.rel, loaded.positions.at(("procedures", role.procedures.index(known[i]))),
                             f"procedures: '{known[i]}' comes before '{known[i - 1]}' in the visit; list procedures in visit order")
                break


def _check_reporting_cycles(roles: list[Bound[Role]], report: Report) -> None:
    boss = {r.id: r.reports_to for r, _ in roles}
    where = {r.id: l for r, l in roles}
    reported: set[str] = set()
    for start in sorted(boss):
        chain, current = [], start
        while current in boss and current not in chain:
            chain.append(current)
            current = boss[current]
        if current in chain:
            cycle = chain[chain.index(current):]
            key = min(cycle)
            if key not in reported:
                reported.add(key)
                loaded = where[key]
                loop = " → ".join([*cycle[cycle.index(key):], *cycle[:cycle.index(key)], key])
                report.error(loaded.rel, loaded.positions.at(("reports_to",)), f"reports_to: reporting line is a cycle: {loop}; one role must report outside the loop or to nobody")


def texts_in(model: object, path: PathKey) -> Iterable[tuple[PathKey, Text]]:
    if isinstance(model, Text):
        yield path, model
    elif isinstance(model, BaseModel):
        for name in type(model).model_fields:
            yield from texts_in(getattr(model, name), (*path, name))
    elif isinstance(model, (list, tuple)):
        for i, item in enumerate(model):
            yield from texts_in(item, (*path, i))


def _check_translations(model: object, loaded: LoadedFile, report: Report) -> None:
    for path, text in texts_in(model, ()):
        if text.en is None:
            report.warning(loaded.rel, loaded.positions.at(path), f"{format_path(path)}: English text missing; add an 'en:' line")


# A range written with anything but the en dash ("5-10", "5—10", "1~2", "1～2"); dates and codes
# (2023-03-27, 4-12-03-01) are chains of numbers and are left alone.
_RANGE = re.compile(r"(?<![\d\-–—~～－.])(\d+)\s*([\-‐‑‒—―~～－])\s*(\d+)(?![\d\-–—~～－])")
_ASCII_QUOTE = re.compile(r"[\"']")
# A source citation in its Chinese form ('⑵ 篇14', '⑶ 三.3(1)') inside English text: English readers
# see '§2, posting 14' everywhere else (wording.format_source).
_CHINESE_CITATION = re.compile(r"[⑴⑵⑶⑷⑸⑹⑺](?:\s*(?:篇\d+|[一二三四五六七][.\d()（）]*|\d+))?|篇\d+")
_LINK_TARGET_TEXT = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]|<[^<>\s]+>")


def _variants(glossary) -> list[tuple[str, re.Pattern, str, str]]:
    """(language, pattern of the variant, preferred form, term id) for every variant the glossary avoids."""
    found = []
    for term in glossary.terms:
        for variant in term.avoid:
            for lang in ("zh", "en"):
                text = variant.get(lang)
                if not text:
                    continue
                edge = r"\b" if lang == "en" else ""
                preferred = term.term.get(lang)
                if lang == "en" and not preferred[1:2].isupper():  # 'Exchange' reads 'exchange' mid-sentence
                    preferred = preferred[:1].lower() + preferred[1:]
                found.append((lang, re.compile(f"{edge}{re.escape(text)}{edge}", re.IGNORECASE if lang == "en" else 0),
                              preferred, term.id))
    return found


def _check_wording(model: object, loaded: LoadedFile, variants: list[tuple[str, re.Pattern, str, str]], report: Report) -> None:
    """One word for one thing, one range dash, Chinese quotation marks in Chinese: warnings at the text."""
    for path, text in texts_in(model, ()):
        for lang in ("zh", "en"):
            value = getattr(text, lang)
            if not value:
                continue
            where = loaded.positions.at((*path, lang))
            label = format_path((*path, lang))
            for variant_lang, pattern, preferred, term_id in variants:
                # Search terms are the words trainees use, variants included: that is their point.
                if variant_lang != lang or "search_terms" in path:
                    continue
                # The preferred form may contain the variant (调度员 contains 调度): those places are fine.
                allowed = [m.span() for m in re.finditer(re.escape(preferred), value, re.IGNORECASE)]
                for match in pattern.finditer(value):
                    if not any(start <= match.start() and match.end() <= end for start, end in allowed):
                        report.warning(loaded.rel, where, f"{label}: '{match.group()}' is a variant the glossary avoids; "
                                                          f"write '{preferred}' (term '{term_id}')")
                        break
            prose = _LINK_TARGET_TEXT.sub(" ", value)  # a phone number in tel:400-800 is not a range
            dashes = {m.group(2) for m in _RANGE.finditer(prose)} - {"–"}
            if dashes:
                report.warning(loaded.rel, where, f"{label}: range written with {' '.join(repr(d) for d in sorted(dashes))}; "
                                                  f"write ranges with the en dash '–', e.g. 5–10")
            if lang == "en" and (cited := _CHINESE_CITATION.search(value)):
                cited_ref = ("⑵ " if cited.group().startswith("篇") else "") + cited.group()  # only §2 has postings
                report.warning(loaded.rel, where, f"{label}: source cited in its Chinese form '{cited.group()}' in English text; "
                                                  f"write it as English readers see it, e.g. '{format_source(cited_ref, 'en')}'")
            if lang == "zh" and _ASCII_QUOTE.search(value):
                report.warning(loaded.rel, where, f"{label}: ASCII quotation mark in Chinese text; use “…” (or ‘…’ inside)")


def _check_markdown(node: object, path: PathKey, loaded: LoadedFile, report: Report) -> None:
    """What the site's Markdown would not show as written, in every text of a file. A '{' starts a
    Markdown attribute list, which the site's own pages need and content must not use: after a word,
    a heading or a block `{...}` sets HTML attributes, event handlers included, and a lone '{' closes
    with a '}' the page puts after the text. A link the site does not allow (javascript: and other
    schemes) is dropped there silently, so say so here; one written with HTML entities is judged as
    the browser would read it, and refused, as the site would print the entity, not the character."""
    if isinstance(node, dict):
        for key, value in node.items():
            _check_markdown(value, (*path, key), loaded, report)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _check_markdown(value, (*path, i), loaded, report)
    elif isinstance(node, str):
        if "{" in node:
            report.error(loaded.rel, loaded.positions.at(path),
                         f"{format_path(path)}: '{{' at character {node.index('{') + 1}: on the site '{{...}}' sets HTML "
                         f"attributes (a Markdown attribute list); leave the braces out or write （ ） instead")
        if ":" in node or "](" in node:
            _check_link_targets(node, path, loaded, report)


def _check_link_targets(text: str, path: PathKey, loaded: LoadedFile, report: Report) -> None:
    for url in link_targets(text):
        if ENTITY.search(url):
            report.error(loaded.rel, loaded.positions.at(path),
                         f"{format_path(path)}: link '{url}' is written with HTML entities (read as '{html.unescape(url)}'); "
                         f"write the characters themselves")
        elif not is_safe_url(url):
            report.warning(loaded.rel, loaded.positions.at(path),
                           f"{format_path(path)}: link '{url}' will show as plain text: only http(s), mailto and tel "
                           f"links and relative links are kept; use one of those or drop the link")