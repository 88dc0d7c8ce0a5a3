"""A posting page with its CSS and JS stays under 60 KB before compression (search index excluded)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import SEEDS
from tests.site.board import make_board

LIMIT = 60 * 1024


def test_seed_posting_pages_with_css_and_js_stay_under_60_kb(tmp_path: Path) -> None:
    board = make_board(tmp_path, {p.name: p.read_bytes() for p in sorted(SEEDS.glob("0*"))})
    # The theme's scripts are counted even though posting pages do not load them.
    scripts = ("search.js", "search-engine.js")
    search_js = sum((board.out / "static" / name).stat().st_size for name in scripts)
    pages = sorted((board.out / "jobs").glob("*/index.html"))
    assert len(pages) == 3
    for page in pages:
        html = page.read_text("utf-8")
        linked = set(re.findall(r'(?:href|src)="((?:\.\./)*static/[^"]+)"', html))
        assert any(h.endswith("style.css") for h in linked)
        total = page.stat().st_size + search_js + sum((page.parent / h).stat().st_size for h in linked)
        assert total < LIMIT, f"{page.parent.name}: {total} bytes"
