"""The search engine in Python: the same queries, matches and ranking as
`templates/static/search-engine.js`, over the same index files (generator/search/index.py).
The relevance table test runs both and wants the same ranked results; the build does not
need it.

A query is its tokens (tokens.py), at most MAX_TOKENS, repeats dropped. A term matches a
token when:

- the token has one or two characters: the term is the token (`c`, `go`, `c#`, `ai`);
- otherwise: the term's stem is the token's stem (`engineers` = `engineering`), or the token
  is the query's last and the term starts with it (`kube`, while typing), or the token is
  a place alias (`munchen` -> every token of `munich`) or a compound written with a hyphen
  on the board (`frontend` -> `front` and `end`).

Two neighbouring tokens also match as one word (`front end` = `frontend`). A posting must
match every token (or pair) and every filter. Ranking: more tokens found in the title or
company first, then more tokens matched as words (not only as a prefix), then newest first.
When nothing matches, `suggest` offers the query with each unknown token (four or more
characters) replaced by the term one edit away (insert, delete, replace, swap two
neighbours; same first two characters) found in most postings.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.search.index import shard_key
from generator.search.tokens import stem, tokenize

MAX_TOKENS = 8
FILTERS = ("company", "location", "type", "remote")
# A doc's flag for one token: 0 no match, else 1 + 2 * head + exact (1..4), best kept.
Flags = list[int]


def folder_loader(site: Path) -> Callable[[str], Any]:
    """load(path) for the index in site/search/."""
    return lambda rel: json.loads((site / "search" / rel).read_text("utf-8"))


def one_edit(a: str, b: str) -> bool:
    """True when b is a at one insertion, deletion, substitution or swap of neighbours."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


def query_tokens(text: str) -> list[str]:
    return list(dict.fromkeys(tokenize(text or "")))[:MAX_TOKENS]


class Engine:
    def __init__(self, load: Callable[[str], Any]) -> None:
        self.load = load
        self.files: dict[str, Any] = {}
        self.meta: dict[str, Any] = {}
        self.split: set[str] = set()

    def get(self, path: str) -> Any:
        if path not in self.files:
            self.files[path] = self.load(path)
        return self.files[path]

    def open(self) -> dict[str, Any]:
        meta: dict[str, Any] = self.get("index.json")  # parsed JSON, untyped: one object
        if meta.get("version") != 2:
            raise ValueError("unknown search index version")
        self.meta = meta
        self.split = {shard[:n] for shard in meta["shards"] for n in range(1, len(shard))}
        return meta

    def shards_for(self, token: str) -> list[str]:
        """The shards that may hold terms starting with the token (as search-engine.js)."""
        shards = self.meta["shards"]
        if len(token) == 1:
            return [token] if token in shards else []
        found = [shard for shard in shards if shard.startswith(token)]
        parents = [s for s in shards if token.startswith(s) and s != token and len(s) >= 2]
        if parents:
            parent = max(parents, key=len)
            if parent not in self.split:
                found.append(parent)
        return found

    def _terms(self, prefix: str) -> dict[str, list[int]]:
        terms: dict[str, list[int]] = {}
        for shard in self.shards_for(prefix):
            terms.update(self.get(f"terms/{shard_key(shard)}.json"))
        return terms

    def _extra(self, word: str) -> dict[str, dict[str, list[str]]]:
        key = word[:2]
        if key not in self.meta.get("extra", []):
            return {"aliases": {}, "compounds": {}}
        extra: dict[str, dict[str, list[str]]] = self.get(f"extra/{shard_key(key)}.json")  # parsed JSON
        return extra

    def word_flags(self, token: str, last: bool) -> Flags:
        """Per doc, how this token (as one word) matches: 0, or 1 + 2 * head + exact."""
        flags = [0] * self.meta["docs"]
        short = len(token) <= 2
        root = token if short else stem(token)
        for term, deltas in self._terms(root).items():
            if short:
                exact = term == token
                if not exact:
                    continue
            else:
                exact = stem(term) == root
                if not exact and not (last and term.startswith(token)):
                    continue
            value = 0
            for delta in deltas:
                value += delta
                flag = 1 + 2 * (value & 1) + exact
                if flag > flags[value >> 1]:
                    flags[value >> 1] = flag
        return flags

    def token_flags(self, token: str, last: bool) -> Flags:
        """word_flags, with the token's place alias and compound split as alternatives."""
        flags = self.word_flags(token, last)
        if len(token) <= 2:
            return flags
        extra = self._extra(token)
        for parts in (extra["aliases"].get(token), extra["compounds"].get(token)):
            if not parts:
                continue
            every = [self.word_flags(part, False) for part in parts]
            for doc in range(len(flags)):
                both = min(f[doc] for f in every)
                if both > flags[doc]:
                    flags[doc] = both
        return flags

    def filter_flags(self, kind: str, value: str) -> list[bool]:
        values = [entry[0] for entry in self.meta["filters"].get(kind, [])]
        if value not in values:
            return [False] * self.meta["docs"]
        i = values.index(value)
        return [i in of_doc for of_doc in self.get(f"filters/{kind}.json")]

    def _scores(self, tokens: list[str]) -> list[tuple[int, int] | None]:
        """Per doc: (tokens found in title or company, tokens matched as words), or None."""
        n = self.meta["docs"]
        if not tokens:
            return [(0, 0)] * n
        last = len(tokens) - 1
        single = [self.token_flags(t, i == last) for i, t in enumerate(tokens)]
        pair = [self.word_flags(tokens[i] + tokens[i + 1], i + 1 == last) for i in range(last)]
        scores: list[tuple[int, int] | None] = []
        for doc in range(n):
            best: list[tuple[int, int] | None] = [(0, 0)] + [None] * len(tokens)
            for i in range(len(tokens)):
                here = best[i]
                if here is None:
                    continue
                for width, flag in ((1, single[i][doc]), (2, pair[i][doc] if i < last else 0)):
                    if not flag:
                        continue
                    head = width if flag >= 3 else 0
                    exact = width if flag % 2 == 0 else 0
                    score = (here[0] + head, here[1] + exact)
                    old = best[i + width]
                    if old is None or score > old:
                        best[i + width] = score
            scores.append(best[-1])
        return scores

    def _allowed(self, filters: dict[str, str], skip: str = "") -> list[bool]:
        ok = [True] * self.meta["docs"]
        for kind, value in filters.items():
            if value and kind != skip:
                ok = [a and b for a, b in zip(ok, self.filter_flags(kind, value), strict=True)]
        return ok

    def search(self, text: str, filters: dict[str, str] | None = None) -> list[int]:
        """Doc ids matching the text and filters ({kind: value}), best first."""
        scores = self._scores(query_tokens(text))
        allowed = self._allowed(filters or {})
        found = [(s, doc) for doc, s in enumerate(scores) if s is not None and allowed[doc]]
        found.sort(key=lambda entry: (-entry[0][0], -entry[0][1], entry[1]))
        return [doc for _score, doc in found]

    def counts(self, text: str, filters: dict[str, str] | None = None) -> dict[str, list[list[Any]]]:
        """Each filter's values with how many postings match the text, the other filters
        and that value (in index.json's order)."""
        filters = filters or {}
        scores = self._scores(query_tokens(text))
        out: dict[str, list[list[Any]]] = {}
        for kind in FILTERS:
            values = self.meta["filters"].get(kind, [])
            counts = [0] * len(values)
            allowed = self._allowed(filters, skip=kind)
            of_doc = self.get(f"filters/{kind}.json") if values else []
            for doc, indexes in enumerate(of_doc):
                if scores[doc] is not None and allowed[doc]:
                    for i in indexes:
                        counts[i] += 1
            out[kind] = [[entry[0], count] for entry, count in zip(values, counts, strict=True)]
        return out

    def suggest(self, text: str, filters: dict[str, str] | None = None) -> str | None:
        """A corrected query that finds postings when this one finds none, or None."""
        tokens = query_tokens(text)
        if not tokens or self.search(text, filters):
            return None
        fixed = list(tokens)
        for i, token in enumerate(tokens):
            if len(token) < 4 or any(self.token_flags(token, i == len(tokens) - 1)):
                continue
            best: tuple[int, str] | None = None
            for term, deltas in self._terms(token[:2]).items():
                if one_edit(token, term) and (best is None or (-len(deltas), term) < best):
                    best = (-len(deltas), term)
            if best is not None:
                fixed[i] = best[1]
        if fixed == tokens:
            return None
        better = " ".join(fixed)
        return better if self.search(better, filters) else None
