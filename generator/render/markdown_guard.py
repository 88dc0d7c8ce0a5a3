"""A linear pre-scan that says whether a Markdown body is safe for the native parser.

The native parser (cmark-gfm) renders ordinary postings; anything past these limits goes
to markdown-it-py, which stops nesting at its own limit (20 levels) and so renders such
bodies the way the site always has. Each check is one pass in C (a substring search, a
regex anchored at line starts or bounded per position, a split): tens of microseconds on
an ordinary body.
"""

from __future__ import annotations

import re

MAX_LINE = 4_000  # characters in one line
MAX_PREFIX = 16  # characters of block-quote markers, list markers and indentation opening a line
MAX_RUN = 50  # one emphasis, strikethrough or backtick marker repeated
# Runs of four or more `*` or `_` (masked salaries: "****k") are split into emphasis
# differently by the two parsers, so they go to markdown-it-py too (see docs/markdown.md).

# A line opening with more than MAX_PREFIX container characters: each nesting level of a
# block quote or a list needs at least one of them on the line that opens or continues it,
# so the nesting depth of a body is at most the longest such prefix.
# (At the start and after each newline: the same as `^` with re.M, and much faster to search.)
_DEEP_FIRST = re.compile(rf"[ \t>*+\-.)\d]{{{MAX_PREFIX + 1}}}")
_DEEP = re.compile(rf"\n[ \t>*+\-.)\d]{{{MAX_PREFIX + 1}}}")
# Many brackets or emphasis markers in a row (with anything short between) nest inline
# markup; the two parsers stop at different depths.
_INLINE = re.compile(rf"[\[*_](?:[^\[*_\n]{{0,2}}[\[*_]){{{MAX_RUN}}}")
# Marker runs, found by substring search (much faster than one regex alternation).
# "~~": cmark-gfm writes strikethrough as <del>, markdown-it-py as <s> (both kept by the
# sanitizer), so bodies with it (rare in postings) stay with markdown-it-py.
_RUNS = ("****", "____", "~~", "`" * (MAX_RUN + 1))


def safe_for_native(text: str) -> bool:
    """True when `text` is within the limits the native parser renders like markdown-it-py."""
    if len(text) > MAX_LINE and max(map(len, text.split("\n"))) > MAX_LINE:
        return False
    if any(run in text for run in _RUNS):
        return False
    if _DEEP_FIRST.match(text) or _DEEP.search(text):
        return False
    # An _INLINE match has MAX_RUN + 1 of its markers: count them before searching.
    markers = text.count("[") + text.count("*") + text.count("_")
    return markers <= MAX_RUN or not _INLINE.search(text)
