"""static/search-engine.js under Node against a built index: prefixes, AND, filters, ranking,
and the Python engine (generator/search/engine.py) giving the same results."""

from __future__ import annotations

import pytest

from generator.config import Config
from tests.site.board import Board, front_matter, make_board
from tests.site.search_index import python_query, query, run_node

FILES = {
    "py-title.md": front_matter(
        "Python Developer",
        "Build services. We deploy with containers and ship weekly. " * 4,
        company="Acme",
        location="Berlin, Germany",
        type="full time",
        date="2025-11-01",
    ),
    "py-body.md": front_matter(
        "Backend Engineer",
        "Our stack is Python and PostgreSQL; we ship weekly. " * 4,
        company="Globex",
        location="Remote",
        type="contract",
        date="2025-12-01",
    ),
    "py-both.md": front_matter(
        "Python Data Engineer",
        "Pipelines in Python and Kafka, dashboards in Grafana. " * 4,
        company="Pythonic Labs",
        location="Paris, France",
        type="full time",
        date="2025-10-01",
    ),
    "c-dev.md": front_matter(
        "C Developer",
        "Embedded C for sensors; some C++ and a little Rust. Cloud experience is a plus. " * 3,
        company="Initech",
        location="Remote",
        type="full time",
        date="2025-11-15",
    ),
    "accents.md": front_matter(
        "Développeur Back-end",
        "Vous développerez des API à São Paulo et à Zürich. " * 4,
        company="Société Générale",
        location="Paris, France",
        date="2025-11-20",
    ),
    "closed.md": front_matter(
        "Python Old", "Python python. " * 6, company="Acme", expires="2025-01-01", date="2024-11-01"
    ),
}


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Board:
    return make_board(tmp_path_factory.mktemp("engine"), FILES, Config(max_age_days=0))  # dates span months


def _urls(board: Board, *sources: str) -> list[str]:
    return [f"jobs/{board.slug(s)}/index.html" for s in sources]


def test_a_token_matches_as_a_prefix(board: Board) -> None:
    assert query(board.out, "kaf") == query(board.out, "kafka") == _urls(board, "py-both.md")
    assert query(board.out, "kafkas") == query(board.out, "kafka")  # a plural: the same stem
    assert query(board.out, "kafka python") == _urls(board, "py-both.md")
    assert query(board.out, "kaf python") == []  # only the last token is a prefix
    assert query(board.out, "grafa") == _urls(board, "py-both.md")


def test_a_one_character_token_matches_only_itself(board: Board) -> None:
    # "c" is a term of c-dev.md (title, body and "C++"); "cloud" and "containers" do not match it.
    assert query(board.out, "c") == _urls(board, "c-dev.md")
    assert query(board.out, "c++") == _urls(board, "c-dev.md")
    assert query(board.out, "c#") == []
    assert query(board.out, "py") == []  # two characters: the term itself only


def test_tokens_are_and_ed(board: Board) -> None:
    assert query(board.out, "python kafka") == _urls(board, "py-both.md")
    assert query(board.out, "python rust") == []
    assert query(board.out, "ship weekly") == _urls(board, "py-body.md", "py-title.md")


def test_case_and_accents_do_not_matter(board: Board) -> None:
    expected = _urls(board, "accents.md")
    for text in ("développeur", "DEVELOPPEUR", "developp", "zurich", "ZÜRICH", "sao paulo", "société"):
        assert query(board.out, text) == expected, text


def test_filters_and_tokens_combine(board: Board) -> None:
    assert query(board.out, "", company="Acme") == _urls(board, "py-title.md")
    assert query(board.out, "python", remote="Remote") == _urls(board, "py-body.md")
    assert query(board.out, "", location="Paris, France", type="Full time") == _urls(board, "py-both.md")
    assert query(board.out, "python", company="Initech") == []
    assert query(board.out, "python", company="No such company") == []


def test_title_and_company_matches_rank_first_then_newest(board: Board) -> None:
    # py-both has "python" in title and company, py-title in its title, py-body only in its body
    # (and is the newest); ties go newest first.
    assert query(board.out, "python") == _urls(board, "py-title.md", "py-both.md", "py-body.md")
    # Two tokens: py-both matches both in its title; py-title only "python".
    assert query(board.out, "python engineer") == _urls(board, "py-both.md", "py-body.md")
    assert query(board.out, "engineer python") == _urls(board, "py-both.md", "py-body.md")


@pytest.mark.parametrize(
    ("text", "filters"),
    [
        ("python", {}),
        ("p", {}),
        ("py", {}),
        ("e", {}),
        ("we ship", {}),
        ("paris", {}),
        ("remote", {}),
        ("engineer", {"type": "Full time"}),
        ("", {"remote": "Remote"}),
        ("", {"location": "Remote"}),
        ("in", {"company": "Pythonic Labs"}),
        ("a", {}),
        ("zzz", {}),
        ("c++", {}),
        ("back-end", {}),
        ("backend", {}),
        ("pyhton", {}),
    ],
)
def test_python_and_javascript_engines_agree(board: Board, text: str, filters: dict[str, str]) -> None:
    assert query(board.out, text, **filters) == python_query(board.out, text, **filters)


def test_the_engine_loads_only_the_shards_a_token_needs(board: Board) -> None:
    shards = run_node("shards", ["python", "c", "kafka", "zzz"], board.out)
    assert shards == [["py"], ["c"], ["ka"], []]
