"""schema.org JobPosting JSON-LD on every posting page."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from generator.config import Config
from generator.extract.locations import places_of
from generator.model.posting import Posting, Salary
from generator.render.jsonld import job_posting, script_json
from tests.site.board import front_matter, json_ld, make_board, scripts_of


def _posting(**kw: object) -> Posting:
    base: dict = dict(
        source="a.md",
        title="Engineer",
        body_html="<p>Build things.</p>",
        body_text="Build things.",
        date_posted=dt.date(2026, 1, 1),
        slug="engineer",
    )
    base.update(kw)
    base["places"] = places_of(base.pop("locations", []), base.pop("applicant_countries", []))
    return Posting(**base)


def test_required_and_recommended_properties() -> None:
    posting = _posting(
        company="Acme",
        company_url="https://acme.example.com/",
        locations=["Columbia, MD"],
        employment_type="FULL_TIME",
        salary=Salary(95000.0, 125000.0, "USD", "YEAR"),
        valid_through=dt.date(2026, 3, 1),
        apply_url="https://acme.example.com/apply",
    )
    data = job_posting(posting, url="https://jobs.example.com/jobs/engineer/")
    assert data["@context"] == "https://schema.org/" and data["@type"] == "JobPosting"
    assert data["title"] == "Engineer"
    assert data["description"] == "<p>Build things.</p>"
    assert data["datePosted"] == "2026-01-01"
    assert data["validThrough"] == "2026-03-01"
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Acme",
        "sameAs": "https://acme.example.com/",
    }
    assert data["jobLocation"] == {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Columbia",
            "addressRegion": "MD",
            "addressCountry": "US",
        },
    }
    assert "jobLocationType" not in data
    assert data["employmentType"] == "FULL_TIME"
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {"@type": "QuantitativeValue", "minValue": 95000, "maxValue": 125000, "unitText": "YEAR"},
    }
    assert isinstance(data["baseSalary"]["value"]["minValue"], int)
    assert data["identifier"]["value"] == "engineer"
    assert data["url"] == "https://jobs.example.com/jobs/engineer/"
    assert data["directApply"] is False


def test_unknown_company_and_place_are_never_invented() -> None:
    data = job_posting(_posting())
    for key in ("hiringOrganization", "jobLocation", "jobLocationType", "url", "directApply", "baseSalary"):
        assert key not in data, key


def test_remote_us_only_is_telecommute_with_country_requirement() -> None:
    data = job_posting(_posting(locations=["Remote"], remote=True, applicant_countries=["US"]))
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "US"}
    assert "jobLocation" not in data


def test_remote_with_a_place_keeps_the_place_and_regions_are_areas() -> None:
    data = job_posting(
        _posting(locations=["Tel Aviv, Israel", "Remote"], remote=True, applicant_countries=["Europe"])
    )
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["jobLocation"]["address"]["addressLocality"] == "Tel Aviv"
    assert data["jobLocation"]["address"]["addressCountry"] == "IL"
    assert data["applicantLocationRequirements"] == {"@type": "AdministrativeArea", "name": "Europe"}


def test_salary_without_currency_is_left_out_and_single_amounts() -> None:
    assert "baseSalary" not in job_posting(_posting(salary=Salary(50000.0, 60000.0, None, "YEAR")))
    data = job_posting(_posting(salary=Salary(40.5, None, "USD", "HOUR")))
    assert data["baseSalary"]["value"] == {"@type": "QuantitativeValue", "minValue": 40.5, "unitText": "HOUR"}


def test_script_json_cannot_close_the_script() -> None:
    text = str(script_json({"title": "</script><script>alert(1)</script> & <!--"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003c/script\\u003e" in text


EVIL = "</script><script>alert(1)</script>"


def test_every_posting_page_has_one_safe_json_ld_block(tmp_path: Path) -> None:
    board = make_board(
        tmp_path,
        {
            "evil.md": front_matter(EVIL + " Engineer", company="Acme & Sons", location="Berlin, Germany"),
            "plain.md": front_matter("Plain job"),
        },
    )
    for posting in board.result.site.pages:
        page = board.page(f"jobs/{posting.slug}/index.html")
        data = json_ld(page)
        assert data["title"] == posting.title
    evil = board.page(f"jobs/{board.slug('evil.md')}/index.html")
    assert evil.count("<script") == 1, "only the JSON-LD script; the title must not open another"
    assert evil.count("</script>") == 1, "nothing closes a script but the JSON-LD block itself"
    assert html.escape(EVIL, quote=False) in evil, "the title is shown literally, escaped"
    data = json_ld(evil)
    assert data["title"].startswith(EVIL)
    assert data["hiringOrganization"]["name"] == "Acme & Sons"
    assert "url" not in data, "no base URL: no url"
    assert all(attrs.get("type") == "application/ld+json" for attrs, _ in scripts_of(evil))


def test_url_is_the_absolute_page_url_with_a_base_url(tmp_path: Path) -> None:
    config = Config(base_url="https://jobs.example.com/board/")
    board = make_board(
        tmp_path, {"a.md": front_matter("Job A", apply_url="https://a.example.com/apply")}, config
    )
    slug = board.slug("a.md")
    data = json_ld(board.page(f"jobs/{slug}/index.html"))
    assert data["url"] == f"https://jobs.example.com/board/jobs/{slug}/"
    assert data["directApply"] is False


def test_aliases_give_the_grouped_company_name(tmp_path: Path) -> None:
    board = make_board(
        tmp_path,
        {
            "a.md": front_matter("Job A", company="Salesforce, Inc."),
            "b.md": front_matter("Job B", company="Salesforce"),
            "c.md": front_matter("Job C", company="Salesforce"),
        },
    )
    data = json_ld(board.page(f"jobs/{board.slug('a.md')}/index.html"))
    assert data["hiringOrganization"]["name"] == "Salesforce"


def test_indented_json_is_json_dumps_byte_for_byte() -> None:
    import json

    from generator.render.jsonld import indented_json

    for value in (
        {},
        [],
        {"a": [1, 2.5, {"b": None, "c": True, "d": False}], "é\u2028<": 'x"\\\n\t\u0001ü', "e": [], "f": {}},
        [[[]], float("nan"), 1e100, -0.0, 10**30, "s"],
        {1: "int key", "nested": {2.5: ["x"]}},
    ):
        assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=1)
