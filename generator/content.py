"""The content files read from disk, each bound to its model, before the cross-file checks.

`read_content` reads every file under a content root (the reference files beside roles/ and
procedures/, and one file per item in each folder); a file that fails to read or bind is reported
and left out, so the checks judge what did load.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from .loader import LoadedFile, load_yaml
from .model import BiasedWording, Glossary, Kit, Phases, Procedure, Questions, Role, Tags
from .model.validation import bind
from .problems import Report

M = TypeVar("M")

SCHEMA_LINE = "# yaml-language-server: $schema="
# The single files beside roles/ and procedures/: model, and whether a knowledge base needs them.
REFERENCE_FILES = {
    "phases.yml": (Phases, True),
    "glossary.yml": (Glossary, True),
    "kit.yml": (Kit, True),
    "biased-wording.yml": (BiasedWording, False),
    "tags.yml": (Tags, False),
}
# Folders of one file per item: model, and whether a knowledge base needs them (quizzes are optional).
COLLECTIONS = {"roles": (Role, True), "procedures": (Procedure, True), "quizzes": (Questions, False)}
SCHEMA_NAMES = {
    Role: "role", Procedure: "procedure", Phases: "phases", Glossary: "glossary", Kit: "kit",
    BiasedWording: "biased-wording", Questions: "questions", Tags: "tags",
}


class Bound(NamedTuple, Generic[M]):
    """A model instance and the file it came from (for positions in messages)."""

    model: M
    file: LoadedFile


@dataclass
class Content:
    root: Path
    phases: Bound[Phases] | None = None
    glossary: Bound[Glossary] | None = None
    kit: Bound[Kit] | None = None
    biased_wording: Bound[BiasedWording] | None = None
    tags: Bound[Tags] | None = None
    roles: list[Bound[Role]] = field(default_factory=list)
    procedures: list[Bound[Procedure]] = field(default_factory=list)
    quizzes: list[Bound[Questions]] = field(default_factory=list)

    def references(self) -> list[Bound]:
        return [b for b in (self.phases, self.glossary, self.kit, self.biased_wording, self.tags) if b is not None]

    def stems(self, folder: str) -> set[str]:
        """Names of the files in a folder, loaded or not: ids that exist, so a typo in one file
        does not make every reference to it an error too."""
        where = self.root / folder
        return {p.stem for p in where.glob("*.yml")} if where.is_dir() else set()


def content_files(root: Path) -> list[Path]:
    """Every file the knowledge base is read from (for watching and for counting)."""
    found = [root / name for name in REFERENCE_FILES if (root / name).is_file()]
    for folder in COLLECTIONS:
        if (root / folder).is_dir():
            found += sorted(p for p in (root / folder).iterdir() if p.is_file() and not p.name.startswith("."))
    return found


def read_content(root: Path, report: Report) -> Content:
    content = Content(Path(root))
    for name, (model, required) in REFERENCE_FILES.items():
        path = content.root / name
        if not path.is_file():
            if required:
                report.error(name, (1, 1), f"missing file; the knowledge base needs {name} beside roles/ and procedures/")
            continue
        report.files += 1
        attribute = name.removesuffix(".yml").replace("-", "_")
        setattr(content, attribute, _read(path, name, model, report))

    for folder, (model, required) in COLLECTIONS.items():
        if not (content.root / folder).is_dir():
            if required:
                report.error(folder, (1, 1), f"missing folder; create {folder}/ with one .yml file per {model.__name__.lower()}")
            continue
        items: list[Bound] = getattr(content, folder)
        for path in sorted((content.root / folder).iterdir()):
            if path.name.startswith(".") or not path.is_file():
                continue
            rel = f"{folder}/{path.name}"
            report.files += 1
            if path.suffix != ".yml":
                report.error(rel, (1, 1), f"not a content file: name it <id>.yml (only .yml files are read in {folder}/)")
                continue
            item = _read(path, rel, model, report)
            if item:
                items.append(item)
    return content


def _read(path: Path, rel: str, model: type[M], report: Report) -> Bound[M] | None:
    loaded = load_yaml(path, rel, report)
    if loaded is None:
        return None
    _check_schema_line(loaded, SCHEMA_NAMES[model], report)
    instance = bind(loaded, model, report)
    return Bound(instance, loaded) if instance is not None else None


def _check_schema_line(loaded: LoadedFile, schema: str, report: Report) -> None:
    """Editors autocomplete only when the first line names the schema."""
    depth = loaded.rel.count("/")
    expected = f"{SCHEMA_LINE}{'../' * depth}schema/{schema}.schema.json"
    if loaded.first_line.strip() != expected:
        report.warning(loaded.rel, (1, 1), f"first line should be '{expected}' so editors can check and complete this file")
