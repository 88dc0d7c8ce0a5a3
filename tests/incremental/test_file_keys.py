"""Posting files are hashed again only when their stat changed (generator/file_keys.py)."""

from __future__ import annotations

import datetime as dt
import os
import time
from contextlib import closing
from pathlib import Path

import pytest

import generator.reading as reading_module
from generator import file_keys
from generator.cache import BuildCache
from generator.commands.build import BuildOptions, build
from generator.config import Config
from generator.file_keys import FileKeys
from generator.sources import SourceFile, find_sources
from tests.incremental.test_incremental import posting_text, tree

DAY = dt.date(2026, 1, 1)
HOUR_AGO = time.time() - 3600


def _source(folder: Path, name: str) -> SourceFile:
    return next(s for s in find_sources(folder, max_size=10**6)[0] if s.rel == name)


def _made(log: list[str]):  # a key maker that records which files it had to read
    def make(source: SourceFile, fallback: dt.date) -> str:
        log.append(source.rel)
        return f"key-of-{source.path.read_text()}-{fallback}"

    return make


LATER = 10 * 10**9  # a scan 10 s from now: files written by the test are no longer "racy"


def _keys(
    cache: BuildCache, folder: Path, code: str = "code1", scan_after: int = LATER
) -> tuple[dict[str, str], list[str]]:
    read: list[str] = []
    keys = FileKeys(cache, code)
    sources, _rejected = find_sources(folder, max_size=10**6)
    found = {s.rel: keys.key(s, DAY, _made(read), time.time_ns() + scan_after) for s in sources}
    keys.save()
    return found, read


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    for name in ("a.md", "b.md"):
        (content / name).write_text(f"text of {name}")
        os.utime(content / name, (HOUR_AGO, HOUR_AGO))
    return content


def test_an_unchanged_file_keeps_its_key_unread(folder: Path, tmp_path: Path) -> None:
    with closing(BuildCache(tmp_path / "cache")) as cache:
        first, read = _keys(cache, folder)
        assert sorted(read) == ["a.md", "b.md"]
        again, read = _keys(cache, folder)
        assert again == first and read == []


def test_a_rewritten_file_is_read_again_even_with_its_old_size_and_mtime(
    folder: Path, tmp_path: Path
) -> None:
    with closing(BuildCache(tmp_path / "cache")) as cache:
        first, _read = _keys(cache, folder)
        (folder / "a.md").write_text("TEXT OF a.md")  # same size
        os.utime(folder / "a.md", (HOUR_AGO, HOUR_AGO))  # same mtime: the change time still moved
        again, read = _keys(cache, folder)
        assert read == ["a.md"]
        assert again["a.md"] != first["a.md"] and again["b.md"] == first["b.md"]


def test_a_file_changed_just_before_the_scan_is_not_remembered(folder: Path, tmp_path: Path) -> None:
    (folder / "fresh.md").write_text("just written")
    with closing(BuildCache(tmp_path / "cache")) as cache:
        _keys(cache, folder, scan_after=0)  # every file's change time is within the racy window
        _found, read = _keys(cache, folder)
        assert sorted(read) == ["a.md", "b.md", "fresh.md"]
        _found, read = _keys(cache, folder)  # a later scan remembered them
        assert read == []


def test_another_generator_version_or_fallback_date_hashes_again(folder: Path, tmp_path: Path) -> None:
    with closing(BuildCache(tmp_path / "cache")) as cache:
        _keys(cache, folder, code="code1")
        _found, read = _keys(cache, folder, code="code2")
        assert sorted(read) == ["a.md", "b.md"]
        keys = FileKeys(cache, "code2")
        read = []
        keys.key(_source(folder, "a.md"), DAY + dt.timedelta(days=1), _made(read), time.time_ns() + LATER)
        assert read == ["a.md"]


def test_unsound_remembered_entries_are_not_trusted(folder: Path, tmp_path: Path) -> None:
    with closing(BuildCache(tmp_path / "cache")) as cache:
        _keys(cache, folder)
        state = cache.get_state("file-keys")
        state["files"]["a.md"] = ["not a stat", "x", 3]
        state["files"]["b.md"][2] = None
        cache.put_state("file-keys", state)
        _found, read = _keys(cache, folder)
        assert sorted(read) == ["a.md", "b.md"]


def test_builds_read_no_unchanged_file_and_see_every_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setattr(file_keys, "RACY_SECONDS", -60.0)  # files written by the test count as old
    content = tmp_path / "content"
    content.mkdir()
    for i in range(3):
        (content / f"p{i}.md").write_text(posting_text(i, i, i, i + 1, [i], 0))
        os.utime(content / f"p{i}.md", (HOUR_AGO, HOUR_AGO))
    hashed: list[str] = []
    real = reading_module._posting_key

    def counting(source: SourceFile, fallback: dt.date, max_size: int) -> str:
        hashed.append(source.rel)
        return real(source, fallback, max_size)

    monkeypatch.setattr(reading_module, "_posting_key", counting)

    def options(out: str, cache: bool = True) -> BuildOptions:
        cache_dir = tmp_path / "c" if cache else None
        return BuildOptions(content, tmp_path / out, project_root=tmp_path, cache_dir=cache_dir)

    build(options("out"), Config(), log=lambda _m: None)
    assert len(hashed) == 3
    hashed.clear()
    build(options("out"), Config(), log=lambda _m: None)
    assert hashed == []
    (content / "p1.md").write_text(posting_text(1, 2, 3, 9, [4, 5], 0))
    result = build(options("out"), Config(), log=lambda _m: None)
    assert hashed == ["p1.md"] and result.processed == 1
    build(options("clean", cache=False), Config(), log=lambda _m: None)
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")
