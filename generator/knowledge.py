"""The knowledge base: every content file loaded, bound to its model and checked against the others.

`load_knowledge_base` is the one entry point every output uses. It never raises for bad content:
it returns the report, and a knowledge base only when there are no errors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import checks
from .loader import LoadedFile, load_yaml
from .model import KIND_GROUPS, BiasedWording, Glossary, Kit, Phases, Procedure, Question, Questions, Role
from .model.validation import bind
from .problems import Report

# The single files beside roles/ and procedures/, and whether a knowledge base needs them.
REFERENCE_FILES = {
    "phases.yml": (Phases, True),
    "glossary.yml": (Glossary, True),
    "kit.yml": (Kit, True),
    "biased-wording.yml": (BiasedWording, False),
}
# Folders of one file per item, and whether a knowledge base needs them (quizzes are optional).
COLLECTIONS = {"roles": (Role, True), "procedures": (Procedure, True), "quizzes": (Questions, False)}
SCHEMA_NAMES = {
    Role: "role", Procedure: "procedure", Phases: "phases", Glossary: "glossary", Kit: "kit",
    BiasedWording: "biased-wording", Questions: "questions",
}


@dataclass(frozen=True)
class KnowledgeBase:
    """One validated, immutable view of all content. Procedures are in visit order: phase by phase,
    each phase's sequences by order, then its checklists and its situations."""

    root: Path
    roles: tuple[Role, ...]
    procedures: tuple[Procedure, ...]
    phases: Phases
    glossary: Glossary
    kit: Kit
    biased_wording: BiasedWording | None
    files: tuple[Path, ...] = field(default=())
    hand_written: dict[str, tuple[Question, ...]] = field(default_factory=dict)  # role id → its quizzes/<role-id>.yml

    @cached_property
    def role_by_id(self) -> dict[str, Role]:
        return {r.id: r for r in self.roles}

    @cached_property
    def procedure_by_id(self) -> dict[str, Procedure]:
        return {p.id: p for p in self.procedures}

    @cached_property
    def term_by_id(self):
        return {t.id: t for t in self.glossary.terms}

    @cached_property
    def kit_by_id(self):
        return {k.id: k for k in self.kit.items}

    def procedures_in(self, phase_id: str) -> list[Procedure]:
        return [p for p in self.procedures if p.phase == phase_id]

    def procedures_of(self, role: Role) -> list[Procedure]:
        """The role's procedures in visit order."""
        return [p for p in self.procedures if role.id in p.roles]

    @cached_property
    def line(self) -> tuple[Procedure, ...]:
        """The sequences: the line of the visit, in order. Checklists and situations are not on it."""
        return tuple(p for p in self.procedures if p.on_the_line)

    @cached_property
    def _position(self) -> dict[str, int]:
        return {p.id: i for i, p in enumerate(self.line)}

    def neighbours(self, procedure: Procedure) -> tuple[Procedure | None, Procedure | None]:
        """The sequences before and after this one along the visit; none for a checklist or a situation."""
        i = self._position.get(procedure.id)  # by id: tuple.index compares whole models, O(n) each
        if i is None:
            return None, None
        return (self.line[i - 1] if i else None, self.line[i + 1] if i + 1 < len(self.line) else None)

    @cached_property
    def _situations_by_place(self) -> dict[str, tuple[Procedure, ...]]:
        found: dict[str, list[Procedure]] = {}
        for p in self.procedures:
            for place in p.arises_in:
                found.setdefault(place, []).append(p)
        return {place: tuple(items) for place, items in found.items()}

    def situations_in(self, procedure: Procedure) -> tuple[Procedure, ...]:
        """The situations that typically arise during `procedure` (their `arises_in` names it), in visit order."""
        return self._situations_by_place.get(procedure.id, ())


def content_files(root: Path) -> list[Path]:
    """Every file the knowledge base is read from (for watching and for counting)."""
    found = [root / name for name in REFERENCE_FILES if (root / name).is_file()]
    for folder in COLLECTIONS:
        if (root / folder).is_dir():
            found += sorted(p for p in (root / folder).iterdir() if p.is_file() and not p.name.startswith("."))
    return found


def load_knowledge_base(root: Path, strict: bool = False, today: dt.date | None = None) -> tuple[KnowledgeBase | None, Report]:
    root = Path(root)
    report = Report()
    bound: dict[str, list[tuple[object, LoadedFile]]] = {}
    singles: dict[str, tuple[object, LoadedFile] | None] = {}

    for name, (model, required) in REFERENCE_FILES.items():
        path = root / name
        singles[name] = None
        if not path.is_file():
            if required:
                report.error(name, (1, 1), f"missing file; the knowledge base needs {name} beside roles/ and procedures/")
            continue
        report.files += 1
        singles[name] = _read(path, name, model, report)

    for folder, (model, required) in COLLECTIONS.items():
        bound[folder] = []
        if not (root / folder).is_dir():
            if not required:
                continue
            report.error(folder, (1, 1), f"missing folder; create {folder}/ with one .yml file per {model.__name__.lower()}")
            continue
        for path in sorted((root / folder).iterdir()):
            if path.name.startswith(".") or not path.is_file():
                continue
            rel = f"{folder}/{path.name}"
            report.files += 1
            if path.suffix != ".yml":
                report.error(rel, (1, 1), f"not a content file: name it <id>.yml (only .yml files are read in {folder}/)")
                continue
            item = _read(path, rel, model, report)
            if item:
                bound[folder].append(item)

    checks.check_all(root, singles, bound, report, today or dt.date.today())
    if strict:
        report.promote_warnings()
    if report.errors:
        return None, report

    phase_rank = {p.id: p.number for p in singles["phases.yml"][0].phases}
    procedures = sorted((p for p, _ in bound["procedures"]), key=lambda p: (phase_rank[p.phase], KIND_GROUPS[p.kind], p.order, p.id))
    wording = singles["biased-wording.yml"]
    kb = KnowledgeBase(
        root=root,
        roles=tuple(sorted((r for r, _ in bound["roles"]), key=lambda r: r.id)),
        procedures=tuple(procedures),
        phases=singles["phases.yml"][0],
        glossary=singles["glossary.yml"][0],
        kit=singles["kit.yml"][0],
        biased_wording=wording[0] if wording else None,
        files=tuple(content_files(root)),
        hand_written={loaded.path.stem: tuple(q.questions) for q, loaded in sorted(bound["quizzes"], key=lambda pair: pair[1].rel)},
    )
    return kb, report


def _read(path: Path, rel: str, model: type, report: Report) -> tuple[object, LoadedFile] | None:
    loaded = load_yaml(path, rel, report)
    if loaded is None:
        return None
    checks.check_schema_line(loaded, SCHEMA_NAMES[model], report)
    instance = bind(loaded, model, report)
    return (instance, loaded) if instance is not None else None
