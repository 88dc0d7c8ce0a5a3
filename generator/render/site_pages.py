"""The board's own pages and files: `pages/*.md` rendered with the site's layout, `static/` copied.

Both folders sit next to `jobboard.toml` and need no config key (config.PAGES_FOLDER,
config.STATIC_FOLDER). A page is Markdown with optional YAML front matter (`title`,
`description`, `nav: false` to leave it out of the navigation), read with python-frontmatter
through the project's hardened YAML loader; its body goes through the posting renderer
(render.markdown) and the posting sanitizer (clean.sanitize), so a page is no more trusted
than a posting. `pages/about.md` becomes `about/index.html`, rendered from `page.html`.

`static/` is copied to the site root as it is, dotted folders (`.well-known/`) included,
symbolic links not followed. Neither may replace a file the site generates: a clash is a
`SiteFileError`, one line naming the file.

Page keys (render.keys) need nothing new: a page's key covers its `page` context (title,
description, nav flag, sanitized body) and the `nav_pages` global is part of every page key
whose templates show the navigation. Static files are written by their bytes (the writer keeps
a file whose bytes are unchanged). `site_files_digest` is what the site key needs so that a
build with nothing else changed still sees an edit in `pages/` or `static/`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import frontmatter
from slugify import slugify

from generator.clean.sanitize import sanitize_html
from generator.config import PAGES_FOLDER, STATIC_FOLDER, Config
from generator.readers.base import PostingError
from generator.readers.decode import decode
from generator.readers.yaml_safe import HardenedYAMLHandler
from generator.render.keys import folder_digest
from generator.render.markdown import markdown_to_html
from generator.render.search_index import SEARCH_FOLDER
from generator.write.output import safe_rel

if TYPE_CHECKING:
    from generator.render.pages import PageRenderer
    from generator.write.output import SiteWriter

PAGE_TEMPLATE = "page.html"
PAGE_SUFFIX = ".md"
MAX_PAGE_BYTES = 1_000_000
_KEYS = {"title": str, "description": str, "nav": bool}
# Top-level folders of the generated site besides the taxonomies': a page may not take one.
_SITE_FOLDERS = frozenset({"jobs", "page", "static", SEARCH_FOLDER})


class SiteFileError(Exception):
    """A file of `pages/` or `static/` that cannot go into the site; one line naming it."""


@dataclass(frozen=True)
class SitePage:
    """One page of `pages/`, ready to render."""

    source: str  # `pages/about.md`
    path: str  # `about/index.html`
    title: str
    description: str | None
    nav: bool
    body: str  # sanitized HTML


@dataclass(frozen=True)
class NavLink:
    """A page listed in the navigation (the `nav_pages` template global)."""

    title: str
    path: str


def load_site_pages(folder: Path | None, base_url: str | None = None) -> list[SitePage]:
    """Every `*.md` page of the folder, sorted by file name; [] when there is no folder."""
    if folder is None or not folder.is_dir():
        return []
    pages: list[SitePage] = []
    taken: dict[str, str] = {}
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name.startswith(".") or not entry.name.lower().endswith(PAGE_SUFFIX):
            continue
        source = f"{PAGES_FOLDER}/{entry.name}"
        if not entry.is_file(follow_symlinks=False):
            raise SiteFileError(f"{source}: not a regular file (symbolic links are not followed)")
        page = read_site_page(Path(entry.path), source, base_url)
        if page.path in taken:
            raise SiteFileError(f"{source}: gives the same page as {taken[page.path]} ({page.path})")
        taken[page.path] = source
        pages.append(page)
    return pages


def read_site_page(path: Path, source: str, base_url: str | None = None) -> SitePage:
    """One page file; SiteFileError naming `source` (and the line) when it cannot be a page."""
    slug = slugify(path.name[: -len(PAGE_SUFFIX)])
    if not slug:
        raise SiteFileError(f"{source}: the file name gives no page name; use letters or digits")
    if slug in _SITE_FOLDERS:
        raise SiteFileError(f"{source}: {slug}/ is a folder of the generated site; rename the file")
    page_path = f"{slug}/index.html"
    try:
        if path.stat().st_size > MAX_PAGE_BYTES:
            raise SiteFileError(f"{source}: over the {MAX_PAGE_BYTES:,}-byte limit of a page")
        meta, body = _split(decode(path.read_bytes()))
    except PostingError as err:
        raise SiteFileError(f"{source}{f':{err.line}' if err.line else ''}: {err.message}") from err
    except OSError as err:
        raise SiteFileError(f"{source}: cannot be read: {err.strerror}") from err
    for key, value in meta.items():
        expected = _KEYS.get(key)
        if expected is None:
            raise SiteFileError(f"{source}: unknown front matter key {key!r} (known: {', '.join(_KEYS)})")
        if not isinstance(value, expected):
            kind = "true or false" if expected is bool else "text"
            raise SiteFileError(f"{source}: front matter {key!r} must be {kind}")
    title = meta.get("title") or slug.replace("-", " ").capitalize()
    own_url = base_url + page_path.removesuffix("index.html") if base_url else None
    html = sanitize_html(markdown_to_html(body), base_url=own_url)
    return SitePage(source, page_path, title, meta.get("description"), meta.get("nav", True), html)


def _split(text: str) -> tuple[dict[str, Any], str]:
    """Front matter and body; a page without a `---` first line has no front matter."""
    stripped = text.lstrip("\ufeff\n")
    if not stripped.startswith("---"):
        return {}, stripped
    # The block starts with the newline that ends the opening fence: its line 0 is the fence's.
    fence_line = text[: len(text) - len(stripped)].count("\n") + 1
    handler = HardenedYAMLHandler()  # the readers' one: no aliases, depth limit, lines in the file
    handler.first_line = fence_line
    meta, body = frontmatter.parse(stripped, handler=handler)
    return dict(meta), body


def nav_links(pages: list[SitePage]) -> list[NavLink]:
    return [NavLink(page.title, page.path) for page in pages if page.nav]


def prepare_site_pages(renderer: PageRenderer, config: Config) -> list[SitePage]:
    """Read the board's pages and give the templates their navigation (`nav_pages`); call
    before any page is rendered, since every page shows the navigation."""
    pages = load_site_pages(config.pages, config.base_url)
    renderer.env.globals["nav_pages"] = nav_links(pages)
    return pages


def _generated(writer: SiteWriter, rel: str) -> bool:
    """Has this build written (or kept) the site file `rel` already?"""
    return rel in writer.files or rel in getattr(writer, "kept", ())


def render_site_pages(renderer: PageRenderer, writer: SiteWriter, pages: list[SitePage]) -> None:
    """Every page of `pages/`, after the generated pages (a clash is a SiteFileError)."""
    taxonomies = set(renderer.site.taxonomies)
    for page in pages:
        folder = page.path.partition("/")[0]
        if folder in taxonomies or _generated(writer, page.path):
            raise SiteFileError(f"{page.source}: the site generates {page.path} itself; rename the file")
        renderer.emit(writer, PAGE_TEMPLATE, page.path, page=page)


def copy_site_static(writer: SiteWriter, folder: Path | None) -> None:
    """Copy `static/` to the site root; call after everything else is written."""
    if folder is None or not folder.is_dir():
        return
    for top, dirs, files in os.walk(folder):  # never follows links to folders
        dirs.sort()
        for name in sorted(files):
            path = Path(top, name)
            if path.is_symlink():
                continue
            rel = path.relative_to(folder).as_posix()
            if not safe_rel(rel):
                raise SiteFileError(f"{STATIC_FOLDER}/{rel}: not a name a site file can have")
            if _generated(writer, rel) or rel.partition("/")[0] == SEARCH_FOLDER:
                raise SiteFileError(
                    f"{STATIC_FOLDER}/{rel}: the site generates {rel} itself; rename or remove the file"
                )
            try:
                data = path.read_bytes()
            except OSError as err:
                raise SiteFileError(f"{STATIC_FOLDER}/{rel}: cannot be read: {err.strerror}") from err
            writer.write(rel, data)


def site_folders(config: Config) -> list[Path]:
    """The board's `pages/` and `static/` folders (for the preview to watch, even before they exist)."""
    return [f for f in (config.pages, config.static) if f is not None]


def site_files_digest(config: Config) -> str:
    """A hash of every file of `pages/` and `static/` (for the site key)."""
    return folder_digest([f for f in site_folders(config) if f.is_dir()])
