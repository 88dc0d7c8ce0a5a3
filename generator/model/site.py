"""The whole board: open postings, closed and draft ones, and the taxonomies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.model.company_domain import company_domain
from generator.model.duplicates import Bodies, Duplicate, drop_duplicates
from generator.model.place import name_key, text_key
from generator.model.posting import Posting
from generator.model.slugs import SlugRegistry
from generator.model.taxonomy import Taxonomy, TaxonomySpec, Value, build_taxonomy, company_key


def company_values(posting: Posting) -> list[Value]:
    """The company, known by its name and by its web domain when its URL is known."""
    if not posting.company:
        return []
    domain = company_domain(posting.company_url)
    keys = (company_key(posting.company), f"domain {domain}") if domain else (company_key(posting.company),)
    return [Value(posting.company, keys)]


def place_values(posting: Posting) -> list[Value]:
    """The posting's places, each known by its gazetteer key (and its text, for aliases)."""
    return [Value(place.label, place.group_keys) for place in posting.places]


COMPANIES = TaxonomySpec(
    key="companies",
    title="Companies",
    singular="company",
    values=company_values,
    match_keys=lambda name: (company_key(name),),
    unknown="Company not stated",
)
LOCATIONS = TaxonomySpec(
    key="locations",
    title="Locations",
    singular="location",
    values=place_values,
    match_keys=lambda name: tuple(dict.fromkeys((name_key(name), text_key(name)))),
    unknown="Location not stated",
    pinned="remote",
)
TAXONOMIES = (COMPANIES, LOCATIONS)


@dataclass
class Site:
    """Everything the renderer needs. `postings` are the open ones, newest first."""

    postings: list[Posting]
    closed: list[Posting]
    drafts: list[Posting]
    taxonomies: dict[str, Taxonomy]
    duplicates: list[Duplicate] = field(default_factory=list)
    max_age_days: int = 0  # what closed postings stating no end date (0: nothing), see assemble_site

    @property
    def pages(self) -> list[Posting]:
        """Every posting that gets a page: open ones and closed ones (marked closed)."""
        return self.postings + self.closed

    @property
    def read(self) -> list[Posting]:
        """Every posting read: those with pages, the drafts not built, the dropped duplicates."""
        return [*self.pages, *self.drafts, *(d.dropped for d in self.duplicates)]


def assemble_site(
    postings: list[Posting],
    *,
    today: dt.date,
    include_drafts: bool = False,
    aliases: Mapping[str, Mapping[str, str]] = {},
    bodies: Bodies | None = None,
    max_age_days: int = 0,
) -> Site:
    """Drop duplicates, set aside drafts and closed postings, give slugs, group.

    Newest first, postings that state no date after all dated ones. Closed: past their end
    date, or stating none and older than `max_age_days` (0: no limit).

    `bodies` gives postings' body texts where the postings come without them (see
    bodies.BodyStore), and remembers comparisons; see model.duplicates.
    """
    unique, duplicates = drop_duplicates(postings, bodies or Bodies())
    drafts = [p for p in unique if p.draft and not include_drafts]
    built = [p for p in unique if not (p.draft and not include_drafts)]
    slugs = SlugRegistry()
    for posting in built:
        posting.slug = slugs.claim(f"{posting.title} {posting.company or ''}")
    built.sort(key=lambda p: (not p.date_stated, -p.date_posted.toordinal(), p.title.casefold(), p.slug))
    open_ = [p for p in built if not p.is_expired(today, max_age_days)]
    closed = [p for p in built if p.is_expired(today, max_age_days)]
    taxonomies = {spec.key: build_taxonomy(spec, open_, aliases.get(spec.key, {})) for spec in TAXONOMIES}
    return Site(open_, closed, drafts, taxonomies, duplicates, max_age_days)
