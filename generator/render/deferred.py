"""List pages and feeds over every core: the pages of one kind whose key changed are
collected while the kind is walked (`PageRenderer.deferred`), then rendered in forked
worker processes and by this one (generator.parallel.pool_map) and written here, in order.

The workers inherit the site and the template environment when they are forked and send
back each page's bytes; writing stays in this process, so a page whose bytes are unchanged
is kept as `SiteWriter.write` keeps it, and the files are written in the same order as
when everything is rendered here.
"""

from __future__ import annotations

from generator.parallel import pool_map, shared
from generator.render.pages import Deferred, PageRenderer
from generator.write.output import SiteWriter

MIN_PAGES = 400  # fewer pages than this are rendered here: a pool costs about 0.1 s to start and stop
_CHUNK = 16


def render_deferred(renderer: PageRenderer, writer: SiteWriter) -> None:
    """Render and write the pages collected in `renderer.deferred` (which is emptied)."""
    todo = renderer.deferred or []
    renderer.deferred = [] if renderer.deferred is not None else None
    if len(todo) < MIN_PAGES:
        for page in todo:
            writer.write(page.path, renderer.render(page.template, page.path, **page.context()), page.key)
        return
    for template in dict.fromkeys(page.template for page in todo):
        renderer.compile(template)  # once, before the workers fork
    chunks = [range(start, min(start + _CHUNK, len(todo))) for start in range(0, len(todo), _CHUNK)]
    for pages in pool_map(_render, chunks, shared=(renderer, todo), min_items=2, chunksize=1):
        for path, raw, key in pages:
            writer.write(path, raw, key)


def _render(indexes: range) -> list[tuple[str, bytes, str | None]]:
    renderer: PageRenderer
    todo: list[Deferred]
    renderer, todo = shared()
    pages = []
    for page in (todo[i] for i in indexes):
        raw = renderer.render(page.template, page.path, **page.context()).encode("utf-8")
        pages.append((page.path, raw, page.key))
    return pages
