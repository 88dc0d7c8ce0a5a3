"""The process pool (generator.parallel): results in order, and a small parent to fork from."""

from __future__ import annotations

import ctypes
import os
import sys
import time

import pytest

from generator.parallel import _malloc_trim, pool_map, release_free_memory


def _square(n: int) -> int:
    return n * n


def test_results_come_in_input_order_from_a_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBBOARD_WORKERS", "2")
    assert list(pool_map(_square, range(200), chunksize=3)) == [n * n for n in range(200)]


def _slow_square(n: int) -> tuple[int, int]:
    time.sleep(0.005)
    return n * n, os.getpid()


@pytest.mark.parametrize("workers", ["2", "3"])
def test_the_parent_takes_items_from_the_back_and_each_item_is_done_once(
    monkeypatch: pytest.MonkeyPatch, workers: str
) -> None:
    monkeypatch.setenv("JOBBOARD_WORKERS", workers)
    results = list(pool_map(_slow_square, range(120), chunksize=1))
    assert [square for square, _pid in results] == [n * n for n in range(120)]
    pids = [pid for _square, pid in results]
    assert len(set(pids)) == int(workers)  # the forked workers and this process, no more
    assert pids[-1] == os.getpid() and pids[0] != os.getpid()  # it works from the back
    mine = [i for i, pid in enumerate(pids) if pid == os.getpid()]
    assert mine == list(range(mine[0], 120))  # one run at the end, met by the workers'


def _fails_at_7(n: int) -> int:
    if n == 7:
        raise ValueError("seven")
    return n


def test_an_error_in_a_worker_reaches_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBBOARD_WORKERS", "2")
    with pytest.raises(ValueError, match="seven"):
        list(pool_map(_fails_at_7, range(100), chunksize=1, min_items=4))


def _resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not hasattr(ctypes.CDLL(None), "gnu_get_libc_version"),
    reason="malloc_trim is glibc's",
)
def test_free_heap_memory_is_given_back_before_forking() -> None:
    assert _malloc_trim() is not None
    # 64 MiB of mid-sized objects (each goes to the C heap, not to its own mapping), freed
    # while one small object allocated after them stays: the heap cannot shrink from its top.
    chunks = [bytearray(32 * 1024) for _ in range(2048)]
    pinned = bytearray(32 * 1024)
    del chunks
    before = _resident_bytes()
    release_free_memory()
    after = _resident_bytes()
    assert before - after > 32 * 2**20, (before, after)
    del pinned
