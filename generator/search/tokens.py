"""The search tokenizer, the same in Python and in `templates/static/search-engine.js`.

A text becomes its terms in four steps: Unicode NFKD, drop combining marks (category M), lower
case, then every run of letters and digits (Unicode categories L and N) is one term, cut to
MAX_TERM characters. JavaScript does the same with `normalize("NFKD")`, `/\\p{M}/gu`,
`toLowerCase()` and `/[\\p{L}\\p{N}]+/gu`; tests/site/test_search_tokens.py runs both over the
corpus. (Python's `[^\\W_]` is exactly the categories L and N; each language uses the Unicode
version it ships, so a character assigned after Python's version may differ.)
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

MAX_TERM = 40  # longer runs (hashes, glued URLs) are cut; queries are cut the same way
_TERM = re.compile(r"[^\W_]+")


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=1)
def _marks() -> dict[int, None]:
    """Every combining mark (Unicode category M), for str.translate to drop."""
    return {cp: None for cp in range(sys.maxunicode + 1) if unicodedata.category(chr(cp))[0] == "M"}


def _drop_marks(run: re.Match[str]) -> str:
    return run.group().translate(_marks())


def fold(text: str) -> str:
    """NFKD, without combining marks, lower case. (Marks are looked for only in runs of
    non-ASCII characters: a regular expression of every mark, or translating the whole
    text, costs ten times as much.)"""
    if not text.isascii():
        text = _NON_ASCII.sub(_drop_marks, unicodedata.normalize("NFKD", text))
    return text.lower()


def tokenize(text: str) -> list[str]:
    """The terms of a text, in order, with repeats."""
    return [term[:MAX_TERM] for term in _TERM.findall(fold(text))]


def term_set(texts: Iterable[str]) -> set[str]:
    """The distinct terms of some texts."""
    terms: set[str] = set()
    for text in texts:
        if text:
            terms.update(tokenize(text))
    return terms


def terms_to_text(terms: Iterable[str]) -> str:
    """Terms as stored in the build cache: sorted, one space between."""
    return " ".join(sorted(terms))


def terms_from_text(text: str) -> list[str]:
    """Inverse of terms_to_text. (Checking every term again would cost more than making them:
    the cache's checksum vouches for the text, and any string is a harmless term.)"""
    return text.split()
