"""Problems a person noticed reading pages built from the real corpus, each pinned down."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.extract.locations import city_in_title, place_key
from generator.model.posting import Origin
from generator.pipeline import process_text
from generator.readers import PostingError

DAY = dt.date(2026, 1, 1)


def posting(text: str, source: str = "job.md"):
    return process_text(text, source=source, fallback_date=DAY)


@pytest.mark.parametrize("line", ["### None  ", "### null", "### N/A", "###  "])
def test_placeholder_company_lines_mean_no_company(line: str) -> None:
    p = posting(f"# [Engineer](https://x.example/apply)  \n{line}\n#### `🌎 Romania`  \n\nWe build things.\n")
    assert p.company is None
    assert p.locations == ["Romania"]


def test_company_named_in_the_body_is_a_guess() -> None:
    p = posting(
        "# [Security Engineer](https://x.example/a)  \n### None  \n####  \n\n"
        "At Vanta, our mission is to secure the internet.\n\nJoin Vanta today.\n"
    )
    assert p.company == "Vanta"
    assert p.origins["company"] is Origin.GUESS


@pytest.mark.parametrize("first", ["About Us", "About the Role", "About You"])
def test_about_us_is_not_a_company(first: str) -> None:
    p = posting(f"# [Engineer](https://x.example/a)  \n### None  \n####  \n\n**{first}**\n\nUs and you.\n")
    assert p.company is None


def test_emoji_around_a_company_name_is_dropped() -> None:
    p = posting("---\ntitle: Dev\ncompany: 💢Popsa\n---\nBody text.\n")
    assert p.company == "Popsa"


def test_front_matter_without_opening_fence_may_hold_comments() -> None:
    p = posting(
        "title: Lead Dev\ncompany: JobRobin\n# Choose one\ncontract: permanent\n---\n\n# About\nText.\n"
    )
    assert (p.title, p.company, p.employment_type) == ("Lead Dev", "JobRobin", "FULL_TIME")
    assert "contract:" not in p.body_text


def test_labelled_export_with_only_title_and_description() -> None:
    p = posting("Title: Inspector  Sheet Metal\nWebindex: 69145960\nDescription: Our client needs you.\n")
    assert p.title == "Inspector Sheet Metal"
    assert p.body_text == "Our client needs you."


def test_body_heading_repeating_the_title_is_dropped() -> None:
    p = posting("---\ntitle: Senior Developer\ncompany: Pear Deck\n---\n\n# Senior Developer\n\nYou lead.\n")
    assert "<h2>Senior Developer</h2>" not in p.body_html
    assert p.body_text == "You lead."


def test_glued_sentences_get_their_space_back() -> None:
    p = posting(
        "Title: Manager\nCompany: Acme\nDescription: Do you care?Do you lead?We hire.The end e.g. ASP.NET\n"
    )
    assert "care? Do you lead? We hire. The end e.g. ASP.NET" in p.body_text


def test_a_job_category_is_a_tag_not_an_employment_type() -> None:
    p = posting("---\ntitle: Director, UX\ncompany: Moxie\ntype: Executive\n---\nLead UX.\n")
    assert p.employment_type is None
    assert "Executive" in p.tags
    assert posting("---\ntitle: X\ntype: Volunteer\n---\nBody.\n").employment_type == "OTHER"
    assert posting("---\ntitle: X\ntype: Full Time\n---\nBody.\n").employment_type == "FULL_TIME"


def test_a_file_holding_only_a_word_is_skipped() -> None:
    with pytest.raises(PostingError, match="no job description"):
        posting("foo\n", source="foo.html")


def test_file_name_titles_keep_their_dash() -> None:
    p = posting(
        "Team Oomnitza are seeking a Software Engineer to join us today.\n", "Oomnitza - Integrations.html"
    )
    assert p.title == "Oomnitza - Integrations"


def test_city_in_title_is_a_location_guess() -> None:
    p = posting("Title: Registered Nurse Birmingham\nCompany: Compass\nDescription: Nursing.\n")
    assert p.locations == ["Birmingham"]
    assert p.origins["locations"] is Origin.GUESS
    assert city_in_title("Team Manager") is None
    assert city_in_title("Reading Teacher") is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("London", "London, England", True),
        ("London, UK", "London, United Kingdom", True),
        ("Soho Square, London, UK", "London", True),
        ("Boston, MA", "Boston, Massachusetts, USA", True),
        ("Portland", "Portland, OR", True),
        ("New York", "New York, NY, USA", True),
        ("USA", "United States", True),
        ("Cambridge, MA", "Cambridge, England", False),
        ("Portland, ME", "Portland, OR", False),
        ("Remote", "London", False),
    ],
)
def test_one_place_one_group(a: str, b: str, same: bool) -> None:
    assert (place_key(a) == place_key(b)) is same
