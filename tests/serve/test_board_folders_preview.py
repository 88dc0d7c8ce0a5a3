"""The preview watches pages/ and static/ next to jobboard.toml and shows their changes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from generator.preview.live_site import TEMPLATES, LiveSite
from generator.preview.server import PreviewServer


@pytest.fixture
def board(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LiveSite:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text(
        "---\ntitle: Night Baker\ncompany: Crumb Ltd\nlocation: Leeds, United Kingdom\n"
        "date: 2025-11-02\n---\nBake bread at night.\n",
        encoding="utf-8",
    )
    (tmp_path / "jobboard.toml").write_text('title = "Bakery jobs"\n')
    site = LiveSite(
        content=Path("content"), folder=tmp_path / "serve" / "site", config_path=Path("jobboard.toml"),
        log=lambda _: None,
    )
    site.first_build()
    assert site.problem is None
    return site


def test_a_page_and_a_static_file_added_while_serving_are_served(board: LiveSite, tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "about.md").write_text("---\ntitle: About the bakery\n---\nWe bake.\n")
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "CNAME").write_text("bakery.example.org\n")
    report = board.rebuild({TEMPLATES})
    assert report.problem is None
    served = board.folder
    assert "<p>We bake.</p>" in (served / "about" / "index.html").read_text()
    assert '<a href="about/index.html">About the bakery</a>' in (served / "index.html").read_text()
    assert (served / "CNAME").read_text() == "bakery.example.org\n"


def test_a_static_clash_is_shown_as_the_problem(board: LiveSite, tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "404.html").write_text("mine")
    report = board.rebuild({TEMPLATES})
    assert report.problem is not None
    assert "static/404.html: the site generates 404.html itself" in str(report.problem)


def test_the_preview_watches_the_pages_and_static_folders_before_they_exist(board: LiveSite) -> None:
    preview = PreviewServer(board, lambda _: None)

    async def watch() -> None:
        preview.watch_sources()

    asyncio.run(watch())
    for name in ("pages", "static"):
        assert str((Path.cwd() / name).resolve()) in preview._watched
    if preview._events is not None:
        preview._events.stop()
