"""JSON Schema for every content file kind, so editors can check and autocomplete YAML."""

from __future__ import annotations

import json
from pathlib import Path

from .content import SCHEMA_NAMES
from .files import UnsafeOutput, write_atomic


def render_schemas() -> dict[str, str]:
    """File name → JSON text for each content file kind."""
    out = {}
    for model, name in SCHEMA_NAMES.items():
        schema = model.model_json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.schema.json", **schema}
        out[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write_schemas(out_dir: Path) -> list[Path]:
    if out_dir.exists() and not out_dir.is_dir():
        raise UnsafeOutput(f"{out_dir} is not a folder; give a folder for the schema files, e.g. --out schema")
    written = []
    for name, text in render_schemas().items():
        path = out_dir / name
        write_atomic(path, text)
        written.append(path)
    return written
