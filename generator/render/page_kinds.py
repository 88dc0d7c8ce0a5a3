"""The kinds of file a site is made of, in the order they are rendered: one entry per kind.

Each kind names the templates its files come from and the function that renders them; that
function says each file's site path (generator.site_paths) and the inputs of its page key
(`PageRenderer.emit_from`), so a file whose key is unchanged is kept instead of rendered.
Adding a kind of page is adding one entry here.

A kind says whether its files show what is made from postings' bodies (`from_bodies`: the
text, summaries and descriptions, the detected language). A patch (engine.patch), which
changes bodies only, renders those kinds' pages that show a patched posting and leaves the
other kinds' files as they are: say `from_bodies=True` for a kind whose files show any of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator import site_paths
from generator.progress import stage
from generator.render.deferred import render_deferred
from generator.render.feeds import render_feeds
from generator.render.jobs_json import render_jobs_json
from generator.render.pages import PageRenderer, render_front_pages, render_not_found, render_taxonomy
from generator.render.posting_pages import write_postings
from generator.render.search_index import render_search_index
from generator.render.site_pages import copy_site_static, render_site_pages
from generator.render.sitemap import render_robots, render_sitemap
from generator.render.templates import template_folders
from generator.write.output import SiteWriter

Render = Callable[[PageRenderer, SiteWriter], None]


@dataclass(frozen=True)
class PageKind:
    name: str
    templates: tuple[str, ...]  # the templates its files are rendered from (none: data files)
    render: Render
    search: bool = False  # the search index, which the preview's quick passes leave as it is
    from_bodies: bool = False  # its files show what is made from postings' bodies (see above)
    stage: str = "pages"  # the progress stage it is shown in (pages, feeds, search, static)


def _taxonomies(renderer: PageRenderer, writer: SiteWriter) -> None:
    for taxonomy in renderer.site.taxonomies.values():
        render_taxonomy(renderer, writer, taxonomy)


def _jobs_json(renderer: PageRenderer, writer: SiteWriter) -> None:
    render_jobs_json(renderer.site, renderer.config.title, renderer.config.base_url, writer)


def _static(renderer: PageRenderer, writer: SiteWriter) -> None:
    for folder in reversed(template_folders(renderer.config.templates)):
        static = folder / site_paths.STATIC_FOLDER
        if static.is_dir():
            writer.copy_tree(static, site_paths.STATIC_FOLDER)


def _board_pages(renderer: PageRenderer, writer: SiteWriter) -> None:
    render_site_pages(renderer, writer, renderer.site_pages)


def _board_static(renderer: PageRenderer, writer: SiteWriter) -> None:
    copy_site_static(writer, renderer.config.static)


def _search(renderer: PageRenderer, writer: SiteWriter) -> None:
    render_search_index(renderer.site, writer, renderer.search_terms, renderer.keys)


PAGE_KINDS: tuple[PageKind, ...] = (
    PageKind("posting pages", ("posting.html",), write_postings, from_bodies=True),
    PageKind("front pages", ("index.html",), render_front_pages, from_bodies=True),
    PageKind("company and location pages", ("terms.html", "term.html"), _taxonomies, from_bodies=True),
    PageKind("not found page", ("404.html",), render_not_found),
    PageKind("board pages", ("page.html",), _board_pages),
    PageKind("feeds", ("feed.xml",), render_feeds, stage="feeds", from_bodies=True),
    PageKind("sitemap", ("sitemap.xml",), render_sitemap, stage="feeds"),
    PageKind("robots.txt", ("robots.txt",), render_robots, stage="feeds"),
    PageKind("jobs.json", (), _jobs_json, stage="feeds"),
    PageKind("search index", (), _search, search=True, stage="search", from_bodies=True),
    PageKind("static files", (), _static, stage="static"),
    PageKind("board's static files", (), _board_static, stage="static"),  # last: never over a generated file
)


def render_site(renderer: PageRenderer, writer: SiteWriter, *, search: bool = True) -> None:
    """Every file of the site into the writer (the search index left out when not `search`),
    each stage of kinds with its progress bar (pages and feeds counted one by one). A patch's
    renderer (`renderer.only` set) renders only the pages of kinds made from bodies that show
    a patched posting, never the search index."""
    if renderer.only is not None:  # a patch
        kinds = [kind for kind in PAGE_KINDS if kind.from_bodies and not kind.search]
    else:
        kinds = [kind for kind in PAGE_KINDS if search or not kind.search]
    for name in dict.fromkeys(kind.stage for kind in kinds):
        counted = name in ("pages", "feeds")
        with stage(name, _expected(name, renderer), unit=name if counted else "steps") as tick:
            renderer.tick = tick
            for kind in (kind for kind in kinds if kind.stage == name):
                with renderer.stage(kind.name):
                    # Pages rendered from the templates of a kind: over every core, where the
                    # writer writes to disk (render.deferred; posting pages have their own).
                    renderer.deferred = [] if writer.renders_in_workers and kind.templates else None
                    try:
                        kind.render(renderer, writer)
                        render_deferred(renderer, writer)
                    finally:
                        renderer.deferred = None
                if not counted:
                    tick()
        renderer.tick = _no_tick


def _expected(name: str, renderer: PageRenderer) -> int:
    """About how many ticks a stage gives (for its progress bar)."""
    site, per_page = renderer.site, max(1, renderer.config.per_page)
    terms = [term for taxonomy in site.taxonomies.values() for term in taxonomy.terms]
    if name == "pages":
        lists = -(-len(site.postings) // per_page) + len(site.taxonomies) + 1 + len(renderer.site_pages)
        return len(site.pages) + lists + sum(-(-len(term.postings) // per_page) for term in terms)
    if name == "feeds":
        return 1 + len(terms)
    return sum(1 for kind in PAGE_KINDS if kind.stage == name)


def _no_tick(n: int = 1) -> None:
    pass
