"""`python -m generator build`: the whole site into a fresh folder, swapped in only when it succeeded,
so a failed build leaves the previous site as it was."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..knowledge import KnowledgeBase


def build_site(config_file: Path, out: Path, root: Path | None = None, kb: KnowledgeBase | None = None,
               downloads: bool = True) -> None:
    """Build into a sibling temporary folder, then replace `out` with it. Raises MkDocsException on failure.

    `root` (the content folder) overrides the plugin's `root` option from the config file; `kb`, the
    content already loaded from it, saves the plugin loading it again; `downloads=False` builds
    without rendering PDFs (the pages say so).
    """
    _show_mkdocs_messages()
    out = out.resolve()
    staging = out.with_name(f".{out.name}.staging")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        config = load_config(str(config_file), site_dir=str(staging))
        plugin = config.plugins["knowledge-base"]
        if root is not None:
            plugin.config.root = str(Path(root).resolve())
        plugin.kb = kb
        plugin.config.downloads = downloads
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


def _show_mkdocs_messages() -> None:
    """MkDocs reports problems (broken links, strict-mode failures) through logging; print them."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "kb_handler", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handler.setLevel(logging.WARNING)
        handler.kb_handler = True
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
