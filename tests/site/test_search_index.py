"""The search index (search/): what it holds for a small board, split shards, determinism,
incremental == clean, and the front page without it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.config import Config
from generator.engine import BuildOptions, Engine
from generator.render.pages import posting_page_path
from generator.search import index as search_index
from tests.site.board import Board, front_matter, make_board
from tests.site.search_index import query, read_index

FILES = {
    "kafka.md": front_matter(
        "Streaming Engineer",
        "You will run our Kafka clusters and write consumers in Scala. " * 5,
        company="Acme",
        location="Berlin, Germany",
        type="full time",
        date="2025-12-01",
    ),
    "remote.md": front_matter(
        "Support Engineer",
        "Help customers debug their pipelines by e-mail and chat. " * 5,
        company="Globex",
        location="Remote (US only)",
        type="contract",
        date="2025-12-03",
    ),
    "paris.md": front_matter(
        "Data Analyst",
        "Build dashboards for the sales team with SQL and Kafka exports. " * 5,
        company="Acme, Inc.",
        location="Paris, France",
        type="part time",
        salary="EUR 45000 - 55000 per year",
        date="2025-12-02",
    ),
    "closed.md": front_matter(
        "Old Kafka job",
        "Kafka Kafka Kafka zebrafish. " * 5,
        company="Acme",
        location="Berlin, Germany",
        expires="2025-01-01",
    ),
    "draft.md": front_matter(
        "Draft Writer", "Writing narwhal stories. " * 5, company="Initech", draft="true"
    ),
}


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Board:
    return make_board(tmp_path_factory.mktemp("search"), FILES)


def _doc(board: Board, source: str) -> int:
    return next(i for i, p in enumerate(board.result.site.postings) if p.source == source)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_only_open_postings_are_indexed_in_front_page_order(board: Board) -> None:
    index = read_index(board.out)
    site = board.result.site
    assert index.meta["docs"] == len(site.postings) == 3
    assert [d["url"] for d in index.docs] == [posting_page_path(p) for p in site.postings]
    assert [d["title"] for d in index.docs] == ["Support Engineer", "Data Analyst", "Streaming Engineer"]
    assert "zebrafish" not in index.terms, "closed postings are not searchable"
    assert "narwhal" not in index.terms, "drafts are not searchable unless built"
    assert not any("search index" in line for line in board.log), board.log


def test_result_cards_hold_what_the_front_page_list_shows(board: Board) -> None:
    card = read_index(board.out).docs[_doc(board, "remote.md")]
    assert card == {
        "url": f"jobs/{board.slug('remote.md')}/index.html",
        "title": "Support Engineer",
        "company": "Globex",
        "places": [],
        "remote": "Remote · US only",
        "type": "Contract",
        "salary": "",
        "date": "2025-12-03",
        "posted": "3 Dec 2025",
    }
    paris = read_index(board.out).docs[_doc(board, "paris.md")]
    assert paris["places"] == ["Paris, France"] and paris["remote"] == ""
    assert paris["salary"] == "€45,000 – €55,000 a year"


def test_a_posting_without_a_date_has_none_in_its_card(tmp_path: Path) -> None:
    undated = front_matter("Undated Role", "A role with no date stated anywhere. " * 5, company="Acme")
    board = make_board(tmp_path, {"2025-12-01-dated.md": FILES["kafka.md"], "undated.md": undated})
    cards = {card["title"]: card for card in read_index(board.out).docs}
    assert cards["Undated Role"]["date"] is None and cards["Undated Role"]["posted"] == ""
    assert cards["Streaming Engineer"]["date"] == "2025-12-01"


def test_terms_map_to_docs_with_title_and_company_matches_flagged(board: Board) -> None:
    terms = read_index(board.out).terms
    kafka, paris, remote = (_doc(board, s) for s in ("kafka.md", "paris.md", "remote.md"))
    assert terms["kafka"] == {kafka: False, paris: False}  # body only
    assert terms["streaming"] == {kafka: True}  # title
    assert terms["acme"] == {kafka: True, paris: True}  # company (grouped name and as written)
    assert terms["engineer"] == {kafka: True, remote: True}
    assert terms["berlin"] == {kafka: False}  # location: found, not ranked as the title
    assert terms["contract"] == {remote: False}  # the type label
    assert terms["e"] == {remote: False} and terms["mail"] == {remote: False}  # "e-mail"
    assert all(term == term.lower() for term in terms)


def test_filters_list_values_with_counts_and_their_docs(board: Board) -> None:
    index = read_index(board.out)
    assert index.meta["filters"] == {
        "company": [["Acme", 2], ["Globex", 1]],
        "location": [["Berlin, Germany", 1], ["Paris, France", 1], ["Remote", 1]],
        "remote": [["Remote", 1]],
        "type": [["Contract", 1], ["Full time", 1], ["Part time", 1]],
    }
    kafka, paris, remote = (_doc(board, s) for s in ("kafka.md", "paris.md", "remote.md"))
    assert index.filters["company"] == {"Acme": sorted([kafka, paris]), "Globex": [remote]}
    assert index.filters["remote"] == {"Remote": [remote]}
    assert index.filters["location"]["Paris, France"] == [paris]
    assert index.filters["type"]["Full time"] == [kafka]


def test_drafts_are_searchable_when_the_front_page_shows_them(tmp_path: Path) -> None:
    board = make_board(tmp_path, FILES, drafts=True)
    index = read_index(board.out)
    assert index.terms["narwhal"] == {_doc(board, "draft.md"): False}
    assert index.meta["docs"] == 4


def test_a_board_without_open_postings_has_no_index_and_keeps_the_form_hidden(tmp_path: Path) -> None:
    bad = "---\ntitle: X\ndate: 2024-02-30\n---\nBody text.\n"
    board = make_board(tmp_path, {"bad.md": bad, "closed.md": FILES["closed.md"]})
    assert (board.out / "index.html").is_file()
    assert not (board.out / "search").exists()
    page = board.page("index.html")
    assert re.search(r'<form id="job-search"[^>]*\shidden[\s>]', page), "the form's start tag says hidden"
    assert not [line for line in board.log if "search index" in line]


def test_front_page_search_degrades_without_javascript(board: Board) -> None:
    page = board.page("index.html")
    assert re.search(r'<form id="job-search"[^>]*\shidden[\s>]', page), "the form's start tag says hidden"
    assert '<script src="static/search-engine.js" defer></script>' in page
    assert '<script src="static/search.js" defer></script>' in page
    assert '<section id="job-list"' in page and 'href="companies/index.html"' in page
    assert page.count("<script") == 2, "no inline scripts on the front page"
    for name in ("search.js", "search-engine.js"):
        js = (board.out / "static" / name).read_text("utf-8")
        assert "eval(" not in js and "new Function" not in js and "WebAssembly" not in js


def test_two_builds_are_byte_identical_search_index_included(tmp_path: Path) -> None:
    first = make_board(tmp_path / "a", FILES)
    second = make_board(tmp_path / "b", FILES)
    a, b = _tree(first.out), _tree(second.out)
    assert any(name.startswith("search/terms/") for name in a)
    assert a == b


def test_big_shards_are_split_by_a_longer_prefix_and_still_found(
    board: Board, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    queries = ["k", "ka", "kaf", "kafka", "kafkas", "co", "con", "consumers", "s", "sc", "e", "engineer"]
    queries += ["th", "the", "thei", "their", "there"]
    whole = {q: query(board.out, q) for q in queries}
    monkeypatch.setattr(search_index, "SHARD_LIMIT", 20)
    split = make_board(tmp_path, FILES)
    index = read_index(split.out)
    shards = index.meta["shards"]
    assert any(len(shard) >= 3 for shard in shards), shards
    # A split shard keeps its own exact term ("the" beside "thei" ...).
    assert any(any(s != p and s.startswith(p) for s in shards) for p in shards), shards
    for term, shard in index.shard_of.items():
        # Each term is in the longest listed shard prefix of it.
        assert shard == max((s for s in shards if term.startswith(s)), key=len), term
    assert index.terms == read_index(board.out).terms
    assert {q: query(split.out, q) for q in queries} == whole
    assert whole["kaf"] == whole["kafka"] != []


def _builder(root: Path, content: Path, out: str) -> Engine:
    options = BuildOptions(content=content, output=root / out, project_root=root, cache_dir=root / ".cache")
    return Engine(options, Config(), log=lambda _m: None)


def _content(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A content folder holding FILES, with a fixed build clock."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    content = root / "content"
    content.mkdir()
    for name, text in FILES.items():
        (content / name).write_text(text, encoding="utf-8")
    return content


def _clean_build(root: Path, content: Path) -> dict[str, bytes]:
    shutil.rmtree(root / "clean", ignore_errors=True)
    options = BuildOptions(content=content, output=root / "clean", project_root=root)
    with Engine(options, Config(), log=lambda _m: None) as builder:
        builder.update()
    return _tree(root / "clean" / "search")


def test_incremental_index_equals_a_clean_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = _content(tmp_path, monkeypatch)
    with _builder(tmp_path, content, "out") as builder:
        builder.update()
        assert _tree(tmp_path / "out" / "search") == _clean_build(tmp_path, content)
        (content / "kafka.md").write_text(FILES["kafka.md"].replace("Scala", "Clojure"), encoding="utf-8")
        (content / "new.md").write_text(front_matter("Kafka Admin", company="Umbrella"), encoding="utf-8")
        (content / "paris.md").unlink()
        result = builder.update()
        assert "search/index.json" in result.changed
        index = read_index(tmp_path / "out")
        assert "clojure" in index.terms and "scala" not in index.terms and "dashboards" not in index.terms
        assert _tree(tmp_path / "out" / "search") == _clean_build(tmp_path, content)


def test_unchanged_postings_are_not_tokenized_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = _content(tmp_path, monkeypatch)
    with _builder(tmp_path, content, "out") as builder:
        builder.update()
    before = _tree(tmp_path / "out" / "search")

    def no_body_tokenizing(texts: object) -> set[str]:
        raise AssertionError("a body from the cache was tokenized again")

    monkeypatch.setattr("generator.bodies.term_set", no_body_tokenizing)
    monkeypatch.setattr("generator.search.terms.term_set", no_body_tokenizing)
    with _builder(tmp_path, content, "out") as builder:
        builder.update()
    assert _tree(tmp_path / "out" / "search") == before


def test_an_unchanged_board_keeps_its_index_without_making_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = _content(tmp_path, monkeypatch)
    with _builder(tmp_path, content, "out") as builder:
        builder.update()
        before = _tree(tmp_path / "out" / "search")
        made = search_index.search_index_files

        def not_again(*args: object) -> object:
            raise AssertionError("the index was made again")

        monkeypatch.setattr("generator.render.search_index.search_index_files", not_again)
        for _ in range(2):  # the second rebuild keeps it from the spare tree
            result = builder.update()
            assert not [p for p in result.changed if p.startswith("search/")]
            assert _tree(tmp_path / "out" / "search") == before
        # A posting's company changes: the index is made again, as a clean build makes it.
        monkeypatch.setattr("generator.render.search_index.search_index_files", made)
        (content / "remote.md").write_text(FILES["remote.md"].replace("Globex", "Hooli"), encoding="utf-8")
        result = builder.update()
        assert "search/index.json" in result.changed
        assert "hooli" in read_index(tmp_path / "out").terms
        assert _tree(tmp_path / "out" / "search") == _clean_build(tmp_path, content)
