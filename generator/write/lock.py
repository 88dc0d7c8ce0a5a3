"""Lock files that keep two builds from changing one output folder or one cache at once.

Two locks, both `filelock` locks (`fcntl.flock` on POSIX, `msvcrt.locking` on Windows), so a
killed build never leaves a stale lock behind: the system drops it with the process.

- The output lock, taken by every build for the whole build. Its file lives in a private
  folder of the user's temporary directory, named by a hash of the output's full path: the
  output folder itself is swapped away by each build, and nothing but `output/` and the
  cache may be written in the project (SPEC).
- The cache lock, `.jobboard-cache/lock`, taken by whatever reads or writes the cache for as
  long as it does: a build, the preview's first build, `check`.

A second build waits up to LOCK_WAIT seconds for the output lock, then gives up with
`BuildLocked` ("another jobboard build is running on ..."). A build, preview or check that
cannot get the cache lock in that time goes on without the cache (as --no-cache), with one
warning line: the cache only saves time.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import tempfile
from pathlib import Path

from filelock import FileLock, Timeout

LOCK_WAIT = 10.0  # seconds a build waits for another one to finish
CACHE_LOCK = "lock"  # the cache lock's file name inside the cache folder


class BuildLocked(Exception):
    """Another build holds the output folder's lock."""


class Lock:
    """One held lock file; `release()` (or leaving the `with` block) lets it go."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = FileLock(str(path), timeout=LOCK_WAIT)

    def acquire(self, wait: float | None = None) -> bool:
        """True once held; False when another process held it for `wait` (LOCK_WAIT) seconds."""
        try:
            self._lock.acquire(timeout=LOCK_WAIT if wait is None else wait)
        except Timeout:
            return False
        return True

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    def __enter__(self) -> Lock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def output_lock_path(output: Path) -> Path:
    """The lock file of an output folder (in a folder of the user's own; see the module doc)."""
    folder = _private_lock_folder()
    name = hashlib.sha256(str(output.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return folder / f"output-{name}.lock"


def lock_output(output: Path) -> Lock:
    """Hold the output folder's lock, waiting up to LOCK_WAIT seconds; else BuildLocked."""
    lock = Lock(output_lock_path(output))
    if not lock.acquire():
        raise BuildLocked(f"another jobboard build is running on {output} (lock {lock.path})")
    return lock


def _private_lock_folder() -> Path:
    """`<tmp>/jobboard-locks-<user>`: made 0700, and used only when it is a real folder of ours."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    folder = Path(tempfile.gettempdir()) / f"jobboard-locks-{user}"
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    st = os.lstat(folder)
    if not stat.S_ISDIR(st.st_mode) or (sys.platform != "win32" and st.st_uid != os.getuid()):
        raise BuildLocked(f"cannot lock the output: {folder} is not a folder of this user's")
    return folder
