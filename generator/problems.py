"""Problems a content author can cause, collected so one run reports all of them.

Who raises what: the loader, the model checks and the cross-file checks add `Problem`s to a
`Report`; nothing in the core raises on bad content. `ContentError` is raised only by commands
that must stop (build, render) and carries the report so the CLI can print it.
Our own bugs are ordinary exceptions and keep their traceback.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable, Literal

from .characters import visible

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the content root, with forward slashes
    line: int
    col: int
    severity: Severity
    message: str

    def format(self, style: str = "text") -> str:
        # A message may quote the text it is about: controls in it are shown, never sent to the terminal.
        message = visible(self.message)
        if style == "github":
            # GitHub Actions workflow command: shows the problem on the line of the pull request.
            message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            return f"::{self.severity} file={self.path},line={self.line},col={self.col}::{message}"
        return f"{visible(self.path)}:{self.line}:{self.col}: {self.severity}: {message}"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    def add(self, path: str, line: int, col: int, severity: Severity, message: str) -> None:
        self.problems.append(Problem(path, line, col, severity, message))

    def error(self, path: str, pos: tuple[int, int], message: str) -> None:
        self.add(path, pos[0], pos[1], "error", message)

    def warning(self, path: str, pos: tuple[int, int], message: str) -> None:
        self.add(path, pos[0], pos[1], "warning", message)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def promote_warnings(self) -> None:
        """--strict: every warning counts as an error."""
        self.problems = [Problem(p.path, p.line, p.col, "error", p.message) for p in self.problems]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems))

    def summary(self) -> str:
        errors, warnings = len(self.errors), len(self.warnings)
        files = f"{self.files} file{'s' * (self.files != 1)}"
        if not errors and not warnings:
            return f"ok: {files} checked, no problems"
        parts = [f"{errors} error{'s' * (errors != 1)}", f"{warnings} warning{'s' * (warnings != 1)}"]
        return f"{', '.join(parts)} in {files}"

    def format(self, style: str = "text") -> str:
        lines = [p.format(style) for p in self.sorted()]
        return "\n".join([*lines, self.summary()])


class ContentError(Exception):
    """Raised by build and render commands when the content has errors; carries the full report."""

    def __init__(self, report: Report):
        super().__init__(report.summary())
        self.report = report


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when nothing is close."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def shown(value: object, limit: int = 60) -> str:
    """A value quoted in a message: one line, and cut short when long."""
    text = str(value)
    return f"'{visible(text[:limit])}{'…' if len(text) > limit else ''}'"
