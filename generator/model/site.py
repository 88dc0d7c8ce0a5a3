"""The whole board: open postings, closed and draft ones, and the taxonomies."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from generator.extract.locations import place_key
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
class Duplicate:
    dropped: Posting
    kept: Posting


@dataclass
class Site:
    """Everything the renderer needs. `postings` are the open ones, newest first."""

    postings: list[Posting]
    closed: list[Posting]
    drafts: list[Posting]
    taxonomies: dict[str, Taxonomy]
    duplicates: list[Duplicate] = field(default_factory=list)

    @property
    def pages(self) -> list[Posting]:
        """Every posting that gets a page: open ones and closed ones (marked closed)."""
        return self.postings + self.closed


def assemble_site(
    postings: list[Posting],
    *,
    today: dt.date,
    include_drafts: bool = False,
    aliases: Mapping[str, Mapping[str, str]] = {},
    body_text: Callable[[Posting], str] | None = None,
) -> Site:
    """Drop duplicates, set aside drafts and expired postings, give slugs, group.

    `body_text` gives a posting's body text where the postings come without it (see
    bodies.BodyStore); it is asked only for postings that may be duplicates.
    """
    postings = sorted(postings, key=lambda p: p.source)
    unique, duplicates = _drop_duplicates(postings, body_text or (lambda p: p.body_text))
    drafts = [p for p in unique if p.draft and not include_drafts]
    built = [p for p in unique if not (p.draft and not include_drafts)]
    slugs = SlugRegistry()
    for posting in built:
        posting.slug = slugs.claim(f"{posting.title} {posting.company or ''}")
    built.sort(key=lambda p: (-p.date_posted.toordinal(), p.title.casefold(), p.slug))
    open_ = [p for p in built if not p.is_expired(today)]
    closed = [p for p in built if p.is_expired(today)]
    taxonomies = {spec.key: build_taxonomy(spec, open_, aliases.get(spec.key, {})) for spec in TAXONOMIES}
    return Site(open_, closed, drafts, taxonomies, duplicates)


_WORD = re.compile(r"\w+")


def _shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    return {tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}


def near_identical(a: str, b: str, threshold: float = 0.9) -> bool:
    """Jaccard similarity of 5-word shingles at or above the threshold."""
    return _similar(_shingles(a), _shingles(b), threshold)


def _similar(sa: set[tuple[str, ...]], sb: set[tuple[str, ...]], threshold: float = 0.9) -> bool:
    return len(sa & sb) >= threshold * len(sa | sb)


def _drop_duplicates(
    postings: list[Posting], body_text: Callable[[Posting], str]
) -> tuple[list[Posting], list[Duplicate]]:
    """Same title and company with near-identical bodies: keep the first by source path."""
    kept: list[Posting] = []
    groups: dict[tuple[str, str], list[Posting]] = {}
    duplicates: list[Duplicate] = []
    shingles: dict[int, set[tuple[str, ...]]] = {}  # by id(posting): each body is split once

    def shingles_of(posting: Posting) -> set[tuple[str, ...]]:
        found = shingles.get(id(posting))
        if found is None:
            found = shingles[id(posting)] = _shingles(body_text(posting))
        return found

    for posting in postings:
        key = (posting.title.casefold().strip(), company_key(posting.company or ""))
        group = groups.get(key, [])
        twin = next((p for p in group if _similar(shingles_of(p), shingles_of(posting))), None)
        if twin is not None:
            duplicates.append(Duplicate(dropped=posting, kept=twin))
            continue
        groups.setdefault(key, []).append(posting)
        kept.append(posting)
    return kept, duplicates
