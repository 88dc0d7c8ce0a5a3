"""Raw reader fields -> typed metadata, remembering where each value came from."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from generator.extract.dates import date_from_file_name, parse_date
from generator.extract.employment import parse_employment_type
from generator.extract.filename_title import title_case
from generator.extract.locations import parse_locations
from generator.extract.salary import parse_salary
from generator.model.posting import Origin, Salary
from generator.readers.base import RawPosting
from generator.readers.labels import find_labels

_URL = re.compile(r"^(?:https?://|mailto:)\S+$", re.I)
_MAX_GUESSED_LOCATION = 80


@dataclass
class Metadata:
    """Every metadata field of a posting, typed, plus each field's origin."""

    title: str
    company: str | None = None
    company_url: str | None = None
    locations: list[str] = field(default_factory=list)
    remote: bool = False
    applicant_countries: list[str] = field(default_factory=list)
    employment_type: str | None = None
    salary: Salary | None = None
    date_posted: dt.date | None = None
    valid_through: dt.date | None = None
    apply_url: str | None = None
    source_url: str | None = None
    tags: list[str] = field(default_factory=list)
    draft: bool = False
    origins: dict[str, Origin] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def guess_from_body(raw: RawPosting) -> None:
    """Fill fields the reader did not find from labelled lines in the body (`Location: ...`)."""
    for name, (value, _line) in find_labels(raw.body, limit=40).items():
        if name == "locations" and len(value) > _MAX_GUESSED_LOCATION:
            continue
        if name == "title":
            continue
        raw.set(name, value, Origin.GUESS)


def extract_metadata(raw: RawPosting, *, file_name: str) -> Metadata:
    """Typed metadata from a reader's raw fields. Never raises on odd values."""
    origins: dict[str, Origin] = {}
    warnings: list[str] = []

    def origin(name: str, key: str | None = None) -> None:
        found = raw.fields.get(key or name)
        if found is not None:
            origins[name] = found.origin

    title = _text(raw.get("title"))
    if title:
        origin("title")
        if title == title.lower():
            title = title_case(title)
    else:
        title = _title_from_file_name(file_name)
        origins["title"] = Origin.FILE_NAME
    meta = Metadata(title=title, origins=origins, warnings=warnings)

    meta.company = _text(raw.get("company")) or None
    origin("company")
    meta.company_url = _url(raw.get("company_url"))
    origin("company_url")
    meta.source_url = _url(raw.get("source_url"))
    origin("source_url")
    meta.apply_url = _url(raw.get("apply_url"))
    origin("apply_url")
    if raw.get("apply_url") and not meta.apply_url:
        warnings.append(f"apply URL not understood: {str(raw.get('apply_url'))[:80]!r}")

    locations_value = raw.get("locations")
    if locations_value is not None:
        values = locations_value if isinstance(locations_value, list) else _text(locations_value)
        meta.locations, meta.remote, meta.applicant_countries = parse_locations(
            [_text(v) for v in values] if isinstance(values, list) else values
        )
        origin("locations")
    if raw.get("remote") is True and not meta.remote:
        meta.remote = True
        if "Remote" not in meta.locations:
            meta.locations.append("Remote")

    employment = raw.get("employment_type")
    if employment is not None:
        meta.employment_type = parse_employment_type(_text(employment))
        origin("employment_type")

    meta.salary = _salary(raw)
    if meta.salary is not None:
        origin("salary", "salary" if raw.get("salary") is not None else "salary_min")
    elif raw.get("salary") not in (None, "") and not _means_unknown(raw.get("salary")):
        warnings.append(f"salary not understood: {_text(raw.get('salary'))[:80]!r}")

    date_value = raw.get("date")
    if date_value is not None:
        meta.date_posted = parse_date(date_value)
        if meta.date_posted is None:
            warnings.append(f"date not understood: {_text(date_value)[:40]!r}")
        else:
            origin("date_posted", "date")
    if meta.date_posted is None:
        meta.date_posted = date_from_file_name(file_name)
        if meta.date_posted is not None:
            origins["date_posted"] = Origin.FILE_NAME

    expires = raw.get("valid_through")
    if expires is not None:
        meta.valid_through = parse_date(expires)
        if meta.valid_through is None:
            warnings.append(f"expiry date not understood: {_text(expires)[:40]!r}")
        else:
            origin("valid_through")

    tags = raw.get("tags")
    if isinstance(tags, str):
        tags = [t for t in re.split(r"[,;]\s*", tags)]
    if isinstance(tags, list):
        meta.tags = list(dict.fromkeys(_text(t) for t in tags if _text(t)))[:20]
    meta.draft = raw.get("draft") is True or _text(raw.get("draft")).lower() in ("true", "yes")
    return meta


def _text(value: Any) -> str:
    """A scalar front-matter value as one line of text."""
    if value is None or isinstance(value, dict | list):
        return ""
    return " ".join(str(value).split())


def _url(value: Any) -> str | None:
    text = _text(value)
    return text if _URL.match(text) else None


def _means_unknown(value: Any) -> bool:
    return _text(value).strip("~ ").lower() in ("0", "0k", "", "n/a", "tbd", "competitive")


def _salary(raw: RawPosting) -> Salary | None:
    low, high = _number(raw.get("salary_min")), _number(raw.get("salary_max"))
    if low or high:
        currency = _text(raw.get("currency")).upper() or None
        period = _text(raw.get("salary_period")).upper() or None
        if period is None and max(low or 0, high or 0) >= 10_000:
            period = "YEAR"
        return Salary(low, high, currency, period, text="")
    value = raw.get("salary")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (
            Salary(
                float(value),
                None,
                _text(raw.get("currency")).upper() or None,
                "YEAR" if value >= 10_000 else None,
            )
            if value
            else None
        )
    text = _text(value)
    return parse_salary(text) if text else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) or None
    text = re.sub(r"[^\d.]", "", _text(value))
    try:
        return float(text) or None
    except ValueError:
        return None


def _title_from_file_name(file_name: str) -> str:
    stem = re.sub(r"\.[A-Za-z0-9]{1,9}$", "", file_name.rsplit("/", 1)[-1])
    stem = re.sub(r"^\d{4}-\d{1,2}-\d{1,2}[-_]", "", stem)
    return title_case(" ".join(re.split(r"[-_\s]+", stem)).strip()) or "Untitled posting"
