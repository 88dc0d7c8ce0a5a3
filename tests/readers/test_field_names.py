"""Keys and labels as real exports write them: one table of names, matched loosely."""

from __future__ import annotations

import pytest

from generator.readers.base import RawPosting
from generator.readers.field_names import (
    FIELD_NAMES,
    LABEL_FIELDS,
    did_you_mean,
    fields_named,
    is_known_key,
    normalise,
)
from generator.readers.front_matter import FrontMatterReader
from generator.readers.labels import find_labels

BODY = "We bake bread every night for three shops in the old town.\n"


def read(front: str) -> RawPosting:
    return FrontMatterReader().read(f"---\n{front}---\n\n{BODY}")


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("Apply-URL", "apply url"),
        ("apply url", "apply url"),
        ("applyUrl", "apply url"),
        ("apply_urls", "apply url"),
        ("APPLY_URL", "apply url"),
        ("Locations", "location"),
        ("cities", "city"),
        ("remoteOK", "remote ok"),
        ("  Job  Title ", "job title"),
        ("address", "address"),
    ],
)
def test_normalise(name: str, normal: str) -> None:
    assert normalise(name) == normal


@pytest.mark.parametrize(
    ("key", "field"),
    [
        ("apply", "apply_url"),
        ("apply_url", "apply_url"),
        ("Apply-URL", "apply_url"),
        ("applyUrl", "apply_url"),
        ("job_url", "apply_url"),
        ("url", "apply_url"),
        ("how_to_apply", "apply_url"),
        ("application", "apply_url"),
        ("application_url", "apply_url"),
        ("company_url", "company_url"),
        ("org_url", "company_url"),
        ("company_website", "company_url"),
        ("website", "company_url"),
        ("homepage", "company_url"),
        ("remote", "remote"),
        ("work_type", "remote"),
        ("workplace", "remote"),
        ("workplace_type", "remote"),
        ("remote_ok", "remote"),
        ("salary", "salary"),
        ("compensation", "salary"),
        ("pay", "salary"),
        ("rate", "salary"),
        ("location", "locations"),
        ("city", "locations"),
        ("office", "locations"),
        ("country", "locations"),
        ("region", "locations"),
        ("job_location", "locations"),
    ],
)
def test_front_matter_key_fills_its_field(key: str, field: str) -> None:
    value = "https://bakery.example/jobs/7" if field.endswith("_url") else "yes"
    raw = read(f"title: Night Baker\n{key}: {value}\n")
    assert raw.get(field) is not None, raw.fields
    assert raw.warnings == []


def test_preferred_key_wins_over_a_synonym() -> None:
    raw = read("title: Baker\ncity: Leeds\nlocation: York, UK\n")
    assert raw.get("locations") == "York, UK"


def test_city_and_country_are_one_place() -> None:
    assert read("title: Baker\ncity: Leeds\ncountry: UK\n").get("locations") == "Leeds, UK"
    assert read("title: Baker\ncity: Leeds, UK\ncountry: UK\n").get("locations") == "Leeds, UK"


def test_bare_address_to_apply_is_a_link() -> None:
    assert read("title: Baker\nhow_to_apply: jobs@bakery.example\n").get("apply_url") == (
        "mailto:jobs@bakery.example"
    )
    assert read("title: Baker\norg_url: bakery.example\n").get("company_url") == "https://bakery.example"


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("Job URL: https://bakery.example/7", "apply_url", "https://bakery.example/7"),
        ("Apply here: https://bakery.example/7", "apply_url", "https://bakery.example/7"),
        ("Apply-URL: https://bakery.example/7", "apply_url", "https://bakery.example/7"),
        ("Remote: Yes", "remote", "Yes"),
        ("Workplace type: Hybrid", "remote", "Hybrid"),
        ("**Work type:** Remote", "remote", "Remote"),
        ("Compensation: £30,000", "salary", "£30,000"),
        ("Office: Leeds, UK", "locations", "Leeds, UK"),
        ("Company website: https://bakery.example", "company_url", "https://bakery.example"),
        ("Veröffentlicht am: 3. März 2026", "date", "3. März 2026"),
    ],
)
def test_labels_use_the_same_names(line: str, field: str, value: str) -> None:
    assert find_labels(f"Title: Night Baker\n{line}\n")[field][0] == value


def test_front_matter_only_fields_are_not_labels() -> None:
    found = find_labels("Draft: yes\nSkills: kneading\nSalary min: 3\nCurrency: EUR\n")
    assert found == {}


def test_every_label_field_name_is_a_label() -> None:
    for field in LABEL_FIELDS:
        for name in FIELD_NAMES[field]:
            assert field in fields_named(name)
            found = find_labels(f"{name.title()}: something stated\n")
            assert found, name


def test_label_lines_stay_linear_on_long_lines() -> None:
    # The value part never backtracks over trailing spaces: a long line is no label, quickly.
    assert find_labels("Title: x" + " " * 200_000 + "\n") == {}


@pytest.mark.parametrize(
    ("typo", "meant"),
    [("loaction", "location"), ("salery", "salary"), ("compnay", "company"), ("aply_url", "apply_url")],
)
def test_did_you_mean(typo: str, meant: str) -> None:
    assert did_you_mean(typo) == meant


def test_unknown_keys_are_warned_with_a_suggestion_and_line() -> None:
    raw = read("title: Baker\nloaction: Leeds\nsalery: 30k\nfavourite_bread: rye\n")
    assert raw.warnings == [
        "unknown front-matter key 'loaction': did you mean 'location'? (line 3)",
        "unknown front-matter key 'salery': did you mean 'salary'? (line 4)",
        "unknown front-matter key 'favourite_bread' (line 5)",
    ]
    assert raw.get("locations") is None


def test_unknown_key_line_without_opening_fence() -> None:
    raw = FrontMatterReader().read(f"title: Baker\nsalery: 30k\n---\n{BODY}")
    assert raw.warnings == [
        "front matter has no opening `---` fence: read as front matter anyway (line 1)",
        "unknown front-matter key 'salery': did you mean 'salary'? (line 2)",
    ]


@pytest.mark.parametrize("key", ["layout", "permalink", "id", "slug", "http", "categories", "contact"])
def test_knowingly_ignored_keys_are_not_warned(key: str) -> None:
    assert is_known_key(key)
    assert read(f"title: Baker\n{key}: something\n").warnings == []


def test_front_matter_only_file_uses_its_description() -> None:
    raw = FrontMatterReader().read("---\ntitle: Baker\ndescription: Bake bread at night.\n---\n")
    assert raw.body == "Bake bread at night."
    assert raw.warnings == []
