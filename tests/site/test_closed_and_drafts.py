"""Closed (expired) postings keep a noindex page and leave every list; drafts need --drafts."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.site.board import Board, front_matter, job_slugs, make_board

FILES = {
    "open.md": front_matter(
        "Open job", company="Acme", location="Berlin, Germany", apply_url="https://acme.example.com/a"
    ),
    "closed.md": front_matter(
        "Closed job",
        company="Acme",
        location="Berlin, Germany",
        apply_url="https://acme.example.com/c",
        expires="2025-12-31",
    ),
    "only-closed.md": front_matter("Gone job", company="Vanished Co", expires="2025-06-01"),
    "draft.md": front_matter("Draft job", company="Acme", draft="true"),
}


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Board:
    return make_board(tmp_path_factory.mktemp("closed"), FILES)


def test_closed_page_is_kept_marked_and_noindex(board: Board) -> None:
    page = board.page(f"jobs/{board.slug('closed.md')}/index.html")
    assert '<meta name="robots" content="noindex">' in page
    assert "This posting is closed" in page
    assert "https://acme.example.com/c" not in page, "no apply button or link"
    open_page = board.page(f"jobs/{board.slug('open.md')}/index.html")
    assert 'name="robots"' not in open_page
    assert 'class="button" href="https://acme.example.com/a"' in open_page


def test_closed_postings_are_in_no_list(board: Board) -> None:
    closed = {board.slug("closed.md"), board.slug("only-closed.md")}
    lists = [p for p in board.out.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".json")]
    lists = [p for p in lists if "jobs" not in p.relative_to(board.out).parts[:1]]
    assert lists
    for path in lists:
        text = path.read_text("utf-8")
        for slug in closed:
            assert slug not in text, f"{path.relative_to(board.out)} lists closed {slug}"
    assert not (board.out / "companies" / "vanished-co").exists()
    assert job_slugs(board.page("index.html")) == {board.slug("open.md")}


def test_drafts_are_not_built_without_the_flag(board: Board) -> None:
    assert not any("draft" in p.name for p in (board.out / "jobs").iterdir())
    assert [p.source for p in board.result.site.drafts] == ["draft.md"]


def test_drafts_flag_builds_drafts(tmp_path: Path) -> None:
    board = make_board(tmp_path, FILES, drafts=True)
    assert board.slug("draft.md") in job_slugs(board.page("index.html"))


def test_summary_counts_closed_and_drafts_apart_from_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    for name, text in FILES.items():
        (content / name).write_text(text)
    (content / "empty.md").write_text("")
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    out = capsys.readouterr().out
    assert "1 postings" in out and "1 skipped" in out
    assert "2 closed" in out and "1 drafts not built" in out
