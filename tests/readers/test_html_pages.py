"""HTML job pages read as a person reads them: fields from the visible page, body without furniture."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
from pathlib import Path

import pytest

from generator.extract.locations import country_of
from generator.pipeline import process_text
from generator.readers import read_text
from generator.readers.html_page import HtmlReader
from generator.readers.page_title import employer_in_site_name, is_board_name, split_page_title
from tests.conftest import SHARED

ISJB = SHARED / "corpus-pages" / "isjb-html"
_JSON_LD = re.compile(r"<script[^>]*application/ld\+json[^>]*>(?P<data>.*?)</script>", re.S | re.I)


def _isjb_pages() -> list[Path]:
    if not ISJB.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"pages missing at {ISJB} (CI must provide ../shared/corpus-pages)")
        pytest.skip(f"pages not found at {ISJB}")
    return sorted(ISJB.glob("*.html"))


def _page(html: str) -> str:
    return html if html.lstrip().startswith("<") else f"<!doctype html>{html}"


def _read(html: str):
    return process_text(_page(html), source="page.html", fallback_date=dt.date(2026, 1, 1))


# -- (b): the aggregator's pages with their JSON-LD removed --------------------------------


def test_isjb_pages_without_json_ld_give_the_json_ld_fields() -> None:
    pages = _isjb_pages()
    assert len(pages) == 26
    right = {"title": 0, "company": 0, "location": 0, "date_posted": 0}
    misses: list[str] = []
    for path in pages:
        html = path.read_text("utf-8")
        match = _JSON_LD.search(html)
        assert match, path.name
        truth = json.loads(match["data"])
        visible = html[: match.start()] + html[match.end() :]
        assert "application/ld+json" not in visible
        posting = process_text(visible, source=path.name, fallback_date=dt.date(2000, 1, 1))
        address = truth["jobLocation"]["address"]
        checks = {
            "title": posting.title == truth["title"],
            "company": posting.company == truth["hiringOrganization"]["name"],
            "location": bool(posting.locations)
            and posting.locations[0].startswith(address["addressLocality"])
            and country_of(posting.locations[0]) == address["addressCountry"],
            "date_posted": posting.date_posted.isoformat() == truth["datePosted"],
        }
        for name, ok in checks.items():
            right[name] += ok
            if not ok:
                misses.append(f"{path.name}: {name}")
    assert all(count >= 24 for count in right.values()), (right, misses)


def test_isjb_pages_keep_none_of_their_header_in_the_body() -> None:
    for path in _isjb_pages():
        html = path.read_text("utf-8")
        match = _JSON_LD.search(html)
        assert match
        truth = json.loads(match["data"])
        raw = HtmlReader().read(html[: match.start()] + html[match.end() :])
        assert "<h1" not in raw.body, path.name
        assert "gtag(" not in raw.body and "enable JavaScript" not in raw.body, path.name
        if "ANZSCO" in raw.body:  # there is content beside the header: the header lines go
            assert "Posted " not in raw.body, path.name
            assert f"{truth['hiringOrganization']['name']} —" not in raw.body, path.name


# -- title, company, place, date from the visible page -------------------------------------


def test_h1_wins_over_og_title_and_the_site_tail_is_never_the_title() -> None:
    posting = _read(
        '<html><head><meta property="og:title" content="Data Engineer at Initech - Berlin, Germany | Hub">'
        '<meta property="og:site_name" content="Hub Job Board"></head>'
        "<body><h1>Data Engineer (Platform)</h1><p>You will build pipelines for customers.</p></body></html>"
    )
    assert posting.title == "Data Engineer (Platform)"
    assert posting.company == "Initech"
    assert posting.locations == ["Berlin, Germany"]


@pytest.mark.parametrize(
    ("page_title", "heading", "expected"),
    [
        (
            "Analyst at Bare - Melbourne, Australia | Student Job Board",
            None,
            ("Analyst", "Bare", "Melbourne, Australia", "Student Job Board"),
        ),
        ("Backend Engineer - Initech | Careers", None, ("Backend Engineer", "Initech", None, "Careers")),
        ("Backend Engineer | Initech", None, ("Backend Engineer", "Initech", None, "Initech")),
        ("Initech is hiring a Data Engineer", None, ("Data Engineer", "Initech", None, None)),
        (
            "Initech hiring Data Engineer in Berlin, Germany | LinkedIn",
            None,
            ("Data Engineer", "Initech", "Berlin, Germany", "LinkedIn"),
        ),
        ("Acme - Senior Engineer", "Senior Engineer", ("Senior Engineer", "Acme", None, None)),
        ("Senior Engineer @ Acme", None, ("Senior Engineer", "Acme", None, None)),
        ("Staff Engineer - Platform", None, ("Staff Engineer - Platform", None, None, None)),
        ("Head of People at Scale", "Head of People at Scale", ("Head of People at Scale", None, None, None)),
        ("Job Application for Data Engineer at Initech", None, ("Data Engineer", "Initech", None, None)),
        ("Engineer - Berlin - Indeed.com", None, ("Engineer", None, "Berlin", None)),
    ],
)
def test_page_title_patterns(page_title: str, heading: str | None, expected: tuple) -> None:
    parts = split_page_title(page_title, heading=heading)
    assert (parts.title, parts.company, parts.place, parts.site) == expected


@pytest.mark.parametrize(
    ("site", "employer"),
    [
        ("International Student Job Board", None),
        ("LinkedIn", None),
        ("Indeed.com", None),
        ("Remote Jobs Weekly", None),
        ("Initech Careers", "Initech"),
        ("Careers at Initech", "Initech"),
        ("Widget Works", "Widget Works"),
        ("Booking.com", "Booking.com"),
    ],
)
def test_site_names_that_stand_for_an_employer(site: str, employer: str | None) -> None:
    assert employer_in_site_name(site) == employer
    assert is_board_name(site) is (employer is None)


def test_site_name_is_not_the_company_when_the_page_names_another_employer() -> None:
    posting = _read(
        '<html><head><meta property="og:site_name" content="Northwind Listings">'
        '<meta property="og:title" content="Payroll Clerk at Globex - Leeds, United Kingdom"></head>'
        "<body><h1>Payroll Clerk</h1><p>Run the monthly payroll for 300 people.</p></body></html>"
    )
    assert posting.company == "Globex"


def test_site_name_of_the_employers_own_page_is_the_company() -> None:
    posting = _read(
        '<html><head><meta property="og:site_name" content="Initech Careers"></head>'
        "<body><h1>Office Manager</h1><p>Keep the office running and the staplers stocked.</p></body></html>"
    )
    assert posting.company == "Initech"


def test_the_line_under_the_title_names_the_employer() -> None:
    posting = _read(
        "<html><body><article><h1>Night Baker</h1><p>Crumbly — Small-batch bread for the whole town</p>"
        "<p>Porto, Portugal · Food</p><p>Posted 2026-03-04</p>"
        "<p>Bake sourdough from 2am; the ovens are yours.</p></article></body></html>"
    )
    assert posting.company == "Crumbly"
    assert posting.locations == ["Porto, Portugal"]
    assert posting.date_posted == dt.date(2026, 3, 4)
    assert "Small-batch" not in posting.body_html
    assert "Posted" not in posting.body_html
    assert "sourdough" in posting.body_html


@pytest.mark.parametrize(
    ("line", "raw_date"),
    [
        ("Posted 2026-06-23", "2026-06-23"),
        ("Posted on June 3, 2026", "June 3, 2026"),
        ("Posted 3 days ago", "3 days ago"),
        ("Posted 30+ Days Ago", "30+ Days Ago"),
        ("today", "today"),
        ("vor 2 Tagen", "vor 2 Tagen"),
        ("Veröffentlicht vor 5 Tagen", "vor 5 Tagen"),
        ('Posted <time datetime="2026-05-01T09:00:00Z">May 1</time>', "2026-05-01"),
    ],
)
def test_visible_dates_go_to_the_raw_date_field(line: str, raw_date: str) -> None:
    raw = read_text(
        f"<html><body><h1>Welder</h1><p>{line}</p><p>Weld steel frames in our workshop.</p></body></html>"
    )
    assert raw.get("date") == raw_date


def test_a_closing_date_time_is_not_the_posting_date() -> None:
    raw = read_text(
        '<html><body><h1>Welder</h1><p>Closing date: <time datetime="2026-09-30">30 Sep</time></p>'
        "<p>Posted 2026-08-01</p><p>Weld steel frames.</p></body></html>"
    )
    assert raw.get("date") == "2026-08-01"


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("Newcastle-Maitland, Australia · Business Development", "Newcastle-Maitland, Australia"),
        ("Berlin, Germany | Full-time", "Berlin, Germany"),
        ("Engineering • Austin, TX • Hybrid", "Austin, TX"),
    ],
)
def test_place_from_a_header_line(line: str, place: str) -> None:
    posting = _read(
        f"<html><body><h1>Technician</h1><p>{line}</p><p>Fix the machines we sell.</p></body></html>"
    )
    assert posting.locations[:1] == [place]
    assert line.split(" ")[0] not in posting.body_html


def test_labelled_lines_still_work_and_leave_the_body() -> None:
    posting = _read(
        "<html><body><h1>Courier</h1><p>Location: Lyon, France</p><p>Employment type: Part-time</p>"
        "<p>Deliver parcels by cargo bike.</p></body></html>"
    )
    assert posting.locations == ["Lyon, France"]
    assert posting.employment_type == "PART_TIME"
    assert "Location:" not in posting.body_html and "Employment type" not in posting.body_html


def test_label_and_value_on_separate_lines() -> None:
    raw = read_text(
        "<html><body><h1>Courier</h1><dl><dt>Location</dt><dd>Lyon, France</dd>"
        "<dt>Employment Type</dt><dd>Full time</dd></dl><p>Deliver parcels.</p></body></html>"
    )
    assert raw.get("locations") == "Lyon, France"
    assert raw.get("employment_type") == "Full time"


# -- main content, not the page --------------------------------------------------------------


def test_furniture_is_dropped_and_main_is_kept() -> None:
    posting = _read(
        "<html><body><nav><a href='/'>Home</a><a href='/jobs'>All jobs</a></nav>"
        "<header><div class='logo'>Initech</div></header>"
        "<div id='cookie-banner'>We use cookies. <button>Accept</button></div>"
        "<ol class='breadcrumbs'><li>Jobs</li><li>Engineering</li></ol>"
        "<main><h1>Printer Whisperer</h1><div class='job-description'><p>Keep the printers calm.</p>"
        "<ul><li>Toner</li><li>Paper</li></ul></div>"
        "<div class='share-bar'>Share on social</div>"
        "<section><h2>Similar jobs</h2><ul><li>Fax Operator — Posted 2 days ago</li></ul></section></main>"
        "<aside>Get job alerts by e-mail</aside><form><input name='q'></form>"
        "<footer>© Initech 2026 · Privacy · Cookies</footer><script>track()</script></body></html>"
    )
    body = posting.body_html
    assert "Keep the printers calm." in body and "<li>Toner</li>" in body
    for furniture in (
        "All jobs",
        "We use cookies",
        "Engineering",
        "Share on",
        "Fax Operator",
        "job alerts",
        "© Initech",
        "track()",
        "Printer Whisperer",
    ):
        assert furniture not in body, furniture


def test_description_element_is_not_taken_when_it_misses_most_of_the_text() -> None:
    raw = read_text(
        "<html><body><h1>Analyst</h1><div class='job-description'><p>Short intro.</p></div>"
        "<div class='section'><h3>What you will do</h3><ul><li>Build the monthly revenue model and the "
        "forecast that the board reads every quarter.</li><li>Explain the numbers to the sales "
        "team.</li></ul></div></body></html>"
    )
    assert "Short intro." in raw.body and "What you will do" in raw.body


def test_a_page_that_is_only_a_header_still_has_a_body() -> None:
    posting = _read(
        "<html><body><article><h1>Barista</h1><p>Beanery — Coffee for commuters</p>"
        "<p>Leeds, United Kingdom · Hospitality</p><p>Posted 2026-02-02</p></article></body></html>"
    )
    assert posting.company == "Beanery"
    assert "Beanery" in posting.body_text


def test_a_generic_heading_is_the_title_when_nothing_else_is() -> None:
    assert (
        read_text("<h2>Jobs am Institut</h2>\n<div>Frag einfach nach.</div>").get("title")
        == "Jobs am Institut"
    )
    page = "<html><body><h1>Careers</h1><h2>Gardener</h2><p>Mow the lawns.</p></body></html>"
    assert read_text(page).get("title") == "Gardener"


def test_a_list_item_that_mentions_interns_is_no_employment_type() -> None:
    raw = read_text("<h2>Stellen</h2><ul><li>external semester interns (<a href='x'>Link</a>)</li></ul>")
    assert raw.get("employment_type") is None


def test_an_unclosed_heading_gives_its_first_line() -> None:
    raw = read_text("<html><body><h1>Engineer<p>Posted today<div>Build the engine.")
    assert raw.get("title") == "Engineer"
    assert raw.get("date") == "today"


def test_fragment_without_html_or_body_tags() -> None:
    raw = read_text("<h2>Lab Helper</h2>\n<div>Wash the glassware.</div>\n<div>More text.</div>")
    assert raw.get("title") == "Lab Helper"
    assert "Wash the glassware." in raw.body and "Lab Helper" not in raw.body


# -- cost ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filler", ["<", " ", "<p>", "<div>", "<a", "Posted ", " · ", " at ", " - ", "a" * 50 + " "]
)
def test_reading_time_grows_linearly_with_the_page(filler: str) -> None:
    """A page twice as long must not take much more than twice as long (no backtracking)."""

    def cost(size: int) -> float:
        text = (
            "<html><head><title>" + filler * (size // len(filler) // 4) + "</title></head><body><h1>x</h1><p>"
        )
        text += filler * (size // len(filler)) + "</p></body></html>"
        start = time.perf_counter()
        HtmlReader().read(text)
        return time.perf_counter() - start

    cost(20_000)
    small = min(cost(50_000) for _ in range(2))
    large = min(cost(200_000) for _ in range(2))
    assert large < small * 4 * 3 + 0.05
