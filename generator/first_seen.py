"""First-seen dates: when the build first saw each posting file that states no date.

A posting without a stated date still needs a `datePosted` (JSON-LD requires one, and feeds
an `updated`). SPEC's fallback is the build clock or the file's time; kept alone, that date
moves with every build or `touch`. The first time a file without a date is read, its
fallback date is stored in the build cache (`first-seen` state, by source path); every later
build uses the stored date, so an undated posting ages honestly instead of looking new.
The posting's `date_posted` origin becomes `Origin.FIRST_SEEN` (`Posting.date_stated` is
false), which sorts it after dated postings and makes `check` say which date it uses.

Without a cache (`--no-cache`) the fallback date is used as first seen and nothing is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Protocol

from generator.model.posting import Origin, Posting

STATE = "first-seen"


class StateStore(Protocol):
    """What this needs of the build cache (generator.cache.BuildCache)."""

    def get_state(self, name: str) -> Any: ...

    def put_state(self, name: str, value: Any) -> None: ...


def _stored(store: StateStore | None) -> dict[str, dt.date]:
    """The stored dates; anything not a `source -> YYYY-MM-DD` table reads as nothing."""
    value = store.get_state(STATE) if store is not None else None
    if not isinstance(value, dict):
        return {}
    dates: dict[str, dt.date] = {}
    for source, text in value.items():
        if isinstance(source, str) and isinstance(text, str):
            try:
                dates[source] = dt.date.fromisoformat(text)
            except ValueError:
                continue
    return dates


def apply_first_seen(postings: Iterable[Posting], store: StateStore | None) -> None:
    """Give each posting that states no date the date its file was first seen.

    Call after reading and before assembling the site (sorting and closing by age use the
    date). A file seen for the first time keeps its fallback date (the build clock or the
    file's time) as first seen. The store keeps the files of `postings` only.
    """
    postings = list(postings)
    known = _stored(store)
    kept: dict[str, dt.date] = {}
    for posting in postings:
        if posting.date_stated:
            if posting.source in known:  # it stated no date before: its first sight stays known
                kept[posting.source] = known[posting.source]
            continue
        first = known.get(posting.source, posting.date_posted)
        kept[posting.source] = first
        posting.date_posted = first
        posting.origins["date_posted"] = Origin.FIRST_SEEN
    if store is not None and kept != known:
        store.put_state(STATE, {source: day.isoformat() for source, day in sorted(kept.items())})


def first_seen_note(posting: Posting) -> str | None:
    """What `check` says about a posting that states no date, else None."""
    if posting.date_stated:
        return None
    if posting.origins.get("date_posted") is Origin.FIRST_SEEN:
        return f"date not stated; using first seen {posting.date_posted.isoformat()}"
    return f"date not stated; using {posting.date_posted.isoformat()} (the build clock or file time)"
