"""One generic grouping mechanism (Hugo's taxonomies) for companies and locations."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from generator.model.posting import Posting
from generator.model.slugs import SlugRegistry

_PUNCT = re.compile(r"[\W_]+")


def plain_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive matching key."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() or name
    return _PUNCT.sub(" ", text.casefold()).strip()


_LEGAL_SUFFIX = re.compile(
    r"(?: (?:inc|incorporated|llc|ltd|limited|gmbh|corp|corporation|co|plc|sa|ag|bv|srl|pty))+$"
)


# A word, with the `+` or `#` that ends it (`C++`, `C#`, `F#`, `Notepad++`).
_COMPANY_WORD = re.compile(r"[^\W_]+(?:[+#]+(?![^\W_]))?")


def _company_words(name: str) -> str:
    """Like `plain_key`, but `C++ Co` and `C# Co` keep the `+`/`#` that tell them apart."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() or name
    return " ".join(_COMPANY_WORD.findall(text.casefold()))


@lru_cache(maxsize=65536)  # a company's name repeats over its postings, and builds compare it twice
def company_key(name: str) -> str:
    """`Salesforce, Inc.` and `SALESFORCE` match `Salesforce`; `C++ Co` and `C# Co` stay apart."""
    words = _company_words(name)
    return _LEGAL_SUFFIX.sub("", words) or words


@dataclass
class Term:
    """One group: a company or a location, with its postings (newest first)."""

    name: str
    slug: str
    known: bool = True
    postings: list[Posting] = field(default_factory=list)


@dataclass
class Taxonomy:
    """Terms of one kind (e.g. companies), and which terms each posting belongs to.

    `terms` are in index order: most postings first, then by name; a pinned term (`Remote`)
    first of all, the unknown term (`Location not stated`) last.
    """

    key: str  # URL folder: "companies"
    title: str  # "Companies"
    singular: str  # "company"
    terms: list[Term]
    _by_posting: dict[str, list[Term]] = field(default_factory=dict, repr=False)

    def terms_of(self, posting: Posting) -> list[Term]:
        return self._by_posting.get(posting.slug, [])


@dataclass(frozen=True)
class Value:
    """One value of a posting for a taxonomy: its text, and the keys it is known by.

    Values sharing any key are one group (a company's name key and its web domain; a
    place's gazetteer key and its folded text).
    """

    name: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class TaxonomySpec:
    """How to group postings into one taxonomy."""

    key: str
    title: str
    singular: str
    values: Callable[[Posting], list[Value]]
    match_keys: Callable[[str], tuple[str, ...]]  # the keys of a name as written (for aliases)
    unknown: str  # the term for postings without a value, e.g. "Company not stated"
    pinned: str | None = None  # a key whose term is listed first (`Remote` among locations)


_UNKNOWN = "\0unknown"


class _Groups:
    """Union-find over value keys: every key a value has joins one group."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        root = key
        while self.parent.setdefault(root, root) != root:
            root = self.parent[root]
        while self.parent[key] != root:  # path compression
            self.parent[key], key = root, self.parent[key]
        return root

    def join(self, keys: Sequence[str]) -> None:
        if len(keys) == 1:  # most values: one key, nothing to join
            self.find(keys[0])
            return
        roots = sorted({self.find(k) for k in keys})
        for other in roots[1:]:
            self.parent[other] = roots[0]  # the smallest key leads: the result does not depend on order


def build_taxonomy(
    spec: TaxonomySpec, postings: Iterable[Posting], aliases: Mapping[str, str] = {}
) -> Taxonomy:
    """Group postings (already sorted newest first) into terms of the given spec.

    An alias (`NYC` = `New York, NY, USA`) joins the groups of both names and names the group.
    """
    postings = list(postings)
    groups = _Groups()
    values_of: dict[str, list[Value]] = {}
    for posting in postings:
        values = spec.values(posting)
        values_of[posting.slug] = values
        for value in values:
            groups.join(value.keys)
    present = set(groups.parent)  # keys of the postings' own values
    named: list[tuple[bool, str, str]] = []
    for alias, name in aliases.items():
        alias_keys, name_keys = spec.match_keys(alias), spec.match_keys(name)
        groups.join([*alias_keys, *name_keys])
        named.append((present.isdisjoint(alias_keys), name_keys[0], name))
    # A group takes the name of the first alias written by one of its postings; else of the
    # first alias whose target it is (`Bay Area` and `SF` both lead to San Francisco).
    alias_names: dict[str, str] = {}
    for _unused, key, name in sorted(named, key=lambda item: item[0]):
        alias_names.setdefault(groups.find(key), name)
    spellings: dict[str, Counter[str]] = {}
    members: dict[str, list[Posting]] = {}
    keys_of: dict[str, list[str]] = {}
    for posting in postings:
        seen: set[str] = set()
        for value in values_of[posting.slug] or [Value(spec.unknown, (_UNKNOWN,))]:
            key = _UNKNOWN if value.keys == (_UNKNOWN,) else groups.find(value.keys[0])
            if key in seen:
                continue
            seen.add(key)
            keys_of.setdefault(posting.slug, []).append(key)
            members.setdefault(key, []).append(posting)
            spellings.setdefault(key, Counter())[value.name] += 1
    registry = SlugRegistry()
    term_of: dict[str, Term] = {}
    # Slugs are claimed in key order, not index order: a count that changes moves a term in
    # the index but never changes its URL.
    for key in sorted(members, key=lambda k: (k == _UNKNOWN, k)):
        name = alias_names.get(key) or _display_name(spellings[key])
        term_of[key] = Term(name, registry.claim(name), key != _UNKNOWN, members[key])
    pinned = groups.find(spec.pinned) if spec.pinned in groups.parent else None

    def order(key: str) -> tuple[bool, bool, int, str, str]:
        term = term_of[key]
        return (key == _UNKNOWN, key != pinned, -len(term.postings), term.name.casefold(), term.slug)

    by_posting = {slug: [term_of[k] for k in keys] for slug, keys in keys_of.items()}
    terms = [term_of[k] for k in sorted(term_of, key=order)]
    return Taxonomy(spec.key, spec.title, spec.singular, terms, by_posting)


def _display_name(spellings: Counter[str]) -> str:
    """The most frequent proper spelling: not all capitals (`ACME CORP`) and not all lower
    case (`octoenergy`) while another spelling is written properly."""

    def rank(item: tuple[str, int]) -> tuple[bool, int, str]:
        name, count = item
        shouting = name.isupper() and len(name) > 4
        return (shouting or name.islower(), -count, name)

    return min(spellings.items(), key=rank)[0]
