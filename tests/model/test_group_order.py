"""Index order of groups, places merged through the gazetteer, companies merged by domain."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.extract.locations import parse_places
from generator.model.company_domain import company_domain
from generator.model.posting import Posting
from generator.model.site import COMPANIES, LOCATIONS
from generator.model.taxonomy import build_taxonomy


def posting(n: int, company: str | None = None, where: str = "", url: str | None = None) -> Posting:
    places, remote = parse_places(where) if where else ([], False)
    p = Posting(
        source=f"p{n:03}.md",
        title=f"Job {n}",
        body_html="<p>x</p>",
        body_text="x",
        date_posted=dt.date(2026, 1, 1),
        company=company,
        company_url=url,
        places=places,
        remote=remote,
    )
    p.slug = f"job-{n}"
    return p


def groups(spec, postings, aliases=None) -> list[tuple[str, int]]:
    return [(t.name, len(t.postings)) for t in build_taxonomy(spec, postings, aliases or {}).terms]


def test_terms_by_count_then_name_remote_first_unknown_last() -> None:
    postings = [
        posting(1, "Zeta", "Berlin, Germany"),
        posting(2, "Zeta", "Berlin, Germany"),
        posting(3, "Alpha", "Austin, TX"),
        posting(4, "beta co", "Remote"),
        posting(5, None, ""),
        posting(6, "Beta Co", "Amsterdam, Netherlands"),
        posting(7, None, ""),
        posting(8, "Gamma", "Remote (US only)"),
    ]
    assert groups(LOCATIONS, postings) == [
        ("Remote", 2),
        ("Berlin, Germany", 2),
        ("Amsterdam, Netherlands", 1),
        ("Austin, TX", 1),
        ("Location not stated", 2),
    ]
    assert groups(COMPANIES, postings) == [
        ("Beta Co", 2),
        ("Zeta", 2),
        ("Alpha", 1),
        ("Gamma", 1),
        ("Company not stated", 2),
    ]


def test_slugs_do_not_follow_the_counts() -> None:
    few = [posting(1, "Acme", "Paris, France"), posting(2, "ACME", "Paris, TX")]
    more = [*few, posting(3, "Acme", "Paris, TX"), posting(4, "Acme", "Paris, TX")]
    slugs = {t.name: t.slug for t in build_taxonomy(LOCATIONS, few).terms}
    assert {t.name: t.slug for t in build_taxonomy(LOCATIONS, more).terms} == slugs


@pytest.mark.parametrize(
    "spellings",
    [
        ["Washington, DC", "Washington DC, US", "Washington, D.C."],
        ["Frankfurt am Main, Germany", "Frankfurt, Germany"],
        ["Hyderabad, Telangana, India", "Hyderabad, India"],
        ["München", "Munich, Germany"],
        ["Boston, MA", "Boston, Massachusetts, USA"],
    ],
)
def test_spellings_of_one_place_are_one_group(spellings: list[str]) -> None:
    postings = [posting(i, where=text) for i, text in enumerate(spellings)]
    assert [count for _name, count in groups(LOCATIONS, postings)] == [len(spellings)]


@pytest.mark.parametrize(
    "places",
    [
        ["Springfield, IL", "Springfield, MO", "Springfield, MA"],
        ["Cambridge, MA", "Cambridge, England"],
        ["Portland, OR", "Portland, ME"],
        ["Paris, France", "Paris, TX"],
        ["Springfield", "Springfield, IL"],  # a bare Springfield is not placed: not merged
    ],
)
def test_places_of_one_name_in_different_states_stay_apart(places: list[str]) -> None:
    postings = [posting(i, where=text) for i, text in enumerate(places)]
    assert len(groups(LOCATIONS, postings)) == len(places)


def test_the_group_name_is_the_most_frequent_spelling() -> None:
    postings = [
        posting(1, where="Washington DC, US"),
        posting(2, where="Washington, DC"),
        posting(3, where="Washington, DC"),
    ]
    assert groups(LOCATIONS, postings) == [("Washington, DC", 3)]


def test_companies_with_one_domain_are_one_group_named_properly() -> None:
    postings = [
        posting(1, "octoenergy", url="https://octopus.energy/careers/"),
        posting(2, "Octopus Energy", url="https://www.octopus.energy"),
        posting(3, "Octopus Energy"),  # no URL: joined by its name
    ]
    assert groups(COMPANIES, postings) == [("Octopus Energy", 3)]


def test_a_shared_host_or_no_url_merges_nothing() -> None:
    postings = [
        posting(1, "Acme", url="https://boards.greenhouse.io/acme"),
        posting(2, "Globex", url="https://boards.greenhouse.io/globex"),
        posting(3, "Initech", url="https://www.linkedin.com/company/initech"),
        posting(4, "Hooli", url="mailto:jobs@linkedin.com"),
        posting(5, "Brightwave", url="https://brightwave.example.com/"),
        posting(6, "Harbor CI", url="https://harbor-ci.example.com/"),
    ]
    assert len(groups(COMPANIES, postings)) == 6


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://jobs.octopus.energy/x", "octopus.energy"),
        ("https://www.acme.co.uk", "acme.co.uk"),
        ("https://acme.github.io/jobs", "acme.github.io"),
        ("https://boards.greenhouse.io/acme", None),
        ("mailto:jobs@acme.example", None),
        ("https://127.0.0.1/", None),
        ("https://[::1", None),
        ("https://brightwave.example.com/", "brightwave.example.com"),
        ("https://www.harbor-ci.example.com/jobs", "harbor-ci.example.com"),
        ("https://acme.test/", "acme.test"),
        ("https://careers.www.acme.com/", "acme.com"),
        ("https://acme.pinpointhq.com/", "acme.pinpointhq.com"),
        ("", None),
        (None, None),
    ],
)
def test_company_domain(url: str | None, domain: str | None) -> None:
    assert company_domain(url) == domain


def test_aliases_still_name_and_merge_groups() -> None:
    postings = [posting(1, where="Big Apple"), posting(2, where="New York, NY"), posting(3, where="NYC")]
    assert groups(LOCATIONS, postings, {"Big Apple": "New York, NY, USA"}) == [("New York, NY, USA", 3)]
