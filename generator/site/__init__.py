"""The site: Markdown pages rendered from the knowledge base, built by MkDocs (through a thin plugin) or
by Zensical (from the same pages written as files), then indexed for search and made an offline web app."""

# What can build the site (build.py): MkDocs with Material, the default, or Zensical.
ENGINES = ("mkdocs", "zensical")
