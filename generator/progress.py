"""Progress on long builds: a bar on a terminal, a few plain lines otherwise."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

from tqdm import tqdm

T = TypeVar("T")
MIN_ITEMS = 200  # shorter builds finish before a progress display helps


def progress(items: Iterable[T], total: int, label: str, stream: TextIO | None = None) -> Iterator[T]:
    """Yield `items`, showing progress on `stream` (stderr) when there are many."""
    stream = stream or sys.stderr
    if total < MIN_ITEMS:
        yield from items
        return
    if stream.isatty():
        yield from tqdm(items, total=total, desc=label, unit=" files", file=stream, leave=False)
        return
    step = max(1, total // 10)
    for done, item in enumerate(items, 1):
        yield item
        if done % step == 0 or done == total:
            print(f"{label}: {done}/{total}", file=stream, flush=True)
