"""MkDocs adapter: loads the knowledge base, hands its pages to MkDocs as virtual files and watches
the YAML so `mkdocs serve` reloads on an edit. All rendering lives in pages.py."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..checklists import ChecklistError, FontError, render_checklists
from ..knowledge import COLLECTIONS, KnowledgeBase, content_files, load_knowledge_base
from .pages import render_pages

log = logging.getLogger("mkdocs.plugins.knowledge-base")


class KnowledgeBaseConfig(Config):
    root = config_options.Type(str, default=".")
    strict = config_options.Type(bool, default=False)


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    kb: KnowledgeBase | None = None

    def _root(self, config) -> Path:
        return (Path(config.config_file_path).parent / self.config.root).resolve()

    def on_config(self, config):
        kb, report = load_knowledge_base(self._root(config), strict=self.config.strict)
        for problem in report.sorted():
            (log.error if problem.severity == "error" else log.warning)(problem.format())
        if kb is None:
            raise PluginError(f"content has errors: {report.summary()}")
        self.kb = kb
        return config

    def on_files(self, files: Files, config) -> Files:
        for path, text in render_pages(self.kb).items():
            files.append(File.generated(config, path, content=text))
        # PDFs join the files (not written after the build) so MkDocs checks and rewrites links to them.
        try:
            for path, pdf in render_checklists(self.kb).items():
                files.append(File.generated(config, path, content=pdf))
        except (ChecklistError, FontError) as err:
            raise PluginError(f"checklists: {err}") from err
        return files

    def on_post_build(self, config):
        from ..quiz.downloads import write_quizzes

        write_quizzes(self.kb, Path(config.site_dir))

    def on_serve(self, server, config, builder):
        root = self._root(config)
        folders = [root / name for name in COLLECTIONS if (root / name).is_dir()]
        for path in [*folders, *content_files(root)]:
            server.watch(str(path))
        return server
