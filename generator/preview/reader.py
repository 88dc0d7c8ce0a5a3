"""The preview reads changed posting files in a separate process, not in the server's own.

A rebuild already runs in a thread, but a thread shares the interpreter's lock: one long
regular-expression match or sanitizer call on a hostile posting holds it, and the IOLoop
thread could not answer a request until it ended (measured: a 5 s read stalled every request
5 s). In a process of its own the reading cannot stall the server, and a reading process
that dies (out of memory, killed) twice on the same posting costs only that posting, which
is skipped with a line.

One process, started once (forkserver, so it does not copy the server's threads) and kept
for the session; the files of one rebuild are read there one after the other.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from generator.reading import ReadResult, ReadTask, lost_read, read_in_pool, warm_reading

DIED = "cannot be read: the process reading it died (out of memory?)"
STOPPED = "not read: the preview was stopping"


def _read(task: ReadTask) -> ReadResult:
    (result,) = read_in_pool([task])
    return result


def _ready(place_store: Path | None) -> bool:
    """Make the reading process warm, once: every posting is read in a process forked from
    it, which so starts with the pipeline imported, its patterns compiled and the place
    table loaded (a cold one spent a second on a save's posting at 10,000 postings, most
    of it loading the table)."""
    warm_reading(place_store)
    return True


class ProcessReader:
    """`read(tasks)` (see generator.reading.ReadFiles) in a reading process of its own.

    `close()` may be called from another thread while a read is under way (Ctrl+C stops the
    server while the rebuild thread reads): that read ends as a lost posting, and no new
    process is started after it."""

    def __init__(self, place_store: Path | None = None) -> None:
        self.place_store = place_store  # where the place table is kept (the build cache), if anywhere
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False
        self._lock = threading.Lock()  # over _pool and _closed

    def start(self) -> None:
        """Start the reading process now, so the first save does not wait for it."""
        with contextlib.suppress(_Closed, RuntimeError):
            self._executor().submit(_ready, self.place_store)

    def read(self, tasks: Sequence[ReadTask]) -> list[ReadResult]:
        return [self._read_one(task) for task in tasks]  # one at a time: a death is that posting's doing

    def _read_one(self, task: ReadTask) -> ReadResult:
        """Read in the process; if it dies, once more in a new one (it may have died before this
        posting reached it), then the posting is skipped."""
        for _attempt in range(2):
            try:
                pool = self._executor()
                return pool.submit(_read, task).result()
            except BrokenProcessPool:
                self._drop(pool)  # a new process next time
            except (_Closed, RuntimeError):  # closed meanwhile (RuntimeError: the pool shut down)
                return lost_read(STOPPED)
        return lost_read(DIED)

    def close(self) -> None:
        """Stop the reading process, also in the middle of a posting (Ctrl+C does not wait)."""
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            _stop(pool)

    def _drop(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is not pool:
                return
            self._pool = None
        _stop(pool)

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._closed:
                raise _Closed
            if self._pool is None:
                methods = multiprocessing.get_all_start_methods()
                context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
            return self._pool


class _Closed(Exception):
    """The reader was closed: nothing more is read."""


def _stop(pool: ProcessPoolExecutor) -> None:
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()
    # Waiting is short once the process is stopped, and lets the pool's queues be freed now:
    # a process that ends with os._exit (see cli) would otherwise leave their semaphores to
    # the resource tracker, which prints a warning about them.
    pool.shutdown(wait=True, cancel_futures=True)
