"""Dates from front-matter values, visible page text and file names. Never raises; None
when not understood.

Relative dates (`3 days ago`, `yesterday`, `vor 2 Tagen`, `il y a 3 jours`, `hace 2 días`)
count back from a reference date (the file's date), so the same file always gives the same
date. A leading `Posted` / `Posted on` / `Veröffentlicht` is dropped. `05/11/2026`, where
both the day-first and the month-first reading are dates, is read month first;
`ambiguous_date` says so, for `jobboard check`.
"""

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


def parse_date(value: object, reference: dt.date | None = None) -> dt.date | None:
    """A date from a YAML date/datetime or a string in a common format, else None.

    Accepted: `2024-03-05`, `2024-03-05T10:00:00Z`, `5 March 2024`, `March 5, 2024`,
    `1-19-2013` (m-d-Y), `19.01.2013` (d.m.Y), `2013/01/19`, `01/19/2013`, RFC 2822, each
    also after `Posted` (`Posted on 5 March 2024`). Aware datetimes are converted to UTC
    first. With a `reference` date, also relative dates: `today`, `yesterday`, `3 days ago`,
    `a week ago`, `30+ days ago`, `Posted 5 hours ago`, `heute`, `gestern`, `vor 2 Tagen`,
    `vor einer Woche`, `aujourd'hui`, `hier`, `il y a 3 jours`, `hoy`, `ayer`, `hace 2 días`.
    """
    try:
        if isinstance(value, dt.datetime):
            return _from_datetime(value)
        if isinstance(value, dt.date):
            return value
        if not isinstance(value, str):
            return None
        text = _without_prefix(value)
        if not text:
            return None
        found = _parse_text(text) or (_relative(text, reference) if reference is not None else None)
        if found is None and (lead := _LEADING_ISO.match(text)):
            found = _make(int(lead[1]), int(lead[2]), int(lead[3]))
        return found
    except (ValueError, OverflowError, TypeError, IndexError):
        return None


# `Posted on`, `Date posted:`, `Veröffentlicht am`, `Publié le`, `Publicado el`.
_PREFIX = re.compile(
    r"^(?:(?:date\s+)?posted(?:\s+(?:on|at))?|published(?:\s+on)?|veröffentlicht(?:\s+am)?"
    r"|ver[öo]ffentlichung|publié(?:e)?(?:\s+le)?|publicado(?:\s+el)?)\b\s*:?\s*",
    re.I,
)
# An ISO date with a note after it, as hand-edited exports have them:
# `!!timestamp '2015-06-08' <- The date the job was submitted`, `2024-03-05 (updated)`.
_LEADING_ISO = re.compile(r"^(?:!!\w+\s+)?[\"']?(\d{4})-(\d{1,2})-(\d{1,2})[\"']?\s+\D")
# What follows a date on a page's line: `3 days ago · 120 applicants`, `today | Full time`.
_AFTER = re.compile(r"\s+[·•|]\s.*$")


def _without_prefix(value: str) -> str:
    text = " ".join(value.strip().strip("\"'").split())
    if len(text) > 120:
        return ""
    text = _AFTER.sub("", text)
    return _PREFIX.sub("", text, count=1).strip() or text


_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "ein": 1, "einem": 1, "einer": 1, "eins": 1,
    "zwei": 2, "drei": 3, "un": 1, "une": 1, "deux": 2, "trois": 3, "una": 1, "uno": 1,
    "dos": 2, "tres": 3,
}  # fmt: skip
_UNIT_DAYS = {"minute": 0, "hour": 0, "day": 1, "week": 7, "month": 30, "year": 365}
_UNITS: tuple[tuple[str, str], ...] = (
    ("minute", r"min(?:ute)?s?|minuten?|mins?"),
    ("hour", r"h(?:ou)?rs?|h|stunden?|std|heures?|horas?"),
    ("day", r"days?|d|tag(?:en?)?|jours?|d[ií]as?"),
    ("week", r"weeks?|wks?|w|wochen?|semaines?|semanas?"),
    ("month", r"months?|mos?|monat(?:en?)?|mois|mes(?:es)?"),
    ("year", r"years?|yrs?|jahr(?:en?)?|ans?|a[ñn]os?"),
)
_UNIT_RE = "|".join(f"(?P<{name}>{pattern})" for name, pattern in _UNITS)
_COUNT = r"(?P<count>\d{1,4}|[a-zäöü]+)\+?"
# `3 days ago` (English), `vor 3 Tagen`, `il y a 3 jours`, `hace 3 días`: one of the two.
_AGO = re.compile(
    rf"^(?P<before>(?:vor|il\s+y\s+a|hace)\s+)?{_COUNT}\s*(?:{_UNIT_RE})(?P<ago>\s+ago)?$", re.I
)
_DAYS_BACK = {
    "today": 0, "just now": 0, "just posted": 0, "heute": 0, "aujourd'hui": 0,
    "aujourd’hui": 0, "hoy": 0, "yesterday": 1, "gestern": 1, "hier": 1, "ayer": 1,
    "vorgestern": 2, "avant-hier": 2, "anteayer": 2,
}  # fmt: skip


def _relative(text: str, reference: dt.date) -> dt.date | None:
    """`3 days ago` and its kin, counted back from the reference date."""
    lower = text.lower().rstrip(".!")
    if lower in _DAYS_BACK:
        return reference - dt.timedelta(days=_DAYS_BACK[lower])
    match = _AGO.match(lower)
    if match is None or (match["before"] is None) == (match["ago"] is None):
        return None
    count_text = match["count"]
    count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS.get(count_text)
    if count is None:
        return None
    unit = next(name for name, _pattern in _UNITS if match[name] is not None)
    if unit in ("minute", "hour"):
        return reference - dt.timedelta(days=count // (24 * 60 if unit == "minute" else 24))
    found = reference - dt.timedelta(days=count * _UNIT_DAYS[unit])
    return found if found.year >= _MIN_YEAR else None


_NUMERIC = re.compile(r"^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$")


def ambiguous_date(value: object) -> str | None:
    """For `05/11/2026`, where day first and month first are both dates and differ: how it
    was read (`read as 2026-05-11 (month first), not 2026-11-05`); else None."""
    if not isinstance(value, str):
        return None
    match = _NUMERIC.match(_without_prefix(value))
    if match is None:
        return None
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    month_first, day_first = _make(year, first, second), _make(year, second, first)
    if month_first is None or day_first is None or month_first == day_first:
        return None
    return f"read as {month_first.isoformat()} (month first), not {day_first.isoformat()}"


def _parse_text(text: str) -> dt.date | None:
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
