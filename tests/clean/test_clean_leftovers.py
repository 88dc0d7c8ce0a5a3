"""Leftover junk: spaced emphasis, glued lists, mojibake ftfy leaves, empty paragraphs,
literal Markdown links in HTML bodies, Markdown bodies in `.html` files."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.clean.leftovers import (
    drop_empty_paragraphs,
    fix_spaced_emphasis,
    link_markdown_in_html,
    repair_leftover_mojibake,
    split_glued_list,
)
from generator.clean.text import repair_text
from generator.pipeline import process_text
from generator.readers.body_format import written_as_markdown

DAY = dt.date(2026, 1, 1)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("** What the day looks like**", "**What the day looks like**"),
        ("** _Our kitchen_**", "**_Our kitchen_**"),
        ("**Perks of the bakery **", "**Perks of the bakery**"),
        ("Salary **** to **** a year", "Salary **** to **** a year"),  # redacted numbers stay
        ("**Fine already**", "**Fine already**"),
        ("2 ** 8 is 256 and 3 ** 2 is 9", "2 ** 8 is 256 and 3 ** 2 is 9"),
    ],
)
def test_spaced_emphasis(line: str, expected: str) -> None:
    assert fix_spaced_emphasis(line) == expected


def test_spaced_emphasis_renders_bold() -> None:
    text = "---\ntitle: Baker\n---\n\n** What the day looks like**\n\nWe knead dough from four.\n"
    html = process_text(text, source="a.md", fallback_date=DAY).body_html
    assert "<strong>What the day looks like</strong>" in html
    assert "**" not in html


def test_a_list_glued_into_one_line() -> None:
    line = "Our values: Bake Early * Share Crumbs * Knead Gently * Sweep The Floor"
    items = "- Bake Early\n- Share Crumbs\n- Knead Gently\n- Sweep The Floor"
    assert split_glued_list(line) == "Our values:\n\n" + items
    sums = "We use 3 * 4 trays and 2 * 6 racks daily."
    assert split_glued_list(sums) == sums
    prose = "A long sentence about flour * with a star * in the middle of a clause that goes on " * 2
    assert split_glued_list(prose) == prose


def test_a_glued_list_renders_as_a_list() -> None:
    text = "---\ntitle: Baker\n---\n\nWe care.\n\nBake Early * Share Crumbs * Knead Gently * Sweep Up\n"
    html = process_text(text, source="a.md", fallback_date=DAY).body_html
    assert "<li>Share Crumbs</li>" in html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("our Crumbly\u00e2\u201e\u00a2 loaves", "our Crumbly\u2122 loaves"),  # ™
        ("the baker\u00e2\u20ac\u2122s oven", "the baker\u2019s oven"),  # ’
        ("rye \u00e2\u20ac\u201c spelt", "rye \u2013 spelt"),  # –
        ("caf\u00e9 cr\u00e8me", "caf\u00e9 cr\u00e8me"),  # fine text untouched
    ],
)
def test_leftover_mojibake(text: str, expected: str) -> None:
    assert repair_leftover_mojibake(text) == expected
    assert repair_text(text) == expected


def test_empty_paragraphs_go() -> None:
    html = "<p>Bread.</p><p>&nbsp;</p><p> </p><p>\u00a0<br></p><p></p><p>Rolls.</p>"
    assert drop_empty_paragraphs(html) == "<p>Bread.</p><p>Rolls.</p>"


def test_markdown_links_in_html_become_links() -> None:
    html = "<p>See [https://bakery.example.org/jobs](https://bakery.example.org/jobs) and [our oven](https://bakery.example.org/oven).</p>"
    out = link_markdown_in_html(html)
    assert '<a href="https://bakery.example.org/jobs">https://bakery.example.org/jobs</a>' in out
    assert '<a href="https://bakery.example.org/oven">our oven</a>' in out
    assert "](" not in out


def test_markdown_link_in_an_html_posting_is_a_link() -> None:
    page = (
        "---\ntitle: Baker\n---\n\n<p>We bake bread.</p>\n<p>Details are here: "
        "[https://bakery.example.org/jobs/](https://bakery.example.org/jobs/)</p>\n<p>Apply soon.</p>\n"
    )
    html = process_text(page, source="a.html", fallback_date=DAY).body_html
    assert '>https://bakery.example.org/jobs/</a>' in html and "](" not in html


MARKDOWN_IN_HTML = (
    "# The job\nWe bake bread for the village every morning.<br>\n\n"
    "## What you need:\n- An early alarm.<br>\n- Strong arms.<br>\nPatience with sourdough.<br>\n"
    "A love of rye.<br>\n\n## About us\nA small bakery by the river; read <a href=\"https://bakery.example.org\">more</a>.\n"
)


def test_markdown_with_a_few_tags_is_markdown() -> None:
    assert written_as_markdown(MARKDOWN_IN_HTML)
    assert not written_as_markdown("<h2>The job</h2><p>We bake.</p><ul><li>Early</li><li>Strong</li></ul>")
    assert not written_as_markdown("<p># not a heading</p><p>text</p><p>more</p><div>x</div>")


def test_an_html_file_written_in_markdown_renders_its_headings() -> None:
    text = "---\ntitle: Village Baker\n---\n\n" + MARKDOWN_IN_HTML
    html = process_text(text, source="baker.html", fallback_date=DAY).body_html
    assert "# The job" not in html and "## What you need" not in html
    assert "<h2>The job</h2>" in html or "<h2>What you need:</h2>" in html
    assert "<li>An early alarm." in html


def test_a_break_alone_on_a_line_does_not_hide_the_markdown_after_it() -> None:
    text = (
        "---\ntitle: Baker\n---\n\nWe bake bread.\n\n* Early mornings.\n* Warm ovens.\n\n<br>\n"
        "More roles: [https://bakery.example.org/jobs/](https://bakery.example.org/jobs/)\n"
    )
    html = process_text(text, source="a.md", fallback_date=DAY).body_html
    assert "](" not in html
    assert ">https://bakery.example.org/jobs/</a>" in html
