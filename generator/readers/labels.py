"""`Label: value` lines (`Title:`, `Company:`, `Location:`, ...), shared by several readers."""

from __future__ import annotations

import re

# Field name -> the labels that introduce it (lower case, without the colon).
LABELS: dict[str, tuple[str, ...]] = {
    "title": ("title", "job title", "position", "role"),
    "company": ("company", "company name", "employer", "organization", "organisation"),
    "locations": (
        "location",
        "locations",
        "job location",
        "city",
        "place",
        "standort",
        "arbeitsort",
        "einsatzort",
    ),
    "employment_type": (
        "employment type",
        "job type",
        "type",
        "contract type",
        "contract",
        "anstellungsart",
        "beschäftigungsart",
    ),
    "salary": ("salary", "compensation", "pay", "salary range", "gehalt", "vergütung"),
    "apply_url": ("apply", "apply at", "apply url", "how to apply", "application"),
    "date": ("posted", "date posted", "date", "published"),
    "valid_through": ("closing date", "deadline", "expires", "valid through", "apply by", "bewerbungsfrist"),
}
_BY_LABEL = {label: name for name, labels in LABELS.items() for label in labels}
_LINE = re.compile(
    r"^[ \t]*(?:[*_]{1,2})?(?P<label>[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß ]{1,24}?)[ \t]*:(?:[*_]{1,2})?"
    r"[ \t]*(?P<value>\S.{0,300}?)[ \t]*$",
    re.M,
)


def find_labels(text: str, *, limit: int = 60) -> dict[str, tuple[str, int]]:
    """Known labelled lines among the first `limit` lines: field -> (value, 1-based line)."""
    found: dict[str, tuple[str, int]] = {}
    head = "\n".join(text.split("\n", limit)[:limit])
    for m in _LINE.finditer(head):
        name = _BY_LABEL.get(m["label"].strip().lower())
        if name and name not in found:
            value = m["value"].strip().strip("*_").strip()
            if value:
                found[name] = (value, head.count("\n", 0, m.start()) + 1)
    return found
