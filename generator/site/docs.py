"""The site's sources, per language, as any engine of the MkDocs family reads them: every page as
Markdown (front matter, relative `.md` links), the downloads, the web app manifest and icons, the
static assets of `docs/` and the theme overrides. Knows nothing of MkDocs.

Everything is rendered once for both languages (`render_sources`); `render_docs` picks one
language's files out of that. The MkDocs plugin hands those files to MkDocs in memory; `pages
--out` and the Zensical build write them to disk with `write_project`: one folder per language,
each a project of its own (`mkdocs.yml`, `docs/`, `overrides/`), since an engine builds one
language per project (each language has its own search index and `<html lang>`).
"""

from __future__ import annotations

import copy
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import yaml

from ..knowledge import KnowledgeBase
from ..quiz import Quiz
from ..quiz.pages import build_site_quizzes
from ..wording import SITE_LABELS, lang_prefix, page_language
from .downloads import render_downloads
from .pages import page_url, render_nav, render_pages
from .webapp import ICON_SIZES, MANIFEST_FILE, render_icon, render_manifest

PLUGIN = "knowledge-base"  # the MkDocs plugin's name in mkdocs.yml (pyproject.toml's entry point)
PROJECT_CONFIG = "mkdocs.yml"  # each written language project's configuration
# Markdown extensions every engine must run on the pages (content links that would run code become
# text), by import path so a written mkdocs.yml names them too. The MkDocs plugin adds the same list.
CONTENT_EXTENSIONS = ("generator.markup:SafeHtmlExtension",)

_PDF_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]+\.pdf\)(?:\{[^}]*\})?")
_SEARCH_KIND = re.compile(r"^search: *\S", re.MULTILINE)


class SiteConfigError(Exception):
    """Raised by load_language_configs when the site configuration cannot be read; one line for the reader."""


@dataclass(frozen=True)
class SiteSources:
    """What every language build is made of, rendered once: each role's quiz (shared by its pages and
    its downloads), the pages of both languages (`path.md`, `en/path.md`) and every download."""

    kb: KnowledgeBase
    quizzes: dict[str, Quiz]
    pages: dict[str, str]
    downloads: dict[str, bytes]
    pdfs: bool  # False: no PDF was rendered (`--no-downloads`); links to them become a note


def render_sources(kb: KnowledgeBase, pdfs: bool = True) -> SiteSources:
    """Quizzes, pages and downloads of both languages; without `pdfs`, every download but the PDFs.
    Raises PrintError or FontError when a PDF cannot be rendered."""
    quizzes = build_site_quizzes(kb)
    pages = render_pages(kb, quizzes)
    downloads = render_downloads(kb, quizzes, pdfs=pdfs)
    return SiteSources(kb, quizzes, pages, downloads, pdfs)


def render_docs(sources: SiteSources, lang: str, config: Mapping) -> dict[str, str | bytes]:
    """Every generated file of one language's docs folder, by path inside it: the pages, the
    downloads, the web app manifest and its icons. `config` is that language's site configuration
    (its `site_name`, `site_description` and `extra.theme_color` name and colour the app)."""
    prefix = lang_prefix(lang)
    note = SITE_LABELS[lang]["not_built"]
    files: dict[str, str | bytes] = {}
    for path, text in sources.pages.items():
        if page_language(path) == lang:
            # Without PDFs a link to one becomes its text and a note, so no page links a missing file.
            if not sources.pdfs and path.endswith(".md"):
                text = _PDF_LINK.sub(lambda m: f"{m.group(1)} {note}", text)
            files[path.removeprefix(prefix)] = text
    for path, data in sources.downloads.items():
        if page_language(path) == lang:
            files[path.removeprefix(prefix)] = data
    colour = config["extra"]["theme_color"]
    files[MANIFEST_FILE] = render_manifest(config["site_name"], SITE_LABELS[lang]["short_name"],
                                           config.get("site_description") or "", lang, colour)
    for size in ICON_SIZES:
        files[f"icons/icon-{size}.png"] = render_icon(size, colour)
    return files


def list_searchable(docs: Mapping[str, str | bytes]) -> list[str]:
    """The built paths (`procedures/x/index.html`) of the pages whose front matter says what they are
    (`search: procedure`): the pages the search indexes (overrides/main.html marks their body)."""
    found = []
    for path, text in docs.items():
        if path.endswith(".md") and isinstance(text, str) and text.startswith("---\n"):
            front = text[4:].split("\n---\n", 1)[0]
            if _SEARCH_KIND.search(front):
                found.append(page_url(path) + "index.html")
    return sorted(found)


# ---- the site configuration, per language --------------------------------------------------------

def load_language_configs(config_file: Path) -> dict[str, dict]:
    """Each language's site configuration as plain data, the root language first: `config_file` (the
    language its knowledge-base plugin names) and the file its `translation` option names, each with
    INHERIT resolved as MkDocs resolves it (mappings merged key by key, anything else replaced)."""
    configs: dict[str, dict] = {}
    path: Path | None = Path(config_file)
    while path is not None:
        config = _read_config(path)
        options = _plugin_options(config, path)
        lang = options.get("lang", "zh")
        if lang in configs:
            raise SiteConfigError(f"{path}: plugin {PLUGIN}: language '{lang}' is built twice; each translation needs a language of its own")
        configs[lang] = config
        translation = options.get("translation")
        path = path.parent / translation if translation else None
    return configs


def project_config(config: dict, kb: KnowledgeBase, lang: str) -> dict:
    """The configuration of one written language project: `config` with the project's own folders
    (`docs/`, `overrides/`, the site in `site/`), the sidebar written out, the knowledge-base plugin
    left out (its work is in the written files) and the content's Markdown extensions named."""
    project = copy.deepcopy(config)
    project.pop("config_dir", None)
    project["docs_dir"] = "docs"
    project["site_dir"] = "site"
    theme = project.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = "overrides"
    project["nav"] = render_nav(kb, lang)
    plugins = project.get("plugins")
    if isinstance(plugins, dict):
        plugins.pop(PLUGIN, None)
    elif isinstance(plugins, list):
        project["plugins"] = [p for p in plugins if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]
    extensions = list(project.get("markdown_extensions") or [])
    project["markdown_extensions"] = extensions + [name for name in CONTENT_EXTENSIONS if name not in extensions]
    return project


def list_copied_folders(configs: dict[str, dict]) -> list[Path]:
    """The folders write_project copies from (each language's docs folder and theme overrides)."""
    folders = []
    for config in configs.values():
        source = Path(config["config_dir"])
        folders.append(source / config.get("docs_dir", "docs"))
        theme = config.get("theme")
        if isinstance(theme, dict) and theme.get("custom_dir"):
            folders.append(source / theme["custom_dir"])
    for folder in folders:
        if not folder.is_dir():
            raise SiteConfigError(f"{folder}: no such folder; the site configuration names it (docs_dir or theme.custom_dir)")
    return folders


def write_project(folder: Path, sources: SiteSources, lang: str, config: dict) -> dict[str, str | bytes]:
    """Write one language as a project any engine of the MkDocs family builds (`mkdocs build -f` or
    `zensical build -f FOLDER/mkdocs.yml`, into FOLDER/site): its `mkdocs.yml`, its `docs/` (the
    static assets of the site's docs folder and every generated file) and the theme overrides.
    `config` is that language's configuration from load_language_configs. Returns the generated files
    (render_docs), by path inside `docs/`."""
    source = Path(config["config_dir"])
    folder.mkdir(parents=True, exist_ok=True)
    docs = folder / "docs"
    shutil.copytree(source / config.get("docs_dir", "docs"), docs)
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        shutil.copytree(source / theme["custom_dir"], folder / "overrides")
    made: set[Path] = set()
    generated = render_docs(sources, lang, config)
    for path, content in generated.items():
        target = docs / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)
    header = (f"# Written by `python -m generator` from {source.name}/: every page of the '{lang}' site, as plain files.\n"
              "# Build it with `zensical build -f mkdocs.yml` or `mkdocs build -f mkdocs.yml`; the search index and\n"
              "# the offline web app are added by `python -m generator build`. Edit the content, not these files.\n")
    project = project_config(config, sources.kb, lang)
    (folder / PROJECT_CONFIG).write_text(header + yaml.safe_dump(project, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return generated


def _read_config(path: Path) -> dict:
    """One configuration file with its INHERIT chain resolved; `config_dir` records the folder its
    relative paths (docs_dir, custom_dir) start from."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise SiteConfigError(f"{path}: cannot read the site configuration: {err.strerror}") from None
    try:
        config = yaml.safe_load(text) or {}
    except yaml.YAMLError as err:
        raise SiteConfigError(f"{path}: not a configuration this build reads (plain YAML, no tags): {str(err).splitlines()[0]}") from None
    if not isinstance(config, dict):
        raise SiteConfigError(f"{path}: a site configuration is a mapping of settings")
    parent = config.pop("INHERIT", None)
    if parent:
        config = _merge(_read_config(path.parent / parent), config)
    config["config_dir"] = str(path.parent.resolve())
    return config


def _merge(parent: dict, child: dict) -> dict:
    merged = dict(parent)
    for key, value in child.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged


def _plugin_options(config: dict, path: Path) -> dict:
    plugins = config.get("plugins") or {}
    if isinstance(plugins, list):
        plugins = {k: v for p in plugins for k, v in (p.items() if isinstance(p, dict) else [(p, {})])}
    if PLUGIN not in plugins:
        raise SiteConfigError(f"{path}: the site configuration does not use the {PLUGIN} plugin, so it builds none of the pages; "
                              f"add `plugins: {{{PLUGIN}: {{lang: zh}}}}`")
    return plugins[PLUGIN] or {}
