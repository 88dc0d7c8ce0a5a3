"""The whole board: open postings, closed and draft ones, and the taxonomies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.extract.locations import place_key
from generator.model.duplicates import Bodies, Duplicate, drop_duplicates
from generator.model.posting import Posting
from generator.model.slugs import SlugRegistry
from generator.model.taxonomy import Taxonomy, TaxonomySpec, build_taxonomy, company_key

COMPANIES = TaxonomySpec(
    key="companies",
    title="Companies",
    singular="company",
    values=lambda p: [p.company] if p.company else [],
    match_key=company_key,
    unknown="Company not stated",
)
LOCATIONS = TaxonomySpec(
    key="locations",
    title="Locations",
    singular="location",
    values=lambda p: list(p.locations),
    match_key=place_key,
    unknown="Location not stated",
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
