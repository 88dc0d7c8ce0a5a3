"""Salary text -> `Salary` (min, max, ISO currency, schema.org unitText period).

`$95k-$125k`, `120,000 - 150,000 USD`, `£450 - £550 per day`, `€60.000 - €70.000`,
`$40/hour`, `up to $120k`, `from 80k EUR`, `$100k+`. `~0k`, `0` and text without an
amount (`Competitive`) give None, and so do amounts no salary has: negative, not finite
(`.inf`, `.nan` in YAML), more than a billion. `stated_salary` reads the front-matter form
(`salary`, `salary_min` / `salary_max`, `currency`, `salary_period`).
"""

from __future__ import annotations

import math
import re
from typing import Any

from generator.memo import short_values_cached
from generator.model.posting import Salary
from generator.model.salary_text import PERIODS, salary_text

# fmt: off
_CODES = (
    "USD", "EUR", "GBP", "CHF", "CAD", "AUD", "NZD", "INR", "JPY", "CNY", "SEK", "NOK", "DKK",
    "PLN", "CZK", "HUF", "RON", "BGN", "ILS", "SGD", "HKD", "ZAR", "BRL", "MXN", "ARS", "COP",
    "CLP", "TRY", "AED", "UAH", "KRW", "PHP", "IDR", "MYR", "THB", "VND", "NGN", "KES",
)
# fmt: on
# Prefixed dollar signs first, so `CA$` is not read as `$`.
# fmt: off
_SYMBOLS: tuple[tuple[str, str], ...] = (
    ("US$", "USD"), ("CA$", "CAD"), ("C$", "CAD"), ("A$", "AUD"), ("AU$", "AUD"),
    ("NZ$", "NZD"), ("S$", "SGD"), ("HK$", "HKD"), ("R$", "BRL"),
    ("$", "USD"), ("£", "GBP"), ("€", "EUR"), ("₹", "INR"), ("¥", "JPY"), ("₪", "ILS"),
    ("zł", "PLN"), ("₩", "KRW"), ("₱", "PHP"), ("₺", "TRY"), ("₴", "UAH"),
)
# fmt: on
_WORDS: tuple[tuple[str, str], ...] = (
    (r"\beuros?\b", "EUR"),
    (r"\bpounds?\b|\bpound;|\bsterling\b", "GBP"),
    (r"\bdollars?\b", "USD"),
    (r"\brupees?\b|\blakhs?\b|\blpa\b", "INR"),
    (r"\bfr\.|\bfranken\b|\bfrancs?\b", "CHF"),
)

_PERIODS: tuple[tuple[str, str], ...] = (
    (
        "HOUR",
        r"per\s+hour|/\s*h(?:ou)?r\b|/\s*h\b|\bhourly\b|\ban?\s+hour\b|\bp/?h\b|\bphr\b"
        r"|per\s+hr\b|\bstunde\b|/\s*std\b|\bpro\s+stunde\b",
    ),
    (
        "DAY",
        r"per\s+day|/\s*day\b|/\s*d\b|\bdaily\b|\ba\s+day\b|\bp/?d\b|\bday\s+rate\b"
        r"|\bpro\s+tag\b|\btagessatz\b",
    ),
    ("WEEK", r"per\s+week|/\s*w(?:ee)?k\b|\bweekly\b|\ba\s+week\b|\bp/?w\b|\bpro\s+woche\b"),
    (
        "MONTH",
        r"per\s+month|/\s*mo(?:nth)?\b|\bmonthly\b|\ba\s+month\b|\bpcm\b"
        r"|/\s*monat\b|\bpro\s+monat\b|\bmonatlich\b|\bbrutto\s*monat\w*",
    ),
    (
        "YEAR",
        r"per\s+(?:year|annum|yr)|/\s*y(?:ea)?r\b|/\s*a\b|\byearly\b|\bannual(?:ly)?\b"
        r"|\ba\s+year\b|\bp\.?\s?a\b\.?|\bper\s+an+um\b|\bpro\s+jahr\b|\bj[äa]hrlich\b"
        r"|\bbrutto\s*jahr\w*|\blpa\b",
    ),
)

# An amount: digits with optional thousands groups and decimals, then k / m suffix.
_AMOUNT = re.compile(
    r"(?<![\w.])(?P<num>\d{1,2}(?:,\d\d)+,\d{3}"  # Indian grouping: 1,20,000
    r"|\d{1,3}(?:[,.'\u2019 ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?)"
    r"\s?(?P<suffix>[kK](?![a-zA-Z])|[mM](?:io|illion)?\b)?"
)
_RANGE_GAP = re.compile(
    r"^\s*(?:/\s*[a-z]+\.?|per\s+[a-z]+)?\s*(?:[A-Za-z]{3}\s*)?[$£€₹¥]?\s*"
    r"(?:-|–|—|~|to|bis|and|until)\s*"
    r"(?:[A-Za-z]{3}\s*)?[$£€₹¥]?\s*$",
    re.I,
)


def _number(text: str) -> float | None:
    """`120,000` / `60.000` / `11.50` / `2'500` -> a float."""
    text = text.replace("\u2019", "'").replace(" ", ",")
    groups = re.split(r"[,.']", text)
    seps = re.findall(r"[,.']", text)
    try:
        if not seps:
            return float(text)
        if len(seps) == 1 and len(groups[-1]) != 3:
            return float(f"{groups[0]}.{groups[1]}")  # decimal: 11.50, 7,5
        if len(groups[-1]) in (1, 2):  # 1,234.56 or 1.234,56
            return float("".join(groups[:-1]) + "." + groups[-1])
        return float("".join(groups))
    except ValueError:
        return None


def _currency(text: str) -> str | None:
    upper = text.upper()
    for code in _CODES:
        if re.search(rf"(?<![A-Z]){code}(?![A-Z])", upper):
            return code
    for symbol, code in _SYMBOLS:
        if symbol in text:
            return code
    for pattern, code in _WORDS:
        if re.search(pattern, text, re.I):
            return code
    return None


def _period(text: str) -> str | None:
    for period, pattern in _PERIODS:
        if re.search(pattern, text, re.I):
            return period
    return None


def _amounts(text: str) -> list[tuple[float, bool, int, int]]:
    """(value, had a k/m suffix, start, end) for every amount in the text."""
    found = []
    for match in _AMOUNT.finditer(text):
        value = _number(match.group("num"))
        if value is None:
            continue
        suffix = (match.group("suffix") or "").lower()
        if suffix == "k":
            value *= 1_000
        elif suffix.startswith("m"):
            value *= 1_000_000
        elif re.match(r"\s*(?:lpa|lakhs?|lacs?)\b", text[match.end() :], re.I):
            value *= 100_000
            suffix = "lakh"
        found.append((value, bool(suffix), match.start(), match.end()))
    return found


def parse_salary(text: str) -> Salary | None:
    """A `Salary` from salary text, or None when no usable amount is stated. Never raises."""
    return _parse_salary(str(text))


@short_values_cached()  # a board repeats its salary texts; Salary is immutable
def _parse_salary(text: str) -> Salary | None:
    try:
        salary = _parse(text)
    except (ValueError, OverflowError, KeyError, IndexError):
        return None
    return salary if salary is not None and plausible(salary) else None


MAX_AMOUNT = 1e9


def plausible(salary: Salary) -> bool:
    """Every amount finite, not negative and at most a billion."""
    return all(
        v is None or (math.isfinite(v) and 0 <= v <= MAX_AMOUNT) for v in (salary.min, salary.max)
    )


def states_amount(text: str) -> bool:
    """Whether salary text names an amount at all (`gratis`, `DOE`, `Competitive` do not;
    `~0k` and `0`, the scrapers' "unknown", do not either)."""
    return any(ch.isdigit() and ch != "0" for ch in text)


# A number as YAML 1.2 or Python write it (`1e12`, `.inf`, `NaN`), which YAML 1.1 leaves a string.
_FLOAT = re.compile(r"[-+]?(?:(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|\.?inf(?:inity)?|\.?nan)", re.I)


class _NotUnderstood(ValueError):
    pass


def _stated_amount(value: Any) -> float | None:
    """A `salary_min` / `salary_max` value: None when unstated or 0; _NotUnderstood for a
    value that is not a usable amount (`.inf`, `-5000`, `lots`, a list)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise _NotUnderstood
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        text = " ".join(value.split())
        if re.match(r"^[^\d]*[-−–]\s*\d", text):
            raise _NotUnderstood  # negative
        if _FLOAT.fullmatch(text):
            if re.search(r"inf|nan", text, re.I):
                raise _NotUnderstood
            number = float(text)
            if not 0 <= number <= MAX_AMOUNT:
                raise _NotUnderstood
            return number or None
        amounts = _amounts(text)
        if not amounts:
            if states_amount(text):
                raise _NotUnderstood
            return None  # `TBD`, `DOE`: not stated
        number = amounts[0][0]
    else:
        raise _NotUnderstood
    if not (math.isfinite(number) and 0 <= number <= MAX_AMOUNT):
        raise _NotUnderstood
    return number or None


def stated_salary(
    salary: Any, low: Any = None, high: Any = None, currency: Any = None, period: Any = None
) -> tuple[Salary | None, bool]:
    """(salary, whether something was stated that is not understood) from the front-matter
    fields: `salary_min` / `salary_max` when given, else `salary` (text, a number, or a
    mapping such as `{min: 50000, max: 70000, currency: EUR}`). Never raises."""
    try:
        return _stated(salary, low, high, currency, period)
    except (ValueError, OverflowError, TypeError, KeyError, IndexError):
        return None, True


def _stated(salary: Any, low: Any, high: Any, currency: Any, period: Any) -> tuple[Salary | None, bool]:
    if isinstance(salary, dict):
        parts = {re.sub(r"[\W_]+", "", str(k).casefold()): v for k, v in salary.items()}

        def part(*names: str) -> Any:
            return next((parts[n] for n in names if parts.get(n) not in (None, "")), None)

        low = low if low not in (None, "") else part("min", "minimum", "from", "low", "minvalue")
        high = high if high not in (None, "") else part("max", "maximum", "to", "high", "maxvalue")
        currency = currency or part("currency", "currencycode")
        period = period or part("period", "unit", "unittext", "interval", "per")
        salary = part("value", "amount", "text")
    if low not in (None, "") or high not in (None, ""):
        try:
            numbers = [_stated_amount(low), _stated_amount(high)]
        except _NotUnderstood:
            return None, True
        if not any(numbers):
            return None, False
        lo, hi = numbers
        if lo and hi and lo > hi:
            lo, hi = hi, lo
        unit = _period_code(period)
        if unit is None and max(lo or 0, hi or 0) >= 10_000:
            unit = "YEAR"
        return Salary(lo, hi, _currency_code(currency), unit, text=""), False
    if isinstance(salary, bool) or salary is None or isinstance(salary, list | dict):
        return None, salary not in (None, [], {})
    if isinstance(salary, int | float):
        try:
            number = _stated_amount(salary)
        except _NotUnderstood:
            return None, True
        if number is None:
            return None, False
        unit = _period_code(period) or ("YEAR" if number >= 10_000 else None)
        return Salary(number, None, _currency_code(currency), unit), False
    text = " ".join(str(salary).split())
    parsed = parse_salary(text) if text else None
    if parsed is None:
        return None, states_amount(text)
    if parsed.currency is None and _currency_code(currency):
        parsed = Salary(parsed.min, parsed.max, _currency_code(currency), parsed.period)
        parsed = Salary(parsed.min, parsed.max, parsed.currency, parsed.period, text=salary_text(parsed))
    return parsed, False


def _currency_code(value: Any) -> str | None:
    """`EUR`, `eur`, `€`, `euros` -> `EUR`; None for anything else."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    return _currency(text) or (text.upper() if re.fullmatch(r"[A-Za-z]{3}", text) else None)


def _period_code(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    upper = value.strip().upper()
    if upper in PERIODS:
        return upper
    return _period(value) or _period("per " + value.strip().lower().removesuffix("ly"))


def _parse(text: str) -> Salary | None:
    text = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())[:500]
    if not text:
        return None
    masked = re.sub(r"\([^)]*\)", lambda m: " " * len(m.group()), text)
    amounts = _amounts(masked) or _amounts(text)
    if not amounts:
        return None
    first = amounts[0]
    values = [first]
    if len(amounts) > 1:
        second = amounts[1]
        if _RANGE_GAP.match(re.sub(r"\([^)]*\)", " ", text[first[3] : second[2]])):
            values.append(second)
    # "£40-50K", "$60-85k": a suffix on the second amount applies to the first.
    if len(values) == 2 and values[1][1] and not values[0][1] and values[0][0] < 1_000:
        scale = 1_000_000 if values[1][0] >= 1_000_000 and values[0][0] < 10 else 1_000
        values[0] = (values[0][0] * scale, True, values[0][2], values[0][3])
    numbers = [v[0] for v in values]
    if not any(numbers):
        return None  # "~0k", "0", "$0/yr - $0/yr": unknown
    currency = _currency(text)
    period = _period(text)
    has_suffix = any(v[1] for v in values)
    if not (currency or period or has_suffix or max(numbers) >= 1_000):
        return None  # a bare small number is not a salary
    if period is None and max(numbers) >= 10_000:
        period = "YEAR"
    before = text[: first[2]].lower()
    after = text[values[-1][3] :].lstrip()
    low: float | None
    high: float | None
    if len(numbers) == 2:
        low, high = min(numbers), max(numbers)
    elif re.search(r"\b(?:up\s+to|max(?:imum)?|bis\s+zu|<|≤)\s*\W*$|\bup\s+to\b", before):
        low, high = None, numbers[0]
    elif re.search(
        r"\b(?:from|starting|start(?:s)?\s+at|min(?:imum)?|ab|at\s+least|>|≥)\b"
        r"\W*\w*\W*$",
        before,
    ) or after.startswith("+"):
        low, high = numbers[0], None
    else:
        low = high = numbers[0]
    low = low or None
    high = high or None
    if low is None and high is None:
        return None
    salary = Salary(min=low, max=high, currency=currency, period=period)
    return Salary(min=low, max=high, currency=currency, period=period, text=salary_text(salary))
