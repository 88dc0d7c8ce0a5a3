"""A typed place of a posting: parsed once, during extraction, and carried by the posting.

Grouping (model.taxonomy), JSON-LD, jobs.json, search and templates read these fields; none
of them parses a location string again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

REMOTE = "Remote"
_KEY_WORD = re.compile(r"[a-z0-9]+")


def text_key(name: str) -> str:
    """Matching key of a place name: case, accents, punctuation and spacing do not matter
    (`München` -> `munchen`)."""
    text = str(name)
    if text.isascii():
        text = text.casefold()
    else:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
        text = text.replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("æ", "ae")
    return " ".join(_KEY_WORD.findall(text.replace("&", " and ")))


@dataclass(frozen=True)
class Place:
    """One location entry: `Tel Aviv, Israel`, `Columbia, MD`, or the remote entry.

    `label` is the normalised text as the posting wrote it (what pages show). `locality`,
    `region` and `country_code` (ISO 3166-1 alpha-2) are schema.org PostalAddress parts, any of
    them unknown. `key` is the grouping key the gazetteer gave (one place however written:
    `Munich, Germany` and `München`); empty when nothing was known, and then the label's
    folded text groups it. The remote entry has `remote` set and, in `applicants`, the
    countries or regions applicants must live in (`Remote (US only)`: the area `US`).
    """

    label: str
    locality: str | None = None
    region: str | None = None
    country_code: str | None = None
    remote: bool = False
    key: str = ""
    applicants: tuple[Area, ...] = ()

    @property
    def group_keys(self) -> tuple[str, ...]:
        """The keys the place is grouped by: the gazetteer's, and its label's text (aliases match it)."""
        own = text_key(self.label)
        return (self.key, own) if self.key and self.key != own else (own,)

    @property
    def located(self) -> bool:
        """True when the place says where on the map it is (any address part known)."""
        return bool(self.locality or self.region or self.country_code)


@dataclass(frozen=True)
class Area:
    """An applicant-location requirement: a country (`country_code` set) or a region (`Europe`)."""

    name: str
    country_code: str | None = None


def remote_place(applicants: tuple[Area, ...] = ()) -> Place:
    """The remote entry, with its applicant areas."""
    return Place(REMOTE, remote=True, key="remote", applicants=applicants)


# How a place name written in the config (an alias: `NYC = New York, NY, USA`) gets its
# grouping key. Extraction installs the gazetteer's (`extract.locations` does on import, so
# the model needs no import of it); until then a name's folded text is its key.
_name_key: Callable[[str], str] = text_key


def use_name_key(function: Callable[[str], str]) -> None:
    """Install the function that gives a place name's grouping key (see `name_key`)."""
    global _name_key
    _name_key = function


def name_key(name: str) -> str:
    """The grouping key of a place name that did not come from a posting (an alias)."""
    return _name_key(name)
