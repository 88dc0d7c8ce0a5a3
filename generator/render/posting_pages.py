"""Posting pages: kept when their key is unchanged, else rendered, in worker processes when many."""

from __future__ import annotations

import hashlib
from typing import Any

from generator.model.posting import Posting
from generator.parallel import pool_map, shared
from generator.render.pages import PageRenderer, posting_page
from generator.write.output import SiteWriter, site_path, write_file

POSTING_TEMPLATE = "posting.html"
_CHUNK = 32


def write_postings(renderer: PageRenderer, writer: SiteWriter) -> None:
    """Every posting page of the site (open, closed and kept drafts)."""
    postings = renderer.site.pages
    if renderer.only is not None:  # a patch: the pages of the patched postings
        postings = renderer.only.postings(POSTING_TEMPLATE, postings)
    todo: list[tuple[int, str | None]] = []
    for index, posting in enumerate(postings):
        path, context = posting_page(renderer, posting)
        key = renderer.key(POSTING_TEMPLATE, path, context)
        if key is None or not writer.reuse(path, key):
            todo.append((index, key))
    renderer.rendered += len(todo)
    renderer.tick(len(postings) - len(todo))  # kept
    if not todo:
        return
    if not writer.renders_in_workers or len(todo) < 4:
        for index, key in todo:
            path, context = posting_page(renderer, renderer.with_bodies([postings[index]])[0])
            writer.write(path, renderer.render(POSTING_TEMPLATE, path, **context), key)
            renderer.tick(1)
        return
    renderer.compile(POSTING_TEMPLATE)  # once, before workers fork
    writer.ready()
    # The postings go to the workers as copies (pickled with each chunk): a worker that read
    # the parent's own Posting objects would write their reference counts, and so copy every
    # memory page holding them (at 100,000 postings, hundreds of MiB per worker).
    chunks = [
        [(postings[index], key) for index, key in todo[i : i + _CHUNK]] for i in range(0, len(todo), _CHUNK)
    ]
    state = (renderer, writer.root)
    done = pool_map(_render_chunk, chunks, shared=state, min_items=4, chunksize=1)
    for entries in done:
        for rel, entry in entries:
            writer.add(rel, entry)
        renderer.tick(len(entries))


def _render_chunk(chunk: list[tuple[Posting, str | None]]) -> list[tuple[str, Any]]:
    renderer, root = shared()
    entries = []
    filled = renderer.with_bodies([posting for posting, _key in chunk])
    for (_posting, key), posting in zip(chunk, filled, strict=True):
        path, context = posting_page(renderer, posting)
        raw = renderer.render(POSTING_TEMPLATE, path, **context).encode("utf-8")
        entries.append((path, write_file(site_path(root, path), raw, key, hashlib.sha256(raw).hexdigest())))
    return entries
