"""The build cache in `.jobboard-cache/`: processed postings and the state of output trees.

One SQLite database (standard library, crash-safe: a write is a transaction, so a build
killed mid-write leaves the previous entries intact). Entries are plain JSON with a CRC;
an entry that does not check out is ignored and rebuilt, never trusted. A database that
cannot be opened or read is deleted and started afresh. Nothing here is ever unpickled.

Posting entries are keyed by a hash of the file's bytes, its path, the fallback date and
the generator's code and library versions (`code_digest`), so a changed generator never
reuses an old result.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import generator

CACHE_DIR = ".jobboard-cache"
_DB = "cache.sqlite3"
_SCHEMA = 3  # 2: posting bodies apart from their metadata; 3: each body's search terms
_LIBRARIES = ("ftfy", "markdown-it-py", "mdit-py-plugins", "nh3", "jinja2", "python-slugify", "pyyaml")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A hash of the generator's own source and the versions of the libraries that shape output."""
    h = hashlib.sha256(f"jobboard {generator.__version__} schema {_SCHEMA}".encode())
    package = Path(generator.__file__).parent
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in _LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=?\0".encode())
    return h.hexdigest()


def _crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


class BuildCache:
    """Key-value storage for the build; every method fails soft (a miss), never with bad data."""

    def __init__(self, folder: Path, *, check: bool = True) -> None:
        self.folder = folder
        self.path = folder / _DB
        self._check = check  # False: a second connection (a worker's) to a database just checked
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        gitignore = self.folder / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text("*\n", encoding="utf-8")
        try:
            return self._connect()
        except sqlite3.DatabaseError:
            self._discard()
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS postings (key TEXT PRIMARY KEY, crc INTEGER, data TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, crc INTEGER, data TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS terms (key TEXT PRIMARY KEY, crc INTEGER, data TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, crc INTEGER, data TEXT)")
        if self._check:
            # Only the small `state` table is checked whole. A check of every page would cost
            # 3.8 s on each build of a 100,000-posting board (a 1.8 GB cache); damage elsewhere
            # shows when its page is read, and every query fails soft (see _reset).
            if db.execute("PRAGMA quick_check(state)").fetchall() != [("ok",)]:
                db.close()
                raise sqlite3.DatabaseError("the cache's state table is damaged")
        return db

    def _discard(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _reset(self) -> None:
        """The database broke while in use: start again with an empty one."""
        try:
            self._db.close()
        except sqlite3.Error:
            pass
        self._discard()
        self._db = self._connect()

    def close(self) -> None:
        self._db.close()

    # -- postings ---------------------------------------------------------------
    # A posting is stored in three parts under one key: its metadata (`postings`, read for
    # every posting on every build), its body (`bodies`, read only where a page shows it)
    # and its body's search terms (`terms`, read by the search index).
    def get_postings(self, keys: Iterable[str]) -> Iterator[tuple[str, str]]:
        """(key, stored JSON) for every key that has a sound entry, a few hundred at a time."""
        return self._get("postings", keys)

    def get_bodies(self, keys: Iterable[str]) -> Iterator[tuple[str, str]]:
        """(key, stored body JSON) for every key that has a sound entry."""
        return self._get("bodies", keys)

    def get_terms(self, keys: Iterable[str]) -> Iterator[tuple[str, str]]:
        """(key, stored terms text) for every key that has a sound entry."""
        return self._get("terms", keys)

    def put_postings(self, items: Iterable[tuple[str, str]]) -> None:
        self._put("postings", items)

    def put_bodies(self, items: Iterable[tuple[str, str]]) -> None:
        self._put("bodies", items)

    def put_terms(self, items: Iterable[tuple[str, str]]) -> None:
        self._put("terms", items)

    def _get(self, table: str, keys: Iterable[str]) -> Iterator[tuple[str, str]]:
        wanted = list(keys)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self._db.execute(
                    f"SELECT key, crc, data FROM {table} WHERE key IN ({marks})",  # noqa: S608 - fixed names, ?s
                    chunk,
                ).fetchall()
            except sqlite3.DatabaseError:
                self._reset()
                return
            for key, crc, data in rows:
                if isinstance(data, str) and _crc(data) == crc:
                    yield key, data

    def _put(self, table: str, items: Iterable[tuple[str, str]]) -> None:
        rows = [(key, _crc(data), data) for key, data in items]
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?)", rows)  # noqa: S608
        except sqlite3.DatabaseError:
            self._reset()

    def keep_only_postings(self, keys: Iterable[str]) -> None:
        """Forget entries no longer used, so the cache does not grow forever. (The stale keys
        are found in Python: a rebuild usually has none or a few, and asking SQLite for
        `key NOT IN (every key)` took 2 s per build at 100,000 postings.)"""
        keep = set(keys)
        try:
            with self._db:
                self._db.execute("BEGIN")
                for table in ("postings", "bodies", "terms"):
                    stale = [(k,) for (k,) in self._db.execute(f"SELECT key FROM {table}") if k not in keep]  # noqa: S608
                    self._db.executemany(f"DELETE FROM {table} WHERE key = ?", stale)  # noqa: S608
        except sqlite3.DatabaseError:
            self._reset()

    # -- state ----------------------------------------------------------------
    def get_state(self, name: str) -> Any:
        """A stored JSON value, or None when missing or unsound."""
        try:
            row = self._db.execute("SELECT crc, data FROM state WHERE name = ?", (name,)).fetchone()
        except sqlite3.DatabaseError:
            self._reset()
            return None
        if row is None or not isinstance(row[1], str) or _crc(row[1]) != row[0]:
            return None
        try:
            return json.loads(row[1])
        except ValueError:
            return None

    def put_state(self, name: str, value: Any) -> None:
        data = json.dumps(value, sort_keys=True, separators=(",", ":"))
        try:
            self._db.execute("INSERT OR REPLACE INTO state VALUES (?, ?, ?)", (name, _crc(data), data))
        except sqlite3.DatabaseError:
            self._reset()

    def rename_state(self, old: str, new: str) -> None:
        """Store the value of `old` as `new` (replacing it); `old` is left empty."""
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.execute("DELETE FROM state WHERE name = ?", (new,))
                self._db.execute("UPDATE state SET name = ? WHERE name = ?", (new, old))
        except sqlite3.DatabaseError:
            self._reset()

    def delete_state(self, name: str) -> None:
        try:
            self._db.execute("DELETE FROM state WHERE name = ?", (name,))
        except sqlite3.DatabaseError:
            self._reset()
