"""Fields a reader did not find, taken from labelled lines near the top of the body.

`Location: Berlin` in a body fills the location; a company named only as `About Vanta`
fills the company. Runs after the reader, before extraction.
"""

from __future__ import annotations

from generator.extract.metadata import company_in_body, plain_name
from generator.model.posting import Origin
from generator.readers.base import RawPosting
from generator.readers.labels import find_labels

_MAX_GUESSED_LOCATION = 80


def guess_from_body(raw: RawPosting) -> None:
    """Fill fields the reader did not find from labelled lines in the body (`Location: ...`)."""
    for name, (value, _line) in find_labels(raw.body, limit=40).items():
        if name == "locations" and len(value) > _MAX_GUESSED_LOCATION:
            continue
        if name == "title":
            continue
        if name == "company" and not plain_name(value):
            continue
        raw.set(name, value, Origin.GUESS)
    if not plain_name(raw.get("company")):
        raw.fields.pop("company", None)
        raw.set("company", company_in_body(raw.body), Origin.GUESS)
