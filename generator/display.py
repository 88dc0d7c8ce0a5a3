"""File names and other untrusted text as they are printed: one line, nothing a terminal acts on.

A posting's file name is chosen by whoever wrote the file. Printed as it is, a name holding
a newline forges a line of output (`a\\nerror: forged.md`), an escape sequence recolours or
clears the terminal, a bidirectional override (U+202E) shows the name reversed, and bytes
that are not UTF-8 make a strict stdout raise. `shown_path` prints such a name quoted, with
those characters escaped as in Python (`"a\\nerror: forged.md"`), and every ordinary name,
accents and all, as it is; `one_line` escapes the same characters in a message, unquoted.
`human_date` is a date as pages and search results show it.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from pathlib import PurePath

# Control characters, format characters (bidirectional overrides, zero-width joiners),
# line and paragraph separators, private use, surrogates and unassigned code points.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _unsafe(char: str) -> bool:
    return unicodedata.category(char) in _UNSAFE_CATEGORIES


def _escaped(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def shown_path(path: str | PurePath | os.PathLike[str]) -> str:
    """The path as printed: unchanged when every character is ordinary text, else in double
    quotes with `\\`, `"` and every unsafe character escaped."""
    text = path.as_posix() if isinstance(path, PurePath) else os.fspath(path)
    if not any(_unsafe(char) for char in text):
        return text
    body = "".join(
        "\\" + char if char in '"\\' else _escaped(char) if _unsafe(char) else char for char in text
    )
    return f'"{body}"'


def one_line(text: str) -> str:
    """A message as printed on one line: every unsafe character escaped (no quotes added)."""
    if not any(_unsafe(char) for char in text):
        return text
    return "".join(_escaped(char) if _unsafe(char) else char for char in text)


def human_date(value: dt.date) -> str:
    """`22 Nov 2026`."""
    return f"{value.day} {value:%b %Y}"
