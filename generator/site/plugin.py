"""MkDocs adapter: hands one language's files (docs.py: pages, downloads, web app manifest and
icons) to MkDocs as virtual files, sets the sidebar, finishes each language once it is built
(finishing.py: search index, offline web app) and watches the YAML so `mkdocs serve` reloads on an
edit. All rendering lives in docs.py and pages.py; the Zensical build uses the same files on disk.

One language per MkDocs build, so each language gets its own search index and offline cache
(results stay in the reader's language) and its own `theme.language` (<html lang>, interface words). mkdocs.yml is the
Chinese build at the site root; after it, `on_post_build` builds mkdocs.en.yml into `<site>/en/`,
so `mkdocs build`, `mkdocs serve` and `python -m generator build` all produce the whole site.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import config_options, load_config
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from ..content import COLLECTIONS, content_files
from ..knowledge import load_knowledge_base
from ..pdf import FontError, PrintError
from .docs import CONTENT_EXTENSIONS, SiteSources, list_searchable, render_docs, render_sources
from .finishing import finish_language
from .pages import render_nav
from .search import SearchIndexError

log = logging.getLogger("mkdocs.plugins.knowledge-base")


class KnowledgeBaseConfig(Config):
    root = config_options.Type(str, default=".")
    strict = config_options.Type(bool, default=False)
    lang = config_options.Choice(("zh", "en"), default="zh")
    # False: no PDFs are rendered (a quick preview, the bench corpora); links to them become a note.
    downloads = config_options.Type(bool, default=True)
    # The other language's config, built into <site_dir>/<lang>/ after this one (only on the root build).
    translation = config_options.Optional(config_options.Type(str))


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    # Set before on_config by `python -m generator build` (which has rendered them already), and by
    # the root build when it builds the translation, so content loads, quizzes are built and
    # everything renders once for both languages.
    sources: SiteSources | None = None

    def _root(self, config) -> Path:
        return (Path(config.config_file_path).parent / self.config.root).resolve()

    def on_config(self, config):
        if self.sources is None:
            kb, report = load_knowledge_base(self._root(config), strict=self.config.strict)
            for problem in report.sorted():
                (log.error if problem.severity == "error" else log.warning)(problem.format())
            if kb is None:
                raise PluginError(f"content has errors: {report.summary()}")
            try:
                self.sources = render_sources(kb, pdfs=self.config.downloads)
            except (PrintError, FontError) as err:
                raise PluginError(f"printable documents: {err}") from err
        config.nav = render_nav(self.sources.kb, self.config.lang)
        for name in CONTENT_EXTENSIONS:
            module, _, cls = name.partition(":")
            config.markdown_extensions.append(getattr(importlib.import_module(module), cls)())
        return config

    def on_files(self, files: Files, config) -> Files:
        self.docs = render_docs(self.sources, self.config.lang, config)
        for path, content in self.docs.items():
            files.append(File.generated(config, path, content=content))
        return files

    # Last, once every page of this language is written: index it, building the translation into a
    # folder of this build meanwhile (left out of this index and cache), then list it for the offline cache.
    @event_priority(-100)
    def on_post_build(self, config) -> None:
        translate = (lambda: self._build_translation(config)) if self.config.translation else None
        try:
            finish_language(Path(config.site_dir), self.sources.kb, self.config.lang, list_searchable(self.docs),
                            config.extra.get("alternate", []), meanwhile=translate)
        except SearchIndexError as err:
            raise PluginError(str(err)) from err

    def _build_translation(self, config) -> None:
        translation = Path(config.config_file_path).parent / self.config.translation
        other = load_config(str(translation))
        plugin = other.plugins["knowledge-base"]
        plugin.sources = self.sources
        lang = plugin.config.lang
        other.site_dir = str(Path(config.site_dir) / lang)
        other.plugins.on_startup(command="build", dirty=False)
        try:
            build(other)
        finally:
            other.plugins.on_shutdown()

    def on_serve(self, server, config, builder):
        root = self._root(config)
        folders = [root / name for name in COLLECTIONS if (root / name).is_dir()]
        for path in [*folders, *content_files(root)]:
            server.watch(str(path))
        return server
