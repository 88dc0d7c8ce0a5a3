"""Front-page search: the index files (generator.search.index) written through the site writer.

The index is written like `jobs.json`, into the new tree before the swap, so it lands
atomically with the pages it describes; it needs no subprocess and no other program.
A board without open postings gets no index, and the front page keeps its form hidden.
"""

from __future__ import annotations

from generator.model.site import Site
from generator.search.index import BodyTerms, search_index_files
from generator.search.terms import body_terms_of_text
from generator.write.output import SiteWriter

SEARCH_FOLDER = "search"


def render_search_index(site: Site, writer: SiteWriter, body_terms: BodyTerms | None = None) -> None:
    """Write `search/` for the site's open postings. `body_terms` gives each posting's body
    terms (from the build cache); without it they are made from the postings' body text."""
    for path, text in search_index_files(site, body_terms or body_terms_of_text):
        writer.write(f"{SEARCH_FOLDER}/{path}", text)
