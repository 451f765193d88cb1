"""MkDocs adapter: loads the knowledge base, hands its pages to MkDocs as virtual files, sets the
sidebar, teaches search the domain words and watches the YAML so `mkdocs serve` reloads on an edit.
All rendering lives in pages.py.

One language per MkDocs build, so each language gets its own search index (results stay in the
reader's language) and its own `theme.language` (<html lang>, interface words). mkdocs.yml is the
Chinese build at the site root; after it, `on_post_build` builds mkdocs.en.yml into `<site>/en/`,
so `mkdocs build`, `mkdocs serve` and `python -m generator build` all produce the whole site.
Downloads (PDFs, GIFT) are files of each language build, rendered once (see downloads.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import config_options, load_config
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from ..pdf import FontError, PrintError
from ..content import COLLECTIONS, content_files
from ..knowledge import KnowledgeBase, load_knowledge_base
from .dictionary import load_search_words
from .downloads import render_downloads
from ..markup import SafeLinksExtension
from ..quiz import Quiz
from ..quiz.pages import build_site_quizzes
from ..wording import lang_prefix, page_language
from .pages import render_nav, render_pages

log = logging.getLogger("mkdocs.plugins.knowledge-base")


class KnowledgeBaseConfig(Config):
    root = config_options.Type(str, default=".")
    strict = config_options.Type(bool, default=False)
    lang = config_options.Choice(("zh", "en"), default="zh")
    # The other language's config, built into <site_dir>/<lang>/ after this one (only on the root build).
    translation = config_options.Optional(config_options.Type(str))


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    # Set before on_config by `python -m generator build` (which has loaded the content already),
    # and by the root build when it builds the translation, so content loads, quizzes are built and
    # everything renders once for both languages.
    kb: KnowledgeBase | None = None
    quizzes: dict[str, Quiz] | None = None
    pages: dict[str, str] | None = None
    downloads: dict[str, bytes] | None = None

    def _root(self, config) -> Path:
        return (Path(config.config_file_path).parent / self.config.root).resolve()

    def on_config(self, config):
        if self.kb is None:
            kb, report = load_knowledge_base(self._root(config), strict=self.config.strict)
            for problem in report.sorted():
                (log.error if problem.severity == "error" else log.warning)(problem.format())
            if kb is None:
                raise PluginError(f"content has errors: {report.summary()}")
            self.kb = kb
        if self.quizzes is None:
            self.quizzes = build_site_quizzes(self.kb)
        if self.pages is None:
            self.pages = render_pages(self.kb, self.quizzes)
        load_search_words(self.kb)
        config.nav = render_nav(self.kb, self.config.lang)
        config.markdown_extensions.append(SafeLinksExtension())
        return config

    def on_files(self, files: Files, config) -> Files:
        lang = self.config.lang
        for path, text in self.pages.items():
            if page_language(path) == lang:
                files.append(File.generated(config, path.removeprefix(lang_prefix(lang)), content=text))
        if self.downloads is None:
            try:
                self.downloads = render_downloads(self.kb, self.quizzes)
            except (PrintError, FontError) as err:
                raise PluginError(f"printable documents: {err}") from err
        for path, data in self.downloads.items():
            if page_language(path) == lang:
                files.append(File.generated(config, path.removeprefix(lang_prefix(lang)), content=data))
        return files

    # Last, after search has written this language's index: MkDocs caches plugins that have startup
    # hooks (Material's search does) across configs, so the translation build reconfigures that
    # same search plugin instance for its own language.
    @event_priority(-100)
    def on_post_build(self, config) -> None:
        if self.config.translation:
            self._build_translation(config)

    def _build_translation(self, config) -> None:
        translation = Path(config.config_file_path).parent / self.config.translation
        other = load_config(str(translation))
        plugin = other.plugins["knowledge-base"]
        plugin.kb, plugin.quizzes, plugin.pages, plugin.downloads = self.kb, self.quizzes, self.pages, self.downloads
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
