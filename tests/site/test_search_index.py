"""Pagefind search index: open postings only, filters, reproducible, optional at build time."""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.render.search_index import build_search_index
from tests.site.board import Board, front_matter, make_board, need_node, need_pagefind

HERE = Path(__file__).parent

FILES = {
    "kafka.md": front_matter(
        "Streaming Engineer",
        "You will run our Kafka clusters and write consumers in Scala. " * 5,
        company="Acme",
        location="Berlin, Germany",
        type="full time",
    ),
    "remote.md": front_matter(
        "Support Engineer",
        "Help customers debug their pipelines by e-mail and chat. " * 5,
        company="Globex",
        location="Remote (US only)",
        type="contract",
    ),
    "paris.md": front_matter(
        "Data Analyst",
        "Build dashboards for the sales team with SQL. " * 5,
        company="Acme, Inc.",
        location="Paris, France",
        type="part time",
    ),
    "closed.md": front_matter(
        "Old Kafka job",
        "Kafka Kafka Kafka zebrafish. " * 5,
        company="Acme",
        location="Berlin, Germany",
        expires="2025-01-01",
    ),
}


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Board:
    need_pagefind()
    return make_board(tmp_path_factory.mktemp("search"), FILES)


def test_only_open_posting_pages_are_indexed(board: Board) -> None:
    entry = json.loads(board.page("pagefind/pagefind-entry.json"))
    counts = [lang["page_count"] for lang in entry["languages"].values()]
    assert sum(counts) == len(board.result.site.postings) == 3
    assert (board.out / "pagefind" / "pagefind.js").is_file()
    assert not any("search index" in line for line in board.log), board.log


def _query(board: Board, **query: object) -> dict:
    node = need_node()
    done = subprocess.run(
        [node, str(HERE / "pagefind_query.mjs"), str(board.out), json.dumps(query)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)


def _url(board: Board, source: str) -> str:
    return f"/jobs/{board.slug(source)}/"


def test_search_finds_a_posting_by_a_word_of_its_body(board: Board) -> None:
    assert _query(board, term="kafka")["urls"] == [_url(board, "kafka.md")]
    assert _query(board, term="zebrafish")["urls"] == [], "closed postings are not searchable"


def test_filters_narrow_the_results(board: Board) -> None:
    everything = _query(board)
    assert everything["filters"] == {
        "company": {"Acme": 2, "Globex": 1},
        "location": {"Berlin, Germany": 1, "Paris, France": 1, "Remote": 1},
        "remote": {"Remote": 1},
        "type": {"Contract": 1, "Full time": 1, "Part time": 1},
    }
    acme = _query(board, filters={"company": "Acme"})["urls"]
    assert acme == sorted([_url(board, "kafka.md"), _url(board, "paris.md")])
    assert _query(board, filters={"remote": "Remote"})["urls"] == [_url(board, "remote.md")]
    assert _query(board, filters={"location": "Paris, France"})["urls"] == [_url(board, "paris.md")]
    assert _query(board, filters={"type": "Full time"})["urls"] == [_url(board, "kafka.md")]
    assert _query(board, term="engineer", filters={"company": "Acme"})["urls"] == [_url(board, "kafka.md")]


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical_search_index_included(tmp_path: Path) -> None:
    need_pagefind()
    first = make_board(tmp_path / "a", FILES)
    second = make_board(tmp_path / "b", FILES)
    a, b = _tree(first.out), _tree(second.out)
    assert a.keys() == b.keys()
    assert any(name.startswith("pagefind/filter/") for name in a)
    different = [name for name in a if a[name] != b[name]]
    assert different == []
    assert not filecmp.dircmp(first.out, second.out).diff_files


def test_missing_pagefind_warns_and_the_build_succeeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    board = make_board(tmp_path, FILES)
    assert (board.out / "index.html").is_file()
    assert not (board.out / "pagefind").exists()
    warnings = [line for line in board.log if "search index not built" in line]
    assert len(warnings) == 1 and "Pagefind" in warnings[0]


def test_front_page_search_degrades_without_javascript(board: Board) -> None:
    page = board.page("index.html")
    assert '<form id="job-search"' in page and "hidden>" in page.split('<form id="job-search"')[1][:300]
    assert '<script src="static/search.js" defer></script>' in page
    assert '<section id="job-list"' in page and 'href="companies/index.html"' in page
    scripts = page.count("<script")
    assert scripts == 1, "no inline scripts on the front page"
    js = (board.out / "static" / "search.js").read_text("utf-8")
    assert "eval(" not in js and "new Function" not in js


def test_the_index_is_reused_until_a_posting_page_changes(tmp_path: Path) -> None:
    need_pagefind()
    site, out = tmp_path / "site", tmp_path / "out"
    (site / "jobs" / "a").mkdir(parents=True)
    (site / "jobs" / "a" / "index.html").write_text(
        "<html lang='en'><body><article data-pagefind-body><h1>Kafka</h1></article></body></html>"
    )
    assert build_search_index(site, print)
    shutil.copytree(site, out)
    entry = (out / "pagefind" / "pagefind-entry.json").stat().st_ino
    # Only a list page changed: the output's index is hard-linked into the new tree.
    assert build_search_index(site, print, previous=out, changed=["companies/x/index.html"])
    assert (site / "pagefind" / "pagefind-entry.json").stat().st_ino == entry
    # A posting page changed: a new index (and without `previous`, always).
    assert build_search_index(site, print, previous=out, changed=["jobs/a/index.html"])
    assert (site / "pagefind" / "pagefind-entry.json").stat().st_ino != entry


def test_a_board_without_postings_builds_no_index_and_warns_nothing(tmp_path: Path) -> None:
    need_pagefind()
    board = make_board(tmp_path, {"bad.md": "---\ntitle: X\ndate: 2024-02-30\n---\nBody text.\n"})
    assert (board.out / "index.html").is_file()
    assert not (board.out / "pagefind").exists()
    assert not [line for line in board.log if "search index" in line]
    assert [line for line in board.log if "bad.md:3: broken YAML front matter: impossible date" in line]
