"""Location lists: corpus strings and SPEC examples (tests/fixtures/extract/locations.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.extract.locations import (
    Address,
    country_of,
    locality_of,
    location_key,
    normalize_location,
    parse_locations,
    parse_place,
    region_of,
    remote_requirements,
    split_location_list,
)

FIXTURE = Path(__file__).parents[1] / "fixtures" / "extract" / "locations.tsv"


def _rows() -> list[list[str]]:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("# ")]


def _list(text: str) -> list[str]:
    return [part for part in text.split(" ; ") if part]


@pytest.mark.parametrize("row", _rows(), ids=lambda row: row[0])
def test_location_fixture(row: list[str]) -> None:
    text, locations, remote, applicants = row
    result = parse_locations(text.replace("\\n", "\n"))
    assert result == (_list(locations), remote == "yes", _list(applicants))


def test_spec_example() -> None:
    assert split_location_list("Israel,Tel Aviv, Israel,Remote") == ["Tel Aviv, Israel", "Remote"]
    assert parse_locations("Israel,Tel Aviv, Israel,Remote") == (["Tel Aviv, Israel", "Remote"], True, [])
    assert parse_locations("Remote (US only)") == (["Remote"], True, ["US"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Berlin;Munich", ["Berlin", "Munich"]),
        ("Berlin | Munich", ["Berlin", "Munich"]),
        ("Berlin / Munich", ["Berlin", "Munich"]),
        ("Berlin or Munich", ["Berlin", "Munich"]),
        ("- Berlin\n- Munich\r\n* Remote", ["Berlin", "Munich", "Remote"]),
        ("London,UK", ["London, UK"]),
        ("Cambridge or Brighton, England", ["Cambridge, England", "Brighton, England"]),
        ("Remote within Canada or United States", ["Remote within Canada or United States"]),
        ("San Francisco, CA, New York, NY, or Remote", ["San Francisco, CA", "New York, NY", "Remote"]),
        ("Galway, Ireland, Remote", ["Galway, Ireland", "Remote"]),
        ("", []),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert split_location_list(text) == expected


def test_list_input_is_split_and_deduplicated() -> None:
    assert parse_locations(["Berlin, Germany", "berlin germany", "Israel", "Tel Aviv, Israel"]) == (
        ["Berlin, Germany", "Tel Aviv, Israel"],
        False,
        [],
    )
    assert parse_locations([]) == ([], False, [])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("  new   york,ny ", "New York, NY"),
        ("NEW YORK, NY", "New York, NY"),
        ("san luis obispo, ca", "San Luis Obispo, CA"),
        ("newcastle upon tyne, uk", "Newcastle upon Tyne, UK"),
        ("remote", "Remote"),
        ("REMOTE", "Remote"),
        ("Anywhere", "Remote"),
        ("Work from home", "Remote"),
        ("100% remote", "Remote"),
        ("Remote - US", "Remote"),
        ("Hybrid", ""),
        ("London (Hybrid)", "London"),
        ("UK - London", "London, UK"),
        ("Quezon City, Philippines, Philippines", "Quezon City, Philippines"),
        ("iPhone City, McLean", "iPhone City, McLean"),
        ("Hybrid (Amsterdam)", "Amsterdam"),
        ("sydney, nsw", "Sydney, NSW"),
        ("🇩🇪 Berlin", "Berlin, Germany"),
        (".", ""),
    ],
)
def test_normalize(name: str, expected: str) -> None:
    assert normalize_location(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Remote (US only)", (True, ["US"])),
        ("Remote - Europe", (True, ["Europe"])),
        ("Remote, Germany", (True, ["Germany"])),
        ("Tel Aviv, Israel", (False, [])),
        ("Remote", (True, [])),
        ("Remote within Canada or United States", (True, ["Canada", "US"])),
        ("Amsterdam or Remote (EU and UK)", (True, ["EU", "UK"])),
        ("US Remote", (True, ["US"])),
        ("Remote-Latin America", (True, ["Latin America"])),
        ("Anywhere (LATAM)", (True, ["LATAM"])),
        ("Global", (True, [])),
        ("Remote (U.S.)", (True, ["US"])),
    ],
)
def test_remote_requirements(name: str, expected: tuple[bool, list[str]]) -> None:
    assert remote_requirements(name) == expected


def test_location_key() -> None:
    assert location_key("Tel Aviv, Israel") == location_key("tel aviv israel")
    assert location_key("Tel-Aviv,Israel") == location_key("TEL AVIV ,  ISRAEL")
    assert location_key("México") == location_key("Mexico")
    assert location_key("...") == ""


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Tel Aviv, Israel", Address("Tel Aviv", None, "Israel", "IL")),
        ("Columbia, MD", Address("Columbia", "MD", "United States", "US")),
        ("San Francisco, CA", Address("San Francisco", "CA", "United States", "US")),
        ("Oakland, CA, United States", Address("Oakland", "CA", "United States", "US")),
        ("Boston, Massachusetts, USA", Address("Boston", "Massachusetts", "United States", "US")),
        ("Hyderabad, Telangana, India", Address("Hyderabad", "Telangana", "India", "IN")),
        ("North Vancouver, BC Canada", Address("North Vancouver", "BC", "Canada", "CA")),
        ("Soho Square, London, UK", Address("London", None, "United Kingdom", "GB")),
        ("London, England", Address("London", None, "England", "GB")),
        ("Germany", Address(None, None, "Germany", "DE")),
        ("London", Address("London", None, "United Kingdom", "GB")),
        ("Springfield", Address("Springfield", None, None, None)),
        ("München", Address("München", None, "Germany", "DE")),
        ("Sydney NSW", Address("Sydney", "NSW", "Australia", "AU")),
        ("Perth, WA", Address("Perth", "WA", "Australia", "AU")),
        ("Paris, TX", Address("Paris", "TX", "United States", "US")),
        ("Texas", Address(None, "Texas", "United States", "US")),
        ("Newcastle-Maitland, Australia", Address("Newcastle-Maitland", None, "Australia", "AU")),
        ("Remote", None),
        ("", None),
    ],
)
def test_parse_place(name: str, place: Address | None) -> None:
    assert parse_place(name) == place


def test_place_helpers() -> None:
    assert country_of("Tel Aviv, Israel") == "IL"
    assert locality_of("Tel Aviv, Israel") == "Tel Aviv"
    assert region_of("Columbia, MD") == "MD"
    assert country_of("Remote") is None


@given(st.text())
def test_never_raises(text: str) -> None:
    locations, remote, applicants = parse_locations(text)
    assert len({location_key(name) for name in locations}) == len(locations)
    assert all(name and name == name.strip() for name in locations)
    assert remote or "Remote" not in locations
    assert remote or not applicants
    normalize_location(text)
    remote_requirements(text)
    parse_place(text)


@given(st.lists(st.text(max_size=30), max_size=5))
def test_list_never_raises(items: list[str]) -> None:
    parse_locations(items)


def test_ascii_fast_paths_match_the_unicode_rules() -> None:
    import unicodedata

    from generator.extract import locations

    for code in range(128):
        ch = chr(code)
        keep = ch in "\t\n" or unicodedata.category(ch)[0] != "C"
        assert (locations._clean(f"a{ch}b") == f"a{ch}b") == keep, repr(ch)
    assert locations.location_key("Tel-Aviv, ISRAEL & Co.") == "tel aviv israel and co"
    assert locations.location_key("Zürich\u00a0Ⅳ") == "zurich iv"


@pytest.mark.parametrize(
    ("text", "label", "region"),
    [
        ("Washington, D.C.", "Washington, D.C.", "DC"),
        ("washington, d.c.", "Washington, D.C.", "DC"),
        ("Boston, Massachusetts, USA", "Boston, Massachusetts, USA", "MA"),
        ("Toronto, Ontario", "Toronto, Ontario", "ON"),
        ("Columbia, MD", "Columbia, MD", "MD"),
        ("Hyderabad, Telangana, India", "Hyderabad, Telangana, India", "Telangana"),
    ],
)
def test_places_keep_initials_and_carry_state_codes(text: str, label: str, region: str) -> None:
    from generator.extract.locations import parse_places

    places, _remote = parse_places(text)
    assert [(p.label, p.region) for p in places] == [(label, region)]


@pytest.mark.parametrize(
    ("text", "locality", "region", "code"),
    [
        ("San Francisco", "San Francisco", "CA", "US"),
        ("Seattle", "Seattle", "WA", "US"),
        ("Toronto", "Toronto", "ON", "CA"),
        ("London", "London", None, "GB"),
        ("Springfield", "Springfield", None, None),
    ],
)
def test_a_city_alone_gets_its_state_from_the_gazetteer(
    text: str, locality: str, region: str | None, code: str | None
) -> None:
    from generator.extract.locations import parse_places

    (place,), _remote = parse_places(text)
    assert (place.locality, place.region, place.country_code) == (locality, region, code)
