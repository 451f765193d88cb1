"""The knowledge base: every content file loaded, bound to its model and checked against the others.

`load_knowledge_base` is the one entry point every output uses. It never raises for bad content:
it returns the report, and a knowledge base only when there are no errors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .checks import check_content, texts_in
from .content import Content, read_content
from .model import KIND_GROUPS, BiasedWording, Glossary, Kit, Phase, Phases, Procedure, Question, Role, Tags, Text
from .problems import Report
from .wording import find_names


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
    tags: Tags | None = None

    @cached_property
    def _tag_labels(self) -> dict[str, Text]:
        return {t.id: t.label for t in self.tags.tags} if self.tags else {}

    def tag_label(self, tag: str, lang: str) -> str:
        """A tag's label; validate makes sure every tag in use has one."""
        label = self._tag_labels.get(tag)
        return label.get(lang) if label else tag

    @cached_property
    def role_by_id(self) -> dict[str, Role]:
        return {r.id: r for r in self.roles}

    @cached_property
    def procedure_by_id(self) -> dict[str, Procedure]:
        return {p.id: p for p in self.procedures}

    @cached_property
    def phase_by_id(self) -> dict[str, Phase]:
        return {p.id: p for p in self.phases.phases}

    @cached_property
    def term_by_id(self):
        return {t.id: t for t in self.glossary.terms}

    @cached_property
    def kit_by_id(self):
        return {k.id: k for k in self.kit.items}

    @cached_property
    def names(self) -> frozenset[str]:
        """Words the English content writes with a capital mid-sentence (names: Haier, Office), which
        keep it where a text is set after a word of ours ('When ...': wording.format_condition)."""
        models = (*self.roles, *self.procedures, self.glossary, self.kit, self.phases)
        return find_names(text.en for model in models for _, text in texts_in(model, ()) if text.en)

    def procedures_in(self, phase_id: str) -> list[Procedure]:
        return [p for p in self.procedures if p.phase == phase_id]

    def procedures_of(self, role: Role) -> list[Procedure]:
        """The role's procedures in visit order."""
        return [p for p in self.procedures if role.id in p.roles]

    def learning_path(self, role: Role) -> list[Procedure]:
        """What a trainee of `role` reads, in order: the sequences along the visit, then the situations,
        then the checklists (each in visit order). The SCORM package and the progress page follow it."""
        own = self.procedures_of(role)
        return [p for kind in ("sequence", "situation", "checklist") for p in own if p.kind == kind]

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


def load_knowledge_base(root: Path, strict: bool = False, today: dt.date | None = None) -> tuple[KnowledgeBase | None, Report]:
    """Read, check, assemble: the knowledge base and the report, or no knowledge base if anything is wrong."""
    report = Report()
    content = read_content(root, report)
    check_content(content, report, today or dt.date.today())
    if strict:
        report.promote_warnings()
    if report.errors:
        return None, report
    return assemble(content), report


def assemble(content: Content) -> KnowledgeBase:
    """The knowledge base from content that passed every check: procedures in visit order."""
    phases = content.phases.model
    phase_rank = {p.id: p.number for p in phases.phases}
    procedures = sorted((b.model for b in content.procedures), key=lambda p: (phase_rank[p.phase], KIND_GROUPS[p.kind], p.order, p.id))
    return KnowledgeBase(
        root=content.root,
        roles=tuple(sorted((b.model for b in content.roles), key=lambda r: r.id)),
        procedures=tuple(procedures),
        phases=phases,
        glossary=content.glossary.model,
        kit=content.kit.model,
        biased_wording=content.biased_wording.model if content.biased_wording else None,
        tags=content.tags.model if content.tags else None,
        files=tuple(b.file.path for b in sorted([*content.references(), *content.roles, *content.procedures, *content.quizzes],
                                                key=lambda b: b.file.rel)),
        hand_written={b.file.path.stem: tuple(b.model.questions) for b in sorted(content.quizzes, key=lambda b: b.file.rel)},
    )
