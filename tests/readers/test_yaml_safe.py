"""The libyaml fast path of the front-matter loader gives exactly what the pure loader gives."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.readers import PostingError, yaml_safe
from generator.readers.front_matter import FrontMatterReader
from generator.readers.yaml_safe import load_front_matter
from tests.conftest import CORPUS, FIXTURES


def _typed(value: Any) -> Any:
    """Value with its types spelled out (True == 1 and 1.0 == 1 in plain ==)."""
    if isinstance(value, dict):
        return ("dict", [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [_typed(v) for v in value])
    if isinstance(value, set):
        return ("set", sorted(map(repr, value)))
    if isinstance(value, float) and value != value:
        return ("float", "nan")
    return (type(value).__name__, value)


def _pure(text: str) -> Any:
    """load_front_matter with the libyaml path switched off."""
    saved = yaml_safe._C_LOADER
    yaml_safe._C_LOADER = None
    try:
        return _outcome(text)
    finally:
        yaml_safe._C_LOADER = saved


def _outcome(text: str) -> Any:
    try:
        return _typed(load_front_matter(text, first_line=2))
    except PostingError as err:
        return ("error", str(err), err.line)
    except Exception as err:  # e.g. ValueError for 2024-02-30, from both loaders
        return ("exception", type(err).__name__, str(err))


def _same(text: str) -> None:
    assert _outcome(text) == _pure(text), text


TYPED = """\
title: Senior Engineer
date: 2024-03-05
posted: 2024-03-05 10:30:00
stamp: 2024-03-05T10:30:00Z
zoned: 2001-12-14t21:59:43.10-05:00
int: 42
octal: 0o17
old_octal: 017
hex: 0x1F
under: 1_000
sexagesimal: 1:30
float: 1.5e3
inf: .inf
nan: .NaN
yes: yes
k_no: No
on: on
off: OFF
true: True
null_value: ~
empty:
quoted: "2024-03-05"
single: 'it''s'
tags: [python, go, "c++"]
locations:
  - Tel Aviv, Israel
  - Remote
nested:
  a: {b: [1, 2, {c: d}]}
binary: !!binary aGVsbG8=
set: !!set {a, b}
omap: !!omap [a: 1, b: 2]
block: |
  line one
    indented
folded: >
  folded
  text

  para
unicode: "caf\\u00e9 \\U0001F600"
"""


def test_types_are_the_same_as_the_pure_loader() -> None:
    data = load_front_matter(TYPED)
    assert data["date"] == dt.date(2024, 3, 5)
    assert isinstance(data["posted"], dt.datetime)
    assert data["int"] == 42 and isinstance(data["int"], int)
    assert data["true"] is True and data["k_no"] is False
    assert data["sexagesimal"] == 90
    assert data["tags"] == ["python", "go", "c++"]
    _same(TYPED)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # alias: refused by the pure loader
        "a: 5 * 3\nb: R&D\n",  # no alias, but the characters: pure loader
        "a: [1, 2\n",
        "a: b: c\n",
        "- just\n- a list\n",
        "plain text\n",
        "",
        "# only a comment\n",
        "a: !!python/object:os.system x\n",
        "a: !custom x\n",
        "a:\n\tb: tab indent\n",
        "a: '" + "[" * 30 + "'\n",
        "a: " + "[" * 25 + "]" * 25 + "\n",
        "a: " + "[" * 19 + "]" * 19 + "\n",
        "a: " + "[" * 18 + "]" * 18 + "\n",
        "a: " + "[" * 2000 + "]" * 2000 + "\n",
        "".join(" " * i + f"k{i}:\n" for i in range(30)),
        "? [a, b]\n: c\n",
        "a: 1\na: 2\n",
        "a: \x85b\n",
        "a: \u2028b\n",
        "a: b\x07\n",
        "%YAML 1.1\n---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\n...\n",
        "key with spaces: 1\nKEY: 2\n",
        'tabs:\t"after tab"\n',  # libyaml accepts, the pure loader refuses
        "title:\n  - !\n",  # libyaml gives '', the pure loader None
        "a: ! x\n",
        "a: 1 % 2\n",
        "\ufeffa: 1\n",
    ],
)
def test_edge_cases_match_the_pure_loader(text: str) -> None:
    _same(text)


def test_deep_nesting_is_still_refused() -> None:
    with pytest.raises(PostingError, match="nested too deeply"):
        load_front_matter("a: " + "[" * 25 + "]" * 25 + "\n")


def _front_matters(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        split = FrontMatterReader._split(text)
        if split is not None:
            texts.append(split[0])
    return texts


def test_fixture_front_matter_matches_the_pure_loader() -> None:
    texts = _front_matters(FIXTURES)
    assert len(texts) >= 2
    for text in texts:
        _same(text)


def test_corpus_front_matter_matches_the_pure_loader() -> None:
    """Skipped without ../shared/corpus, as the other corpus tests are; failed under CI=true."""
    if not CORPUS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"corpus missing at {CORPUS} (CI must provide ../shared/corpus)")
        pytest.skip(f"corpus not found at {CORPUS}")
    texts = _front_matters(CORPUS)
    assert len(texts) >= 5
    for text in texts:
        _same(text)


_SCALARS = st.sampled_from(
    [
        "1", "-3", "0x10", "0o7", "010", "1_0", "1:2:3", "1.5", "-.inf", ".nan", "1e5", "yes", "No",
        "on", "~", "null", "true", "False", "2024-01-31", "2024-02-30", "2024-01-31 12:00",
        "2024-01-31T12:00:00+02:00", '"quoted: x"', "'single'", "plain text", "a #comment",
        "http://x.example/a?b=c", "café", "😀", "\"\\u00e9\"", "|\n  block", ">-\n  folded",
        "[a, b]", "{a: 1}", "[]", "{}", "!!str 1", "!!int '3'", "!!float 1", "- x", "", " ",
        "\t", "'", '"', ":", "?", "-", ",", "[", "]", "{", "}", "#", "%", "@", "`", "!", "|", ">",
    ]
)
_KEYS = st.sampled_from(["title", "date", "tags", "a", "B", "1", "yes", "'k'", "k k", "?", "-"])


@st.composite
def _documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        indent = " " * draw(st.sampled_from([0, 0, 0, 2, 4]))
        kind = draw(st.integers(0, 3))
        if kind == 0:
            lines.append(f"{indent}{draw(_KEYS)}: {draw(_SCALARS)}")
        elif kind == 1:
            lines.append(f"{indent}- {draw(_SCALARS)}")
        elif kind == 2:
            lines.append(f"{indent}{draw(_KEYS)}:")
        else:
            lines.append(draw(st.text(max_size=12)))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n"]))


@settings(max_examples=int(os.environ.get("YAML_EXAMPLES", "600")), deadline=None)
@given(text=_documents())
def test_random_front_matter_matches_the_pure_loader(text: str) -> None:
    _same(text)


_YAML_CHARS = st.lists(
    st.sampled_from([*list("ab1 :-?,[]{}#'\"|>\n\\.~0x_+eé😀"), "  ", "\n  ", ": ", "- "]),
    max_size=40,
).map("".join)


@settings(max_examples=int(os.environ.get("YAML_EXAMPLES", "600")), deadline=None)
@given(text=_YAML_CHARS)
def test_random_yaml_characters_match_the_pure_loader(text: str) -> None:
    _same(text)


@pytest.mark.parametrize("value", ["2024-02-30", "2023-13-01"])
def test_an_impossible_date_is_a_posting_error_naming_its_line(value: str) -> None:
    text = f"title: Welder\ncompany: Acme\ndate: {value}\n"
    with pytest.raises(PostingError) as caught:
        load_front_matter(text, first_line=2)
    assert caught.value.line == 4
    assert "impossible date" in caught.value.message
