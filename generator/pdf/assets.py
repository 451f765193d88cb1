"""What WeasyPrint may load while printing: the print font's files and nothing else.

Content Markdown may hold an image (`![x](http://10.0.0.1/…)`, `![x](/etc/passwd)`), and by
default WeasyPrint fetches any URL and opens any local file it names, so printing would make
requests from the build machine and could embed its files in a PDF. Refused, an image prints as
its description. Imported only where rendering starts: WeasyPrint is slow to import.
"""

from __future__ import annotations

from weasyprint.urls import URLFetcher


class AssetFetcher(URLFetcher):
    """A URL fetcher that opens exactly the given file URLs and refuses every other URL."""

    def __init__(self, urls: tuple[str, ...]):
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self._urls = frozenset(urls)

    def fetch(self, url, headers=None):
        if url not in self._urls:
            # WeasyPrint catches this and leaves the resource out (an image shows its alt text).
            raise ValueError(f"not one of the print font's files: {url}")
        return super().fetch(url, headers)
