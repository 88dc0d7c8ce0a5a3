"""Every path of the built site, and the URLs other files use for them: the one place they are made.

Paths are relative to the output folder, with forward slashes (`jobs/<slug>/index.html`).
SPEC: every internal link is relative; only where an absolute URL is required (canonical
link, sitemap, feeds, JSON-LD) the base URL is used, and without one, sitemap and feeds use
URLs relative to their own file (never starting with `/`).
"""

from __future__ import annotations

INDEX = "index.html"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
JOBS_JSON = "jobs.json"
NOT_FOUND = "404.html"
SEARCH_FOLDER = "search"
STATIC_FOLDER = "static"
POSTINGS_FOLDER = "jobs"


def posting(slug: str) -> str:
    """A posting's page: `jobs/<slug>/index.html`."""
    return f"{POSTINGS_FOLDER}/{slug}/{INDEX}"


def front_page(number: int = 1) -> str:
    """Page N of the front page: `index.html`, then `page/N/index.html`."""
    return INDEX if number == 1 else f"page/{number}/{INDEX}"


def taxonomy_index(taxonomy_key: str) -> str:
    """The list of a taxonomy's terms: `companies/index.html`."""
    return f"{taxonomy_key}/{INDEX}"


def term_folder(taxonomy_key: str, slug: str) -> str:
    return f"{taxonomy_key}/{slug}"


def term_page(taxonomy_key: str, slug: str, number: int = 1) -> str:
    """Page N of one term's postings: `companies/acme/index.html`, `.../page/2/index.html`."""
    folder = term_folder(taxonomy_key, slug)
    return f"{folder}/{INDEX}" if number == 1 else f"{folder}/page/{number}/{INDEX}"


def feed(folder: str = "") -> str:
    """The Atom feed of the board (`feed.xml`) or of a folder (`companies/acme/feed.xml`)."""
    return f"{folder}/{FEED}" if folder else FEED


def term_feed(taxonomy_key: str, slug: str) -> str:
    return feed(term_folder(taxonomy_key, slug))


def search_file(name: str) -> str:
    """A file of the search index: `search/index.json`, `search/terms/ab.json`."""
    return f"{SEARCH_FOLDER}/{name}"


def static_file(name: str) -> str:
    return f"{STATIC_FOLDER}/{name}"


def in_search(path: str) -> bool:
    return path.startswith(f"{SEARCH_FOLDER}/")


def pretty(path: str) -> str:
    """`jobs/x/index.html` -> `jobs/x/` (as canonical links and ids write it)."""
    return path.removesuffix(INDEX)


def relative_href(from_path: str, to_path: str) -> str:
    """`to_path` (site-relative) as seen from the file `from_path` (site-relative)."""
    return "../" * from_path.count("/") + to_path


def root_of(path: str) -> str:
    """The href of the site root from a file: `../../` from `jobs/x/index.html`."""
    return "../" * path.count("/")


def absolute_url(base_url: str, path: str) -> str:
    """`jobs/x/index.html` -> `https://example.com/board/jobs/x/` (pretty, as in canonical links)."""
    return base_url + pretty(path)


def site_url(base_url: str | None, from_path: str, to_path: str) -> str:
    """Absolute when a base URL is known, else relative to the file `from_path`."""
    if base_url:
        return absolute_url(base_url, to_path)
    return relative_href(from_path, to_path)
