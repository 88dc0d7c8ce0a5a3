"""The generic taxonomy: names written differently form one group with one display name."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model.place import REMOTE, Place, remote_place
from generator.model.posting import Posting
from generator.model.site import COMPANIES, LOCATIONS, assemble_site
from generator.model.slugs import SlugRegistry, make_slug
from generator.model.taxonomy import build_taxonomy, company_key


def posting(n: int, company: str | None = None, locations: list[str] | None = None, **kw) -> Posting:
    p = Posting(
        source=f"p{n:03}.md",
        title=kw.pop("title", f"Job {n}"),
        body_html=kw.pop("body_html", f"<p>Body of job number {n} with its own words {n * 7}.</p>"),
        body_text=kw.pop("body_text", f"Body of job number {n} with its own words {n * 7}."),
        date_posted=kw.pop("date_posted", dt.date(2026, 1, n % 28 + 1)),
        company=company,
        places=[remote_place() if name == REMOTE else Place(name) for name in locations or []],
        **kw,
    )
    p.slug = f"job-{n}"
    return p


def test_company_spellings_form_one_group_named_by_the_most_frequent() -> None:
    postings = [
        posting(1, "Salesforce"),
        posting(2, "SALESFORCE"),
        posting(3, "Salesforce, Inc."),
        posting(4, "salesforce"),
        posting(5, "Salesforce"),
    ]
    taxonomy = build_taxonomy(COMPANIES, postings)
    assert [t.name for t in taxonomy.terms] == ["Salesforce"]
    assert len(taxonomy.terms[0].postings) == 5


def test_display_name_is_not_all_capitals_even_when_most_frequent() -> None:
    postings = [posting(1, "ACME CORP"), posting(2, "ACME CORP"), posting(3, "Acme Corp")]
    assert [t.name for t in build_taxonomy(COMPANIES, postings).terms] == ["Acme Corp"]


def test_aliases_merge_names_and_give_the_display_name() -> None:
    postings = [posting(1, locations=["NYC"]), posting(2, locations=["New York, NY, USA"])]
    taxonomy = build_taxonomy(LOCATIONS, postings, {"NYC": "New York, NY, USA"})
    assert [(t.name, len(t.postings)) for t in taxonomy.terms] == [("New York, NY, USA", 2)]


def test_unknown_values_are_grouped_not_dropped() -> None:
    postings = [posting(1, None, []), posting(2, "Heroku", ["Remote"])]
    companies = build_taxonomy(COMPANIES, postings)
    locations = build_taxonomy(LOCATIONS, postings)
    assert [(t.name, t.known) for t in companies.terms] == [("Heroku", True), ("Company not stated", False)]
    assert [(t.name, t.known) for t in locations.terms] == [("Remote", True), ("Location not stated", False)]
    assert [t.name for t in locations.terms_of(postings[0])] == ["Location not stated"]


def test_terms_of_keeps_the_postings_own_order() -> None:
    p = posting(1, locations=["Tel Aviv, Israel", "Remote"])
    taxonomy = build_taxonomy(LOCATIONS, [p])
    assert [t.name for t in taxonomy.terms_of(p)] == ["Tel Aviv, Israel", "Remote"]


def test_one_posting_counts_once_per_term() -> None:
    p = posting(1, locations=["Remote", "remote"])
    taxonomy = build_taxonomy(LOCATIONS, [p])
    assert [len(t.postings) for t in taxonomy.terms] == [1]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Salesforce, Inc.", "Salesforce"),
        ("Heroku LLC", "heroku"),
        ("A.B.C. GmbH", "a b c"),
        ("Café Ltd", "CAFE"),
    ],
)
def test_company_key_matches_spellings(a: str, b: str) -> None:
    assert company_key(a) == company_key(b)


@pytest.mark.parametrize(("a", "b"), [("Salesforce", "Heroku"), ("Inc", "Ltd"), ("Acme Labs", "Acme")])
def test_company_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert company_key(a) != company_key(b)


def test_slugs_are_unique_ascii_and_safe() -> None:
    registry = SlugRegistry()
    slugs = [
        registry.claim(t) for t in ["Tel Aviv, Israel", "Tel-Aviv Israel", "../../etc/passwd", "東京", "東京"]
    ]
    assert slugs[:2] == ["tel-aviv-israel", "tel-aviv-israel-2"]
    assert len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert slug == slug.lower() and slug.isascii()
        assert "/" not in slug and ".." not in slug and slug


def test_slug_of_text_with_nothing_latin_is_a_stable_hash() -> None:
    assert make_slug("🙂🙂") == make_slug("🙂🙂")
    assert make_slug("🙂🙂") != make_slug("🙃🙃")
    assert make_slug("🙂🙂").startswith("x-")


def test_site_sets_closed_and_drafts_apart_newest_first() -> None:
    today = dt.date(2026, 6, 1)
    postings = [
        posting(1, "A", date_posted=dt.date(2026, 1, 1)),
        posting(2, "B", date_posted=dt.date(2026, 3, 1)),
        posting(3, "C", valid_through=dt.date(2026, 5, 31)),
        posting(4, "D", draft=True),
    ]
    site = assemble_site(postings, today=today)
    assert [p.company for p in site.postings] == ["B", "A"]
    assert [p.company for p in site.closed] == ["C"]
    assert [p.company for p in site.drafts] == ["D"]
    assert {t.name for t in site.taxonomies["companies"].terms} == {"A", "B"}
    with_drafts = assemble_site(postings, today=today, include_drafts=True)
    assert "D" in {p.company for p in with_drafts.postings}


def test_duplicates_need_near_identical_bodies() -> None:
    body = " ".join(f"word{i}" for i in range(300))
    a = posting(1, "Acme", title="Engineer", body_text=body)
    b = posting(2, "ACME Inc.", title="Engineer", body_text=body + " extra")
    c = posting(3, "Acme", title="Engineer", body_text=" ".join(f"other{i}" for i in range(300)))
    site = assemble_site([a, b, c], today=dt.date(2026, 6, 1))
    assert [(d.dropped.source, d.kept.source) for d in site.duplicates] == [("p002.md", "p001.md")]
    slugs = sorted(p.slug for p in site.postings)
    assert slugs == ["engineer-acme", "engineer-acme-2"]
