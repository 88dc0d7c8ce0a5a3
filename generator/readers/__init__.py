"""Readers: one class per posting shape, chosen by content, never by file extension."""

from __future__ import annotations

from generator.clean.leftovers import link_markdown_in_html
from generator.readers.base import Found, PostingError, RawPosting, Reader
from generator.readers.body_format import written_as_markdown
from generator.readers.front_matter import FrontMatterReader
from generator.readers.html_page import HtmlReader
from generator.readers.labelled_text import LabelledTextReader
from generator.readers.plain_text import PlainTextReader
from generator.readers.scraped_markdown import ScrapedMarkdownReader
from generator.readers.structured_data import finish_structured_fields

# Tried in order; the first whose `accepts` is true reads the posting.
READERS: tuple[Reader, ...] = (
    FrontMatterReader(),
    ScrapedMarkdownReader(),
    HtmlReader(),
    LabelledTextReader(),
    PlainTextReader(),
)


def reader_for(text: str) -> Reader:
    """The reader for this text's shape (PlainTextReader accepts anything)."""
    return next(reader for reader in READERS if reader.accepts(text))


def read_text(text: str) -> RawPosting:
    """Split decoded, repaired text into raw fields and a body."""
    raw = reader_for(text).read(text)
    finish_structured_fields(raw)
    if raw.body_format == "html":
        if written_as_markdown(raw.body):
            raw.body_format = "markdown"
        else:
            raw.body = link_markdown_in_html(raw.body)
    return raw


__all__ = ["READERS", "Found", "PostingError", "RawPosting", "Reader", "read_text", "reader_for"]
