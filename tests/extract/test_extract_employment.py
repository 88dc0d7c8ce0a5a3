"""parse_employment_type against corpus `type:`/`contract:` values (employment.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.extract.employment import (
    employment_label,
    match_employment_type,
    parse_employment_type,
)
from generator.model.posting import EMPLOYMENT_TYPES

FIXTURE = Path(__file__).parents[1] / "fixtures" / "extract" / "employment.tsv"


def _rows() -> list[list[str]]:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("# ")]


@pytest.mark.parametrize(("text", "expected"), _rows())
def test_employment_fixture(text: str, expected: str) -> None:
    assert parse_employment_type(text) == expected


@pytest.mark.parametrize("text", ["", "   ", " - "])
def test_empty_is_none(text: str) -> None:
    assert parse_employment_type(text) is None


def test_match_without_fallback() -> None:
    assert match_employment_type("Design") is None
    assert match_employment_type("We hire full-time engineers") == "FULL_TIME"


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("FULL_TIME", "Full time"),
        ("PART_TIME", "Part time"),
        ("CONTRACTOR", "Contract"),
        ("TEMPORARY", "Temporary"),
        ("INTERN", "Internship"),
        ("OTHER", "Other"),
        ("x", "Other"),
    ],
)
def test_labels(code: str, label: str) -> None:
    assert employment_label(code) == label


@given(st.text())
def test_never_raises(text: str) -> None:
    assert parse_employment_type(text) in (None, *EMPLOYMENT_TYPES)
