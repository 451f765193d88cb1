"""`python -m generator build`: the whole site into a fresh folder, swapped in only when it succeeded,
so a failed build leaves the previous site as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException


def build_site(config_file: Path, out: Path) -> None:
    """Build into a sibling temporary folder, then replace `out` with it. Raises MkDocsException on failure."""
    out = out.resolve()
    staging = out.with_name(f".{out.name}.staging")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        config = load_config(str(config_file), site_dir=str(staging))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, OSError):
        shutil.rmtree(staging, ignore_errors=True)
        raise
    retired = out.with_name(f".{out.name}.old")
    shutil.rmtree(retired, ignore_errors=True)
    if out.exists():
        out.rename(retired)
    staging.rename(out)
    shutil.rmtree(retired, ignore_errors=True)
