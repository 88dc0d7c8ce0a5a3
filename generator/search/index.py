"""The front page's search index: a pure function of the open postings the front page lists.

Files, all JSON, under `search/` (see docs/search.md):

- `index.json`: `version`, `docs` (how many), `chunk` (docs per doc chunk), `maxTerm`,
  `shards` (the term shards present, sorted), `extra` (the extra shards present, sorted) and
  `filters`: for each of `company`, `location`, `type`, `remote` the list of
  `[value, count]`, sorted by name.
- `terms/<key>.json`: `{term: deltas}` for the terms whose longest listed shard prefix is
  the shard's (terms are grouped by their first two characters; a shard over SHARD_LIMIT
  bytes is split by one more character, its own exact term staying behind). `deltas`
  are successive differences of `doc * 2 + head`, where `head` is 1 when the term is in
  the posting's title or company: a running sum gives back doc ids (ascending) and flags.
- `extra/<key>.json`: `{"aliases": {word: [token, ...]}, "compounds": {word: [a, b]}}` for
  the words starting with those two characters: place aliases (generator/search/places.py)
  and compounds written with a hyphen somewhere on the board (`frontend`: `front`, `end`).
- `docs/<n>.json`: result cards of docs `n * chunk ...`: url (site path), title, company,
  places, remote (`Remote`, `Remote · US only` or ""), type (label), salary (text or ""),
  date (ISO, or null when the posting states none) and posted (as cards print it, or "").
- `filters/<kind>.json`: for each doc, the indexes (in `index.json`'s list) of its values.

A document id is the posting's position in `site.postings` (newest first), so lower ids
are newer. Files are written with sorted keys and no spaces: the same postings give the
same bytes.
"""

from __future__ import annotations

import json
import operator
from array import array
from collections import defaultdict, deque
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from itertools import chain, groupby, repeat
from typing import Any

from generator import site_paths
from generator.display import human_date
from generator.extract.employment import employment_label
from generator.model.posting import Posting
from generator.model.salary_text import salary_text
from generator.model.site import Site
from generator.search.places import place_aliases, place_terms
from generator.search.tokens import MAX_TERM, index_terms

VERSION = 2
DOCS_PER_CHUNK = 50
SHARD_LIMIT = 100_000  # bytes; a bigger shard is split by one more character
FILTERS = ("company", "location", "type", "remote")

# Postings (in order) -> each one's body terms, in the same order.
BodyTerms = Callable[[Sequence[Posting]], Iterable[Iterable[str]]]


def filter_values(site: Site, posting: Posting) -> dict[str, list[str]]:
    """The values of each search filter for one posting (as its page and the lists show them)."""
    return {
        "company": [term.name for term in site.taxonomies["companies"].terms_of(posting)],
        "location": [term.name for term in site.taxonomies["locations"].terms_of(posting)],
        "type": [employment_label(posting.employment_type)] if posting.employment_type else [],
        "remote": ["Remote"] if posting.remote else [],
    }


class FieldTerms:
    """`term_set` for the short fields (titles, companies, places, tags): each distinct text is
    tokenized once per index, as the same few thousand values repeat over every posting."""

    def __init__(self) -> None:
        self._memo: dict[str, frozenset[str]] = {}

    def __call__(self, texts: Iterable[str]) -> set[str]:
        terms: set[str] = set()
        for text in texts:
            if text:
                found = self._memo.get(text)
                if found is None:
                    found = self._memo[text] = frozenset(index_terms(text))
                terms |= found
        return terms


def head_terms(posting: Posting, values: dict[str, list[str]], terms: FieldTerms) -> set[str]:
    """Terms of the title and company: matches here rank first."""
    return terms([posting.title, posting.company or "", *values["company"]])


def other_terms(posting: Posting, values: dict[str, list[str]], terms: FieldTerms) -> set[str]:
    """Terms of what the posting's page shows besides title, company and body."""
    places = [*posting.locations, *values["location"]]
    found = terms([*places, *values["type"], *posting.tags])
    for place in dict.fromkeys(places):
        found.update(place_terms(place))
    return found


def remote_text(posting: Posting) -> str:
    """`Remote`, `Remote · US only` (the countries applicants must be in, as codes), or ""."""
    if not posting.remote:
        return ""
    codes = [code for code in posting.applicant_countries if code]
    return f"Remote · {', '.join(codes)} only" if 0 < len(codes) <= 3 else "Remote"


def doc_record(posting: Posting) -> dict[str, Any]:
    """What a result card shows (the card template's fields), as data."""
    stated = posting.date_stated
    return {
        "url": site_paths.posting(posting.slug),
        "title": posting.title,
        "company": posting.company or "",
        "places": [place for place in posting.locations if place != "Remote"],
        "remote": remote_text(posting),
        "type": employment_label(posting.employment_type) if posting.employment_type else "",
        "salary": salary_text(posting.salary),
        "date": posting.date_posted.isoformat() if stated else None,
        "posted": human_date(posting.date_posted) if stated else "",
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _deltas(values: Sequence[int]) -> str:
    """Successive differences (the first value as it is) as a JSON list, computed in C."""
    return "[" + ",".join(map(str, map(operator.sub, values, chain((0,), values)))) + "]"


def _key(term: str) -> str:
    """A term as a JSON string: letters and digits need no escaping."""
    return f'"{term}"' if term.isalnum() else json.dumps(term, ensure_ascii=False)


def shard_key(prefix: str) -> str:
    """A file-name-safe shard name: a-z and 0-9 as they are, any other character `_<hex>_`."""
    return "".join(c if ("a" <= c <= "z" or "0" <= c <= "9") else f"_{ord(c):x}_" for c in prefix)


def search_index_files(site: Site, body_terms: BodyTerms) -> Iterator[tuple[str, str]]:
    """(path under search/, text) of every index file; nothing for a board without open postings."""
    postings = site.postings
    if not postings:
        return
    by_term: defaultdict[str, array[int]] = defaultdict(_doc_list)
    filters: dict[str, dict[str, array[int]]] = {kind: {} for kind in FILTERS}
    chunk: list[dict[str, Any]] = []
    fields = FieldTerms()
    for doc, (posting, body) in enumerate(zip(postings, body_terms(postings), strict=True)):
        values = filter_values(site, posting)
        for kind, names in values.items():
            for name in dict.fromkeys(names):
                filters[kind].setdefault(name, array("i")).append(doc)
        head = head_terms(posting, values, fields)
        rest = other_terms(posting, values, fields)
        rest.update(body)
        rest -= head
        _add(by_term, head, doc * 2 + 1)
        _add(by_term, rest, doc * 2)
        chunk.append(doc_record(posting))
        if len(chunk) == DOCS_PER_CHUNK:
            yield f"docs/{doc // DOCS_PER_CHUNK}.json", _json(chunk)
            chunk = []
    if chunk:
        yield f"docs/{(len(postings) - 1) // DOCS_PER_CHUNK}.json", _json(chunk)
    compounds: dict[str, list[str]] = {}
    for term in [term for term in by_term if "-" in term]:
        del by_term[term]
        first, second = term.split("-")
        if first + second in by_term:
            compounds[first + second] = [first, second]
    aliases = place_aliases(place for posting in postings for place in posting.locations)
    extra: dict[str, dict[str, dict[str, list[str]]]] = {}
    for kind, table in (("aliases", aliases), ("compounds", compounds)):
        for word, target in table.items():
            extra.setdefault(word[:2], {"aliases": {}, "compounds": {}})[kind][word] = target
    for prefix in sorted(extra):
        yield f"extra/{shard_key(prefix)}.json", _json(extra[prefix])
    shards: list[str] = []
    terms = sorted(by_term)
    for prefix, group in groupby(terms, key=lambda term: term[:2]):
        entries = [(term, _deltas(by_term.pop(term))) for term in group]
        for shard, text in _shards(prefix, entries):
            shards.append(shard)
            yield f"terms/{shard_key(shard)}.json", text
    counts: dict[str, list[list[Any]]] = {}
    for kind in FILTERS:
        names = sorted(filters[kind], key=lambda name: (name.casefold(), name))
        counts[kind] = [[name, len(filters[kind][name])] for name in names]
        of_doc: list[list[int]] = [[] for _ in postings]
        for i, name in enumerate(names):
            for doc in filters[kind][name]:
                of_doc[doc].append(i)
        yield f"filters/{kind}.json", _json(of_doc)
    yield "index.json", _json(
        {
            "version": VERSION,
            "docs": len(postings),
            "chunk": DOCS_PER_CHUNK,
            "maxTerm": MAX_TERM,
            "shards": sorted(shards),
            "extra": sorted(extra),
            "filters": counts,
        }
    )


def _add(by_term: defaultdict[str, array[int]], terms: Collection[str], value: int) -> None:
    """Append value to every term's doc list (looped in C: this is most of the index's time)."""
    deque(map(array.append, map(by_term.__getitem__, terms), repeat(value, len(terms))), maxlen=0)


def _doc_list() -> array[int]:
    return array("i")


def _shards(prefix: str, entries: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """(shard prefix, shard text) for sorted (term, encoded doc list) entries sharing `prefix`."""
    size = sum(len(term) + len(encoded) + 4 for term, encoded in entries)
    if size <= SHARD_LIMIT or all(len(term) == len(prefix) for term, _encoded in entries):
        yield prefix, _shard_text(entries)
        return
    exact = [entry for entry in entries if len(entry[0]) == len(prefix)]
    if exact:
        yield prefix, _shard_text(exact)
    longer = [entry for entry in entries if len(entry[0]) > len(prefix)]
    for child, group in groupby(longer, key=lambda entry: entry[0][: len(prefix) + 1]):
        yield from _shards(child, list(group))


def _shard_text(entries: list[tuple[str, str]]) -> str:
    parts = (f"{_key(term)}:{encoded}" for term, encoded in entries)
    return "{" + ",".join(parts) + "}\n"
