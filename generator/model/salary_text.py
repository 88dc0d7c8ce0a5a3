"""The one salary formatter: a Salary as pages, cards, feeds and search show it.

`$95,000 – $125,000 a year`, `CHF 120,000 – 150,000 a year`; a single amount, or a range
whose ends are equal, is one amount (`€50 an hour`, never `€50 – €50 an hour`); only a
minimum reads `from €50 an hour`, only a maximum `up to £60,000 a year`. The words come
from `SalaryWords` (English by default; a board's own language through its UI strings).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.model.posting import Salary

# Currencies shown by their symbol; any other by its ISO code before the amount.
SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "INR": "₹", "JPY": "¥"}
PERIODS = {"HOUR": "an hour", "DAY": "a day", "WEEK": "a week", "MONTH": "a month", "YEAR": "a year"}


@dataclass(frozen=True)
class SalaryWords:
    """The words around the amounts: the periods, and `from {amount}` / `up to {amount}`."""

    periods: Mapping[str, str] = field(default_factory=lambda: dict(PERIODS))
    starting: str = "from {amount}"
    ending: str = "up to {amount}"


ENGLISH = SalaryWords()


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def _amount(value: float, currency: str | None, *, code: bool = True) -> str:
    if currency in SYMBOLS:
        return f"{SYMBOLS[currency]}{_number(value)}"
    return f"{currency} {_number(value)}" if currency and code else _number(value)


def salary_text(salary: Salary | None, words: SalaryWords = ENGLISH) -> str:
    """The salary as text; empty when it is unknown (no amount, or `0`)."""
    if salary is None or not salary.known:
        return ""
    low, high, currency = salary.min or None, salary.max or None, salary.currency
    if low and high and low > high:
        low, high = high, low
    if low and high and low != high:
        text = f"{_amount(low, currency)} – {_amount(high, currency, code=False)}"
    elif low and high:
        text = _amount(low, currency)
    elif low:
        text = words.starting.format(amount=_amount(low, currency))
    else:
        text = words.ending.format(amount=_amount(high or 0, currency))
    period = words.periods.get(salary.period or "")
    return f"{text} {period}" if period else text
