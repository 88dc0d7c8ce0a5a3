"""Postings that state no date: first-seen dates kept across builds, sorted after dated
postings, no `published` in feeds, closed by `max_age_days` like expired ones."""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.first_seen import STATE, apply_first_seen, first_seen_note
from generator.model.posting import Origin, Posting
from generator.model.site import assemble_site

TODAY = dt.date(2026, 12, 1)


class MemoryStore:
    """The cache's state API, in memory."""

    def __init__(self) -> None:
        self.state: dict[str, Any] = {}

    def get_state(self, name: str) -> Any:
        return self.state.get(name)

    def put_state(self, name: str, value: Any) -> None:
        self.state[name] = value


def posting(source: str, day: dt.date, *, stated: bool = True, **extra: Any) -> Posting:
    origin = Origin.FRONT_MATTER if stated else Origin.BUILD
    return Posting(
        source=source,
        title=extra.pop("title", source),
        date_posted=day,
        body_html="<p>Work.</p>",
        body_text="Work.",
        origins={"title": Origin.FRONT_MATTER, "date_posted": origin},
        **extra,
    )


def test_date_stated_follows_the_origin() -> None:
    assert posting("a.md", TODAY).date_stated
    assert not posting("b.md", TODAY, stated=False).date_stated


def test_first_seen_is_kept_across_builds() -> None:
    store = MemoryStore()
    first = posting("undated.md", dt.date(2026, 11, 30), stated=False)
    apply_first_seen([first], store)
    assert first.date_posted == dt.date(2026, 11, 30)
    assert first.origins["date_posted"] is Origin.FIRST_SEEN
    assert store.state[STATE] == {"undated.md": "2026-11-30"}
    later = posting("undated.md", dt.date(2026, 12, 24), stated=False)  # the next build's clock
    apply_first_seen([later], store)
    assert later.date_posted == dt.date(2026, 11, 30)
    assert first_seen_note(later) == "date not stated; using first seen 2026-11-30"


def test_dated_postings_are_left_alone_and_files_gone_are_forgotten() -> None:
    store = MemoryStore()
    apply_first_seen([posting("gone.md", TODAY, stated=False)], store)
    dated = posting("dated.md", dt.date(2025, 1, 2))
    apply_first_seen([dated], store)
    assert dated.date_posted == dt.date(2025, 1, 2)
    assert dated.origins["date_posted"] is Origin.FRONT_MATTER
    assert first_seen_note(dated) is None
    assert store.state[STATE] == {}


def test_a_damaged_store_reads_as_empty() -> None:
    store = MemoryStore()
    store.state[STATE] = {"a.md": "not a date", "b.md": 3}
    undated = posting("a.md", TODAY, stated=False)
    apply_first_seen([undated], store)
    assert undated.date_posted == TODAY
    assert store.state[STATE] == {"a.md": TODAY.isoformat()}


def test_without_a_store_the_fallback_is_first_seen() -> None:
    undated = posting("a.md", TODAY, stated=False)
    apply_first_seen([undated], None)
    assert undated.origins["date_posted"] is Origin.FIRST_SEEN
    assert not undated.date_stated


def test_undated_postings_sort_after_dated_ones_on_every_list() -> None:
    undated = posting("new-looking.md", TODAY, stated=False, company="Acme")
    old = posting("old.md", dt.date(2026, 11, 1), company="Acme")
    newer = posting("newer.md", dt.date(2026, 11, 20), company="Acme")
    site = assemble_site([undated, old, newer], today=TODAY)
    assert [p.source for p in site.postings] == ["newer.md", "old.md", "new-looking.md"]
    (acme,) = [t for t in site.taxonomies["companies"].terms if t.known]
    assert [p.source for p in acme.postings] == ["newer.md", "old.md", "new-looking.md"]


def test_max_age_closes_postings_without_an_end_date() -> None:
    old = posting("old.md", dt.date(2026, 9, 1))
    old_with_end = posting("ends.md", dt.date(2026, 9, 1), valid_through=dt.date(2027, 1, 1))
    recent = posting("recent.md", dt.date(2026, 11, 1))
    seen_long_ago = posting("seen.md", dt.date(2026, 8, 1), stated=False)
    site = assemble_site([old, old_with_end, recent, seen_long_ago], today=TODAY, max_age_days=60)
    assert sorted(p.source for p in site.postings) == ["ends.md", "recent.md"]
    assert sorted(p.source for p in site.closed) == ["old.md", "seen.md"]
    assert old.aged_out(TODAY, 60) and not old_with_end.aged_out(TODAY, 60)
    assert not old.is_expired(TODAY)  # no limit: only an end date closes
    assert len(assemble_site([old], today=TODAY, max_age_days=0).postings) == 1
    assert not posting("edge.md", TODAY - dt.timedelta(days=60)).is_expired(TODAY, 60)
