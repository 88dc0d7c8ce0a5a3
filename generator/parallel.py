"""Per-item work over every core, results in input order (so output bytes never depend on timing).

Worker processes are forked, so they inherit what the parent has built (the site, the
template environment) without pickling it: `shared()` returns the value passed to
`pool_map` in the parent. Where fork is unavailable, or the work is too small for a pool
to pay off, the same function runs in this process.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_SHARED: Any = None


def worker_count() -> int:
    """JOBBOARD_WORKERS when set, else the cores this process may use."""
    value = os.environ.get("JOBBOARD_WORKERS", "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def shared() -> Any:
    """The `shared` value of the pool_map call this worker serves."""
    return _SHARED


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's malloc_trim; elsewhere nothing).

    Python frees big objects (bodies, shingle sets) to the C heap, which keeps the memory
    once smaller live objects sit above it. Before forking that matters twice: the free
    pages count in the parent's footprint, and a worker that allocates into them copies
    each page it touches. Measured on a cold 10,000-posting build: 44 MiB given back.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)  # the C library's own symbols
    except (OSError, TypeError):  # no such lookup on this platform
        return None


def pool_map(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    shared: Any = None,
    min_items: int = 64,
    chunksize: int = 16,
) -> Iterator[R]:
    """func(item) for every item, in order; in a process pool when it pays off."""
    global _SHARED
    _SHARED = shared
    try:
        workers = min(worker_count(), max(1, len(items) // chunksize))
        if workers < 2 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
            for item in items:
                yield func(item)
            return
        # Objects the parent holds are moved out of the garbage collector's reach while the
        # workers live: a collection in a worker would write to every one of them and so copy
        # the parent's memory page by page (the advice of the `gc.freeze` documentation).
        gc.freeze()
        release_free_memory()
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                yield from pool.imap(func, items, chunksize)
        finally:
            gc.unfreeze()
    finally:
        _SHARED = None
