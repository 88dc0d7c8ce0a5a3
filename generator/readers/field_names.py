"""The names postings give each field, as front-matter keys and as `Label:` lines.

One table serves both: `apply_url:` in front matter and `Apply URL:` in a text export
name the same field. Names are compared after `normalise`: case, `_` / `-` / `.` /
spaces and camelCase are ignored, and a plural `s` on the last word is dropped, so
`Apply-URL`, `apply url`, `applyUrl` and `apply_urls` are all `apply url`.

Within a field the names are in order of preference: when a file states two of them
(`location` and `city`), the first listed wins. A name may fill two fields (`url` is the
apply URL and the source URL).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable

# fmt: off
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "job title", "position", "role", "job name", "titre", "puesto"),
    "company": (
        "company", "company name", "organization", "organisation", "employer",
        "hiring organization", "org", "entreprise", "empresa", "unternehmen", "arbeitgeber",
    ),
    "locations": (
        "location", "job location", "city", "office", "office location", "place", "country",
        "region", "standort", "arbeitsort", "einsatzort", "lieu", "ubicación", "ubicacion",
    ),
    "apply_url": (
        "apply url", "apply", "apply link", "apply here", "apply at", "application url",
        "application link", "application", "how to apply", "job url", "url", "source url",
    ),
    "source_url": ("source url", "url", "job url"),
    "company_url": (
        "company url", "company website", "company site", "company homepage", "org url",
        "organization url", "employer url", "website", "homepage",
    ),
    "employment_type": (
        "employment type", "job type", "type", "contract type", "contract", "anstellungsart",
        "beschäftigungsart", "type de contrat", "tipo de contrato",
    ),
    "remote": (
        "remote", "workplace type", "workplace", "work type", "location type", "job location type",
        "work arrangement", "work model", "work mode", "remote ok", "remote work",
    ),
    "date": (
        "date posted", "date", "posted", "posted on", "posted at", "created", "created at",
        "date created", "post date", "published", "published at", "publication date",
        "veröffentlicht", "veröffentlicht am", "date de publication", "publié le",
        "fecha de publicación",
    ),
    "salary": (
        "salary", "compensation", "pay", "rate", "salary range", "pay range", "base salary",
        "gehalt", "vergütung", "salaire", "rémunération", "salario",
    ),
    "salary_min": ("salary min", "min salary", "minimum salary"),
    "salary_max": ("salary max", "max salary", "maximum salary"),
    "currency": ("currency", "salary currency"),
    "salary_period": ("salary period", "period"),
    "valid_through": (
        "valid through", "expires", "expiry", "expiry date", "expiration date", "deadline",
        "closes", "closing date", "apply by", "bewerbungsfrist",
    ),
    "tags": ("tags", "keywords", "skills"),
    "draft": ("draft",),
    # An address to apply to when no apply URL is stated (extract.apply).
    "contact": (
        "contact", "contact email", "email", "e mail", "apply email", "application email",
        "recruiter email", "contact person", "kontakt", "ansprechpartner", "ansprechpartnerin",
    ),
}
# fmt: on

# Fields a `Label: value` line in the text may fill; the others are front matter only
# (a body line `Draft: yes` or `Skills: ...` is text, not a setting).
LABEL_FIELDS = frozenset(
    {
        "title",
        "company",
        "locations",
        "apply_url",
        "company_url",
        "employment_type",
        "remote",
        "date",
        "salary",
        "valid_through",
        "contact",
    }
)

# Front-matter keys that exports carry and the generator knowingly ignores: `check` does
# not warn about them. (`http` is work-creative's URL scheme, joined to `apply`;
# `description` is the body of a file that has none.)
# fmt: off
IGNORED_KEYS = frozenset(
    {
        "layout", "permalink", "id", "uuid", "guid", "slug", "http", "https", "categories",
        "category", "author", "lang", "language", "image", "logo", "company logo",
        "featured", "sticky", "redirect from", "sitemap", "comments", "updated", "modified",
        "last modified", "updated at", "description", "summary", "excerpt", "source",
    }
)
# fmt: on

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SEPARATORS = re.compile(r"[\s_\-.]+")


@functools.lru_cache(maxsize=4096)
def normalise(name: str) -> str:
    """A name as it is compared: `Apply-URL`, `applyUrl`, `apply_urls` -> `apply url`."""
    words = _SEPARATORS.split(_CAMEL.sub(" ", str(name).strip()).casefold())
    words = [w for w in words if w.strip(" :*")]
    if words:
        last = words[-1].strip(" :*")
        if len(last) > 3 and last.endswith("ies"):
            last = last[:-3] + "y"
        elif len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
            last = last[:-1]
        words[-1] = last
    return " ".join(words)


_BY_NAME: dict[str, tuple[str, ...]] = {}
for _field, _names in FIELD_NAMES.items():
    for _name in _names:
        _key = normalise(_name)
        if _field not in _BY_NAME.get(_key, ()):
            _BY_NAME[_key] = (*_BY_NAME.get(_key, ()), _field)
_PREFERENCE: dict[str, dict[str, int]] = {
    field: {normalise(name): rank for rank, name in reversed(list(enumerate(names)))}
    for field, names in FIELD_NAMES.items()
}
_IGNORED = frozenset(normalise(key) for key in IGNORED_KEYS)
# What a did-you-mean may suggest, as a key is written (`apply_url`).
_SUGGESTIONS: dict[str, str] = {
    key: key.replace(" ", "_") for key in sorted({*_BY_NAME, *_IGNORED}) if key.isascii()
}


def fields_named(name: str) -> tuple[str, ...]:
    """The fields a key or label fills (`Job URL` -> apply_url and source_url), else ()."""
    return _BY_NAME.get(normalise(name), ())


def label_field(label: str) -> str | None:
    """The field a `Label:` line fills, or None (front-matter-only fields are not labels)."""
    return next((f for f in fields_named(label) if f in LABEL_FIELDS), None)


def preference(field: str, name: str) -> int:
    """The rank of a name among a field's names (0 is the first choice)."""
    return _PREFERENCE[field].get(normalise(name), len(_PREFERENCE[field]))


def is_known_key(key: str) -> bool:
    """A front-matter key that fills a field or is knowingly ignored."""
    normal = normalise(key)
    return normal in _BY_NAME or normal in _IGNORED or not normal


def did_you_mean(key: str) -> str | None:
    """The known key an unknown key is probably a misspelling of (`loaction` -> `location`)."""
    close = difflib.get_close_matches(normalise(key), _SUGGESTIONS, n=1, cutoff=0.75)
    return _SUGGESTIONS[close[0]] if close else None


def by_field(pairs: Iterable[tuple[str, object]]) -> dict[str, tuple[str, object]]:
    """Key/value pairs (front matter, in file order) -> field -> (key, value) of the key
    that fills it: the most preferred name, the first of equally named keys (`Location` and
    `location`). Empty values (None, "", []) fill nothing."""
    best: dict[str, tuple[int, str, object]] = {}
    for key, value in pairs:
        if value is None or value == "" or value == []:
            continue
        for field in fields_named(key):
            rank = preference(field, key)
            if field not in best or rank < best[field][0]:
                best[field] = (rank, key, value)
    return {field: (key, value) for field, (_rank, key, value) in best.items()}
