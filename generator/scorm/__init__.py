"""SCORM 1.2 packages: a role's learning path and quiz as one self-contained SCO an LMS can import
(package.py builds the zip, content.py what is inside)."""

from __future__ import annotations

from ..model import Role


def package_name(role: Role, lang: str) -> str:
    """The package's file name, also in the site beside the role's training page."""
    return f"{role.id}-scorm-{lang}.zip"
