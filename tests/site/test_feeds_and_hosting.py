"""Atom feeds, sitemap.xml, robots.txt and jobs.json: open postings only, relative or absolute URLs."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.config import Config
from generator.engine.engine import NO_BASE_URL_WARNING
from tests.site.board import Board, front_matter, make_board

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _files() -> dict[str, str]:
    files = {}
    start = dt.date(2025, 10, 1)
    for i in range(55):
        day = start + dt.timedelta(days=i)
        company = "Acme" if i % 2 else "Globex"
        files[f"job{i:02}.md"] = front_matter(
            f"Job {i:02}", company=company, location="Berlin, Germany", date=day.isoformat()
        )
    files["closed.md"] = front_matter(
        "Closed job", company="Acme", location="Berlin, Germany", date="2025-12-30", expires="2025-12-31"
    )
    files["ats/whole.md"] = front_matter(
        "Whole salary",
        company="Initech",
        salary_min=90000,
        salary_max=110000,
        currency="USD",
        date="2025-06-01",
    )
    return files


@pytest.fixture(scope="module")
def relative(tmp_path_factory: pytest.TempPathFactory) -> Board:
    # The postings' dates span months: no age limit here (max_age_days is tested in tests/model).
    return make_board(tmp_path_factory.mktemp("rel"), _files(), Config(max_age_days=0))


@pytest.fixture(scope="module")
def absolute(tmp_path_factory: pytest.TempPathFactory) -> Board:
    return make_board(
        tmp_path_factory.mktemp("abs"),
        _files(),
        Config(base_url="https://jobs.example.com/b/", max_age_days=0),
    )


def _entries(board: Board, rel: str) -> list[ET.Element]:
    root = ET.fromstring((board.out / rel).read_bytes())
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    dt.datetime.strptime(root.findtext(f"{ATOM}updated") or "", "%Y-%m-%dT%H:%M:%SZ")
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for tag in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{tag}") is not None, tag
    return entries


def test_board_feed_has_the_newest_50_open_postings(relative: Board) -> None:
    entries = _entries(relative, "feed.xml")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert len(titles) == 50
    assert titles[0] == "Job 54" and titles[-1] == "Job 05"
    assert "Closed job" not in titles
    root = ET.fromstring((relative.out / "feed.xml").read_bytes())
    assert root.findtext(f"{ATOM}updated") == "2025-11-24T00:00:00Z", "the newest posting's date"


def test_feed_links_are_relative_to_the_feed_and_resolve(relative: Board) -> None:
    for feed in [relative.out / "feed.xml", *relative.out.glob("*/*/feed.xml")]:
        root = ET.fromstring(feed.read_bytes())
        for link in root.iter(f"{ATOM}link"):
            href = link.get("href") or ""
            assert not href.startswith("/") and "://" not in href, href
            assert (feed.parent / href).exists(), f"{feed}: {href}"
        assert (root.findtext(f"{ATOM}id") or "").startswith("urn:uuid:")


def test_company_and_location_feeds(relative: Board) -> None:
    acme = _entries(relative, "companies/acme/feed.xml")
    assert len(acme) == 27 and all(e.findtext(f"{ATOM}author/{ATOM}name") == "Acme" for e in acme)
    berlin = _entries(relative, "locations/berlin-germany/feed.xml")
    assert len(berlin) == 50
    assert (relative.out / "locations/location-not-stated/feed.xml").is_file()


def test_feeds_with_a_base_url_are_absolute(absolute: Board) -> None:
    root = ET.fromstring((absolute.out / "feed.xml").read_bytes())
    assert root.findtext(f"{ATOM}id") == "https://jobs.example.com/b/feed.xml"
    links = [link.get("href") or "" for link in root.iter(f"{ATOM}link")]
    assert all(h.startswith("https://jobs.example.com/b/") for h in links)
    entry = root.find(f"{ATOM}entry")
    assert entry is not None
    assert (entry.findtext(f"{ATOM}id") or "").startswith("https://jobs.example.com/b/jobs/")


def _locs(board: Board) -> list[str]:
    root = ET.fromstring((board.out / "sitemap.xml").read_bytes())
    return [u.findtext(f"{SM}loc") or "" for u in root.findall(f"{SM}url")]


def test_sitemap_lists_open_pages_only(relative: Board) -> None:
    locs = _locs(relative)
    site = relative.result.site
    jobs = {loc for loc in locs if loc.startswith("jobs/")}
    assert jobs == {f"jobs/{p.slug}/index.html" for p in site.postings}
    assert not any(p.slug in loc for p in site.closed for loc in locs)
    assert "index.html" in locs and "companies/acme/index.html" in locs
    for loc in locs:
        assert not loc.startswith("/") and (relative.out / loc).is_file(), loc


def test_sitemap_and_robots_with_a_base_url(absolute: Board) -> None:
    locs = _locs(absolute)
    assert locs[0] == "https://jobs.example.com/b/"
    assert all(loc.startswith("https://jobs.example.com/b/") for loc in locs)
    assert "Sitemap: https://jobs.example.com/b/sitemap.xml" in absolute.page("robots.txt").splitlines()


def test_robots_without_a_base_url_has_no_sitemap_line(relative: Board) -> None:
    robots = relative.page("robots.txt")
    assert "User-agent: *" in robots
    assert not any(line.startswith("Sitemap:") for line in robots.splitlines())


def test_one_warning_without_a_base_url(relative: Board, absolute: Board) -> None:
    assert relative.log.count(NO_BASE_URL_WARNING) == 1
    assert NO_BASE_URL_WARNING not in absolute.log
    assert '<link rel="canonical"' not in relative.page("index.html")
    assert '<link rel="canonical" href="https://jobs.example.com/b/">' in absolute.page("index.html")


def test_jobs_json(relative: Board, absolute: Board) -> None:
    doc = json.loads(relative.page("jobs.json"))
    site = relative.result.site
    assert doc["count"] == len(site.postings) == len(doc["jobs"])
    assert {j["slug"] for j in doc["jobs"]} == {p.slug for p in site.postings}
    assert "Closed job" not in {j["title"] for j in doc["jobs"]}
    whole = next(j for j in doc["jobs"] if j["title"] == "Whole salary")
    assert whole["salary"] == {"min": 90000, "max": 110000, "currency": "USD", "period": "YEAR"}
    assert isinstance(whole["salary"]["min"], int)
    assert whole["source"] == "ats/whole.md" and whole["url"] == f"jobs/{whole['slug']}/index.html"
    for job in doc["jobs"]:
        assert not Path(job["source"]).is_absolute()
        assert (relative.out / job["url"]).is_file()
    doc = json.loads(absolute.page("jobs.json"))
    assert all(j["url"].startswith("https://jobs.example.com/b/jobs/") for j in doc["jobs"])
