"""The native Markdown parser: same site as markdown-it-py, hostile input routed or survived,
and a posting whose worker dies in it rebuilt through markdown-it-py."""

from __future__ import annotations

import datetime as dt
import gc
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import generator.render.markdown as markdown
from generator.clean.sanitize import sanitize_html
from generator.clean.text import repair_text
from generator.commands.build import BuildOptions, build
from generator.config import Config
from generator.pipeline import process_file_full
from generator.readers import PostingError
from generator.render.markdown_guard import safe_for_native
from tests.conftest import FIXTURES, SEEDS, SHARED

PARENT = os.getpid()

HOSTILE: dict[str, Callable[[int], str]] = {
    "nested quotes": lambda n: ">" * n + " deep\n",
    "nested emphasis": lambda n: "*" * n + "x" + "*" * n,
    "nested underscores": lambda n: "_a " * n + "x",
    "nested list items": lambda n: "".join("  " * i + "- item\n" for i in range(min(n, 2000)))
    + "- - " * n + "x\n",
    "one long line": lambda n: "word " * (n // 5),
    "open brackets": lambda n: "[" * n + "x" + "](u)" * 10,
    "bracket links": lambda n: "[a](b) [" * n,
    "backtick runs": lambda n: "`" * n + " x",
    "nul bytes": lambda n: "a\x00b " * n,
    "lone surrogates": lambda n: "text \ud800 more \udfff " * (n // 16),
    "table columns": lambda n: "|" * n + "\n" + "|-" * n + "\n",
}
FULL = {"nested quotes": 100_000, "nested emphasis": 50_000, "nested list items": 100_000,
        "one long line": 1_000_000, "open brackets": 10_000, "bracket links": 10_000}


def _cpu(func: Callable[[], object]) -> float:
    """The CPU time of the fastest of two runs, with the garbage collector off: a full
    collection walks the whole test process's heap (thousands of tests' objects late in the
    suite), which would time the heap, not the parser."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(2):
            start = time.process_time()
            func()
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def _site_html(text: str) -> str:
    html = markdown.markdown_to_html(text)  # either parser takes any str, lone surrogates too
    return sanitize_html(repair_text(html), base_url=None)  # the pipeline repairs text first


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_markdown_renders_sanitized_in_linear_time(name: str) -> None:
    make = HOSTILE[name]
    size = FULL.get(name, 50_000)
    html = _site_html(make(size))
    assert isinstance(html, str)
    assert "<script" not in html and "\x00" not in html
    small, large = make(size // 4), make(size // 2)
    # The fastest of three runs of each size: a shared machine only ever adds time.
    t_small = t_large = float("inf")
    for _attempt in range(3):
        t_small = min(t_small, _cpu(lambda: _site_html(small)))
        t_large = min(t_large, _cpu(lambda: _site_html(large)))
        if t_large < 0.0005 or t_large < 3 * t_small:
            return
    pytest.fail(f"{name}: twice the input took {t_large / t_small:.1f}x the time")


@pytest.mark.parametrize("name", ["nested quotes", "nested emphasis", "nested list items", "one long line",
                                  "open brackets", "backtick runs"])
def test_the_guard_sends_hostile_markdown_to_markdown_it(name: str) -> None:
    assert not safe_for_native(HOSTILE[name](50_000))


def test_the_guard_keeps_ordinary_markdown_native() -> None:
    text = (
        "# Role\n\n> A quote\n> > nested\n\n- one\n  - two\n    1. three\n\n**bold** _em_ `code`\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert safe_for_native(text)
    assert markdown.native_html(text) is not None


@pytest.mark.parametrize("text", ["Up to ****k a year\n", "~~old~~ new\n", "<div>closing html</div>"])
def test_bodies_the_parsers_disagree_on_give_the_reference_site(text: str) -> None:
    assert _site_html(text) == sanitize_html(markdown.reference_html(text), base_url=None)


def test_lone_surrogates_go_to_markdown_it() -> None:
    assert markdown.native_html("a \ud800 b") is None
    assert "a" in markdown.markdown_to_html("a \ud800 b")


def test_use_native_false_renders_with_markdown_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown, "native_html", lambda text: "<p>native</p>")
    assert markdown.markdown_to_html("x") == "<p>native</p>"
    markdown.use_native(False)
    try:
        assert markdown.markdown_to_html("x") == "<p>x</p>\n"
    finally:
        markdown.use_native(True)


def _bodies(folder: Path) -> list[tuple[Path, str, str | None]]:
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in {".md", ".txt", ".html"}):
        try:
            done = process_file_full(path, content_dir=folder, fallback_date=dt.date(2026, 1, 1))
        except (PostingError, ValueError):
            continue
        if done.body_format == "markdown":
            found.append((path, done.body, done.posting.source_url or done.posting.apply_url))
    return found


def _same_site(folder: Path) -> None:
    bodies = _bodies(folder)
    assert bodies
    for path, body, url in bodies:
        if safe_for_native(body):
            native = sanitize_html(markdown.native_html(body) or "", base_url=url)
            assert native == sanitize_html(markdown.reference_html(body), base_url=url), path


def test_both_parsers_give_the_same_site_for_the_seeds_and_fixtures() -> None:
    _same_site(SEEDS)
    _same_site(FIXTURES / "postings")


def test_both_parsers_give_the_same_site_for_the_corpus() -> None:
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("the shared corpus is missing")
        pytest.skip("no shared corpus")
    _same_site(corpus)


def test_a_worker_killed_in_the_native_parser_rebuilds_its_posting_with_markdown_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    for i in range(40):
        word = "NATIVECRASH" if i == 5 else f"number {i}"  # in the middle of the first chunk
        (content / f"job-{i:02}.md").write_text(
            f"---\ntitle: Job {i}\ncompany: Company {i}\n---\n\nJob {word}, a real description.\n"
        )
    real = markdown._Cmark.render

    def render(self: markdown._Cmark, data: bytes) -> str:
        if b"NATIVECRASH" in data and os.getpid() != PARENT:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(self, data)

    monkeypatch.setattr(markdown._Cmark, "render", render)
    monkeypatch.setenv("JOBBOARD_WORKERS", "2")
    lines: list[str] = []
    options = BuildOptions(content=content, output=tmp_path / "out", project_root=tmp_path, cache_dir=None)
    result = build(options, Config(max_read_seconds=5, max_read_memory_mib=256), log=lines.append)
    assert [line for line in lines if line.startswith("skipped ")] == []
    assert len(result.site.pages) == 40
    pages = [p for p in (tmp_path / "out").rglob("*.html") if "NATIVECRASH" in p.read_text()]
    assert pages, "the posting whose worker died is missing from the site"
