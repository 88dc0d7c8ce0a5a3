"""The preview reads changed postings in a process of its own: the same results as reading
them here, and a reading process that dies costs only the posting it was reading."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from generator.preview.reader import DIED, ProcessReader, read_here
from generator.reading import Skip
from generator.sources import SourceFile, find_sources
from tests.conftest import SEEDS


def seeds() -> list[SourceFile]:
    return find_sources(SEEDS, max_size=5_000_000)[0]


def describe(results: list[object]) -> list[tuple[str, str]]:
    return [(type(r).__name__, repr(r)) for r in results]


def test_the_reading_process_reads_what_this_process_reads(tmp_path: Path) -> None:
    reader = ProcessReader()
    try:
        reader.start()
        assert describe(reader.read(seeds(), SEEDS, None)) == describe(read_here(seeds(), SEEDS, None))
        pids = {p.pid for p in reader._pool._processes.values()}  # type: ignore[union-attr]
        assert pids and os.getpid() not in pids
    finally:
        reader.close()


def test_a_reading_process_that_dies_costs_only_its_posting(tmp_path: Path) -> None:
    fifo = tmp_path / "stuck.md"
    os.mkfifo(fifo)  # opening it blocks until someone writes: a read that never ends
    stuck = SourceFile(tmp_path, "stuck.md", os.stat(fifo))
    reader = ProcessReader()
    results: list[object] = []
    try:
        reader.start()
        reading = threading.Thread(target=lambda: results.extend(reader.read([stuck], tmp_path, None)))
        reading.start()
        reading.join(0.5)
        assert reading.is_alive()  # stuck in the reading process
        killed: set[int] = set()
        deadline = time.monotonic() + 60
        while reading.is_alive() and time.monotonic() < deadline:  # it is tried twice: kill both
            pool = reader._pool
            for process in list(pool._processes.values()) if pool is not None else []:
                if process.pid not in killed:
                    killed.add(process.pid)
                    process.kill()
            reading.join(0.1)
        assert not reading.is_alive()
        assert results == [Skip("stuck.md", DIED)]
        assert len(killed) == 2
        assert describe(reader.read(seeds(), SEEDS, None)) == describe(read_here(seeds(), SEEDS, None))

        # The process dies between two rebuilds: the next posting is read all the same.
        for process in list(reader._pool._processes.values()):  # type: ignore[union-attr]
            process.kill()
            process.join(10)
        assert describe(reader.read(seeds(), SEEDS, None)) == describe(read_here(seeds(), SEEDS, None))
    finally:
        reader.close()
