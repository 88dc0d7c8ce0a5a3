"""A stated remote value (`remote: yes`, `workplace_type: Hybrid`, `Remote: No`) -> a flag.

`hybrid` is not remote: a posting is remote only when it can be done fully away from an
office (SPEC: remote = `jobLocationType: TELECOMMUTE`). Where the location list says
remote, extract.locations decides; this reads a field that says it in one word.
"""

from __future__ import annotations

import re

_YES = frozenset(
    {
        "yes", "y", "true", "1", "remote", "fully remote", "full remote", "100% remote",
        "remote only", "remote first", "remote friendly", "all remote", "work from home",
        "wfh", "telecommute", "anywhere", "ja", "oui", "sí", "si", "homeoffice",
        "home office", "télétravail", "teletravail", "remoto", "teletrabajo",
    }
)  # fmt: skip
_NO = frozenset(
    {
        "no", "n", "false", "0", "on site", "onsite", "in office", "office", "office based",
        "in person", "not remote", "no remote", "nein", "non", "présentiel", "presencial",
        "vor ort",
    }
)  # fmt: skip
# Not fully remote, whatever else the value says (`Remote or hybrid`, `Hybrid (2 days)`).
_PARTLY = re.compile(r"\bhybrid\b|\bpartly\s+remote\b|\bpartial(?:ly)?\s+remote\b|\bflexible\b", re.I)


def remote_flag(value: object) -> bool | None:
    """True (fully remote), False (on site or hybrid), or None when the value says neither."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value) if value in (0, 1) else None
    if not isinstance(value, str):
        return None
    text = " ".join(re.sub(r"[-_]", " ", value).casefold().strip(" .!").split())
    if _PARTLY.search(text):
        return False
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None
