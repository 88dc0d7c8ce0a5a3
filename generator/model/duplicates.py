"""Duplicate postings: the same title and company with near-identical bodies.

Only postings that share a title and company are compared, by the Jaccard similarity of
their bodies' 5-word shingles. Comparisons can be remembered across builds: when each
posting has a version key (the build cache's key of its file), `Bodies.memo` holds the
answer for a pair of versions, and a pair answered before needs neither body again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from generator.model.posting import Posting
from generator.model.taxonomy import company_key

SIMILARITY = 0.9  # Jaccard similarity of the shingle sets at or above which bodies are the same
SHINGLE_WORDS = 5
BATCH_POSTINGS = 256  # bodies asked for at once (whole groups, so a batch may hold more)


@dataclass
class Duplicate:
    dropped: Posting
    kept: Posting


@dataclass
class Bodies:
    """Where duplicate detection gets posting bodies, and what it remembers of them.

    `texts` gives the body texts of postings (asked only for postings that may be
    duplicates, one batch). With `versions` (posting source -> key of that version of its
    file), answers are looked up in `memo` ("key key" -> same job) before any body is
    read, and every pair answered this time is left in `compared`, to be the next memo.
    """

    texts: Callable[[Sequence[Posting]], list[str]] = lambda postings: [p.body_text for p in postings]
    versions: Mapping[str, str] = field(default_factory=dict)
    memo: Mapping[str, bool] = field(default_factory=dict)
    compared: dict[str, bool] = field(default_factory=dict)

    def pair_key(self, a: Posting, b: Posting) -> str | None:
        ka, kb = self.versions.get(a.source), self.versions.get(b.source)
        return f"{ka} {kb}" if ka and kb else None


def duplicate_key(posting: Posting) -> tuple[str, str]:
    """Postings are compared for duplicates only with others of the same key: title and company."""
    return (posting.title.casefold().strip(), company_key(posting.company or ""))


def drop_duplicates(postings: list[Posting], bodies: Bodies) -> tuple[list[Posting], list[Duplicate]]:
    """Same title and company with near-identical bodies: keep the first by source path."""
    by_key: dict[tuple[str, str], list[Posting]] = {}
    for posting in sorted(postings, key=lambda p: p.source):
        by_key.setdefault(duplicate_key(posting), []).append(posting)
    kept = [group[0] for group in by_key.values() if len(group) == 1]
    duplicates: list[Duplicate] = []
    unknown: list[list[Posting]] = []
    for group in (group for group in by_key.values() if len(group) > 1):
        try:
            _judge(group, _Comparer(bodies, None), kept, duplicates)
        except _NotInMemo:
            unknown.append(group)
    # The bodies of the groups the memo could not judge, a few hundred at a time: a cold
    # build of a large board has tens of thousands of them, and holding every one at once
    # would leave the build's memory that much larger (freed, but not given back).
    for groups in _batches(unknown, BATCH_POSTINGS):
        batch = [p for group in groups for p in group]
        texts = {id(p): text for p, text in zip(batch, bodies.texts(batch), strict=True)}
        for group in groups:
            _judge(group, _Comparer(bodies, texts), kept, duplicates)
    kept.sort(key=lambda p: p.source)
    duplicates.sort(key=lambda d: d.dropped.source)
    return kept, duplicates


def _batches(groups: list[list[Posting]], size: int) -> Iterator[list[list[Posting]]]:
    """Consecutive runs of whole groups, each run closed once it holds `size` postings."""
    run: list[list[Posting]] = []
    count = 0
    for group in groups:
        run.append(group)
        count += len(group)
        if count >= size:
            yield run
            run, count = [], 0
    if run:
        yield run


def _judge(
    group: list[Posting], same: _Comparer, kept: list[Posting], duplicates: list[Duplicate]
) -> None:
    """Each posting of a group is a duplicate of the first earlier survivor it is the same as."""
    survivors: list[Posting] = []
    dropped: list[Duplicate] = []
    for posting in group:
        twin = next((p for p in survivors if same(p, posting)), None)
        if twin is not None:
            dropped.append(Duplicate(dropped=posting, kept=twin))
        else:
            survivors.append(posting)
    kept += survivors
    duplicates += dropped


class _NotInMemo(Exception):
    """A pair the memo does not answer, asked of a comparer without bodies."""


class _Comparer:
    """Answers "same job?" for pairs of one group: from the memo, else from shingles of the
    bodies in `texts` (made when first needed, one group at a time); `texts=None`: memo only."""

    def __init__(self, bodies: Bodies, texts: Mapping[int, str] | None) -> None:
        self.bodies = bodies
        self.texts = texts
        self.shingles: dict[int, set[tuple[str, ...]]] = {}

    def __call__(self, a: Posting, b: Posting) -> bool:
        key = self.bodies.pair_key(a, b)
        if key is not None and key in self.bodies.memo:
            answer = self.bodies.memo[key]
        elif self.texts is None:
            raise _NotInMemo
        else:
            answer = similar(self._shingles(a), self._shingles(b))
        if key is not None:
            self.bodies.compared[key] = answer
        return answer

    def _shingles(self, posting: Posting) -> set[tuple[str, ...]]:
        assert self.texts is not None
        if id(posting) not in self.shingles:
            self.shingles[id(posting)] = shingles(self.texts[id(posting)])
        return self.shingles[id(posting)]


_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE_WORDS) -> set[tuple[str, ...]]:
    """Every run of n words (the whole text when it is shorter)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= n:
        return {tuple(words)}
    return set(zip(*(words[i:] for i in range(n)), strict=False))  # the runs, made in C


def similar(sa: set[tuple[str, ...]], sb: set[tuple[str, ...]], threshold: float = SIMILARITY) -> bool:
    """Jaccard similarity of two bodies' shingle sets at or above the threshold."""
    return len(sa & sb) >= threshold * len(sa | sb)
