"""The committed JSON Schema matches the models, and every content file points its editor at it."""

from __future__ import annotations

from pathlib import Path

from generator.content import SCHEMA_LINE
from generator.content import content_files
from generator.schema import render_schemas

REPO = Path(__file__).resolve().parents[1]


def test_committed_schema_is_current():
    for name, text in render_schemas().items():
        committed = REPO / "schema" / name
        assert committed.is_file(), f"schema/{name} missing: run python -m generator schema"
        assert committed.read_text(encoding="utf-8") == text, f"schema/{name} is stale: run python -m generator schema"


def test_every_content_file_names_an_existing_schema():
    files = content_files(REPO)
    assert len(files) >= 39  # 4 reference files, 4 roles, 31 procedures
    for path in files:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith(SCHEMA_LINE), path
        target = (path.parent / first.removeprefix(SCHEMA_LINE)).resolve()
        assert target.is_file(), f"{path}: {target} does not exist"


def test_schema_forbids_unknown_keys():
    import json

    procedure = json.loads(render_schemas()["procedure.schema.json"])
    assert procedure["additionalProperties"] is False
    assert {"kind", "purpose"} <= set(procedure["required"])
