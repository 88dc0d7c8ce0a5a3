"""parse_date and date_from_file_name (dates.tsv, corpus file names)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.extract.dates import date_from_file_name, parse_date

FIXTURE = Path(__file__).parents[1] / "fixtures" / "extract" / "dates.tsv"


def _rows() -> list[list[str]]:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("# ")]


@pytest.mark.parametrize(("text", "expected"), _rows())
def test_date_fixture(text: str, expected: str) -> None:
    result = parse_date(text)
    assert (result.isoformat() if result else "") == expected


def test_yaml_values() -> None:
    assert parse_date(dt.date(2024, 3, 5)) == dt.date(2024, 3, 5)
    assert parse_date(dt.datetime(2024, 3, 5, 23, 0)) == dt.date(2024, 3, 5)
    aware = dt.datetime(2024, 3, 5, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert parse_date(aware) == dt.date(2024, 3, 6)  # dates are UTC
    assert parse_date(None) is None
    assert parse_date(20240305) is None
    assert parse_date(["2024-03-05"]) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "2013-1-19-android-iOS-mobile-software-developer-ignite-video-san-francisco-ca.markdown",
            dt.date(2013, 1, 19),
        ),
        ("gi__2023-04-01_reedu.html", dt.date(2023, 4, 1)),
        ("gi__2025-01-01-eftas.html", dt.date(2025, 1, 1)),
        ("geoloek__2024-12-31_institute.html", dt.date(2024, 12, 31)),
        ("jmilabs_com_20170521_rails_engineer.md", dt.date(2017, 5, 21)),
        ("Csharp__2024-03__backend-software-engineer-senior-lead.md", dt.date(2024, 3, 1)),
        ("content/2024/05/posting.md", None),
        ("Job_00010.txt", None),
        ("000_f66ede7c308a1e54.txt", None),
    ],
)
def test_date_from_file_name(name: str, expected: dt.date | None) -> None:
    assert date_from_file_name(name) == expected


@given(st.text())
def test_never_raises(text: str) -> None:
    parse_date(text)
    date_from_file_name(text)


@given(st.dates(min_value=dt.date(1971, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_round_trips(day: dt.date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d %B %Y")) == day
    assert parse_date(day.strftime("%B %d, %Y")) == day
    assert parse_date(f"{day.month}-{day.day}-{day.year}") == day
    assert parse_date(day.strftime("%d.%m.%Y")) == day
    assert date_from_file_name(f"{day.year}-{day.month}-{day.day}-job.md") == day
