"""The search tokenizer and stemmer, the same in Python and in `templates/static/search-engine.js`.

A text is folded (Unicode NFKD, combining marks dropped, lower case), then cut into tokens:
a run of letters and digits (Unicode categories L and N), kept whole with what makes a tech
word itself:

- a trailing `++` or `#` after a run that starts with a letter (`c++`, `c#`, `f#`, `g++`);
- a leading `.` that follows no letter, digit or dot (`.net`, `(.NET)`, `C#/.NET`);
- dots between runs whose part after the dot starts with a letter (`node.js`, `asp.net`).

So `c`, `c#` and `c++` are three tokens, and `.net` is not `net`. A query is its tokens
(`tokenize`). A text indexed (`term_set`) also gets, for each dotted token, its parts and its
last part with the dot (`asp.net`: `asp`, `net`, `.net`), and for each hyphenated word of
letters its joined form and the hyphenated form (`front-end`: `front`, `end`, `frontend`,
`front-end`; the index turns the last into its compound table and drops it). Every term is
cut to MAX_TERM characters. JavaScript uses `normalize("NFKD")`, `/\\p{M}/gu`,
`toLowerCase()` and the same expressions written with `\\p{L}`/`\\p{N}`; tests run both over
the corpus. (Python's `[^\\W_]` is exactly the categories L and N and `[^\\W\\d_]` is L, Nl
and No; each language uses the Unicode version it ships.)

`stem` is a light stemmer for English and German word endings (plurals, -ing, -ed, -ies/-y,
-ungen, -innen, -erin, -nisse, final -e/-en): two words match when their stems are equal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_TERM = 40  # longer runs (hashes, glued URLs) are cut; queries are cut the same way
_TOKEN = re.compile(r"(?:(?<![^\W_])(?<!\.)\.)?[^\W_]+(?:\.[^\W\d_][^\W_]*)*(?:(?:\+\+|#)(?![^\W_]))?")
_HYPHENATED = re.compile(r"(?<![^\W_])(?<![.-])[^\W\d_]+(?:-[^\W\d_]+)+(?![^\W_]|-[^\W_])")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_STEMMABLE = re.compile(r"[a-z]{5,}")
MIN_STEM = 4
# (suffix, replacement): first match of each pass, kept only when MIN_STEM letters are left.
_INFLECTIONS = (
    ("innen", ""), ("nissen", "nis"), ("nisse", "nis"), ("ungen", "ung"), ("erin", "er"),
    ("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ss", "ss"), ("us", "us"), ("is", "is"), ("s", ""),
)
_ENDINGS = (("ing", ""), ("ed", ""), ("ern", "er"), ("en", ""), ("e", ""), ("y", ""))


class _Marks(dict[int, int | None]):
    """For str.translate: a combining mark (Unicode category M) maps to None (dropped), any
    other character to itself. Filled as characters are met (a table of every code point
    took 0.4 s to make, in every process that folds a non-ASCII text), up to LIMIT entries:
    a text of every code point does not grow it past that."""

    LIMIT = 20_000

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code))[0] == "M" else code
        if len(self) < self.LIMIT:
            self[code] = kept
        return kept


_MARKS = _Marks()


def _drop_marks(run: re.Match[str]) -> str:
    return run.group().translate(_MARKS)


def fold(text: str) -> str:
    """NFKD, without combining marks, lower case. (Marks are looked for only in runs of
    non-ASCII characters: a regular expression of every mark, or translating the whole
    text, costs ten times as much.)"""
    if not text.isascii():
        text = _NON_ASCII.sub(_drop_marks, unicodedata.normalize("NFKD", text))
    return text.lower()


def _token(raw: str) -> str:
    """A matched run as a token: `++`/`#` only after a run that starts with a letter."""
    if raw[-1] in "+#":
        first = raw[1] if raw[0] == "." else raw[0]
        if first.isdigit():
            raw = raw.rstrip("+#")
    return raw[:MAX_TERM]


def tokenize(text: str) -> list[str]:
    """The tokens of a text, in order, with repeats (what a query is made of)."""
    return [_token(raw) for raw in _TOKEN.findall(fold(text))]


def index_terms(text: str) -> set[str]:
    """The distinct terms a text is indexed under: its tokens, dotted tokens' parts, and
    hyphenated words joined (see the module docstring)."""
    folded = fold(text)
    terms: set[str] = set()
    for raw in _TOKEN.findall(folded):
        token = _token(raw)
        terms.add(token)
        if "." in token:
            parts = [part for part in token.split(".") if part]
            terms.update(part[:MAX_TERM] for part in parts)
            if len(parts) > 1 or token[0] == ".":
                terms.add(("." + parts[-1])[:MAX_TERM])
    for match in _HYPHENATED.findall(folded):
        terms.add(match.replace("-", "")[:MAX_TERM])
        if len(match) <= MAX_TERM and match.count("-") == 1:
            terms.add(match)
    return terms


def stem(term: str) -> str:
    """The light stem of a term (itself unless it is five or more letters a-z)."""
    if not _STEMMABLE.fullmatch(term):
        return term
    for rules in (_INFLECTIONS, _ENDINGS):
        for suffix, replacement in rules:
            if term.endswith(suffix):
                if len(term) - len(suffix) + len(replacement) >= MIN_STEM:
                    term = term[: len(term) - len(suffix)] + replacement
                break
    return term


def term_set(texts: Iterable[str]) -> set[str]:
    """The distinct index terms of some texts."""
    terms: set[str] = set()
    for text in texts:
        if text:
            terms |= index_terms(text)
    return terms


def terms_to_text(terms: Iterable[str]) -> str:
    """Terms as stored in the build cache: sorted, one space between."""
    return " ".join(sorted(terms))


def terms_from_text(text: str) -> list[str]:
    """Inverse of terms_to_text. (Checking every term again would cost more than making them:
    the cache's checksum vouches for the text, and any string is a harmless term.)"""
    return text.split()
