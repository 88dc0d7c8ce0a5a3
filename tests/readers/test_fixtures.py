"""Each reader case and each encoding: a fixture file and the metadata a person expects."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from generator.pipeline import process_file
from generator.readers import read_text, reader_for
from generator.readers.decode import decode
from tests.conftest import FIXTURES

CASES = FIXTURES / "postings"
INPUTS = sorted(p for p in CASES.iterdir() if not p.name.endswith(".expected.json"))


def _expected(path: Path) -> dict:
    return json.loads(path.with_name(path.name.rsplit(".", 1)[0] + ".expected.json").read_text("utf-8"))


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_fixture_posting(path: Path) -> None:
    expected = _expected(path)
    from generator.clean.text import repair_text

    text = repair_text(decode(path.read_bytes()))
    assert reader_for(text).name == expected.pop("reader")
    posting = process_file(path, content_dir=CASES, fallback_date=dt.date(2026, 1, 1))
    for needle in expected.pop("body_contains", []):
        assert needle in posting.body_html
    for needle in expected.pop("body_lacks", []):
        assert needle not in posting.body_html
    salary = expected.pop("salary", None)
    if salary is not None:
        assert posting.salary is not None
        assert (posting.salary.min, posting.salary.max, posting.salary.currency, posting.salary.period) == (
            salary["min"],
            salary["max"],
            salary["currency"],
            salary["period"],
        )
    for name, value in expected.items():
        actual = getattr(posting, name)
        if isinstance(actual, dt.date):
            actual = actual.isoformat()
        assert actual == value, name


def test_every_reader_has_a_fixture() -> None:
    from generator.readers import READERS

    covered = set()
    for path in INPUTS:
        covered.add(_expected(path)["reader"])
    assert covered == {r.name for r in READERS}


def test_front_matter_wins_over_the_body() -> None:
    raw = read_text(
        "---\ntitle: From front matter\nlocation: Paris\n---\n# From the body\n\nLocation: Lyon\n"
    )
    assert raw.get("title") == "From front matter"
    assert raw.get("locations") == "Paris"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"  \n\r\n\t", "empty file"),
        (b"\x00\x01\x02\x03binary\x00junk" * 20, "binary file"),
        (bytes(range(256)) * 4, "binary file"),
    ],
)
def test_unreadable_bytes_are_posting_errors(data: bytes, message: str) -> None:
    from generator.readers import PostingError

    with pytest.raises(PostingError, match=message):
        decode(data)


def test_broken_front_matter_names_the_line() -> None:
    from generator.readers import PostingError

    with pytest.raises(PostingError) as err:
        read_text("---\ntitle: ok\ncompany: [unclosed\nlocation: x\n---\nbody\n")
    assert "broken YAML front matter" in err.value.message
    assert err.value.line is not None and 2 <= err.value.line <= 6


def test_yaml_alias_bombs_are_refused() -> None:
    from generator.readers import PostingError

    bomb = (
        "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a]\ntitle: *b\n---\nbody\n"
    )
    with pytest.raises(PostingError, match="aliases"):
        read_text(bomb)
