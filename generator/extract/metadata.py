"""Raw reader fields -> typed metadata, remembering where each value came from."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, Protocol

from generator.extract.apply import address_in, address_in_body
from generator.extract.dates import ambiguous_date, date_from_file_name, parse_date
from generator.extract.employment import match_employment_type, parse_employment_type
from generator.extract.filename_title import title_case
from generator.extract.locations import (
    city_in_title,
    is_remote,
    parse_locations,
    parse_places,
    places_of,
    with_applicants,
)
from generator.extract.remote import remote_flag
from generator.extract.salary import stated_salary
from generator.model.posting import Metadata, Origin


class FoundValue(Protocol):
    """A raw field value and where it came from (readers.base.Found)."""

    @property
    def value(self) -> Any: ...

    @property
    def origin(self) -> Origin: ...


class RawPosting(Protocol):
    """What a reader returns (readers.base.RawPosting), as far as extraction reads it."""

    @property
    def fields(self) -> Mapping[str, FoundValue]: ...

    @property
    def warnings(self) -> list[str]: ...

    @property
    def body(self) -> str: ...

    def get(self, name: str) -> Any: ...


_URL = re.compile(r"^(?:https?://|mailto:)\S+$", re.I)
# Values scrapers write when they have nothing: `### None`, `company: null`, `N/A`.
_PLACEHOLDER = re.compile(r"^(?:none|null|nil|n/?a|na|unknown|undefined|tbd|tba|-+|\.+|\?+)$", re.I)
# Emoji and pictographs around names (`💢Popsa`), not letters of any script.
_SYMBOL = r"[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200d\s*·•|]"
# The trailing run is tried only where it starts (the look-behind): from inside a run of
# spaces each failed try rescanned the rest of the run, which was quadratic.
_SYMBOLS_AROUND = re.compile(f"^{_SYMBOL}++|(?<!{_SYMBOL}){_SYMBOL}++$")
# Employment words that really mean "other" (so OTHER is right, not a category like "Design").
_OTHER_TYPES = re.compile(r"\b(?:other|volunteer\w*|per\s+project|gig|commission\w*|on[\s-]call)\b", re.I)


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


def extract_metadata(
    raw: RawPosting, *, file_name: str, reference_date: dt.date | None = None
) -> Metadata:
    """Typed metadata from a reader's raw fields. Never raises on odd values.

    `reference_date` (the file's date: SOURCE_DATE_EPOCH or its modification time) is what
    relative dates such as `3 days ago` count back from; without it they are not understood.
    """
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
    warnings.extend(raw.warnings)
    if isinstance(raw.get("title"), list | dict):
        warnings.append(f"title not understood: a {_kind(raw.get('title'))}, not text")

    meta.company = plain_name(raw.get("company"))
    if meta.company:
        origin("company")

    def url_field(name: str, label: str | None) -> str | None:
        """An http(s)/mailto URL (also one inside text: `Email jobs@acme.example`), with its
        origin; anything else is dropped (with a warning)."""
        url = _url(raw.get(name)) or (_url_in_text(raw.get(name)) if label else None)
        if url:
            origin(name)
        elif raw.get(name) and label:
            warnings.append(f"{label} not understood: {_shown(raw.get(name), 80)!r}")
        return url

    meta.company_url = url_field("company_url", "company URL")
    meta.source_url = url_field("source_url", None)
    meta.apply_url = url_field("apply_url", "apply URL")
    if meta.apply_url is None:  # an e-mail address to apply to (see extract.apply)
        if address := address_in(raw.get("contact")):
            meta.apply_url, origins["apply_url"] = "mailto:" + address, raw.fields["contact"].origin
        elif address := address_in_body(raw.body):
            meta.apply_url, origins["apply_url"] = "mailto:" + address, Origin.GUESS

    locations_value = raw.get("locations")
    if locations_value is not None:
        values = locations_value if isinstance(locations_value, list) else _text(locations_value)
        stated = [_text(v) for v in values] if isinstance(values, list) else values
        meta.places, meta.remote = parse_places(stated)
        origin("locations")
    if not meta.places:
        city = city_in_title(title)
        if city:
            meta.places = places_of([city])
            origins["locations"] = Origin.GUESS

    employment = _text(raw.get("employment_type"))
    if employment:
        _employment(meta, employment)
        if meta.employment_type:
            origin("employment_type")
    _remote(meta, raw, warnings)

    meta.salary, unclear = stated_salary(
        raw.get("salary"),
        raw.get("salary_min"),
        raw.get("salary_max"),
        raw.get("currency"),
        raw.get("salary_period"),
    )
    if meta.salary is not None:
        origin("salary", "salary_min" if raw.get("salary_min") or raw.get("salary_max") else "salary")
    elif unclear:
        stated = [raw.get(n) for n in ("salary_min", "salary_max") if raw.get(n) not in (None, "")]
        shown = " – ".join(_shown(v, 40) for v in stated) if stated else _shown(raw.get("salary"), 80)
        warnings.append(f"salary not understood: {shown!r}")

    named = date_from_file_name(file_name)
    meta.date_posted = _date(raw, "date", "date", reference_date, warnings, named)
    if meta.date_posted is not None:
        origin("date_posted", "date")
    else:
        meta.date_posted = named
        if meta.date_posted is not None:
            origins["date_posted"] = Origin.FILE_NAME
    meta.valid_through = _date(raw, "valid_through", "expiry date", reference_date, warnings)
    if meta.valid_through is not None:
        origin("valid_through")

    tags = raw.get("tags")
    if isinstance(tags, str):
        tags = [t for t in re.split(r"[,;]\s*", tags)]
    if isinstance(tags, list):
        meta.tags = list(dict.fromkeys([*meta.tags, *(_text(t) for t in tags if _text(t))]))[:20]
    meta.draft = raw.get("draft") is True or _text(raw.get("draft")).lower() in ("true", "yes")
    return meta


def _employment(meta: Metadata, employment: str) -> None:
    meta.employment_type = parse_employment_type(employment)
    if meta.employment_type == "OTHER" and not _OTHER_TYPES.search(employment):
        # `type: Design` (a job category, as on Jekyll boards): a tag, not a contract type.
        meta.employment_type = None
        category = plain_name(employment)
        if category and match_employment_type(employment) is None:
            meta.tags.append(category)


# How much each origin is trusted: a stated remote flag overrides the locations' own only
# when it comes from a source at least as trusted.
_TRUST = {Origin.FRONT_MATTER: 0, Origin.LABEL: 1, Origin.HEADING: 1, Origin.HTML_META: 1}


def _remote(meta: Metadata, raw: RawPosting, warnings: list[str]) -> None:
    """`remote: yes`, `workplace_type: Hybrid`, `Remote: No`: what the remote field says.

    Remote adds the location `Remote`; hybrid or on site makes the posting not remote and
    drops `Remote` from its locations when they name a place too (a location list of only
    `Remote` is left as it is: the two fields disagree, and the list says more). A value that
    is an employment type instead (`work_type: Full-time`) is read as one.
    """
    found = raw.fields.get("remote")
    if found is None:
        return
    flag = remote_flag(found.value)
    text = _text(found.value)
    wanted: list[str] = []
    if flag is None and isinstance(found.value, str) and is_remote(text):
        flag = True
        _, _, wanted = parse_locations(text)
    if flag is True:
        meta.remote = True
        meta.places = with_applicants(meta.places, wanted)
        meta.origins["remote"] = found.origin
    elif flag is False:
        places = [place for place in meta.places if not place.remote]
        located = meta.origins.get("locations")
        trusted = _TRUST.get(found.origin, 9) <= _TRUST.get(located, 9) if located else True
        if meta.remote and places and trusted:
            meta.places, meta.remote = places, False
            meta.origins["remote"] = found.origin
    elif meta.employment_type is None and match_employment_type(text):
        _employment(meta, text)
        if meta.employment_type:
            meta.origins["employment_type"] = found.origin
    elif text and found.origin is not Origin.GUESS:
        warnings.append(f"remote not understood: {text[:80]!r}")


def _date(
    raw: RawPosting,
    name: str,
    label: str,
    reference: dt.date | None,
    warnings: list[str],
    confirmed: dt.date | None = None,
) -> dt.date | None:
    """A date field, with a warning when it is stated but not understood, or ambiguous and
    not `confirmed` (by the date in the file name: `2013-2-10-job.md` with `2-10-2013`)."""
    value = raw.get(name)
    if value is None:
        return None
    found = parse_date(value, reference)
    if found is None:
        warnings.append(f"{label} not understood: {_shown(value, 40)!r}")
        return None
    ambiguity = ambiguous_date(value)
    if ambiguity and found != confirmed:
        warnings.append(f"ambiguous date {_shown(value, 40)!r}: {ambiguity}")
    return found


def _text(value: Any) -> str:
    """A scalar front-matter value as one line of text; "" for a list, mapping or anything
    else that is not one value (its text would not be stable: a set's order changes)."""
    if not isinstance(value, str | int | float | dt.date):
        return ""
    return " ".join(str(value).split())


def _shown(value: Any, limit: int) -> str:
    """A stated value as a warning quotes it."""
    return _text(value)[:limit] or f"a {_kind(value)}"


def _kind(value: Any) -> str:
    kinds: dict[type, str] = {list: "list", dict: "mapping"}
    return kinds.get(type(value), type(value).__name__)


def _unwrap(text: str) -> str:
    """`<Lead Python Engineer>`: a template placeholder's brackets left around a value."""
    return text[1:-1].strip() if text.startswith("<") and text.endswith(">") and "<" not in text[1:] else text


def plain_name(value: Any) -> str | None:
    """A company-like name: emoji trimmed, placeholders such as `None` or `N/A` mean unknown."""
    text = _unwrap(_SYMBOLS_AROUND.sub("", _text(value)).strip())
    if not text or _PLACEHOLDER.match(text):
        return None
    return text


# `http://<http://example.com/job>`: a template's placeholder brackets left around a URL.
_BRACKETED_URL = re.compile(r"^(?:https?://)?<(\S+)>$")


def _url(value: Any) -> str | None:
    text = _BRACKETED_URL.sub(r"\1", _text(value))
    return text if _URL.match(text) else None


_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'()\[\]]+|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")


def _url_in_text(value: Any) -> str | None:
    """The first URL or e-mail address in text such as `how_to_apply: Email jobs@acme.example`."""
    m = _URL_IN_TEXT.search(_text(value)[:2000])
    if m is None:
        return None
    url = m.group().rstrip(".,;:!?")
    return url if "://" in url else "mailto:" + url


def _title_from_file_name(file_name: str) -> str:
    stem = re.sub(r"\.[A-Za-z0-9]{1,9}$", "", file_name.rsplit("/", 1)[-1])
    stem = re.sub(r"^\d{4}-\d{1,2}-\d{1,2}[-_]", "", stem)
    parts = (" ".join(re.split(r"[-_\s]+", part)).strip() for part in re.split(r"\s+-\s+", stem))
    return title_case(" - ".join(p for p in parts if p)) or "Untitled posting"
