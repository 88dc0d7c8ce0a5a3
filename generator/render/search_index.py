"""Front-page search: the index files (generator.search.index) written through the site writer.

The index is written like `jobs.json`, into the new tree before the swap, so it lands
atomically with the pages it describes; it needs no subprocess and no other program.
A board without open postings gets no index, and the front page keeps its form hidden.

With page keys (an incremental build), every index file carries one key: a hash of the
generator's code and of each open posting's digest in front-page order (its content, slug
and terms: all the index is made from). When the previous build's index has the same key,
its files are kept instead of being made again.
"""

from __future__ import annotations

import hashlib

from generator import site_paths
from generator.cache import code_digest
from generator.model.site import Site
from generator.render.keys import PageKeys
from generator.search.index import BodyTerms, search_index_files
from generator.search.terms import body_terms_of_text
from generator.write.output import SiteWriter

SEARCH_FOLDER = site_paths.SEARCH_FOLDER


def render_search_index(
    site: Site, writer: SiteWriter, body_terms: BodyTerms | None = None, keys: PageKeys | None = None
) -> None:
    """Write `search/` for the site's open postings. `body_terms` gives each posting's body
    terms (from the build cache); without it they are made from the postings' body text."""
    if not site.postings:
        return
    key = index_key(site, keys) if keys is not None else None
    if key is not None and _reuse(writer, key):
        return
    for path, text in search_index_files(site, body_terms or body_terms_of_text):
        writer.write(site_paths.search_file(path), text, key)


def index_key(site: Site, keys: PageKeys) -> str:
    h = hashlib.sha256(f"search index\0{code_digest()}\0".encode())
    for posting in site.postings:
        h.update(f"{keys.digest(posting)}\0".encode())
    return h.hexdigest()


def _reuse(writer: SiteWriter, key: str) -> bool:
    """Keep the previous build's index when every file of it has this key (the same key
    means the same files)."""
    previous = getattr(writer, "previous", None) or {}
    paths = [rel for rel in previous if site_paths.in_search(rel)]
    if not paths or any(previous[rel].key != key for rel in paths):
        return False
    return all(writer.reuse(rel, key) for rel in paths)
