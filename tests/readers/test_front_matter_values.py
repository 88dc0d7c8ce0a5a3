"""Front-matter values are repaired and made safe before any field uses them."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.pipeline import process_text
from generator.readers.field_values import clean_text, clean_value
from generator.readers.front_matter import FrontMatterReader

BODY = "We bake bread every night for three shops in the old town.\n"
DAY = dt.date(2026, 1, 1)


def read(front: str) -> dict:
    raw = FrontMatterReader().read(f"---\n{front}---\n\n{BODY}")
    return {name: found.value for name, found in raw.fields.items()}


@pytest.mark.parametrize(
    "written",
    [
        'location: "Gda\\xC5\\x84sk, Poland"',  # YAML escapes: the text repair cannot see them
        "location: Gda\u00c5\u0084sk, Poland",  # the characters themselves
        'location: "Gda\\u00c5\\u201esk, Poland"',  # read as cp1252 on the way
    ],
)
def test_mojibake_in_a_value_is_repaired(written: str) -> None:
    posting = process_text(f"---\ntitle: Baker\n{written}\n---\n\n{BODY}", source="a.md", fallback_date=DAY)
    assert posting.locations == ["Gdańsk, Poland"]


def test_mojibake_in_every_field_and_list_item() -> None:
    fields = read(
        'title: "Caf\\xC3\\xA9 baker"\ncompany: "Cr\\xC3\\xA8me"\ntags: ["p\\xC3\\xA2tisserie"]\n'
    )
    assert fields["title"] == "Café baker"
    assert fields["company"] == "Crème"
    assert fields["tags"] == ["pâtisserie"]


@pytest.mark.parametrize("char", ["\\0", "\\x01", "\\e", "\\u202E", "\\u2066", "\\x7F"])
def test_control_and_bidi_characters_are_removed(char: str) -> None:
    fields = read(f'title: "Night{char} Baker"\ncompany: "Crumb{char}"\ntags: ["rye{char}"]\n')
    assert fields["title"] in ("Night Baker", "Night\n Baker")
    assert fields["company"] == "Crumb"
    assert fields["tags"] == ["rye"]


def test_a_literal_bidi_override_is_removed() -> None:
    assert read("title: Baker \u202eremmaps\n")["title"] == "Baker remmaps"


def test_newlines_in_a_multi_line_value_are_kept() -> None:
    assert clean_text("line one\nline\u2028two\x00") == "line one\nline\ntwo"


def test_sets_become_sorted_lists_and_bytes_are_dropped() -> None:
    assert clean_value({"t": {"gamma", "alpha", "beta"}}) == {"t": ["alpha", "beta", "gamma"]}
    assert clean_value({"b": b"\x00\x01"}) == {"b": None}
    assert clean_value(("x", 1)) == ["x", 1]


def test_a_set_title_is_not_understood_and_the_file_name_is_used() -> None:
    text = f"---\ntitle: !!set {{alpha, beta, gamma}}\ntags: !!set {{rye, spelt}}\n---\n\n{BODY}"
    posting = process_text(text, source="night-baker.md", fallback_date=DAY)
    assert posting.title == "Night Baker"
    assert posting.tags == ["rye", "spelt"]
    assert "title not understood: a list, not text" in posting.warnings
