"""Atom feeds: the whole board, each company, each location (the newest 50 open postings).

Every entry carries the posting's summary; the board's feed carries each whole body too, and
company and location feeds only with `feed_content = "full"` (at 10,000 postings the bodies
in those feeds were 171 MB of a 438 MB site).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from generator import site_paths
from generator.clock import build_time
from generator.model.posting import Posting
from generator.model.taxonomy import Term
from generator.render.pages import PageRenderer
from generator.site_paths import absolute_url, site_url
from generator.write.output import SiteWriter

FEED_SIZE = 50
FEED_FILE = site_paths.FEED

# Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Text safe for an XML document (autoescaping does the rest)."""
    return _NOT_XML.sub("", str(value))


def atom_time(value: dt.date | dt.datetime) -> str:
    """RFC 3339 in UTC: dates are midnight UTC."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Entry:
    posting: Posting
    id: str
    href: str
    company: str | None
    locations: list[str]


class FeedWriter:
    """Renders templates/feed.xml for one list of postings at a time."""

    def __init__(self, renderer: PageRenderer, writer: SiteWriter) -> None:
        self.renderer = renderer
        self.writer = writer
        self.base_url = renderer.config.base_url
        renderer.env.filters.setdefault("xml_text", xml_text)
        renderer.env.filters.setdefault("atom_time", atom_time)

    def _id(self, path: str) -> str:
        """A permanent id: the absolute URL, else a name-based UUID of the board and path."""
        if self.base_url:
            return absolute_url(self.base_url, path)
        name = f"jobboard:{self.renderer.config.title}:{site_paths.pretty(path)}"
        return uuid.uuid5(uuid.NAMESPACE_URL, name).urn

    def write(
        self, folder: str, title: str, postings: Sequence[Posting], html_path: str, *, full: bool
    ) -> None:
        """One feed; `full`: its entries carry the whole body, not only the summary."""
        path = site_paths.feed(folder)
        shown = postings[:FEED_SIZE]
        newest = max((p.date_posted for p in shown), default=None)
        updated = atom_time(newest) if newest else atom_time(build_time())
        inputs = {
            "feed_title": title,
            "postings": list(shown),
            "html_path": html_path,
            "updated": updated,
            "full_content": full,
        }
        make = lambda: self._context(path, title, shown, html_path, updated, full)  # noqa: E731
        self.renderer.emit_from(self.writer, "feed.xml", path, inputs, make)

    def _context(
        self, path: str, title: str, shown: Sequence[Posting], html_path: str, updated: str, full: bool
    ) -> dict[str, object]:
        taxonomies = self.renderer.site.taxonomies
        shown = self.renderer.with_bodies(shown)  # the summary is made from the body text too
        entries = [
            Entry(
                posting=p,
                id=self._id(site_paths.posting(p.slug)),
                href=site_url(self.base_url, path, site_paths.posting(p.slug)),
                company=next((t.name for t in taxonomies["companies"].terms_of(p) if t.known), None),
                locations=[t.name for t in taxonomies["locations"].terms_of(p) if t.known],
            )
            for p in shown
        ]
        return {
            "feed_title": title,
            "feed_id": self._id(path),
            "self_href": site_url(self.base_url, path, path),
            "html_href": site_url(self.base_url, path, html_path),
            "updated": updated,
            "entries": entries,
            "full_content": full,
        }


def render_feeds(renderer: PageRenderer, writer: SiteWriter) -> None:
    """`feed.xml`, `companies/<slug>/feed.xml`, `locations/<slug>/feed.xml`."""
    feeds = FeedWriter(renderer, writer)
    site = renderer.site
    feeds.write("", renderer.config.title, site.postings, site_paths.front_page(), full=True)
    full = renderer.config.feed_content == "full"
    for taxonomy in site.taxonomies.values():
        for term in taxonomy.terms:
            _term_feed(feeds, renderer.config.title, taxonomy.key, term, full)


def _term_feed(feeds: FeedWriter, board: str, key: str, term: Term, full: bool) -> None:
    html_path = site_paths.term_page(key, term.slug)
    folder = site_paths.term_folder(key, term.slug)
    feeds.write(folder, f"{term.name} – {board}", term.postings, html_path, full=full)
