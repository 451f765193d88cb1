"""The HTML → PDF engine: documents (document.py) rendered with WeasyPrint (rendering.py) in a
CJK print font cut down to the characters printed (fonts.py). Knows nothing of what it prints;
checklists and quiz answer keys hand it documents."""

from .document import Document
from .fonts import FontError
from .rendering import PrintError, default_cache_dir, render_documents

__all__ = ["Document", "FontError", "PrintError", "default_cache_dir", "render_documents"]
