"""Per-item work over every core, results in input order (so output bytes never depend on timing).

Worker processes are forked, so they inherit what the parent has built (the site, the
template environment) without pickling it: `shared()` returns the value passed to
`pool_map` in the parent. Where fork is unavailable, or the work is too small for a pool
to pay off, the same function runs in this process.

`guarded_map` is for work on untrusted input (reading postings): it always runs in worker
processes, and a worker that dies (killed by the system, out of memory, a crash in a C
library) costs only the item it was working on. `multiprocessing.Pool` waits for ever for
the results of a worker that died, and `concurrent.futures` fails every pending item
(`BrokenProcessPool`) without saying which one was at fault.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar, cast

T = TypeVar("T")
R = TypeVar("R")

_SHARED: Any = None
_IN_WORKER = False


def worker_count() -> int:
    """JOBBOARD_WORKERS when set, else the cores this process may use."""
    value = os.environ.get("JOBBOARD_WORKERS", "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def in_worker() -> bool:
    """True in a worker process of `guarded_map` (limits set there apply to that process only)."""
    return _IN_WORKER


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
    """func(item) for every item, in order; over every core when it pays off.

    The calling process is one of the workers: with N cores, N - 1 processes are forked and
    take items from the front while this one takes them from the back, until they meet
    (each item is claimed once, in memory they share). One process fewer than cores holds
    the memory a worker needs (about 90 MiB at 10,000 postings) and the parent is not idle."""
    global _SHARED, _CLAIMED, _FUNC
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
        context = multiprocessing.get_context("fork")
        groups = [items[i : i + chunksize] for i in range(0, len(items), chunksize)]
        _CLAIMED, _FUNC = context.Array("b", len(groups)), func  # inherited by the forked workers
        try:
            with context.Pool(workers - 1, initializer=_ignore_interrupts) as pool:
                pooled = pool.imap(_claimed, enumerate(groups), 1)
                for done in _in_order(pooled, func, groups):
                    yield from done
        finally:
            gc.unfreeze()
    finally:
        _SHARED = _CLAIMED = _FUNC = None


_CLAIMED: Any = None  # one flag per group of items of the running pool_map: taken by a worker or the parent
_FUNC: Any = None
_TAKEN = "taken by the parent"  # a worker's answer for a group the parent took


def _claim(index: int) -> bool:
    with _CLAIMED.get_lock():
        if _CLAIMED[index]:
            return False
        _CLAIMED[index] = 1
        return True


def _claimed(entry: tuple[int, Sequence[Any]]) -> Any:
    """In a worker: func of each item of one group, unless the parent took the group."""
    index, group = entry
    return [_FUNC(item) for item in group] if _claim(index) else _TAKEN


def _in_order(pooled: Any, func: Callable[[T], R], groups: list[Sequence[T]]) -> Iterator[list[R]]:
    """The workers' results group by group in order, the parent's own groups (taken from the
    back) in their place. Between its groups the parent hands on whatever the workers have
    finished."""
    own: dict[int, list[R]] = {}
    back, given = len(groups) - 1, 0
    working = True
    while given < len(groups):
        if working:
            if back >= given and _claim(back):
                own[back] = [func(item) for item in groups[back]]
                back -= 1
            else:
                working = False  # the workers have reached the parent's part
        while given < len(groups):
            try:
                result = pooled.next(timeout=None if not working else 0)
            except multiprocessing.TimeoutError:
                break
            yield result if isinstance(result, list) else own.pop(given)  # else _TAKEN
            given += 1


def _ignore_interrupts() -> None:
    """In a pool worker: Ctrl+C is the parent's to handle (it stops the pool), so that the
    workers print no KeyboardInterrupt traceback of their own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    current: Any  # shared memory: the index of the item the worker is on, -1 between chunks
    job: list[int] = field(default_factory=list)  # the chunk sent, not yet answered


def _serve(
    conn: Connection,
    current: Any,
    func: Callable[[Any], Any],
    items: Sequence[Any],
    retry: Callable[[Any], Any],
) -> None:
    """A worker's loop: a chunk of item indexes (and whether it is a retry) in, results out, until None."""
    global _IN_WORKER
    _IN_WORKER = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the handler of a parent (the preview's)
    while (message := conn.recv()) is not None:
        job, retried = message
        run = retry if retried else func
        answers = []
        for index in job:
            current.value = index  # a write to shared memory: no system call per item
            try:
                answers.append((True, run(items[index])))
            except Exception as err:
                answers.append((False, err))
                break
        current.value = -1
        try:
            conn.send(answers)
        except Exception as err:  # a result or error that does not pickle
            conn.send([(False, RuntimeError(f"{type(err).__name__}: {err}"))])


def guarded_map(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    lost: Callable[[T, int | None], R],
    retry: Callable[[T], R] | None = None,
    shared: Any = None,
    chunksize: int = 16,
) -> Iterator[R]:
    """func(item) for every item, in order, in forked worker processes that may die.

    Each worker writes the index of the item it is on into memory it shares with the parent,
    so the parent knows which item a dead worker was on. The dead worker is replaced; that
    item is run once more on its own (the system may have killed the worker for another's
    sake), the rest of its chunk is run again as usual, and an item whose worker dies again
    while alone with it gives `lost(item, exitcode)` (as `multiprocessing.Process.exitcode`:
    -N for signal N). The lone run uses `retry` instead of func when given (a safer way to
    the same result). An exception raised by func is raised here. Where fork is
    unavailable, or in a worker of `pool_map` (which may not start processes of its own),
    func runs in this process (and nothing guards against a crash).
    """
    global _SHARED
    if not items:
        return
    if "fork" not in multiprocessing.get_all_start_methods() or multiprocessing.current_process().daemon:
        _SHARED = shared
        try:
            yield from map(func, items)
        finally:
            _SHARED = None
        return
    context = multiprocessing.get_context("fork")
    indexes = range(len(items))
    pending = deque(list(indexes[i : i + chunksize]) for i in range(0, len(items), chunksize))
    alone: set[int] = set()  # items run on their own because their worker died on them
    results: dict[int, R] = {}
    workers: list[_Worker] = []

    def start() -> _Worker:
        parent_end, child_end = context.Pipe()
        current = context.RawValue("q", -1)
        args = (child_end, current, func, items, retry or func)
        process = context.Process(target=_serve, args=args, daemon=True)
        process.start()
        child_end.close()  # so the worker's death reads as the end of its pipe
        return _Worker(process, parent_end, current)

    def died(worker: _Worker) -> _Worker:
        worker.process.join()
        worker.conn.close()
        left, culprit = worker.job, worker.current.value
        rest = [index for index in left if index != culprit]
        if rest:
            pending.appendleft(rest)
        if culprit in left:
            if culprit in alone:
                results[culprit] = lost(items[culprit], worker.process.exitcode)
            else:
                alone.add(culprit)
                pending.appendleft([culprit])
        return start()

    def feed(n: int) -> None:
        while not workers[n].job and pending:
            job = pending.popleft()
            try:
                workers[n].conn.send((job, len(job) == 1 and job[0] in alone))
            except OSError:  # it died while idle: the job goes to its replacement
                pending.appendleft(job)
                workers[n] = died(workers[n])
                continue
            workers[n].job = job

    _SHARED = shared
    gc.freeze()  # as in pool_map: the workers do not copy the parent's memory page by page
    if len(items) >= 64:  # it walks the whole heap: worth it for long-lived workers only
        release_free_memory()
    done = False
    try:
        workers.extend(start() for _ in range(min(worker_count(), len(pending))))
        next_out = 0
        while next_out < len(items):
            for n in range(len(workers)):
                feed(n)
            by_conn = {worker.conn: n for n, worker in enumerate(workers) if worker.job}
            for ready in wait(list(by_conn)):
                conn = cast(Connection, ready)  # wait() returns some of the objects it is given
                n = by_conn[conn]
                try:
                    answers = conn.recv()
                except (EOFError, OSError):
                    workers[n] = died(workers[n])
                    continue
                for index, (ok, value) in zip(workers[n].job, answers, strict=False):
                    if not ok:
                        raise value
                    results[index] = value
                workers[n].job = []
                feed(n)
            while next_out in results:
                yield results.pop(next_out)
                next_out += 1
        done = True
    finally:
        for worker in workers:
            try:
                if not done:
                    raise OSError
                worker.conn.send(None)
            except OSError:
                worker.process.kill()  # it holds nothing worth saving
        for worker in workers:
            worker.process.join()
            worker.conn.close()
        gc.unfreeze()
        _SHARED = None
