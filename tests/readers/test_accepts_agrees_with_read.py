"""A reader's `accepts` and `read` look at the same text: what one accepts, the other reads.

A reader asked to read what it does not accept raises PostingError (never an
AssertionError), so the posting is skipped with a named line.
"""

from __future__ import annotations

import datetime as dt

import pytest

from generator.pipeline import process_text
from generator.readers import READERS, PostingError, read_text, reader_for
from generator.readers.scraped_markdown import ScrapedMarkdownReader

LONG_SPANS = "# Backend Developer\n### Example Works\n#### " + "`a` " * 1000 + "\n\nWe build things.\n"


def test_a_long_code_span_line_is_read_as_scraped_markdown() -> None:
    reader = reader_for(LONG_SPANS)
    assert reader.name == ScrapedMarkdownReader.name
    raw = read_text(LONG_SPANS)
    assert raw.get("title") == "Backend Developer"
    assert raw.get("company") == "Example Works"
    assert raw.body == "We build things."


def test_a_long_code_span_line_builds() -> None:
    posting = process_text(LONG_SPANS, source="long.md", fallback_date=dt.date(2026, 1, 1))
    assert posting.title == "Backend Developer"
    assert posting.company == "Example Works"


@pytest.mark.parametrize(
    "text",
    [
        LONG_SPANS,
        "# " + "x" * 5000 + "\n### Example Works\n#### `1`\n\nbody\n",
        "# Title\n### " + "y" * 5000 + "\n#### `1`\n\nbody\n",
        "\n" * 5000 + "# Title\n### Example Works\n#### `1`\n\nbody\n",
        "# Title\n### Example Works\n#### `1` x\n",
        "plain words\n",
    ],
)
def test_every_reader_reads_what_it_accepts(text: str) -> None:
    """`read` returns, or refuses with PostingError only what `accepts` refused."""
    for reader in READERS:
        accepted = reader.accepts(text)
        try:
            reader.read(text)
        except PostingError:
            assert not accepted, f"{reader.name} accepted a text it cannot read"


def test_html_the_standard_library_parser_cannot_read_is_read() -> None:
    """`<![` without a name made Python 3.11's html.parser raise AssertionError; the HTML5
    parser reads it as a bogus comment (up to the next `>`), as browsers do."""
    text = "<p>One</p><p>Two</p>\n<![ broken declaration\n<p>Three</p>\n"
    posting = process_text(text, source="broken.html", fallback_date=dt.date(2026, 1, 1))
    assert "Two" in posting.body_text and "Three" in posting.body_text
    assert "declaration" not in posting.body_text
