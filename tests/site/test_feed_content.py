"""What feeds carry: the board's feed whole bodies, company and location feeds summaries
unless `feed_content = "full"`; the summary is one function, shared with meta descriptions."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.config import Config, ConfigError, load_config
from generator.render.summary import ELLIPSIS, SUMMARY_LENGTH, summary
from tests.site.board import Board, front_matter, make_board

ATOM = "{http://www.w3.org/2005/Atom}"
BODY = "## The team\n\nWe look after the ledgers of small bakeries. " + "Ovens, flour and tidy sums. " * 40


def _files() -> dict[str, str]:
    start = dt.date(2025, 11, 1)
    return {
        f"job{i}.md": front_matter(
            f"Baker {i}",
            BODY,
            company="Crumb Ltd" if i % 2 else "Loaf GmbH",
            location="Lisbon, Portugal",
            date=(start + dt.timedelta(days=i)).isoformat(),
        )
        for i in range(4)
    }


@pytest.fixture(scope="module")
def summaries(tmp_path_factory: pytest.TempPathFactory) -> Board:
    return make_board(tmp_path_factory.mktemp("summary"), _files())


def _entries(board: Board, rel: str) -> list[ET.Element]:
    root = ET.fromstring((board.out / rel).read_bytes())  # well-formed XML
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert entries
    return entries


def _group_feeds(board: Board) -> list[str]:
    feeds = sorted(p.relative_to(board.out).as_posix() for p in board.out.glob("*/*/feed.xml"))
    assert "companies/crumb-ltd/feed.xml" in feeds and "locations/lisbon-portugal/feed.xml" in feeds
    return feeds


def test_group_feeds_carry_summaries_and_no_content(summaries: Board) -> None:
    for rel in _group_feeds(summaries):
        for entry in _entries(summaries, rel):
            assert entry.find(f"{ATOM}content") is None, rel
            text = entry.findtext(f"{ATOM}summary") or ""
            assert text.startswith("The team We look after the ledgers"), rel
            assert len(text) <= SUMMARY_LENGTH and text.endswith(ELLIPSIS)
            assert entry.find(f"{ATOM}link[@rel='alternate']") is not None, "Atom: no content needs a link"
    assert "<h2>" not in summaries.page("companies/crumb-ltd/feed.xml").replace("&lt;h2&gt;", "<h2>")


def test_the_board_feed_keeps_whole_bodies(summaries: Board) -> None:
    for entry in _entries(summaries, "feed.xml"):
        content = entry.find(f"{ATOM}content")
        assert content is not None and content.get("type") == "html"
        assert "<h2>The team</h2>" in (content.text or "")
        assert (content.text or "").count("tidy sums") == 40
        assert entry.findtext(f"{ATOM}summary")


def test_feed_content_full_puts_bodies_back_in_group_feeds(tmp_path: Path) -> None:
    (tmp_path / "jobboard.toml").write_text('feed_content = "full"\n')
    config = load_config(tmp_path / "jobboard.toml")
    assert config.feed_content == "full"
    board = make_board(tmp_path, _files(), config)
    for rel in ["feed.xml", *_group_feeds(board)]:
        for entry in _entries(board, rel):
            assert "<h2>The team</h2>" in (entry.findtext(f"{ATOM}content") or ""), rel


def test_summary_is_the_default_and_can_be_said(tmp_path: Path) -> None:
    assert Config().feed_content == "summary"
    (tmp_path / "jobboard.toml").write_text('feed_content = "summary"\n')
    assert load_config(tmp_path / "jobboard.toml").feed_content == "summary"


@pytest.mark.parametrize("value", ['"Full"', '"excerpt"', '""', "true", "300"])
def test_another_value_is_an_error_naming_the_key(tmp_path: Path, value: str) -> None:
    path = tmp_path / "jobboard.toml"
    path.write_text(f"feed_content = {value}\n")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    (line,) = str(err.value).splitlines()
    assert str(path) in line and "'feed_content'" in line


def test_the_meta_description_starts_after_the_heading_in_whole_sentences(summaries: Board) -> None:
    page = summaries.page(f"jobs/{summaries.slug('job1.md')}/index.html")
    (expected,) = re.findall(r'<meta name="description" content="([^"]*)">', page)
    assert expected.startswith("We look after the ledgers of small bakeries. Ovens, flour and tidy sums.")
    assert len(expected) <= 155 and expected.endswith("tidy sums."), "whole sentences that fit"


def test_summary_ends_at_a_word_boundary() -> None:
    assert summary("short   text\nhere") == "short text here"
    assert summary("alpha beta gamma delta", 13) == "alpha beta…"
    assert summary("alpha beta, gamma", 13) == "alpha beta…", "no comma before the ellipsis"
    assert summary("alpha beta gamma", 11) == "alpha beta…", "a cut just before a space keeps the word"
    assert summary("x" * 50, 10) == "x" * 9 + ELLIPSIS, "one long word is cut inside it"
    text = "word " * 200
    cut = summary(text)
    assert len(cut) <= SUMMARY_LENGTH and cut.endswith("word" + ELLIPSIS)
