"""Places are parsed once, in extraction: grouping, JSON-LD and jobs.json read the carried Place."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.config import Config
from generator.extract import locations
from generator.model.site import assemble_site
from generator.pipeline import process_text
from generator.render.jobs_json import jobs_document
from generator.render.jsonld import job_posting


def _posting(n: int, where: str) -> object:
    head = f"---\ntitle: Job {n}\ncompany: Acme\nlocation: {where}\n---\n\n"
    text = head + "We build things together. " * 10
    return process_text(text, source=f"{n}.md", fallback_date=dt.date(2026, 1, 1))


def test_after_extraction_nothing_parses_a_place_again(monkeypatch: pytest.MonkeyPatch) -> None:
    postings = [_posting(1, "Washington, D.C."), _posting(2, "Washington DC, US; Remote (US only)")]

    def refuse(*_args: object) -> None:
        raise AssertionError("a place was parsed again after extraction")

    for name in ("parse_place", "place_key", "parse_locations", "country_code", "place_of"):
        monkeypatch.setattr(locations, name, refuse)
    site = assemble_site(postings, today=dt.date(2026, 1, 2), aliases={"locations": {}})
    terms = site.taxonomies["locations"].terms
    assert [(t.name, len(t.postings)) for t in terms] == [("Remote", 1), ("Washington DC, US", 2)]
    assert [(p.label, p.region) for p in site.postings[0].places] == [("Washington, D.C.", "DC")]
    remote = next(p for p in site.postings if p.remote)
    data = job_posting(remote)
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "US"}
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Washington",
        "addressRegion": "DC",
        "addressCountry": "US",
    }
    record = next(j for j in jobs_document(site, "Board", None)["jobs"] if j["remote"])
    assert record["places"] == [
        {"name": "Washington DC, US", "locality": "Washington", "region": "DC", "country": "US"}
        | {"remote": False},
        {"name": "Remote", "locality": None, "region": None, "country": None}
        | {"remote": True, "applicants": ["US"]},
    ]
    assert record["applicant_countries"] == ["US"]


def test_default_aliases_still_name_groups() -> None:
    postings = [_posting(1, "SF"), _posting(2, "San Francisco, CA")]
    site = assemble_site(postings, today=dt.date(2026, 1, 2), aliases=Config().aliases)
    assert [(t.name, len(t.postings)) for t in site.taxonomies["locations"].terms] == [
        ("San Francisco, CA, USA", 2)
    ]
