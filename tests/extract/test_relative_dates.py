"""Relative and visible dates (`3 days ago`, `Posted 2026-06-23`) and ambiguous numeric dates."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.extract.dates import ambiguous_date, parse_date
from generator.model.posting import Posting
from generator.pipeline import process_text

REFERENCE = dt.date(2026, 7, 1)
BODY = "We bake bread every night for three shops in the old town.\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", "2026-07-01"),
        ("Today", "2026-07-01"),
        ("just posted", "2026-07-01"),
        ("yesterday", "2026-06-30"),
        ("3 days ago", "2026-06-28"),
        ("1 day ago", "2026-06-30"),
        ("a day ago", "2026-06-30"),
        ("a week ago", "2026-06-24"),
        ("2 weeks ago", "2026-06-17"),
        ("30+ days ago", "2026-06-01"),
        ("Posted 30+ days ago", "2026-06-01"),
        ("Posted 5 hours ago", "2026-07-01"),
        ("an hour ago", "2026-07-01"),
        ("2d ago", "2026-06-29"),
        ("a month ago", "2026-06-01"),
        ("Posted today", "2026-07-01"),
        ("3 days ago · 41 applicants", "2026-06-28"),
        ("heute", "2026-07-01"),
        ("gestern", "2026-06-30"),
        ("vor 2 Tagen", "2026-06-29"),
        ("vor einem Tag", "2026-06-30"),
        ("vor einer Woche", "2026-06-24"),
        ("vor 3 Wochen", "2026-06-10"),
        ("Veröffentlicht vor 2 Tagen", "2026-06-29"),
        ("aujourd'hui", "2026-07-01"),
        ("hier", "2026-06-30"),
        ("il y a 3 jours", "2026-06-28"),
        ("il y a une semaine", "2026-06-24"),
        ("hoy", "2026-07-01"),
        ("ayer", "2026-06-30"),
        ("hace 2 días", "2026-06-29"),
        ("hace una semana", "2026-06-24"),
    ],
)
def test_relative_dates_count_back_from_the_reference(text: str, expected: str) -> None:
    assert parse_date(text, REFERENCE) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize("text", ["3 days ago", "today", "vor 2 Tagen"])
def test_relative_dates_need_a_reference(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "text", ["3 days", "ago", "vor Tagen", "in 3 days", "days ago", "3 days ago ago", "9999 years ago"]
)
def test_not_relative_dates(text: str) -> None:
    assert parse_date(text, REFERENCE) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Posted 2026-06-23", "2026-06-23"),
        ("Posted on 2026-06-23", "2026-06-23"),
        ("Posted: June 23, 2026", "2026-06-23"),
        ("Date posted: 23 June 2026", "2026-06-23"),
        ("Veröffentlicht am 23.06.2026", "2026-06-23"),
        ("Publié le 23 juin 2026", "2026-06-23"),
        ("!!timestamp '2015-06-08' <- the day it was sent", "2015-06-08"),
    ],
)
def test_a_leading_posted_is_dropped(text: str, expected: str) -> None:
    assert parse_date(text) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("05/11/2026", "read as 2026-05-11 (month first), not 2026-11-05"),
        ("1-2-2013", "read as 2013-01-02 (month first), not 2013-02-01"),
        ("Posted 05/11/2026", "read as 2026-05-11 (month first), not 2026-11-05"),
    ],
)
def test_ambiguous_numeric_dates(text: str, note: str) -> None:
    assert ambiguous_date(text) == note
    assert parse_date(text) == dt.date.fromisoformat(note.split()[2])  # today's reading kept


@pytest.mark.parametrize("text", ["13/11/2026", "05/05/2026", "2026-05-11", "05.11.2026", "May 11, 2026"])
def test_unambiguous_dates(text: str) -> None:
    assert ambiguous_date(text) is None


def posting(front: str, source: str = "baker.md", day: dt.date = REFERENCE) -> Posting:
    return process_text(f"---\ntitle: Baker\n{front}---\n\n{BODY}", source=source, fallback_date=day)


def test_pipeline_resolves_against_the_file_date() -> None:
    assert posting("date: 3 days ago\n").date_posted == dt.date(2026, 6, 28)
    assert posting("date: 3 days ago\n", day=dt.date(2025, 1, 10)).date_posted == dt.date(2025, 1, 7)
    assert posting("date: Posted 2026-06-23\n").date_posted == dt.date(2026, 6, 23)


def test_ambiguous_date_is_a_warning() -> None:
    found = posting("date: 05/11/2026\n")
    assert found.date_posted == dt.date(2026, 5, 11)
    assert found.warnings == ["ambiguous date '05/11/2026': read as 2026-05-11 (month first), not 2026-11-05"]


def test_ambiguous_date_confirmed_by_the_file_name_is_no_warning() -> None:
    assert posting("date: 2-10-2013\n", source="2013-2-10-baker.md").warnings == []
