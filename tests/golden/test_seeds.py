"""The three seed postings, end to end.

Two kinds of checks: the issue's table of what each seed must give (asserted directly), and
golden files of the full metadata and cleaned body under tests/fixtures/golden/, which a
person has read. Regenerate them only on purpose: `pytest tests/golden --update-golden`,
then read the diff.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from generator.model.posting import Posting
from generator.pipeline import process_file
from tests.conftest import FIXTURES, SEEDS, SHARED

GOLDEN = FIXTURES / "golden"
SEED_FILES = sorted(SEEDS.glob("0*.txt"))
MOJIBAKE = ("â€", "Ã©", "Ã¢", "ðŸ", "ï»¿", "\ufeff", "Â ")


def _posting(name: str) -> Posting:
    return process_file(SEEDS / name, content_dir=SEEDS, fallback_date=dt.date(2026, 1, 1))


def metadata(posting: Posting) -> dict:
    salary = posting.salary
    return {
        "title": posting.title,
        "company": posting.company,
        "company_url": posting.company_url,
        "locations": posting.locations,
        "remote": posting.remote,
        "applicant_countries": posting.applicant_countries,
        "places": [
            {
                "label": p.label,
                "locality": p.locality,
                "region": p.region,
                "country_code": p.country_code,
                "remote": p.remote,
                "applicants": [[a.name, a.country_code] for a in p.applicants],
            }
            for p in posting.places
        ],
        "employment_type": posting.employment_type,
        "salary": None if salary is None else [salary.min, salary.max, salary.currency, salary.period],
        "date_posted": posting.date_posted.isoformat(),
        "valid_through": posting.valid_through and posting.valid_through.isoformat(),
        "apply_url": posting.apply_url,
        "source_url": posting.source_url,
        "tags": posting.tags,
        "language": posting.language,
        "origins": {k: str(v) for k, v in sorted(posting.origins.items())},
    }


def test_seeds_are_byte_for_byte_copies() -> None:
    shared = SHARED / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    names = sorted(p.name for p in shared.glob("0*"))
    assert names == [p.name for p in SEED_FILES]
    for name in names:
        assert (SEEDS / name).read_bytes() == (shared / name).read_bytes()


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_seed_matches_golden(path: Path, update_golden: bool) -> None:
    posting = _posting(path.name)
    meta_file = GOLDEN / f"{path.stem}.json"
    body_file = GOLDEN / f"{path.stem}.html"
    meta = json.dumps(metadata(posting), indent=2, ensure_ascii=False) + "\n"
    if update_golden:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        meta_file.write_text(meta, "utf-8")
        body_file.write_text(posting.body_html, "utf-8")
    assert meta == meta_file.read_text("utf-8")
    assert posting.body_html == body_file.read_text("utf-8")


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_no_mojibake_survives(path: Path) -> None:
    posting = _posting(path.name)
    for bad in MOJIBAKE:
        assert bad not in posting.body_html
        assert bad not in posting.title


def test_seed_000_scraped_markdown() -> None:
    p = _posting("000_f66ede7c308a1e54.txt")
    assert p.title == "Backend Software Engineer - Senior/Lead"
    assert p.company == "Salesforce"
    assert p.locations == ["Tel Aviv, Israel", "Remote"]
    assert p.remote is True
    assert p.apply_url == "https://www.remotewlb.com/apply/backend-software-engineer-senior-lead"
    assert p.salary is None  # `~0k` means unknown
    assert "We’re Salesforce" in p.body_html
    assert "— driving your performance" in p.body_html
    assert "<h2></h2>" not in p.body_html and "##" not in p.body_html
    assert "<li><h2>" not in p.body_html.replace("\n", "")
    assert "click to" not in p.body_html.lower()
    assert "<strong>About Salesforce</strong>" in p.body_html or "<h3>About Salesforce</h3>" in p.body_html


def test_seed_001_lower_case_plain_text() -> None:
    p = _posting("001_f794cf863d927829.txt")
    assert p.title == "Senior/Lead Distributed Systems Software Engineer - Salesforce IoT"
    assert p.company == "Salesforce"
    assert p.locations == []
    assert "At Salesforce, data driven decisions" in p.body_html
    assert "Apache Kafka, Spark, Storm and Cassandra" in p.body_html
    assert "Java, C++ or Scala" in p.body_html
    for heading in ("The opportunity", "What you will do", "Who we're looking for"):
        assert f"<h2>{heading}</h2>" in p.body_html
    assert "senior/lead distributed systems software engineer - salesforce iot" not in p.body_html


def test_seed_002_front_matter_wins() -> None:
    p = _posting("002_b4a7d08fb20e0be7.txt")
    assert p.title == "Lead Software Engineer"  # not the body's H1
    assert p.company == "Heroku"
    assert p.locations == ["Remote"] and p.remote
    assert p.employment_type == "FULL_TIME"
    assert p.company_url == "https://www.heroku.com/"
    assert p.apply_url == "https://www.heroku.com/careers/server-side-developer-heroku-254"
    assert "<li>A commitment to equal pay" in p.body_html
    assert "<li>\n<ul>" not in p.body_html
