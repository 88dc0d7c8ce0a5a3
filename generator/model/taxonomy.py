"""One generic grouping mechanism (Hugo's taxonomies) for companies and locations."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
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
    """Terms of one kind (e.g. companies), and which terms each posting belongs to."""

    key: str  # URL folder: "companies"
    title: str  # "Companies"
    singular: str  # "company"
    terms: list[Term]
    _by_posting: dict[str, list[Term]] = field(default_factory=dict, repr=False)

    def terms_of(self, posting: Posting) -> list[Term]:
        return self._by_posting.get(posting.slug, [])


@dataclass(frozen=True)
class TaxonomySpec:
    """How to group postings into one taxonomy."""

    key: str
    title: str
    singular: str
    values: Callable[[Posting], list[str]]
    match_key: Callable[[str], str]
    unknown: str  # the term for postings without a value, e.g. "Company not stated"


def build_taxonomy(
    spec: TaxonomySpec, postings: Iterable[Posting], aliases: Mapping[str, str] = {}
) -> Taxonomy:
    """Group postings (already sorted newest first) into terms of the given spec."""
    alias_by_key = {spec.match_key(a): name for a, name in aliases.items()}
    spellings: dict[str, Counter[str]] = {}
    members: dict[str, list[Posting]] = {}
    order: list[str] = []
    keys_of: dict[str, list[str]] = {}
    for posting in postings:
        names = spec.values(posting) or [spec.unknown]
        seen: set[str] = set()
        for name in names:
            if name == spec.unknown:
                key = "\0unknown"
            else:
                name = alias_by_key.get(spec.match_key(name), name)
                key = spec.match_key(name)
            if key in seen:
                continue
            seen.add(key)
            keys_of.setdefault(posting.slug, []).append(key)
            if key not in members:
                members[key], spellings[key] = [], Counter()
                order.append(key)
            members[key].append(posting)
            spellings[key][name] += 1
    registry = SlugRegistry()
    alias_names = set(alias_by_key.values())
    term_of: dict[str, Term] = {}
    for key in sorted(order, key=lambda k: (k == "\0unknown", k)):
        name = _display_name(spellings[key], alias_names)
        term_of[key] = Term(name, registry.claim(name), key != "\0unknown", members[key])
    by_posting = {slug: [term_of[k] for k in keys] for slug, keys in keys_of.items()}
    return Taxonomy(spec.key, spec.title, spec.singular, list(term_of.values()), by_posting)


def _display_name(spellings: Counter[str], preferred: set[str]) -> str:
    """An alias-table name, else the most frequent spelling that is not all capitals."""
    for name in spellings:
        if name in preferred:
            return name

    def rank(item: tuple[str, int]) -> tuple[bool, int, str]:
        name, count = item
        return (name.isupper() and len(name) > 4, -count, name)

    return min(spellings.items(), key=rank)[0]
