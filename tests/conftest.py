from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"

# Reproducible builds in every test unless a test says otherwise: 2026-01-01T00:00:00Z.
EPOCH = "1767225600"


@pytest.fixture(autouse=True)
def _source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", os.environ.get("TEST_SOURCE_DATE_EPOCH", EPOCH))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite golden files from the current output (read the diff before committing)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def crash_after_posting_pages(monkeypatch: pytest.MonkeyPatch, crash: Callable[..., None]) -> None:
    """Make every build call `crash` right after it rendered the posting pages (a kind of page
    placed second in the page kinds' list)."""
    from generator.render import page_kinds

    first, *others = page_kinds.PAGE_KINDS
    monkeypatch.setattr(page_kinds, "PAGE_KINDS", (first, page_kinds.PageKind("crash", (), crash), *others))
