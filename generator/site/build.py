"""`python -m generator build`: the whole site into a fresh folder, swapped in only when it succeeded,
so a failed build leaves the previous site as it was. Either engine builds it from the same sources
(docs.py) and finishes it the same way (finishing.py):

- MkDocs with Material (the default): the knowledge-base plugin hands each language's files to MkDocs
  in memory; the Chinese build builds the English one into `en/` (see plugin.py).
- Zensical, the successor of Material by its authors: it runs no MkDocs plugins, so each language is
  written as a project of plain files (docs.write_project), Zensical builds both at once, and the two
  sites are put together as MkDocs puts them (Chinese at the root, English under `en/`).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

from ..files import discard_staging, prepare_site_folder, swap_in_site
from ..knowledge import KnowledgeBase
from ..pdf import FontError, PrintError
from ..wording import lang_prefix
from . import ENGINES
from .docs import PROJECT_CONFIG, SiteConfigError, SiteSources, list_copied_folders, list_searchable, load_language_configs, render_sources, write_project
from .finishing import finish_language
from .search import SearchIndexError

# Where the Zensical build writes its language projects: inside the staging folder, so a build killed
# midway leaves nothing beside it (the next build clears the staging folder).
_ENGINE_WORK = ".engine"
_ROUTINE = re.compile(r"^(Build started|No issues found|Build finished in .*)$")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class SiteBuildError(Exception):
    """Raised by build_site when the site cannot be built: the configuration, a PDF, Zensical or the
    search index failed (MkDocs' own failures stay MkDocsException); the message is for the reader."""


def build_site(config_file: Path, out: Path, kb: KnowledgeBase, root: Path | None = None,
               downloads: bool = True, engine: str = "mkdocs") -> None:
    """Build `kb` into a sibling staging folder with `engine`, then swap it in for `out`. Raises
    SiteBuildError or MkDocsException when the build fails, UnsafeOutput when `out` is not a folder a
    build may replace (see files.py).

    `root` (the content folder) overrides the plugin's `root` option from the config file, so that
    `mkdocs serve` would watch it; `downloads=False` builds without rendering PDFs (the pages say so).
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}")
    configs, copied = None, []
    if engine == "zensical":
        if importlib.util.find_spec("zensical") is None:
            raise SiteBuildError("Zensical is not installed: pip install -e '.[zensical]' (make setup installs it)")
        try:
            configs = load_language_configs(config_file)
            copied = list_copied_folders(configs)
        except SiteConfigError as err:
            raise SiteBuildError(str(err)) from None
    staging = prepare_site_folder(out, protected=[Path(root or "."), Path(config_file), Path.cwd()], sources=copied)
    try:
        try:
            sources = render_sources(kb, pdfs=downloads)
        except (PrintError, FontError) as err:
            raise SiteBuildError(f"printable documents: {err}") from err
        if configs is None:
            _build_with_mkdocs(config_file, staging, sources, root)
        else:
            _build_with_zensical(configs, staging, sources)
    except BaseException:
        discard_staging(staging)
        raise
    swap_in_site(staging, out)


def _build_with_mkdocs(config_file: Path, staging: Path, sources: SiteSources, root: Path | None) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    _show_mkdocs_messages()
    config = load_config(str(config_file), site_dir=str(staging))
    plugin = config.plugins["knowledge-base"]
    if root is not None:
        plugin.config.root = str(Path(root).resolve())
    plugin.sources = sources
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def _build_with_zensical(configs: dict[str, dict], staging: Path, sources: SiteSources) -> None:
    """Write each language's project (`configs`: docs.load_language_configs), build them all with
    Zensical at once, move each site to its place in `staging` (the root language's at the top), then
    finish the languages as the MkDocs build does: the root language is indexed while the translation
    is finished."""
    work = staging / _ENGINE_WORK
    # Zensical imports the content's Markdown extensions (docs.CONTENT_EXTENSIONS) from this generator.
    package_parent = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")]))}
    running, docs, failed = {}, {}, []
    try:
        for lang, config in configs.items():
            project = work / lang
            docs[lang] = write_project(project, sources, lang, config)
            running[lang] = subprocess.Popen([sys.executable, "-m", "zensical", "build", "--config-file", str(project / PROJECT_CONFIG)],
                                             cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        for lang, process in running.items():
            told = _read_zensical_output(process.communicate()[0])
            if process.returncode != 0:
                failed.append(f"zensical ({lang} site): {told or 'exit ' + str(process.returncode)}")
            elif told:
                print(told, file=sys.stderr)
    finally:
        for process in running.values():  # a failure (or Ctrl-C) here leaves no build running
            if process.poll() is None:
                process.kill()
                process.wait()
    if failed:
        raise SiteBuildError("\n".join(failed))
    for lang in configs:
        built = work / lang / "site"
        if lang_prefix(lang):
            built.rename(staging / lang_prefix(lang).strip("/"))
        else:
            for entry in built.iterdir():
                entry.rename(staging / entry.name)
    discard_staging(work)

    def finish(langs: list[str]) -> None:
        lang, rest = langs[0], langs[1:]
        finish_language(staging / lang_prefix(lang), sources.kb, lang, list_searchable(docs[lang]),
                        configs[lang].get("extra", {}).get("alternate", []), meanwhile=(lambda: finish(rest)) if rest else None)

    try:
        finish(list(configs))
    except SearchIndexError as err:
        raise SiteBuildError(str(err)) from err


def _read_zensical_output(output: str) -> str:
    """What Zensical said that a reader needs: its warnings, and for a failure the error itself
    without the Python traceback around it; not its progress lines."""
    kept, in_traceback = [], False
    for line in _ANSI.sub("", output).splitlines():
        if line.startswith("Traceback (most recent call last):"):
            in_traceback = True
            continue
        if in_traceback:
            if line.startswith(" "):
                continue
            in_traceback = False
            line = re.sub(r"^\w*(Error|Exception): ", "", line)
        if line.strip() and not _ROUTINE.match(line.strip()):
            kept.append(line)
    return "\n".join(kept)


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
