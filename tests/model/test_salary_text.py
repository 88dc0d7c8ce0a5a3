"""The one salary formatter: a single amount (or min == max) is one amount."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model.posting import Salary
from generator.model.salary_text import salary_text

TABLE = Path(__file__).parents[1] / "fixtures" / "model" / "salary_text.tsv"


def _rows() -> list[tuple[Salary, str]]:
    rows = []
    for line in TABLE.read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        low, high, currency, period, shown = (line.split("\t") + [""] * 5)[:5]
        amounts = [float(v) if v else None for v in (low, high)]
        salary = Salary(*amounts, currency or None, period or None)
        rows.append((salary, shown))
    return rows


@pytest.mark.parametrize(("salary", "shown"), _rows(), ids=lambda v: str(v) if isinstance(v, str) else None)
def test_salary_text(salary: Salary, shown: str) -> None:
    assert salary_text(salary) == shown


def test_unknown_salary_is_empty() -> None:
    assert salary_text(None) == ""


def test_templates_use_the_same_formatter() -> None:
    from generator.render.templates import make_environment

    env = make_environment()
    assert env.filters["salary"] is salary_text


def test_a_single_amount_shows_once_on_pages_and_cards(tmp_path: Path) -> None:
    from tests.site.board import front_matter, make_board

    board = make_board(
        tmp_path,
        {"a.md": front_matter("Barista", company="Acme", location="Berlin, Germany", salary="€50/hour")},
    )
    slug = board.result.site.postings[0].slug
    for page in ("index.html", f"jobs/{slug}/index.html"):
        html = board.page(page)
        assert "€50 an hour" in html, page
        assert "€50 – €50" not in html, page
