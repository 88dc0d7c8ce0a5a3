"""Cache keys of posting files, hashed again only when a file's stat changed (as git's index does).

A posting's cache key is a hash of its bytes (with its path, fallback date and the
generator's code). Reading and hashing every file costs about 0.5 s per 10,000 postings
on every build, changed or not. The key is therefore stored with the file's size,
modification and change times (nanoseconds) and inode; a file whose stat is the same as
when its key was made keeps the key without being read.

A write can leave the times unchanged when it lands in the same clock tick as the
previous one (file systems keep times at a granularity from nanoseconds to two seconds).
As git does with "racily clean" entries, a stat is only remembered when the file's times
are more than `RACY_SECONDS` older than the scan that took it; a file changed shortly
before a build is hashed again next time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from generator.cache import BuildCache
from generator.sources import SourceFile

STATE = "file-keys"
RACY_SECONDS = 3.0

Stat = list[int]  # size, mtime_ns, ctime_ns, inode


def _stat_of(source: SourceFile) -> Stat:
    st = source.stat
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


class FileKeys:
    """The remembered keys of one content folder, for one version of the generator."""

    def __init__(self, cache: BuildCache, code: str) -> None:
        self.cache = cache
        self.code = code
        state = cache.get_state(STATE)
        files = state.get("files") if isinstance(state, dict) and state.get("code") == code else None
        self._known: dict[str, list[Any]] = files if isinstance(files, dict) else {}
        self._now: dict[str, list[Any]] = {}

    def key(
        self,
        source: SourceFile,
        fallback: dt.date,
        make: Callable[[SourceFile, dt.date], str],
        scanned_ns: int,
    ) -> str:
        """The file's key: the remembered one when its stat and fallback date are unchanged,
        else made (`make` reads and hashes the file)."""
        stat, day = _stat_of(source), fallback.isoformat()
        entry = self._known.get(source.rel)
        if (
            isinstance(entry, list)
            and len(entry) == 3
            and entry[0] == stat
            and entry[1] == day
            and isinstance(entry[2], str)
        ):
            key = entry[2]
        else:
            key = make(source, fallback)
        if max(stat[1], stat[2]) < scanned_ns - int(RACY_SECONDS * 1e9):
            self._now[source.rel] = [stat, day, key]
        return key

    def save(self) -> None:
        """Remember this build's keys (only when they differ from what was remembered)."""
        if self._now != self._known:
            self.cache.put_state(STATE, {"code": self.code, "files": self._now})
