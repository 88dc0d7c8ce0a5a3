"""Front, company and location pages are paginated (per_page in jobboard.toml)."""

from __future__ import annotations

import re
from pathlib import Path

from generator.config import Config
from tests.site.board import front_matter, job_slugs, make_board


def test_front_company_and_location_pages_paginate(tmp_path: Path) -> None:
    files = {
        f"j{i}.md": front_matter(
            f"Job {i}", company="Acme", location="Paris, France", date=f"2025-12-{i + 10}"
        )
        for i in range(5)
    }
    board = make_board(tmp_path, files, Config(per_page=2))
    everyone = {p.slug for p in board.result.site.postings}
    for folder in ("", "companies/acme/", "locations/paris-france/"):
        pages = [
            board.out / folder / "index.html",
            *(board.out / folder / f"page/{n}/index.html" for n in (2, 3)),
        ]
        assert not (board.out / folder / "page/4/index.html").exists()
        seen: list[set[str]] = [job_slugs(p.read_text("utf-8")) for p in pages]
        assert [len(s) for s in seen] == [2, 2, 1], folder
        assert set().union(*seen) == everyone
        first, second = (p.read_text("utf-8") for p in pages[:2])
        assert (pages[0].parent / _href(first, "next")).resolve() == pages[1].resolve()
        assert (pages[1].parent / _href(second, "prev")).resolve() == pages[0].resolve()
        assert (pages[1].parent / _href(second, "next")).resolve() == pages[2].resolve()
        assert not _href(second, "prev").startswith("/")
        assert "Page 2 of 3" in second
    newest = job_slugs(board.page("index.html"))
    assert newest == {board.slug("j4.md"), board.slug("j3.md")}, "newest first"


def _href(html: str, rel: str) -> str:
    match = re.search(rf'rel="{rel}" href="([^"]+)"', html)
    assert match, rel
    return match.group(1)
