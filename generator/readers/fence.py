"""Front matter whose opening `---` fence is missing: `key: value` lines, then `---`.

Some exports (pythonjobs' files among them) start straight with the keys. Without this the
keys would be read as body text. The block counts as front matter only when every line
before the first `---` line is YAML-like (a top-level `key:` with or without a value, an
indented line, a list item, a comment or a blank line), at least two top-level keys are
there, and something follows the fence; a `Label: value` export with prose before a `---`
rule is not taken for front matter.
"""

from __future__ import annotations

import re

_KEY = re.compile(r"[A-Za-z_][\w-]*:(?:[ \t]|$)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_MIN_KEYS = 2

MISSING_FENCE_WARNING = "front matter has no opening `---` fence: read as front matter anyway (line 1)"


def fenceless_front_matter(text: str) -> tuple[str, str] | None:
    """(the YAML block, the body after its closing fence) when `text` is front matter that
    lacks its opening fence; else None (also for properly fenced front matter)."""
    text = text.removeprefix("\ufeff")
    if not _KEY.match(text):
        return None
    close = _CLOSE.search(text)
    if close is None:
        return None
    head, body = text[: close.start()], text[close.end() :]
    if not body.strip():
        return None
    keys = 0
    for line in head.splitlines():
        if _KEY.match(line):
            keys += 1
        elif line.strip() and line[:1] not in (" ", "\t", "-", "#"):
            return None
    return (head, body) if keys >= _MIN_KEYS else None
