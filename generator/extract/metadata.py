"""Raw reader fields -> typed metadata, remembering where each value came from."""

from __future__ import annotations

import re
from typing import Any

from generator.extract.dates import date_from_file_name, parse_date
from generator.extract.employment import match_employment_type, parse_employment_type
from generator.extract.filename_title import title_case
from generator.extract.locations import city_in_title, parse_locations
from generator.extract.salary import parse_salary
from generator.model.posting import Metadata, Origin, Salary
from generator.readers.base import RawPosting
from generator.readers.labels import find_labels

_URL = re.compile(r"^(?:https?://|mailto:)\S+$", re.I)
_MAX_GUESSED_LOCATION = 80
# Values scrapers write when they have nothing: `### None`, `company: null`, `N/A`.
_PLACEHOLDER = re.compile(r"^(?:none|null|nil|n/?a|na|unknown|undefined|tbd|tba|-+|\.+|\?+)$", re.I)
# Emoji and pictographs around names (`💢Popsa`), not letters of any script.
_SYMBOL = r"[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200d\s*·•|]"
# The trailing run is tried only where it starts (the look-behind): from inside a run of
# spaces each failed try rescanned the rest of the run, which was quadratic.
_SYMBOLS_AROUND = re.compile(f"^{_SYMBOL}++|(?<!{_SYMBOL}){_SYMBOL}++$")
# Employment words that really mean "other" (so OTHER is right, not a category like "Design").
_OTHER_TYPES = re.compile(r"\b(?:other|volunteer\w*|per\s+project|gig|commission\w*|on[\s-]call)\b", re.I)


def guess_from_body(raw: RawPosting) -> None:
    """Fill fields the reader did not find from labelled lines in the body (`Location: ...`)."""
    for name, (value, _line) in find_labels(raw.body, limit=40).items():
        if name == "locations" and len(value) > _MAX_GUESSED_LOCATION:
            continue
        if name == "title":
            continue
        if name == "company" and not _name(value):
            continue
        raw.set(name, value, Origin.GUESS)
    if not _name(raw.get("company")):
        raw.fields.pop("company", None)
        raw.set("company", company_in_body(raw.body), Origin.GUESS)


_NAME = r"(?P<name>[\w][\w&.'’-]*(?: [A-Z0-9][\w&.'’-]*){0,4})"
_ABOUT_LINE = re.compile(rf"^About {_NAME}\s*:?$")
_AT_NAME = re.compile(rf"^At {_NAME}\s*,")
_NOT_NAMES = {"us", "you", "the", "this", "our", "me", "them", "it", "we", "company", "role", "job"}


def company_in_body(body: str) -> str | None:
    """`About Vanta` / `At Vanta, our mission...` near the top, when the name recurs below."""
    lines = [ln for ln in body.split("\n")[:40] if ln.strip()][:12]
    for line in lines:
        text = _SYMBOLS_AROUND.sub("", re.sub(r"[*_#`]+", "", line)).strip()
        text = " ".join(text.replace(" ,", ",").split())
        m = _ABOUT_LINE.match(text) or _AT_NAME.match(text)
        if not m:
            continue
        name = m["name"].rstrip(".:'’")
        if (
            name.split()[0].casefold() not in _NOT_NAMES
            and any(c.isupper() for c in name)
            and body.count(name) >= 2
        ):
            return name
    return None


def extract_metadata(raw: RawPosting, *, file_name: str) -> Metadata:
    """Typed metadata from a reader's raw fields. Never raises on odd values."""
    origins: dict[str, Origin] = {}
    warnings: list[str] = []

    def origin(name: str, key: str | None = None) -> None:
        found = raw.fields.get(key or name)
        if found is not None:
            origins[name] = found.origin

    title = _unwrap(_text(raw.get("title")))
    if title:
        origin("title")
        if title == title.lower():
            title = title_case(title)
    else:
        title = _title_from_file_name(file_name)
        origins["title"] = Origin.FILE_NAME
    meta = Metadata(title=title, origins=origins, warnings=warnings)

    meta.company = _name(raw.get("company"))
    if meta.company:
        origin("company")
    def url_field(name: str, label: str | None) -> str | None:
        """An http(s)/mailto URL, with its origin; anything else is dropped (with a warning)."""
        url = _url(raw.get(name))
        if url:
            origin(name)
        elif raw.get(name) and label:
            warnings.append(f"{label} not understood: {str(raw.get(name))[:80]!r}")
        return url

    meta.company_url = url_field("company_url", "company URL")
    meta.source_url = url_field("source_url", None)
    meta.apply_url = url_field("apply_url", "apply URL")

    locations_value = raw.get("locations")
    if locations_value is not None:
        values = locations_value if isinstance(locations_value, list) else _text(locations_value)
        meta.locations, meta.remote, meta.applicant_countries = parse_locations(
            [_text(v) for v in values] if isinstance(values, list) else values
        )
        origin("locations")
    if not meta.locations:
        city = city_in_title(title)
        if city:
            meta.locations = [city]
            origins["locations"] = Origin.GUESS
    if raw.get("remote") is True and not meta.remote:
        meta.remote = True
        if "Remote" not in meta.locations:
            meta.locations.append("Remote")

    employment = _text(raw.get("employment_type"))
    if employment:
        meta.employment_type = parse_employment_type(employment)
        if meta.employment_type == "OTHER" and not _OTHER_TYPES.search(employment):
            # `type: Design` (a job category, as on Jekyll boards): a tag, not a contract type.
            meta.employment_type = None
            category = _name(employment)
            if category and match_employment_type(employment) is None:
                meta.tags.append(category)
        if meta.employment_type:
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
        meta.tags = list(dict.fromkeys([*meta.tags, *(_text(t) for t in tags if _text(t))]))[:20]
    meta.draft = raw.get("draft") is True or _text(raw.get("draft")).lower() in ("true", "yes")
    return meta


def _text(value: Any) -> str:
    """A scalar front-matter value as one line of text."""
    if value is None or isinstance(value, dict | list):
        return ""
    return " ".join(str(value).split())


def _unwrap(text: str) -> str:
    """`<Lead Python Engineer>`: a template placeholder's brackets left around a value."""
    return text[1:-1].strip() if text.startswith("<") and text.endswith(">") and "<" not in text[1:] else text


def _name(value: Any) -> str | None:
    """A company-like name: emoji trimmed, placeholders such as `None` or `N/A` mean unknown."""
    text = _unwrap(_SYMBOLS_AROUND.sub("", _text(value)).strip())
    if not text or _PLACEHOLDER.match(text):
        return None
    return text


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
    parts = (" ".join(re.split(r"[-_\s]+", part)).strip() for part in re.split(r"\s+-\s+", stem))
    return title_case(" - ".join(p for p in parts if p)) or "Untitled posting"
