"""Place names for search: the gazetteer's alternate names of the board's places.

A posting in `München` is found by `munich` and one in `Munich` by `münchen`: each place a
posting lists is indexed under its city's own name and its country's display name too
(`place_terms`), and the index ships a small alias table (`place_aliases`): every one-word
alternate name of a city or country the board lists, mapped to the tokens of its own name
(`munchen` -> `munich`, `deutschland` -> `germany`). Only the public functions of
generator/extract/gazetteer.py and generator/extract/locations.py are used, read-only.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from generator.extract import gazetteer
from generator.extract.locations import parse_place
from generator.search.tokens import tokenize


@lru_cache(maxsize=8192)
def _place(name: str) -> tuple[tuple[str, str] | None, str | None]:
    """(the gazetteer city's own name and country code, the country code) of a place."""
    place = parse_place(name)
    if place is None:
        return None, None
    city = place.city
    if city is None and place.locality:
        city = gazetteer.table().city(place.locality, place.country_code)
    return ((city.name, city.country_code) if city else None), place.country_code


@lru_cache(maxsize=8192)
def place_terms(name: str) -> tuple[str, ...]:
    """Extra terms of one place: its city's own name and its country's display name (a
    board's few hundred places recur over its postings: each is looked up once)."""
    city, code = _place(name)
    texts = [city[0]] if city else []
    if code:
        texts.append(gazetteer.table().country_names.get(code, ""))
    return tuple(term for text in texts for term in tokenize(text))


def place_aliases(names: Iterable[str]) -> dict[str, list[str]]:
    """One-word alternate names of the cities and countries of these places -> the tokens
    of their own names (an alias that is its own name's only token is left out)."""
    table = gazetteer.table()
    cities: dict[tuple[str, str], list[str]] = {}
    countries: dict[str, list[str]] = {}
    for name in set(names):
        city, code = _place(name)
        if city:
            cities[city] = tokenize(city[0])
        if code and table.country_names.get(code):
            countries[code] = tokenize(table.country_names[code])
    aliases: dict[str, list[str]] = {}

    def add(alias: str, target: list[str]) -> None:
        if target and tokenize(alias) == [alias] and target != [alias]:
            aliases.setdefault(alias, target)

    for alias, code in sorted(table.countries.items()):
        if code in countries:
            add(alias, countries[code])
    if cities:
        found_names = table.alternate_names({name for name, _code in cities})
        for alias, named in sorted(found_names, key=lambda item: item[0]):
            for found in named:
                target = cities.get((found.name, found.country_code))
                if target:
                    add(alias, target)
                    break
    return aliases
