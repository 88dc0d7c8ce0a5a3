"""Posting bodies (and their search terms) kept out of the build's main process.

The HTML and text of a posting's body are most of its size. With a cache, the build holds
every posting's metadata (the site, its lists and keys need all of them) but no bodies;
`BodyStore.fill` gives copies of some postings with their bodies, read from the cache, for
the pages that show them (a posting's page, the feeds). It works in forked workers too:
each process opens its own connection. A body missing from the cache (a damaged entry) is
made again from the posting's file, never left empty.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from generator.cache import BuildCache
from generator.model.posting import Posting
from generator.search.tokens import term_set, terms_from_text, terms_to_text

Body = tuple[str, str]  # (body_html, body_text)


def body_to_json(posting: Posting) -> str:
    return json.dumps([posting.body_html, posting.body_text], ensure_ascii=False)


def body_terms_text(posting: Posting) -> str:
    """The body's search terms, as the cache keeps them (made in the read workers)."""
    return terms_to_text(term_set([posting.body_text]))


def body_from_json(data: str) -> Body | None:
    """The stored body, or None when it is not exactly what body_to_json writes."""
    try:
        value = json.loads(data)
    except ValueError:
        return None
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
        return value[0], value[1]
    return None


def without_body(posting: Posting) -> Posting:
    return dataclasses.replace(posting, body_html="", body_text="")


class BodyStore:
    """Bodies by posting source, from the cache under the posting's cache key."""

    def __init__(
        self, cache_folder: Path, keys: Mapping[str, str], remake: Callable[[str], Body | None]
    ) -> None:
        self.cache_folder = cache_folder
        self.keys = keys  # posting source -> cache key
        self.remake = remake  # posting source -> its body, made again from the file
        self._cache: BuildCache | None = None
        self._pid = 0

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_cache": None, "_pid": 0}  # a connection never crosses processes

    def _connection(self) -> BuildCache:
        if self._cache is None or self._pid != os.getpid():
            self._cache = BuildCache(self.cache_folder, check=False)
            self._pid = os.getpid()
        return self._cache

    def fill(self, postings: Sequence[Posting]) -> list[Posting]:
        """Copies of the postings with their bodies (postings not from the cache as they are)."""
        return [
            posting if body is None else dataclasses.replace(posting, body_html=body[0], body_text=body[1])
            for posting, body in zip(postings, self._bodies(postings), strict=True)
        ]

    def fill_in_place(self, postings: Sequence[Posting]) -> None:
        """Put their bodies into the postings themselves (as a build without a cache has them)."""
        for posting, body in zip(postings, self._bodies(postings), strict=True):
            if body is not None:
                posting.body_html, posting.body_text = body

    def texts(self, postings: Sequence[Posting]) -> list[str]:
        """The postings' body texts (without making copies of the postings)."""
        return [
            posting.body_text if body is None else body[1]
            for posting, body in zip(postings, self._bodies(postings), strict=True)
        ]

    def _bodies(self, postings: Sequence[Posting]) -> list[Body | None]:
        """Each posting's body from the cache (None for a posting not from the cache)."""
        wanted = [self.keys[p.source] for p in postings if p.source in self.keys]
        found: dict[str, Body | None] = {}
        if wanted:
            found = {key: body_from_json(data) for key, data in self._connection().get_bodies(wanted)}
        bodies: list[Body | None] = []
        for posting in postings:
            if posting.source not in self.keys:
                bodies.append(None)
                continue
            body = found.get(self.keys[posting.source]) or self.remake(posting.source)
            if body is None:
                raise OSError(f"{posting.source}: the posting's body is neither in the cache nor readable")
            bodies.append(body)
        return bodies

    def terms(self, postings: Sequence[Posting]) -> Iterator[list[str] | set[str]]:
        """Each posting's body search terms, in order: from the cache (made by the read
        workers), else made from its body; a few hundred postings at a time."""
        for start in range(0, len(postings), 500):
            batch = postings[start : start + 500]
            wanted = [self.keys[p.source] for p in batch if p.source in self.keys]
            found = dict(self._connection().get_terms(wanted)) if wanted else {}
            missing = [p for p in batch if self.keys.get(p.source) not in found]
            made = {p.source: term_set([p.body_text]) for p in self.fill(missing)}
            for posting in batch:
                text = found.get(self.keys.get(posting.source, ""))
                yield terms_from_text(text) if text is not None else made[posting.source]

    def close(self) -> None:
        if self._cache is not None and self._pid == os.getpid():
            self._cache.close()
        self._cache = None
