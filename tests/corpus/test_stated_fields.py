"""Fields right where the file states them, on ../shared/corpus and ../shared/corpus-pages.

test_corpus.py measures that fields are filled. Here, for every file whose front matter
(read with yaml_safe) or JobPosting JSON-LD states a title, company, location or date posted,
the built posting's value must equal it (case and spacing aside; for a location, the first
stated place's first part; see measure.is_right). Run as a script for the table:
`python -m tests.corpus.test_stated_fields`.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from tests.conftest import SHARED
from tests.corpus.measure import (
    STATED,
    StatedStats,
    copy_corpus,
    is_right,
    measure_stated,
    stated_fields,
    stated_table,
)

CORPORA = (SHARED / "corpus", SHARED / "corpus-pages")

# Share right of the files that state the field, rounded down; None: the source states none.
# Floors only go up: raise them when reading improves; never lower them to make a change pass.
STATED_FLOORS: dict[str, tuple[float | None, float | None, float | None, float | None]] = {
    # source: (title, company, location, date)
    "isjb-html": (1.00, 1.00, 1.00, 1.00),
    "pythonjobs": (1.00, 1.00, 1.00, 1.00),
    "techcorridor-jobs": (1.00, 1.00, 1.00, None),
    "work-creative": (1.00, 1.00, 1.00, 1.00),
}


def _content(tmp: Path) -> Path:
    content = tmp / "content"
    for corpus in CORPORA:
        copy_corpus(corpus, content)
    return content


@pytest.fixture(scope="module")
def stated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, StatedStats]:
    missing = [str(c) for c in CORPORA if not c.is_dir()]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"corpus missing at {', '.join(missing)} (CI must provide ../shared)")
        pytest.skip(f"corpus not found at {', '.join(missing)}")
    return measure_stated(_content(tmp_path_factory.mktemp("stated")))


@pytest.mark.parametrize("source", sorted(STATED_FLOORS))
def test_stated_fields_are_right(stated: dict[str, StatedStats], source: str) -> None:
    s = stated[source]
    for name, floor in zip(STATED, STATED_FLOORS[source], strict=True):
        share = s.share(name)
        if floor is None:
            assert share is None, f"{source} now states {name}: give it a floor\n{stated_table(stated)}"
            continue
        assert share is not None and share >= floor, (
            f"{source} {name}: {share} below {floor}\n{stated_table(stated)}\n" + "\n".join(s.wrong)
        )


def test_every_source_that_states_fields_has_floors(stated: dict[str, StatedStats]) -> None:
    stating = {name for name, s in stated.items() if any(s.stated.values())}
    assert stating == set(STATED_FLOORS), stated_table(stated)
    assert sum(s.stated["title"] for s in stated.values()) >= 170  # the check checks something


def test_what_a_file_states_and_what_counts_as_right() -> None:
    fenced = (
        "---\nTitle: Tree  Surgeon\ncompany: 💢Oak\nlocation: Leeds, UK\ncreated: 2024-03-05\n---\nBody\n"
    )
    assert stated_fields(fenced) == {
        "title": "tree surgeon",
        "company": "oak",
        "location": ("leeds", "leeds, uk"),
        "date": dt.date(2024, 3, 5),
    }
    bare = "title: Hedge Layer\npost-date: 1-23-2013\ncontact:\n  name: A\n---\nBody\n"
    assert stated_fields(bare) == {"title": "hedge layer", "date": dt.date(2013, 1, 23)}
    assert "date" not in stated_fields("---\ntitle: x\npost-date: 2-8-2013\n---\n")  # two readings
    assert stated_fields("---\ntitle: [unclosed\n---\n") == {}
    page = '<script type="application/ld+json">{"@type": "JobPosting", "title": "Pruner"}</script>'
    assert stated_fields("---\ntitle: Front\n---\n" + page)["title"] == "front"
    assert stated_fields(page) == {"title": "pruner"}
    assert is_right("location", ("leeds", "leeds, uk"), ["leeds"])
    assert is_right("location", ("uk - london", "uk - london"), ["london"])
    assert is_right("location", ("united kingdom", "united kingdom (remote)"), ["remote", "uk"])
    assert not is_right("location", ("leeds", "leeds, uk"), ["york"])
    assert not is_right("location", ("leeds", "leeds, uk"), [])
    assert not is_right("title", "tree surgeon", "tree surgeon at oak")


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        result = measure_stated(_content(Path(tmp)))
        print(stated_table(result))
        for s in result.values():
            print("\n".join(s.wrong))
