"""The whole board: open postings, closed and draft ones, and the taxonomies."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
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
    body_texts: Callable[[Sequence[Posting]], list[str]] | None = None,
) -> Site:
    """Drop duplicates, set aside drafts and expired postings, give slugs, group.

    `body_texts` gives postings' body texts where the postings come without them (see
    bodies.BodyStore); it is asked only for postings that may be duplicates.
    """
    postings = sorted(postings, key=lambda p: p.source)
    unique, duplicates = _drop_duplicates(postings, body_texts or (lambda ps: [p.body_text for p in ps]))
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
    """Every run of n words (the whole text when it is shorter)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= n:
        return {tuple(words)}
    return set(zip(*(words[i:] for i in range(n)), strict=False))  # the runs, made in C


def _similar(sa: set[tuple[str, ...]], sb: set[tuple[str, ...]], threshold: float = 0.9) -> bool:
    """Jaccard similarity of two bodies' 5-word shingles at or above the threshold."""
    return len(sa & sb) >= threshold * len(sa | sb)


def duplicate_key(posting: Posting) -> tuple[str, str]:
    """Postings are compared for duplicates only with others of the same key: title and company."""
    return (posting.title.casefold().strip(), company_key(posting.company or ""))


def _drop_duplicates(
    postings: list[Posting], body_texts: Callable[[Sequence[Posting]], list[str]]
) -> tuple[list[Posting], list[Duplicate]]:
    """Same title and company with near-identical bodies: keep the first by source path."""
    by_key: dict[tuple[str, str], list[Posting]] = {}
    for posting in postings:
        by_key.setdefault(duplicate_key(posting), []).append(posting)
    # Only postings that share a title and company are compared: their bodies, in one batch.
    candidates = [p for group in by_key.values() if len(group) > 1 for p in group]
    texts = {id(p): text for p, text in zip(candidates, body_texts(candidates), strict=True)}
    kept: list[Posting] = []
    duplicates: list[Duplicate] = []
    for group in by_key.values():
        survivors: list[Posting] = []
        # Shingles for one group at a time: all of them at once would take hundreds of MiB.
        shingles = {id(p): _shingles(texts[id(p)]) for p in group} if len(group) > 1 else {}
        for posting in group:
            twin = next((p for p in survivors if _similar(shingles[id(p)], shingles[id(posting)])), None)
            if twin is not None:
                duplicates.append(Duplicate(dropped=posting, kept=twin))
            else:
                survivors.append(posting)
        kept += survivors
    kept.sort(key=lambda p: p.source)
    duplicates.sort(key=lambda d: d.dropped.source)
    return kept, duplicates
