"""Memoizing pure functions of posting values that repeat across a board.

`short_values_cached` remembers results for short values only: a board repeats a few
hundred location and salary texts, while a long value is rarely seen twice and would only
fill the memo (the one memo of a worker process, kept for its life).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K", bound=str | tuple[str, ...])
R = TypeVar("R")


def chars(value: str | tuple[str, ...]) -> int:
    """The characters of a text, or of a tuple of texts."""
    return len(value) if isinstance(value, str) else sum(map(len, value))


def short_values_cached(
    max_chars: int = 1_000, maxsize: int = 8192
) -> Callable[[Callable[[K], R]], Callable[[K], R]]:
    """Decorate a pure function of one hashable value (a text, or a tuple of texts) whose
    result is immutable: values of up to `max_chars` characters are computed once, longer
    ones every time."""

    def decorate(func: Callable[[K], R]) -> Callable[[K], R]:
        cached = functools.lru_cache(maxsize=maxsize)(func)

        @functools.wraps(func)
        def call(value: K) -> R:
            return cached(value) if chars(value) <= max_chars else func(value)

        return call

    return decorate
