"""Field values read from untrusted input, made safe and stable before anything uses them.

Front matter is parsed YAML: its strings may hold mojibake (`GdaÅ\\x84sk`, often written
as YAML escapes that the text repair before reading cannot see), control characters
(`"\\0"`, `"\\e"`) and bidi overrides (U+202E) that would reach every page, feed and
JSON-LD; and `!!set` gives an unordered collection whose order changes with
PYTHONHASHSEED. `clean_value` repairs the strings (ftfy, as bodies are), strips those
characters and turns sets into sorted lists, so the same file always gives the same site.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from generator.clean.text import repair_text

# Bidi embeddings, overrides and isolates, the deprecated format characters, the
# interlinear annotation marks. C0/C1 controls (but \t and \n) go in repair_text.
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u206f\ufff9-\ufffb]+")
_LINE_SEPARATORS = re.compile("[\u2028\u2029\x85]")


def clean_text(text: str) -> str:
    """A string value repaired (mojibake) and without control or bidi-override characters.

    Newlines are kept (a value may be multi-line); line and paragraph separators become them.
    """
    if text.isascii() and text.isprintable():
        return text  # nothing to repair or remove: the common case, kept cheap
    return _INVISIBLE.sub("", repair_text(_LINE_SEPARATORS.sub("\n", text)))


def clean_value(value: Any) -> Any:
    """A parsed front-matter value with every string cleaned (see clean_text), sets and
    tuples as lists (sets sorted), and bytes (`!!binary`) dropped as not text."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool | int | float | dt.date | None):
        return value
    if isinstance(value, dict):
        return {clean_value(k) if isinstance(k, str) else k: clean_value(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((clean_value(v) for v in value), key=_order)
    if isinstance(value, list | tuple):
        return [clean_value(v) for v in value]
    return None  # bytes and anything else YAML may build: not a value a field can use


def _order(value: Any) -> tuple[str, str]:
    return (type(value).__name__, repr(value))
