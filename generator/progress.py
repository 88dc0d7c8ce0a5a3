"""Progress of a build's stages: a bar per stage on a terminal, one plain line per stage otherwise.

    with stage("pages", len(pages), unit="pages") as tick:
        for page in pages:
            render(page)
            tick()

On a terminal (stderr) a stage of MIN_ITEMS or more shows a tqdm bar while it runs (none for a
stage that ends within DELAY seconds) and leaves nothing behind. Elsewhere (a pipe, a CI log)
a stage of MIN_ITEMS or more prints one line when it ends. `-q` (QUIET) shows nothing; `-v`
(VERBOSE) prints the line of every stage, however short, on a terminal too.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Never, Protocol, TextIO, TypeVar

from tqdm import tqdm

T = TypeVar("T")
MIN_ITEMS = 200  # shorter stages finish before a progress display helps
DELAY = 0.5  # seconds before a bar appears (a stage that ends sooner shows none)

QUIET, NORMAL, VERBOSE = -1, 0, 1
_verbosity = NORMAL


def set_verbosity(level: int) -> None:
    """QUIET (-q), NORMAL or VERBOSE (-v), for the rest of the process (and its workers)."""
    global _verbosity
    _verbosity = max(QUIET, min(VERBOSE, level))


def verbosity() -> int:
    return _verbosity


_thread = threading.local()


@contextmanager
def silenced() -> Iterator[None]:
    """No progress shown by stages this thread runs meanwhile (the preview's rebuild thread on
    every save); other threads, and what anything else prints, are not affected."""
    was = getattr(_thread, "silent", False)
    _thread.silent = True
    try:
        yield
    finally:
        _thread.silent = was


def _level() -> int:
    return QUIET if getattr(_thread, "silent", False) else _verbosity


class Tick(Protocol):
    def __call__(self, n: int = 1) -> None: ...


@contextmanager
def stage(name: str, total: int, *, unit: str = "files", stream: TextIO | None = None) -> Iterator[Tick]:
    """Show the progress of one stage of `total` items; call the yielded `tick(n=1)` per item done."""
    stream = stream or sys.stderr
    level = _level()
    started = time.perf_counter()
    done = 0
    bar: tqdm[Never] | None = None
    if level > QUIET and total >= MIN_ITEMS and _is_terminal(stream):
        bar = tqdm(total=total, desc=name, unit=f" {unit}", file=stream, leave=False, delay=DELAY)

    def tick(n: int = 1) -> None:
        nonlocal done
        done += n
        if bar is not None:
            bar.update(n)

    try:
        yield tick
    finally:
        if bar is not None:
            bar.close()
    if level >= VERBOSE or (level == NORMAL and total >= MIN_ITEMS and not _is_terminal(stream)):
        seconds = time.perf_counter() - started
        print(f"{name}: {done}/{total} {unit} in {seconds:.1f} s", file=stream, flush=True)


def progress(
    items: Iterable[T], total: int, label: str, stream: TextIO | None = None, *, unit: str = "files"
) -> Iterator[T]:
    """Yield `items`, as one stage of `total` items (see `stage`)."""
    with stage(label, total, unit=unit, stream=stream) as tick:
        for item in items:
            yield item
            tick()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream
        return False
