"""The site: Markdown pages rendered from the knowledge base, and the thin MkDocs adapter that serves them."""
