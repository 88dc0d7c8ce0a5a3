"""A cache that cannot be used is done without (one warning naming it); a full disk while
writing the site is one error, with the previous site and the cache kept."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

import generator.write.output as output_module
from generator.cache import BuildCache
from generator.write.output import MARKER, OutputFailed
from tests.build._boards import make_board, quiet_build, tree
from tests.incremental.test_incremental import posting_text


def _warnings(log: list[str]) -> list[str]:
    return [line for line in log if line.startswith("warning: cache")]


def _builds_as_without_cache(root: Path, log: list[str]) -> None:
    result = quiet_build(root, log=log)
    assert result.processed == 6
    quiet_build(root, "clean", cache=False)
    assert tree(root / "out") == tree(root / "clean")


def test_a_folder_where_the_database_should_be(tmp_path: Path) -> None:
    root = make_board(tmp_path)
    (root / ".jobboard-cache" / "cache.sqlite3").mkdir(parents=True)
    log: list[str] = []
    _builds_as_without_cache(root, log)
    (warning,) = _warnings(log)
    assert "cache.sqlite3" in warning and "not a file" in warning
    assert (root / ".jobboard-cache" / "cache.sqlite3").is_dir()  # left as it was


def test_a_file_where_the_cache_folder_should_be(tmp_path: Path) -> None:
    root = make_board(tmp_path)
    (root / ".jobboard-cache").write_text("not a folder")
    log: list[str] = []
    _builds_as_without_cache(root, log)
    (warning,) = _warnings(log)
    assert ".jobboard-cache" in warning and "not a folder" in warning
    assert (root / ".jobboard-cache").read_text() == "not a folder"


def test_a_symlinked_cache_folder_is_not_followed(tmp_path: Path) -> None:
    root = make_board(tmp_path / "board")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / ".jobboard-cache").symlink_to(elsewhere, target_is_directory=True)
    log: list[str] = []
    _builds_as_without_cache(root, log)
    (warning,) = _warnings(log)
    assert "symlink" in warning
    assert list(elsewhere.iterdir()) == []


def test_a_read_only_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root, chmod does not stop a write: SQLite's answer for a read-only file is simulated."""
    root = make_board(tmp_path)
    quiet_build(root)
    real = sqlite3.connect

    class ReadOnly:
        def __init__(self, *args: object, **kwargs: object) -> None:
            self.db = real(*args, **kwargs)

        def execute(self, sql: str, *args: object) -> object:
            if sql.startswith("PRAGMA journal_mode"):
                err = sqlite3.OperationalError("attempt to write a readonly database")
                err.sqlite_errorcode = 8  # SQLITE_READONLY
                raise err
            return self.db.execute(sql, *args)

        def close(self) -> None:
            self.db.close()

    monkeypatch.setattr("generator.cache.sqlite3.connect", ReadOnly)
    log: list[str] = []
    size = (root / ".jobboard-cache" / "cache.sqlite3").stat().st_size
    _builds_as_without_cache(root, log)
    (warning,) = _warnings(log)
    assert "cache.sqlite3" in warning and "readonly" in warning
    assert (root / ".jobboard-cache" / "cache.sqlite3").stat().st_size == size  # not thrown away


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_a_read_only_cache_folder_for_real(tmp_path: Path) -> None:
    root = make_board(tmp_path)
    quiet_build(root)
    cache = root / ".jobboard-cache"
    for path in [cache, *cache.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        log: list[str] = []
        quiet_build(root, "other", log=log)
        assert len(_warnings(log)) <= 1
    finally:
        for path in [cache, *cache.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_a_full_disk_while_the_cache_is_written_keeps_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_board(tmp_path)
    quiet_build(root)
    (root / "content" / "p3.md").write_text(posting_text(3, 1, 0, 11, [5, 6], 0))

    real_connect = BuildCache._connect

    class FullDisk:  # a connection whose every batch write finds the disk full
        def __init__(self, db: sqlite3.Connection) -> None:
            self.db = db

        def __getattr__(self, name: str) -> object:
            return getattr(self.db, name)

        def __enter__(self) -> object:
            return self.db.__enter__()

        def __exit__(self, *exc: object) -> object:
            return self.db.__exit__(*exc)

        def executemany(self, *args: object) -> None:
            err = sqlite3.OperationalError("database or disk is full")
            err.sqlite_errorcode = 13  # SQLITE_FULL
            raise err

    log: list[str] = []
    with monkeypatch.context() as patch:
        patch.setattr(BuildCache, "_connect", lambda self: FullDisk(real_connect(self)))
        quiet_build(root, log=log)
    (warning,) = _warnings(log)
    assert "disk is full" in warning and "cache.sqlite3" in warning
    db = sqlite3.connect(root / ".jobboard-cache" / "cache.sqlite3")
    assert db.execute("SELECT count(*) FROM postings").fetchone()[0] >= 6  # the earlier entries are kept
    db.close()
    quiet_build(root, "clean", cache=False)
    assert tree(root / "out") == tree(root / "clean")


def test_a_full_disk_while_the_site_is_written_is_one_error_and_keeps_the_site_and_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli import main

    root = make_board(tmp_path)
    monkeypatch.chdir(root)
    assert main(["build"]) == 0
    before = tree(root / "output")
    (root / "content" / "p4.md").write_text(posting_text(0, 0, 3, 12, [8, 2], 0))
    (root / "content" / "p9.md").write_text(posting_text(3, 2, 1, 13, [4], 2))
    real = os.write
    files = []

    def full_disk(fd: int, data: object) -> int:
        files.append(fd)
        if len(files) > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, data)

    capsys.readouterr()
    with monkeypatch.context() as patch:
        patch.setattr(output_module.os, "write", full_disk)
        assert main(["build"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert "Traceback" not in "\n".join(err)
    (line,) = [e for e in err if e.startswith("error")]
    assert line.startswith("error: cannot write the site for output: No space left on device (")
    assert "the previous site is unchanged" in line
    assert tree(root / "output") == before
    assert (root / ".jobboard-cache" / "cache.sqlite3").is_file()
    assert [p.name for p in root.iterdir() if p.name.startswith(".output")] == []
    assert main(["build"]) == 0
    assert (root / "output" / MARKER).is_file()


def test_output_failed_is_what_the_build_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_board(tmp_path)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(root / "out.tmp"))

    monkeypatch.setattr(output_module, "write_file", full)
    monkeypatch.setattr("generator.render.posting_pages.write_file", full)
    with pytest.raises(OutputFailed):
        quiet_build(root, cache=False)
    assert not (root / "out").exists()
