"""Employment type text -> schema.org employmentType code.

SPEC: full time / full-time / Vollzeit = FULL_TIME; part time / Teilzeit = PART_TIME;
contract / contractor / freelance = CONTRACTOR; temporary; intern / internship = INTERN;
anything else = OTHER. `permanent` (a duration, usually full time) counts as FULL_TIME
unless part time is stated too (`permanent / part-time` is PART_TIME). When several types
are named, the first one wins (`permanent or B2B` is FULL_TIME).
"""

from __future__ import annotations

import re

from generator.model.posting import EMPLOYMENT_TYPES

_PATTERNS: tuple[tuple[str, str], ...] = (
    ("FULL_TIME", r"full[\s_-]*time|\bfulltime\b|\bft\b|vollzeit|temps\s+plein|tiempo\s+completo"),
    (
        "PART_TIME",
        r"part[\s_-]*time|\bparttime\b|\bpt\b|teilzeit|temps\s+partiel|"
        r"werkstudent|minijob|medio\s+tiempo",
    ),
    (
        "CONTRACTOR",
        r"\bcontract(?:or|ing|s)?\b|free[\s-]?lance(?:r)?|\bb2b\b|\bconsultant\b|"
        r"\b1099\b|\bc2c\b|\bcorp[\s-]to[\s-]corp\b|\bir35\b|\bfreiberuf\w*",
    ),
    (
        "TEMPORARY",
        r"\btemp(?:orary)?\b|fixed[\s-]term|\bseasonal\b|\bbefristet\b|"
        r"\binterim\b|\bper\s+diem\b|\bcdd\b|\blocum\b",
    ),
    (
        "INTERN",
        r"\bintern(?:ship)?s?\b|praktik\w*|\btrainee\w*|\bapprentice\w*|"
        r"\balternance\b|\bco-?op\b|\bausbildung\b",
    ),
)
# Weaker: a duration that implies full time when nothing else is said.
_PERMANENT = re.compile(
    r"\bperm(?:anent)?\b|festanstellung|unbefristet|\bcdi\b|\bregular\b|"
    r"\bsalaried\b",
    re.I,
)

_LABELS = {
    "FULL_TIME": "Full time",
    "PART_TIME": "Part time",
    "CONTRACTOR": "Contract",
    "TEMPORARY": "Temporary",
    "INTERN": "Internship",
    "OTHER": "Other",
}


def match_employment_type(text: str) -> str | None:
    """The type a text names (first mention wins), or None when it names none."""
    text = str(text)
    code = re.sub(r"[\s-]+", "_", text.strip()).upper()
    if code in EMPLOYMENT_TYPES:
        return code
    if code == "CONTRACT":
        return "CONTRACTOR"
    found: dict[str, int] = {}
    for kind, pattern in _PATTERNS:
        match = re.search(pattern, text, re.I)
        if match:
            found[kind] = match.start()
    permanent = _PERMANENT.search(text)
    if permanent and "PART_TIME" not in found:
        found.setdefault("FULL_TIME", permanent.start())
        found["FULL_TIME"] = min(found["FULL_TIME"], permanent.start())
    if not found:
        return None
    return min(found, key=lambda kind: found[kind])


def parse_employment_type(text: str) -> str | None:
    """FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN or OTHER; None for empty text."""
    if not str(text).strip(" \t\r\n-–—.,;:/"):
        return None
    return match_employment_type(text) or "OTHER"


def employment_label(code: str) -> str:
    """Human label for a code: `FULL_TIME` -> `Full time`; unknown codes -> `Other`."""
    return _LABELS.get(str(code).upper(), "Other")
