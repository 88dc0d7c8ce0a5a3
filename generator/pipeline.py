"""One posting file through the whole flow: read -> clean -> extract -> model -> body HTML."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from pathlib import Path

from generator.buildable import refusal
from generator.clean.case import is_all_lower, restore_case
from generator.clean.sanitize import sanitize_html
from generator.clean.structure import tidy_markdown, unglue_sentences
from generator.clean.text import repair_text
from generator.extract.metadata import extract_metadata
from generator.language import detect_language
from generator.model.posting import Origin, Posting
from generator.readers import read_text
from generator.readers.base import RawPosting
from generator.readers.body_labels import guess_from_body
from generator.readers.decode import decode
from generator.render.markdown import markdown_to_html

_TAGS = re.compile(r"<[^>]+>")


@dataclass
class Processed:
    """A posting with its cleaned body source, for `jobboard import`."""

    posting: Posting
    body: str  # cleaned Markdown, or sanitized HTML when the posting was HTML
    body_format: str  # "markdown" or "html"


def process_text(text: str, *, source: str, fallback_date: dt.date) -> Posting:
    """Turn decoded posting text into a Posting. Raises PostingError for invalid postings."""
    return process_text_full(text, source=source, fallback_date=fallback_date).posting


def process_text_full(text: str, *, source: str, fallback_date: dt.date) -> Processed:
    """Like process_text, also returning the cleaned body it rendered."""
    text = repair_text(text)
    raw = read_text(text)
    guess_from_body(raw)
    body_markdown = clean_body(raw)
    meta = extract_metadata(raw, file_name=source, reference_date=fallback_date)
    fields = {f.name: getattr(meta, f.name) for f in dataclass_fields(meta)}
    fields["origins"] = dict(meta.origins)
    if fields["date_posted"] is None:
        fields["date_posted"] = fallback_date
        fields["origins"]["date_posted"] = Origin.BUILD
    body_html = render_body(body_markdown, raw, base_url=meta.source_url or meta.apply_url)
    body_text = html_to_text(body_html)
    language = detect_language(f"{meta.title}\n{body_text}")
    posting = Posting(source=source, body_html=body_html, body_text=body_text, language=language, **fields)
    problem = refusal(posting)
    if problem is not None:
        raise problem
    if raw.body_format == "html":
        return Processed(posting, body_html, "html")
    return Processed(posting, body_markdown, "markdown")


def process_file(
    path: Path, *, content_dir: Path, fallback_date: dt.date | None = None, source: str | None = None
) -> Posting:
    """Read one posting file from disk (see process_text)."""
    processed = process_file_full(path, content_dir=content_dir, fallback_date=fallback_date, source=source)
    return processed.posting


def process_file_full(
    path: Path, *, content_dir: Path, fallback_date: dt.date | None = None, source: str | None = None
) -> Processed:
    """Read one posting file from disk (see process_text_full).

    `source` defaults to the file's path relative to content_dir.
    """
    source = source if source is not None else path.relative_to(content_dir).as_posix()
    data = path.read_bytes()
    if fallback_date is None:
        fallback_date = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).date()
    return process_text_full(decode(data), source=source, fallback_date=fallback_date)


def clean_body(raw: RawPosting) -> str:
    """The body as tidy Markdown (or HTML for HTML bodies), case restored when needed."""
    if raw.body_format == "html":
        return raw.body
    body = tidy_markdown(raw.body, apply_url=raw.get("apply_url"))
    body = unglue_sentences(_drop_title_heading(body, raw.get("title")))
    if is_all_lower(body):
        body = restore_case(body, names=_proper_names(raw))
    return body


# `(?P<text>.+?)[ \t#]*` written so that it cannot backtrack: the text runs to its last
# character that is not a space, tab or `#` (or is the one space before the line end
# when the heading has no text).
_LEADING_HEADING = re.compile(
    r"\A\s*#{1,3}[ \t]+(?P<text>[^ \t\n](?:[ \t#]*+[^ \t#\n])*+|[ \t](?=[ \t#]*+(?:\n|\Z)))"
    r"[ \t#]*+(?:\n|\Z)"
)


def _drop_title_heading(body: str, title: object) -> str:
    """A body that starts by repeating the title as a heading (`# Senior Developer`)."""
    m = _LEADING_HEADING.match(body)
    if m and title and _words(m["text"]) == _words(str(title)):
        return body[m.end() :].lstrip("\n")
    return body


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _proper_names(raw: RawPosting) -> list[str]:
    """The company name and the title's specially-cased words (IoT, AWS), for restore_case."""
    names = [str(raw.get("company"))] if raw.get("company") else []
    title_words = re.findall(r"[\w+#.]+", str(raw.get("title") or ""))
    names += [w for w in title_words if w.lower() != w and w.capitalize() != w]
    return names


def render_body(body: str, raw: RawPosting, *, base_url: str | None) -> str:
    html = body if raw.body_format == "html" else markdown_to_html(body)
    return sanitize_html(html, base_url=base_url)


def html_to_text(html: str) -> str:
    """Plain text of sanitized HTML, for search, summaries and duplicate detection.

    Runs of white space become one space (`str.split` splits on exactly the characters
    `\\s` matches), with none at the ends.
    """
    import html as html_lib

    return " ".join(html_lib.unescape(_TAGS.sub(" ", html)).split())
