"""parse_salary against real corpus strings and SPEC examples (tests/fixtures/extract/salaries.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.extract.salary import parse_salary, salary_text
from generator.model.posting import Salary

FIXTURE = Path(__file__).parents[1] / "fixtures" / "extract" / "salaries.tsv"


def _rows() -> list[list[str]]:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("# ")]


def _number(text: str) -> float | None:
    return float(text) if text else None


@pytest.mark.parametrize("row", _rows(), ids=lambda row: row[0])
def test_salary_fixture(row: list[str]) -> None:
    result = parse_salary(row[0])
    if len(row) == 1:
        assert result is None
        return
    _text, low, high, currency, period, human = row
    assert result is not None
    assert result.min == _number(low)
    assert result.max == _number(high)
    assert result.currency == (currency or None)
    assert result.period == (period or None)
    assert result.text == human


@pytest.mark.parametrize(
    "text",
    ["$95k-$125k", "$150k – $180k", "120,000 - 150,000 USD", "£450 - £550 per day", "65k-95k USD"],
)
def test_spec_examples_are_in_fixture(text: str) -> None:
    assert text in {row[0] for row in _rows()}
    assert parse_salary(text) is not None


@pytest.mark.parametrize("text", ["~0k", "0", "$0/yr - $0/yr", "", "Competitive", "$", "   "])
def test_unknown_salary_is_none(text: str) -> None:
    assert parse_salary(text) is None


def test_known_and_period_rules() -> None:
    salary = parse_salary("£450 - £550 per day")
    assert salary == Salary(450.0, 550.0, "GBP", "DAY", "£450 – £550 a day")
    assert salary.known
    assert parse_salary("$500 - $900").period is None  # small amounts, no stated period
    assert parse_salary("10,000 EUR").period == "YEAR"


def test_salary_text_of_bare_salary() -> None:
    assert salary_text(Salary(None, None, None, None)) == ""
    assert salary_text(Salary(50.0, None, "CHF", "HOUR")) == "from CHF 50 an hour"


@given(st.text())
def test_never_raises(text: str) -> None:
    result = parse_salary(text)
    if result is not None:
        assert result.known
        assert result.period in (None, "HOUR", "DAY", "WEEK", "MONTH", "YEAR")
        if result.min is not None and result.max is not None:
            assert result.min <= result.max


@given(st.from_regex(r"[$£€]?\d{1,7}([.,]\d{1,3})?[kK]? ?[-–~]? ?[$£€]?\d{0,7}[kK]?( per \w+)?"))
def test_never_raises_on_amount_like_text(text: str) -> None:
    parse_salary(text)
