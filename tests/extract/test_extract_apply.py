"""A way to apply: e-mail addresses in contact fields and "send your CV to" lines."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.extract.apply import address_in, address_in_body, email_address
from generator.model.posting import Origin
from generator.pipeline import process_text

DAY = dt.date(2026, 1, 1)
BODY = "We grow tomatoes under glass and need help with the greenhouse software.\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hiring@tomato-works.co.uk", "hiring@tomato-works.co.uk"),
        ("<hiring@tomato-works.co.uk>", "hiring@tomato-works.co.uk"),
        ("mailto:hiring@tomato-works.co.uk", "hiring@tomato-works.co.uk"),
        ("Hiring@Tomato-Works.CO.UK", "Hiring@tomato-works.co.uk"),
        ("someone@example.com", None),  # an example address
        ("you@yourcompany.com", None),
        ("hiring@tomato.example", None),
        ("hiring@tomato-works..uk", None),  # not an address
        ("hiring@localhost", None),
        ("hiring@NOSPAM.tomato-works.com", None),  # obviously obfuscated
        ("hiring [at] tomato-works [dot] com", None),
        ("not an address", None),
    ],
)
def test_email_address(text: str, expected: str | None) -> None:
    assert email_address(text) == expected


def test_address_in_a_contact_block() -> None:
    assert address_in({"name": "Rosa Vine", "email": "rosa@tomato-works.com"}) == "rosa@tomato-works.com"
    assert address_in(["Rosa Vine", "rosa@tomato-works.com"]) == "rosa@tomato-works.com"
    assert address_in("Rosa Vine <rosa@tomato-works.com>") == "rosa@tomato-works.com"
    assert address_in({"name": "Rosa Vine"}) is None


@pytest.mark.parametrize(
    "line",
    [
        "Please send your CV to rosa@tomato-works.com.",
        "Send a resume and two lines about yourself to rosa@tomato-works.com",
        "To apply, email rosa@tomato-works.com with your portfolio.",
        "Applications to: rosa@tomato-works.com",
        "Email me at [rosa@tomato-works.com](mailto:rosa@tomato-works.com) today!",
        "Bitte senden Sie Ihre Bewerbungsunterlagen an rosa@tomato-works.com.",
        "Ihre Bewerbung richten Sie bitte per E-Mail an rosa@tomato-works.com",
        "Schicken Sie Ihren Lebenslauf an rosa@tomato-works.com",
    ],
)
def test_send_your_cv_lines(line: str) -> None:
    assert address_in_body(f"# About\n\n{BODY}\n{line}\n") == "rosa@tomato-works.com"


@pytest.mark.parametrize(
    "text",
    [
        "Questions about the greenhouse? Our press office is press@tomato-works.com.",
        "Please send your CV to jane@example.com.",  # the template's example
        "Please send your CV to rosa (at) tomato-works (dot) com.",
        BODY,
    ],
)
def test_no_address_to_apply_to(text: str) -> None:
    assert address_in_body(text) is None


def test_front_matter_contact_becomes_the_apply_link() -> None:
    text = (
        "---\ntitle: Greenhouse Developer\ncontact:\n  name: Rosa Vine\n"
        "  email: rosa@tomato-works.com\n---\n\n"
    )
    posting = process_text(text + BODY, source="a.md", fallback_date=DAY)
    assert posting.apply_url == "mailto:rosa@tomato-works.com"
    assert posting.origins["apply_url"] is Origin.FRONT_MATTER


def test_a_stated_apply_url_wins_over_the_contact() -> None:
    text = (
        "---\ntitle: Greenhouse Developer\nurl: https://jobs.tomato-works.com/1\n"
        "contact:\n  email: rosa@tomato-works.com\n---\n\nSend your CV to other@tomato-works.com\n"
    )
    posting = process_text(text + BODY, source="a.md", fallback_date=DAY)
    assert posting.apply_url == "https://jobs.tomato-works.com/1"


def test_a_labelled_email_line_and_a_body_line() -> None:
    labelled = "Title: Greenhouse Developer\nCompany: Tomato Works\nEmail: rosa@tomato-works.com\n\n"
    posting = process_text(labelled + BODY, source="a.txt", fallback_date=DAY)
    assert posting.apply_url == "mailto:rosa@tomato-works.com"
    body = "---\ntitle: Greenhouse Developer\n---\n\n" + BODY
    body += "\nPlease send your CV to rosa@tomato-works.com.\n"
    posting = process_text(body, source="b.md", fallback_date=DAY)
    assert posting.apply_url == "mailto:rosa@tomato-works.com"
    assert posting.origins["apply_url"] is Origin.GUESS


def test_json_ld_application_contact() -> None:
    page = (
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "JobPosting", "title": "Greenhouse Developer", "description": "Tomatoes.", '
        '"applicationContact": {"@type": "ContactPoint", "email": "rosa@tomato-works.com"}}'
        "</script></head><body><h1>Greenhouse Developer</h1><p>" + BODY + "</p><p>More.</p>"
        "<p>Even more about the glasshouses.</p></body></html>"
    )
    posting = process_text(page, source="a.html", fallback_date=DAY)
    assert posting.apply_url == "mailto:rosa@tomato-works.com"
    assert posting.origins["apply_url"] is Origin.JSON_LD
