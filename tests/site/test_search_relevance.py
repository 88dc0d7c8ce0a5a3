"""The relevance table (tests/site/relevance_board.py): seeker queries over a board of postings
written for it, each with the results expected first, run through the browser's engine
(static/search-engine.js under Node) and the Python engine (generator/search/engine.py),
which must agree on every ranked result, suggestion and filter count."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.config import Config
from generator.search.engine import Engine, folder_loader
from tests.conftest import CORPUS
from tests.site.board import Board, make_board, need
from tests.site.relevance_board import POSTINGS, SUGGEST, TABLE
from tests.site.search_index import read_index, run_node

QUERIES = [{"q": q, "filters": f} for q, f, _expected, _exact in TABLE] + [
    {"q": q, "filters": {}} for q, _better in SUGGEST
]


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Board:
    return make_board(tmp_path_factory.mktemp("relevance"), POSTINGS)


@pytest.fixture(scope="module")
def in_js(board: Board) -> list[dict[str, Any]]:
    return run_node("search", QUERIES, board.out)


def sources(board: Board, urls: list[str]) -> list[str]:
    by_url = {f"jobs/{p.slug}/index.html": p.source for p in board.result.site.postings}
    return [by_url[url] for url in urls]


def passes(found: list[str], expected: list[str], exact: bool) -> bool:
    return found == expected if exact else found[: len(expected)] == expected


def score(board: Board, results: list[list[str]]) -> int:
    """How many rows of the table get their expected results (results: urls per row)."""
    rows = zip(TABLE, results, strict=False)
    return sum(passes(sources(board, urls), expected, exact) for (_q, _f, expected, exact), urls in rows)


def test_the_table_is_big_enough() -> None:
    assert len(TABLE) >= 40 and len({q for q, *_rest in TABLE}) >= 40


def test_every_seeker_query_gets_its_expected_results(board: Board, in_js: list[dict[str, Any]]) -> None:
    misses = []
    for (q, filters, expected, exact), got in zip(TABLE, in_js, strict=False):
        found = sources(board, got["urls"])
        if not passes(found, expected, exact):
            what = "exactly" if exact else "first"
            misses.append(f"{q!r} {filters or ''}: expected {what} {expected}, got {found}")
    assert not misses, f"{len(TABLE) - len(misses)}/{len(TABLE)}:\n" + "\n".join(misses)
    assert score(board, [got["urls"] for got in in_js]) == len(TABLE)


def test_a_typo_finds_nothing_and_did_you_mean_offers_the_word(
    board: Board, in_js: list[dict[str, Any]]
) -> None:
    for (typo, better), got in zip(SUGGEST, in_js[len(TABLE) :], strict=True):
        assert got["ids"] == [] and got["suggest"] == better, typo
    assert all(got["suggest"] is None for got in in_js[: len(TABLE)] if got["ids"])


def test_python_and_javascript_rank_every_query_alike(board: Board, in_js: list[dict[str, Any]]) -> None:
    engine = Engine(folder_loader(board.out))
    engine.open()
    docs = read_index(board.out).docs
    for query, got in zip(QUERIES, in_js, strict=True):
        ids = engine.search(query["q"], query["filters"])
        assert ids == got["ids"], query
        assert [docs[i]["url"] for i in ids] == got["urls"]
        assert engine.suggest(query["q"], query["filters"]) == got["suggest"], query
        assert engine.counts(query["q"], query["filters"]) == got["counts"], query


def test_filter_counts_follow_the_query_and_the_other_filters(board: Board) -> None:
    engine = Engine(folder_loader(board.out))
    engine.open()
    everything = dict(map(tuple, engine.counts("")["company"]))
    assert everything["Contoso"] == 2 and everything["Hooli"] == 2
    engineer = dict(map(tuple, engine.counts("engineer")["company"]))
    assert engineer["Contoso"] == 1 and engineer["Hooli"] == 0
    # A filter's own value does not narrow its own counts; the others do.
    picked = engine.counts("engineer", {"company": "Contoso", "remote": "Remote"})
    assert dict(map(tuple, picked["company"]))["Contoso"] == 0
    assert dict(map(tuple, picked["company"]))["Soylent"] == 1
    assert dict(map(tuple, picked["remote"])) == {"Remote": 0}


def test_the_corpus_is_searchable_alike_in_python_and_javascript(tmp_path: Path) -> None:
    need(f"the corpus at {CORPUS}", CORPUS.is_dir())
    paths = sorted(p for p in CORPUS.rglob("*") if p.is_file())
    files = {p.relative_to(CORPUS).as_posix(): p.read_bytes() for p in paths}
    corpus = make_board(tmp_path, files, Config(max_age_days=0))  # old ads stay open: all searchable
    queries = ["c#", "c++", "c", ".net", "engineer", "engineers", "kubernets", "front end", "frontend"]
    queries += ["münchen", "munich", "remote", "senior data", "python developer", "java", "go", "pyhton"]
    got = run_node("search", [{"q": q, "filters": {}} for q in queries], corpus.out)
    engine = Engine(folder_loader(corpus.out))
    engine.open()
    for q, js in zip(queries, got, strict=True):
        assert engine.search(q) == js["ids"], q
        assert engine.suggest(q) == js["suggest"], q
    by_q = dict(zip(queries, got, strict=True))
    # The same word's forms find the same postings (the last word also matches as a prefix
    # while it is typed: `engineer` finds a glued `engineerjobs` too).
    one, many = set(by_q["engineer"]["ids"]), set(by_q["engineers"]["ids"])
    assert many <= one and len(many) >= 0.95 * len(one)
    # `front end` is `frontend`, or both words anywhere in the posting (no positions kept).
    joined, split = set(by_q["frontend"]["ids"]), set(by_q["front end"]["ids"])
    assert joined <= split and len(split) <= 1.1 * len(joined) + 1
    assert set(by_q["c"]["ids"]) != set(by_q["c#"]["ids"]) != set(by_q["c++"]["ids"])
    assert by_q["münchen"]["ids"] == by_q["munich"]["ids"] != []
