"""URLs of site files as other files see them: absolute with a base URL, else relative.

SPEC: every internal link is relative. Only where an absolute URL is required (canonical
link, sitemap, feeds, JSON-LD) the base URL is used; without one, sitemap and feeds use
URLs relative to their own file (never starting with `/`).
"""

from __future__ import annotations


def relative_href(from_path: str, to_path: str) -> str:
    """`to_path` (site-relative) as seen from the file `from_path` (site-relative)."""
    return "../" * from_path.count("/") + to_path


def absolute_url(base_url: str, path: str) -> str:
    """`jobs/x/index.html` -> `https://example.com/board/jobs/x/` (pretty, as in canonical links)."""
    return base_url + path.removesuffix("index.html")


def site_url(base_url: str | None, from_path: str, to_path: str) -> str:
    """Absolute when a base URL is known, else relative to the file `from_path`."""
    if base_url:
        return absolute_url(base_url, to_path)
    return relative_href(from_path, to_path)


def posting_path(slug: str) -> str:
    return f"jobs/{slug}/index.html"


def term_path(taxonomy_key: str, slug: str) -> str:
    return f"{taxonomy_key}/{slug}/index.html"
