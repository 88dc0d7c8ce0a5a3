"""`Label: value` lines (`Title:`, `Company:`, `Job URL:`, `Remote: Yes`, ...), shared by several
readers. Which label names which field is field_names' table, the one front matter uses."""

from __future__ import annotations

import re

from generator.readers.field_names import label_field
from generator.readers.field_values import clean_text

# A label: up to 30 letters, spaces, `-`, `_`, `/` or `'` (`Apply-URL`, `Publié le`), then `:`
# and a value; a line longer than about 300 characters is text, not a label. (No lazy part
# is followed by one that can match the same characters: linear time on any line.)
_LINE = re.compile(
    r"^[ \t]*(?:[*_]{1,2})?(?P<label>[^\W\d_][\w '/-]{1,29}?)[ \t]*(?:[*_]{1,2})?:"
    r"(?:[*_]{1,2})?[ \t]*(?P<value>\S[^\n]{0,300})(?:\n|\Z)",
    re.M,
)


def find_labels(text: str, *, limit: int = 60) -> dict[str, tuple[str, int]]:
    """Known labelled lines among the first `limit` lines: field -> (value, 1-based line)."""
    found: dict[str, tuple[str, int]] = {}
    lines = text.split("\n", limit)[:limit]
    head = "\n".join(lines)
    # A match lies in one line (and its "\n"), so matching at each line start that has a
    # `:` finds what `finditer` finds, without trying every character.
    start = 0
    for number, line in enumerate(lines, 1):
        m = _LINE.match(head, start) if ":" in line else None
        start += len(line) + 1
        if m is None:
            continue
        name = label_field(m["label"])
        if name and name not in found:
            value = clean_text(m["value"].strip().strip("*_").strip())
            if value:
                found[name] = (value, number)
    return found
