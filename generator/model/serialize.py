"""Postings as plain JSON (for the build cache): safe to load, checked before it is trusted."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import fields
from typing import Any

from generator.model.place import Area, Place
from generator.model.posting import Origin, Posting, Salary

_FIELDS = tuple(f.name for f in fields(Posting) if f.name != "slug")
_SALARY_FIELDS = tuple(f.name for f in fields(Salary))
_PLACE_FIELDS = tuple(f.name for f in fields(Place) if f.name != "applicants")
_PLACE_TEXT = ("label", "key")
_PLACE_OPTIONAL = ("locality", "region", "country_code")


class BadEntry(ValueError):
    """A serialized posting that is not exactly what `posting_to_json` writes."""


def _default(value: object) -> object:
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, Salary):
        return {"$salary": [getattr(value, name) for name in _SALARY_FIELDS]}
    if isinstance(value, Place):
        areas = [[area.name, area.country_code] for area in value.applicants]
        return {"$place": [*(getattr(value, name) for name in _PLACE_FIELDS), areas]}
    raise TypeError(f"cannot serialize {type(value).__name__}")


def posting_to_json(posting: Posting) -> str:
    """The posting without its slug (slugs belong to the whole site, not to one file)."""
    data = {name: getattr(posting, name) for name in _FIELDS}
    data["origins"] = {key: str(origin) for key, origin in posting.origins.items()}
    return json.dumps(data, default=_default, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


_FIELD_SET = frozenset(_FIELDS)
_ORIGINS: dict[str, Origin] = {origin.value: origin for origin in Origin}
_TEXT = ("source", "title", "body_html", "body_text")
_OPTIONAL_TEXT = ("company", "company_url", "employment_type", "apply_url", "source_url", "language")
_TEXT_LISTS = ("tags", "warnings")
_FLAGS = ("remote", "draft")
_decode = json.JSONDecoder().decode


def _date(value: object) -> dt.date:
    """A `{"$date": "YYYY-MM-DD"}` object as written by `_default`."""
    if type(value) is not dict or len(value) != 1 or type(value.get("$date")) is not str:
        raise BadEntry("not a date")
    try:
        return dt.date.fromisoformat(value["$date"])
    except ValueError as err:
        raise BadEntry(str(err)) from err


def _salary(value: object) -> Salary:
    if type(value) is not dict or len(value) != 1 or "$salary" not in value:
        raise BadEntry("bad salary")
    values = value["$salary"]
    if type(values) is not list or len(values) != len(_SALARY_FIELDS):
        raise BadEntry("bad salary")
    return Salary(*values)


def _optional_text(value: object) -> bool:
    return value is None or type(value) is str


_PLACES: dict[tuple[object, ...], Place] = {}  # places decoded before, by their values and types
_PLACES_KEPT = 20_000


def _place(value: object) -> Place:
    """A `{"$place": [label, locality, region, country_code, remote, key, areas]}` object.

    The same few hundred places recur over a board's postings: one without applicant areas
    decoded before (its values equal, and of the same types) is taken as it was (places are
    immutable)."""
    if type(value) is not dict or len(value) != 1 or type(value.get("$place")) is not list:
        raise BadEntry("bad place")
    values = value["$place"]
    seen: tuple[object, ...] | None = None
    if values and type(values[-1]) is list and not values[-1]:  # no applicant areas: most places
        seen = (*values[:-1], *map(type, values[:-1]))
        try:
            found = _PLACES.get(seen)
        except TypeError:  # an unhashable value: refused below
            seen = found = None
        if found is not None:
            return found
    place = _checked_place(values)
    if seen is not None and len(_PLACES) < _PLACES_KEPT:
        _PLACES[seen] = place
    return place


def _checked_place(values: list[Any]) -> Place:
    if len(values) != len(_PLACE_FIELDS) + 1:
        raise BadEntry("bad place")
    data = dict(zip(_PLACE_FIELDS, values[:-1], strict=True))
    areas = values[-1]
    if (
        not all(type(data[name]) is str for name in _PLACE_TEXT)
        or not all(_optional_text(data[name]) for name in _PLACE_OPTIONAL)
        or type(data["remote"]) is not bool
        or type(areas) is not list
        or not all(
            type(a) is list and len(a) == 2 and type(a[0]) is str and _optional_text(a[1]) for a in areas
        )
    ):
        raise BadEntry("bad place")
    return Place(**data, applicants=tuple(Area(name, code) for name, code in areas))


def posting_from_json(text: str) -> Posting:
    """Inverse of posting_to_json; raises BadEntry for anything else.

    Checks every field's type: text, optional text, lists of text, flags, dates,
    the salary, the places and the origins; anything posting_to_json would not write is refused.
    """
    try:
        data = _decode(text)
    except (ValueError, TypeError) as err:
        raise BadEntry(str(err)) from err
    if type(data) is not dict or data.keys() != _FIELD_SET:
        raise BadEntry("wrong fields")
    for name in _TEXT:
        if type(data[name]) is not str:
            raise BadEntry(f"{name} is not text")
    for name in _OPTIONAL_TEXT:
        if data[name] is not None and type(data[name]) is not str:
            raise BadEntry(f"{name} is not text")
    for name in _TEXT_LISTS:
        values = data[name]
        if type(values) is not list or not all(type(v) is str for v in values):
            raise BadEntry(f"{name} is not a list of text")
    for name in _FLAGS:
        if type(data[name]) is not bool:
            raise BadEntry(f"{name} is not true or false")
    try:
        data["date_posted"] = _date(data["date_posted"])
    except BadEntry as err:
        raise BadEntry("date_posted is not a date") from err
    if data["valid_through"] is not None:
        data["valid_through"] = _date(data["valid_through"])
    if data["salary"] is not None:
        data["salary"] = _salary(data["salary"])
    if type(data["places"]) is not list:
        raise BadEntry("places is not a list")
    data["places"] = [_place(place) for place in data["places"]]
    origins = data["origins"]
    if type(origins) is not dict:
        raise BadEntry("origins is not a table")
    try:
        data["origins"] = {key: _ORIGINS[value] for key, value in origins.items()}
    except (KeyError, TypeError) as err:
        raise BadEntry(f"unknown origin {err}") from err
    return Posting(**data)
