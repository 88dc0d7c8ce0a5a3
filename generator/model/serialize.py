"""Postings as plain JSON (for the build cache): safe to load, checked before it is trusted."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import fields
from typing import Any

from generator.model.posting import Origin, Posting, Salary

_FIELDS = tuple(f.name for f in fields(Posting) if f.name != "slug")
_SALARY_FIELDS = tuple(f.name for f in fields(Salary))


class BadEntry(ValueError):
    """A serialized posting that is not exactly what `posting_to_json` writes."""


def _default(value: object) -> object:
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, Salary):
        return {"$salary": [getattr(value, name) for name in _SALARY_FIELDS]}
    raise TypeError(f"cannot serialize {type(value).__name__}")


def posting_to_json(posting: Posting) -> str:
    """The posting without its slug (slugs belong to the whole site, not to one file)."""
    data = {name: getattr(posting, name) for name in _FIELDS}
    data["origins"] = {key: str(origin) for key, origin in posting.origins.items()}
    return json.dumps(data, default=_default, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _hook(obj: dict[str, Any]) -> object:
    if len(obj) == 1 and "$date" in obj:
        return dt.date.fromisoformat(obj["$date"])
    if len(obj) == 1 and "$salary" in obj:
        values = obj["$salary"]
        if not isinstance(values, list) or len(values) != len(_SALARY_FIELDS):
            raise BadEntry("bad salary")
        return Salary(*values)
    return obj


def posting_from_json(text: str) -> Posting:
    """Inverse of posting_to_json; raises BadEntry for anything else."""
    try:
        data = json.loads(text, object_hook=_hook)
    except (ValueError, TypeError) as err:
        raise BadEntry(str(err)) from err
    if not isinstance(data, dict) or set(data) != set(_FIELDS):
        raise BadEntry("wrong fields")
    for name in ("source", "title", "body_html", "body_text"):
        if not isinstance(data[name], str):
            raise BadEntry(f"{name} is not text")
    if not isinstance(data["date_posted"], dt.date):
        raise BadEntry("date_posted is not a date")
    for name in ("locations", "applicant_countries", "tags", "warnings"):
        if not isinstance(data[name], list) or not all(isinstance(v, str) for v in data[name]):
            raise BadEntry(f"{name} is not a list of text")
    if not isinstance(data["origins"], dict):
        raise BadEntry("origins is not a table")
    try:
        data["origins"] = {key: Origin(value) for key, value in data["origins"].items()}
    except ValueError as err:
        raise BadEntry(str(err)) from err
    return Posting(**data)
