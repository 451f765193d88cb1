"""`python -m generator build`: the whole site into a fresh folder, swapped in only when it succeeded,
so a failed build leaves the previous site as it was."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from ..files import discard_staging, prepare_site_folder, swap_in_site
from ..knowledge import KnowledgeBase


def build_site(config_file: Path, out: Path, root: Path | None = None, kb: KnowledgeBase | None = None,
               downloads: bool = True) -> None:
    """Build into a sibling staging folder, then swap it in for `out`. Raises MkDocsException when the
    build fails, UnsafeOutput when `out` is not a folder a build may replace (see files.py).

    `root` (the content folder) overrides the plugin's `root` option from the config file; `kb`, the
    content already loaded from it, saves the plugin loading it again; `downloads=False` builds
    without rendering PDFs (the pages say so).
    """
    _show_mkdocs_messages()
    staging = prepare_site_folder(out, protected=[Path(root or "."), Path(config_file), Path.cwd()])
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
    except BaseException:
        discard_staging(staging)
        raise
    swap_in_site(staging, out)


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
