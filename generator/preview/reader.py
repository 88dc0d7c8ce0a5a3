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

import dataclasses
import datetime as dt
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from generator.config import Config
from generator.model.posting import Posting
from generator.reading import Skip, read_posting
from generator.sources import SourceFile

DIED = "cannot be read: the process reading it died (out of memory?)"


def _read(
    source: SourceFile, content: Path, fallback: dt.date | None, config: Config | None
) -> Posting | Skip:
    return read_posting(source, content, fallback, config)


def _ready() -> bool:
    import generator.pipeline  # noqa: F401 - imported once, before the first save

    return True


class ProcessReader:
    """`read(sources, content, fallback)` in a reading process of its own."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Start the reading process now, so the first save does not wait for it."""
        self._executor().submit(_ready)

    def read(
        self,
        sources: Sequence[SourceFile],
        content: Path,
        fallback: dt.date | None,
        config: Config | None = None,
    ) -> list[Posting | Skip]:
        content = content.resolve()  # the reading process has its own working directory
        results: list[Posting | Skip] = []
        for source in sources:  # one at a time: a process that dies is that posting's doing
            absolute = dataclasses.replace(source, folder=source.folder.resolve())
            results.append(self._read_one(absolute, content, fallback, config))
        return results

    def _read_one(
        self, source: SourceFile, content: Path, fallback: dt.date | None, config: Config | None
    ) -> Posting | Skip:
        """Read in the process; if it dies, once more in a new one (it may have died before this
        posting reached it), then the posting is skipped."""
        for _attempt in range(2):
            try:
                return self._executor().submit(_read, source, content, fallback, config).result()
            except BrokenProcessPool:
                self.close()  # a new process next time
        return Skip(source.rel, DIED)

    def close(self) -> None:
        """Stop the reading process, also in the middle of a posting (Ctrl+C does not wait)."""
        if self._pool is not None:
            for process in list(getattr(self._pool, "_processes", {}).values()):
                process.terminate()
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        return self._pool


def read_here(
    sources: Sequence[SourceFile], content: Path, fallback: dt.date | None, config: Config | None = None
) -> list[Posting | Skip]:
    """The same, in this process (in-process rebuilds: tests, tools)."""
    return [read_posting(source, content, fallback, config) for source in sources]
