"""Salaries as front matter states them: numbers that are no salary, text without an amount."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from generator.extract.salary import parse_salary, stated_salary
from generator.model.posting import Salary
from generator.pipeline import process_text

BODY = "We bake bread every night for three shops in the old town.\n"


@pytest.mark.parametrize(
    ("low", "high"),
    [
        (math.inf, None),
        (None, math.nan),
        (-math.inf, 50_000),
        (-40_000, 50_000),
        (40_000, 2e9),
        ("-40000", None),
        ("1e12", None),
        ("inf", None),
        (".NaN", None),
        (True, None),
        (["40000"], None),
    ],
)
def test_unusable_amounts_are_not_understood(low: object, high: object) -> None:
    assert stated_salary(None, low, high) == (None, True)


@pytest.mark.parametrize("value", [math.inf, math.nan, -math.inf, -50_000, 1e12, "$5,000,000,000"])
def test_unusable_salary_values_are_not_understood(value: object) -> None:
    assert stated_salary(value) == (None, True)


@pytest.mark.parametrize("text", ["gratis", "competitive", "DOE", "Competitive + equity", "$", "~0k", "0"])
def test_text_without_an_amount_is_not_stated(text: str) -> None:
    assert stated_salary(text) == (None, False)


def test_usable_amounts() -> None:
    salary, unclear = stated_salary(None, "95k", 80_000, "eur", "annual")
    assert not unclear
    assert salary == Salary(80_000.0, 95_000.0, "EUR", "YEAR", text="")
    salary, _ = stated_salary({"min": 20, "max": 25, "currency": "GBP", "unit": "hour"})
    assert (salary.min, salary.max, salary.currency, salary.period) == (20.0, 25.0, "GBP", "HOUR")
    assert stated_salary(0) == (None, False)


def test_parse_salary_refuses_absurd_amounts() -> None:
    assert parse_salary("$5,000,000,000 a year") is None
    assert parse_salary("$95k-$125k") is not None


@pytest.mark.parametrize(
    "front",
    [
        "salary_min: .inf\n",
        "salary_min: .nan\n",
        "salary_max: -.inf\n",
        "salary_min: -50000\n",
        "salary_min: 1e12\n",
        "salary: .inf\n",
    ],
)
def test_pipeline_warns_and_states_no_salary(front: str) -> None:
    posting = process_text(
        f"---\ntitle: Baker\n{front}---\n\n{BODY}", source="a.md", fallback_date=dt.date(2026, 1, 1)
    )
    assert posting.salary is None
    assert [w for w in posting.warnings if w.startswith("salary not understood")]


def test_compensation_gratis_is_no_warning() -> None:
    text = f"---\ntitle: Baker\ncompensation: gratis\n---\n\n{BODY}"
    posting = process_text(text, source="a.md", fallback_date=dt.date(2026, 1, 1))
    assert posting.salary is None and posting.warnings == []
