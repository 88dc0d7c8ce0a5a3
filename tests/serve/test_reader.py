"""The preview reads changed postings in a process of its own: the same results as reading
them here, and a reading process that dies costs only the posting it was reading."""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from pathlib import Path

from generator.config import Config
from generator.preview.reader import DIED, ProcessReader
from generator.reading import ReadLimits, ReadResult, ReadTask, lost_read, read_in_pool, scan_content
from tests.conftest import SEEDS


def seeds() -> list[ReadTask]:
    return scan_content(SEEDS, Config()).tasks


def here() -> list[ReadResult]:
    return list(read_in_pool(seeds()))


def test_the_reading_process_reads_what_this_process_reads(tmp_path: Path) -> None:
    reader = ProcessReader()
    try:
        reader.start()
        assert reader.read(seeds()) == here()
        pids = {p.pid for p in reader._pool._processes.values()}  # type: ignore[union-attr]
        assert pids and os.getpid() not in pids
    finally:
        reader.close()


def test_the_reading_process_starts_warm_with_the_boards_place_table(tmp_path: Path) -> None:
    """start() loads the place table in the reading process, from the build cache's folder
    (made there when missing): a save's posting is read in a process forked from a warm
    one, not one that builds the table from the packages' data first."""
    store = tmp_path / "cache"
    store.mkdir()
    reader = ProcessReader(store)
    try:
        reader.start()
        assert reader.read(seeds()) == here()
        assert [p.name for p in store.iterdir() if p.name.startswith("places-")]
    finally:
        reader.close()
    idle = ProcessReader(None)  # without a cache folder nothing is stored anywhere
    try:
        idle.start()
        assert idle.read(seeds()) == here()
    finally:
        idle.close()


def test_a_reading_process_that_dies_costs_only_its_posting(tmp_path: Path) -> None:
    # A posting that takes a fresh reading process seconds to read (imports, then 2 MB of
    # text): the test kills each process that reads it, twice.
    slow = tmp_path / "stuck.md"
    slow.write_text("---\ntitle: Slow\n---\n" + "Words of a long posting, again and again.\n" * 50_000)
    stuck = ReadTask(str(slow), "stuck.md", dt.date(2026, 1, 1), ReadLimits.of(Config()))
    reader = ProcessReader()
    results: list[object] = []
    try:
        reader.start()
        reading = threading.Thread(target=lambda: results.extend(reader.read([stuck])))
        reading.start()
        reading.join(0.5)
        assert reading.is_alive()  # still reading, in the reading process
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
        assert results == [lost_read(DIED)]
        assert len(killed) == 2
        assert reader.read(seeds()) == here()

        # The process dies between two rebuilds: the next posting is read all the same.
        for process in list(reader._pool._processes.values()):  # type: ignore[union-attr]
            process.kill()
            process.join(10)
        assert reader.read(seeds()) == here()
    finally:
        reader.close()
