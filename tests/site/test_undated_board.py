"""A built board with undated and old postings: order, feeds, JSON-LD, the summary line."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.site.board import front_matter, make_board

UNDATED = "Title: Night Baker\nCompany: Crumb Ltd\nLocation: Leeds, UK\n\n" + "We bake bread at night. " * 8


def _job(title: str, date: str) -> str:
    return front_matter(title, company="Acme", location="Berlin, Germany", date=date)


def _files() -> dict[str, str]:
    return {
        "recent.md": _job("Recent job", "2025-12-20"),
        "older.md": _job("Older job", "2025-12-01"),
        "stale.md": _job("Stale job", "2025-09-01"),
        "undated.txt": UNDATED,
    }


def test_undated_postings_come_last_and_old_ones_close(tmp_path: Path) -> None:
    board = make_board(tmp_path, _files())
    index = board.page("index.html")
    order = [index.index(t) for t in ("Recent job", "Older job", "Night Baker")]
    assert order == sorted(order)
    assert "Stale job" not in index
    stale = board.page(f"jobs/{board.slug('stale.md')}/index.html")
    assert '<meta name="robots" content="noindex">' in stale
    summary = board.result.summary()
    assert "(1 closed as older than max_age_days)" in summary  # apart from expired ones
    feed = (board.out / "feed.xml").read_text()
    entries = re.findall(r"<entry>.*?</entry>", feed, re.S)
    assert "Night Baker" in entries[-1] and "<published>" not in entries[-1]
    assert all("<published>" in e for e in entries[:-1])


def test_undated_json_ld_uses_the_first_seen_date(tmp_path: Path) -> None:
    board = make_board(tmp_path, _files())
    page = board.page(f"jobs/{board.slug('undated.txt')}/index.html")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert script is not None
    assert json.loads(script[1])["datePosted"] == "2026-01-01"  # SOURCE_DATE_EPOCH: first seen


def test_max_age_zero_keeps_old_postings_open(tmp_path: Path) -> None:
    from generator.config import Config

    board = make_board(tmp_path, _files(), Config(max_age_days=0))
    assert "Stale job" in board.page("index.html")
    assert "closed" not in board.result.summary()
