"""Dates from front-matter values and file names. Never raises; None when not understood."""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

_MIN_YEAR, _MAX_YEAR = 1970, 2100

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("january", "jan", "januar", "janvier", "enero", "jänner", "jaenner"),
        ("february", "feb", "februar", "février", "fevrier", "febrero"),
        ("march", "mar", "märz", "maerz", "mars", "marzo"),
        ("april", "apr", "avril", "abril"),
        ("may", "mai", "mayo"),
        ("june", "jun", "juni", "juin", "junio"),
        ("july", "jul", "juli", "juillet", "julio"),
        ("august", "aug", "août", "aout", "agosto"),
        ("september", "sep", "sept", "septembre", "septiembre"),
        ("october", "oct", "oktober", "okt", "octobre", "octubre"),
        ("november", "nov", "novembre", "noviembre"),
        ("december", "dec", "dezember", "dez", "décembre", "decembre", "diciembre"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number

_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(
    rf"^(?:\w+,?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\.?\s*(?:of\s+)?({_MONTH_RE})\.?,?\s+(\d{{4}})$", re.I
)
_MONTH_DAY_YEAR = re.compile(
    rf"^(?:\w+,?\s+)?({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$", re.I
)
_MONTH_YEAR = re.compile(rf"^({_MONTH_RE})\.?,?\s+(\d{{4}})$", re.I)


def _make(year: int, month: int, day: int) -> dt.date | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _from_datetime(value: dt.datetime) -> dt.date:
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return value.date()


def parse_date(value: object) -> dt.date | None:
    """A date from a YAML date/datetime or a string in a common format, else None.

    Accepted: `2024-03-05`, `2024-03-05T10:00:00Z`, `5 March 2024`, `March 5, 2024`,
    `1-19-2013` (m-d-Y), `19.01.2013` (d.m.Y), `2013/01/19`, `01/19/2013`, RFC 2822.
    Aware datetimes are converted to UTC first.
    """
    try:
        if isinstance(value, dt.datetime):
            return _from_datetime(value)
        if isinstance(value, dt.date):
            return value
        if not isinstance(value, str):
            return None
        return _parse_text(value)
    except (ValueError, OverflowError, TypeError, IndexError):
        return None


def _parse_text(value: str) -> dt.date | None:
    text = " ".join(value.strip().strip("\"'").split())
    if not text or len(text) > 80:
        return None
    iso = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ]\d)", text)
    if iso:
        if len(text) > 10 and text[10] in "T ":
            try:
                return _from_datetime(dt.datetime.fromisoformat(text.replace("z", "Z")))
            except ValueError:
                pass
        return _make(int(iso[1]), int(iso[2]), int(iso[3]))
    match = re.match(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$", text)
    if match:
        return _make(int(match[1]), int(match[2]), int(match[3]))
    match = re.match(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$", text)
    if match:  # German d.m.Y
        return _make(int(match[3]), int(match[2]), int(match[1]))
    match = re.match(r"^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$", text)
    if match:  # US m-d-Y unless the first number cannot be a month
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        if first > 12:
            return _make(year, second, first)
        return _make(year, first, second)
    match = re.match(r"^(\d{8})$", text)
    if match:
        return _make(int(text[:4]), int(text[4:6]), int(text[6:]))
    for pattern, order in ((_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy")):
        match = pattern.match(text)
        if match:
            groups = dict(zip(order, match.groups(), strict=True))
            month = _MONTHS[groups["m"].lower()]
            return _make(int(groups["y"]), month, int(groups["d"]))
    match = _MONTH_YEAR.match(text)
    if match:
        return _make(int(match[2]), _MONTHS[match[1].lower()], 1)
    if re.search(r"\d{1,2} \w{3} \d{4} \d", text):
        try:
            return _from_datetime(parsedate_to_datetime(text))
        except (TypeError, ValueError, IndexError):
            return None
    return None


_NAME_YMD = re.compile(r"(?<!\d)(\d{4})[-_.](\d{1,2})[-_.](\d{1,2})(?!\d)")
_NAME_COMPACT = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")
_NAME_YM = re.compile(r"(?<!\d)(\d{4})-(\d{2})(?![\d-])")


def date_from_file_name(name: str) -> dt.date | None:
    """A date written in a file name: `2013-1-19-android-...`, `gi__2023-04-01_reedu.html`,
    `jmilabs_com_20170521_rails.md`; a bare `2024-03` folder name gives the 1st of the month.
    """
    try:
        base = str(name).replace("\\", "/")
        for pattern in (_NAME_YMD, _NAME_COMPACT):
            for match in pattern.finditer(base):
                found = _make(int(match[1]), int(match[2]), int(match[3]))
                if found:
                    return found
        for match in _NAME_YM.finditer(base):
            found = _make(int(match[1]), int(match[2]), 1)
            if found:
                return found
    except (ValueError, OverflowError):
        return None
    return None
