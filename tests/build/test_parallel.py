"""The process pool (generator.parallel): results in order, and a small parent to fork from."""

from __future__ import annotations

import ctypes
import sys

import pytest

from generator.parallel import _malloc_trim, pool_map, release_free_memory


def _square(n: int) -> int:
    return n * n


def test_results_come_in_input_order_from_a_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBBOARD_WORKERS", "2")
    assert list(pool_map(_square, range(200), chunksize=3)) == [n * n for n in range(200)]


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
