"""MkDocs adapter: loads the knowledge base, hands its pages to MkDocs as virtual files, sets the
sidebar, indexes each language for search once it is built, makes it an offline web app, and
watches the YAML so `mkdocs serve` reloads on an edit. All rendering lives in pages.py.

One language per MkDocs build, so each language gets its own search index and offline cache
(results stay in the reader's language) and its own `theme.language` (<html lang>, interface words). mkdocs.yml is the
Chinese build at the site root; after it, `on_post_build` builds mkdocs.en.yml into `<site>/en/`,
so `mkdocs build`, `mkdocs serve` and `python -m generator build` all produce the whole site.
Downloads (PDFs, GIFT) are files of each language build, rendered once (see downloads.py).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import config_options, load_config
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from ..content import COLLECTIONS, content_files
from ..knowledge import KnowledgeBase, load_knowledge_base
from ..markup import SafeHtmlExtension
from ..pdf import FontError, PrintError
from ..quiz import Quiz
from ..quiz.pages import build_site_quizzes
from ..wording import LANGS, SITE_LABELS, lang_prefix, page_language
from .downloads import render_downloads
from .pages import render_nav, render_pages
from .search import SearchIndexError, finish_index, start_index, write_query_words
from .webapp import ICON_SIZES, MANIFEST_FILE, render_icon, render_manifest, write_service_worker

log = logging.getLogger("mkdocs.plugins.knowledge-base")
_PDF_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]+\.pdf\)(?:\{[^}]*\})?")


class KnowledgeBaseConfig(Config):
    root = config_options.Type(str, default=".")
    strict = config_options.Type(bool, default=False)
    lang = config_options.Choice(("zh", "en"), default="zh")
    # False: no PDFs are rendered (a quick preview, the bench corpora); links to them become a note.
    downloads = config_options.Type(bool, default=True)
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
        config.nav = render_nav(self.kb, self.config.lang)
        config.markdown_extensions.append(SafeHtmlExtension())
        return config

    def on_files(self, files: Files, config) -> Files:
        lang = self.config.lang
        for path, text in self.pages.items():
            if page_language(path) == lang:
                files.append(File.generated(config, path.removeprefix(lang_prefix(lang)), content=text))
        if self.downloads is None:
            try:
                self.downloads = render_downloads(self.kb, self.quizzes, pdfs=self.config.downloads)
            except (PrintError, FontError) as err:
                raise PluginError(f"printable documents: {err}") from err
        for path, data in self.downloads.items():
            if page_language(path) == lang:
                files.append(File.generated(config, path.removeprefix(lang_prefix(lang)), content=data))
        colour = config.extra["theme_color"]
        manifest = render_manifest(config.site_name, SITE_LABELS[lang]["short_name"], config.site_description, lang, colour)
        files.append(File.generated(config, MANIFEST_FILE, content=manifest))
        for size in ICON_SIZES:
            files.append(File.generated(config, f"icons/icon-{size}.png", content=render_icon(size, colour)))
        return files

    def on_pre_build(self, config) -> None:
        self.searchable: list[str] = []

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if page.meta.get("search"):  # overrides/main.html marks these pages for the index
            self.searchable.append(page.file.dest_uri)
        if self.config.downloads:
            return markdown
        # Without --downloads there are no PDFs: a link to one becomes its text and a note.
        note = SITE_LABELS[self.config.lang]["not_built"]
        return _PDF_LINK.sub(lambda m: f"{m.group(1)} {note}", markdown)

    # Last, once every page of this language is written: start indexing it, build the translation
    # into a folder of this build meanwhile (left out of this index and cache), then list this
    # language for the offline cache.
    @event_priority(-100)
    def on_post_build(self, config) -> None:
        site = Path(config.site_dir)
        others = tuple(lang_prefix(lang).strip("/") for lang in LANGS if lang != self.config.lang and lang_prefix(lang))
        indexing = start_index(site, self.searchable)
        try:
            if self.config.translation:
                self._build_translation(config)
        finally:
            try:
                finish_index(indexing, site)
            except SearchIndexError as err:
                raise PluginError(str(err)) from err
        write_query_words(site, self.kb, self.config.lang)
        sitemaps = tuple(f"{alt['link']}sitemap.xml" for alt in config.extra.get("alternate", []) if alt["link"])
        write_service_worker(site, skip=others, outside=sitemaps)  # after the translation: its sitemap exists

    def _build_translation(self, config) -> None:
        translation = Path(config.config_file_path).parent / self.config.translation
        other = load_config(str(translation))
        plugin = other.plugins["knowledge-base"]
        plugin.kb, plugin.quizzes, plugin.pages, plugin.downloads = self.kb, self.quizzes, self.pages, self.downloads
        plugin.config.downloads = self.config.downloads
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
