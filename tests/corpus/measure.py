"""Per-source extraction quality on the real-postings corpus (../shared/corpus).

Run as a script to print the table: `python -m tests.corpus.measure`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.clean.text import repair_text
from generator.config import Config
from generator.extract.locations import country_code
from generator.model.posting import Posting
from generator.readers.base import PostingError
from generator.readers.decode import decode
from generator.readers.yaml_safe import load_front_matter
from generator.reading import Skip, read_postings

# Typical UTF-8-read-as-cp1252 sequences, stray BOMs and replacement characters.
MOJIBAKE = re.compile("â€|Ã[\u0080-\u00bf]|ðŸ|ï»¿|Â[\u00a0-\u00bf]|\ufffd|\ufeff")


@dataclass
class SourceStats:
    files: int = 0
    skipped: int = 0
    title: int = 0
    company: int = 0
    location: int = 0
    mojibake: int = 0

    def share(self, count: int) -> float:
        return count / self.files if self.files else 0.0


def has_mojibake(posting: Posting) -> bool:
    text = " ".join([posting.title, posting.company or "", *posting.locations, posting.body_text])
    return MOJIBAKE.search(text) is not None


def measure(content: Path) -> tuple[dict[str, SourceStats], list[Posting], list[Skip]]:
    """Read every posting below `content`; statistics by first folder (the source)."""
    postings, skipped = read_postings(content, Config(), log=lambda _message: None)
    stats: dict[str, SourceStats] = {}
    for path in content.rglob("*"):
        if path.is_file() and len(path.relative_to(content).parts) > 1:
            stats.setdefault(path.relative_to(content).parts[0], SourceStats()).files += 1
    for skip in skipped:
        stats[skip.source.split("/")[0]].skipped += 1
    for posting in postings:
        s = stats[posting.source.split("/")[0]]
        s.title += bool(posting.title.strip())
        s.company += bool(posting.company)
        s.location += bool(posting.locations)
        s.mojibake += has_mojibake(posting)
    return stats, postings, skipped


def table(stats: dict[str, SourceStats]) -> str:
    rows = [
        "| source | files | skipped | title | company | location | mojibake |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, s in sorted(stats.items()):
        rows.append(
            f"| {name} | {s.files} | {s.skipped} | {s.share(s.title):.2f} | {s.share(s.company):.2f} "
            f"| {s.share(s.location):.2f} | {s.share(s.mojibake):.2f} |"
        )
    return "\n".join(rows)


def copy_corpus(corpus: Path, content: Path) -> None:
    """The posting folders of the corpus (not MANIFEST.tsv / SOURCES.md) into `content`."""
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir() and not p.name.startswith(".")):
        shutil.copytree(folder, content / folder.name, symlinks=True)


# --- stated fields: right where the file states them -----------------------------------------

# Front-matter keys a person reads as stating the field (matched case-insensitively).
STATED_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "job_title"),
    "company": ("company", "company_name", "employer", "organization", "organisation"),
    "location": ("location", "locations", "city"),
    "date": ("date_posted", "date", "posted", "created", "post-date", "published"),
}
STATED = tuple(STATED_KEYS)
_FENCE = re.compile(r"\A\ufeff?---[ \t]*\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*$", re.S | re.M)
_BARE_KEY = re.compile(r"\A[A-Za-z_][\w-]*:[ \t]|\A[A-Za-z_][\w-]*:$")
_BARE_CLOSE = re.compile(r"^---[ \t]*$", re.M)
_JSON_LD = re.compile(r"<script[^>]*application/ld\+json[^>]*>(?P<json>.*?)</script\s*>", re.I | re.S)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


@dataclass
class StatedStats:
    """Per source and field: how many files state it, and how many postings got it right."""

    stated: dict[str, int] = dataclasses.field(default_factory=lambda: dict.fromkeys(STATED, 0))
    right: dict[str, int] = dataclasses.field(default_factory=lambda: dict.fromkeys(STATED, 0))
    wrong: list[str] = dataclasses.field(default_factory=list)  # `source: field: stated != built`

    def share(self, name: str) -> float | None:
        return self.right[name] / self.stated[name] if self.stated[name] else None


def stated_fields(text: str) -> dict[str, Any]:
    """What a decoded, repaired file states: front matter first, then its JobPosting JSON-LD.

    Values are normalised for comparison (see `normal`); a location is its first place's first
    part; a date only counts when it can be read one way (ISO, or day and month told apart).
    """
    stated: dict[str, Any] = {}
    head = front_matter_text(text)
    if head is not None:
        try:
            data = load_front_matter(head)
        except PostingError:
            data = {}  # broken YAML states nothing a program can read (the build skips it)
        lower = {str(k).lower(): v for k, v in reversed(list(data.items()))}
        for name, keys in STATED_KEYS.items():
            value = next((lower[k] for k in keys if lower.get(k) not in (None, "", [])), None)
            _state(stated, name, value)
    for m in _JSON_LD.finditer(text):
        try:
            node = json.loads(m["json"])
        except ValueError:
            continue
        if not isinstance(node, dict) or node.get("@type") != "JobPosting":
            continue
        org = node.get("hiringOrganization")
        place = node.get("jobLocation")
        place = place[0] if isinstance(place, list) and place else place
        address = place.get("address") if isinstance(place, dict) else None
        _state(stated, "title", node.get("title"))
        _state(stated, "company", org.get("name") if isinstance(org, dict) else org)
        _state(stated, "location", address.get("addressLocality") if isinstance(address, dict) else None)
        _state(stated, "date", node.get("datePosted"))
        break
    return stated


def front_matter_text(text: str) -> str | None:
    """The YAML between `---` fences, or above the first `---` when the opening fence is
    missing and every line up to it is a `key: value`, indented, comment or blank line."""
    fence = _FENCE.match(text)
    if fence:
        return fence["yaml"]
    close = _BARE_CLOSE.search(text)
    if not _BARE_KEY.match(text) or close is None:
        return None
    head = text[: close.start()]
    lines = head.splitlines()
    if all(_BARE_KEY.match(ln) or ln[:1] in " \t-#" or not ln.strip() for ln in lines):
        return head
    return None


def _state(stated: dict[str, Any], name: str, value: Any) -> None:
    if name in stated or value is None or isinstance(value, dict | bool):
        return
    if isinstance(value, list):
        value = value[0] if value else None
        if value is None or isinstance(value, dict | list):
            return
    if name == "date":
        value = stated_date(value)
    elif name == "location":
        value = (first_part(str(value)), normal(re.split(r"[;\n]", str(value))[0]))
    else:
        value = normal(str(value))
    if value:
        stated[name] = value


def stated_date(value: Any) -> dt.date | None:
    """A date as stated, when it reads one way only."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if m := _ISO_DATE.match(text):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    if m := _NUMERIC_DATE.match(text):
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        if (a > 12) == (b > 12):
            return None  # 2-8-2013: February or August; not stated one way
        day, month = (a, b) if a > 12 else (b, a)
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None


def normal(text: str) -> str:
    """Case, spacing and symbols around a name (`💢Popsa`) do not matter."""
    return _AROUND.sub("", " ".join(text.split()).casefold())


_AROUND = re.compile(r"^[^\w(\[]+|[^\w)\]]+$")


def first_part(place: str) -> str:
    """A place's first part: `San Francisco, CA` -> `san francisco`; `UK - London` as it is."""
    first = re.split(r"[,;/|(\n]", place, maxsplit=1)[0]
    return normal(first)


def built_value(posting: Posting, name: str) -> Any:
    """The built posting's value of a stated field, normalised like `stated_fields`."""
    if name == "title":
        return normal(posting.title)
    if name == "company":
        return normal(posting.company or "")
    if name == "location":
        return [first_part(p) for p in posting.locations] + [normal(c) for c in posting.applicant_countries]
    return posting.date_posted


def is_right(name: str, stated: Any, built: Any) -> bool:
    """Whether the built value is the stated one.

    A location is right when the stated first place's first part is the first part of a built
    place or an applicant country (`United Kingdom (Remote)` is `Remote` for UK applicants),
    the same country by another name (`UK`), or when the first built place is named, as whole
    words, in the stated first place (`UK - London`, `Cambridge or Brighton`).
    """
    if name != "location":
        return stated == built
    part, place = stated
    if not built:
        return False
    if part in built or re.search(rf"(?<!\w){re.escape(built[0])}(?!\w)", place):
        return True
    code = country_code(part)
    return code is not None and any(country_code(b) == code for b in built)


def measure_stated(content: Path) -> dict[str, StatedStats]:
    """Read every posting below `content` as a build does; compare with what each file states."""
    postings, _skipped = read_postings(content, Config(), log=lambda _message: None)
    by_source = {p.source: p for p in postings}
    stats: dict[str, StatedStats] = {}
    for path in sorted(content.rglob("*")):
        if not path.is_file() or len(path.relative_to(content).parts) < 2:
            continue
        rel = path.relative_to(content).as_posix()
        s = stats.setdefault(rel.split("/")[0], StatedStats())
        stated = stated_fields(repair_text(decode(path.read_bytes())))
        posting = by_source.get(rel)
        for name, value in stated.items():
            s.stated[name] += 1
            got = built_value(posting, name) if posting is not None else None
            if got is not None and is_right(name, value, got):
                s.right[name] += 1
            else:
                s.wrong.append(f"{rel}: {name}: stated {value!r}, built {got!r}")
    return stats


def stated_table(stats: dict[str, StatedStats]) -> str:
    """Per source and field: share right of the files that state it (stated count in brackets)."""
    rows = ["| source | " + " | ".join(STATED) + " |", "|---" * (len(STATED) + 1) + "|"]
    for name, s in sorted(stats.items()):
        cells = [
            "-" if s.share(f) is None else f"{s.share(f):.2f} ({s.stated[f]})" for f in STATED
        ]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


if __name__ == "__main__":
    import sys
    import tempfile

    from tests.conftest import CORPUS

    with tempfile.TemporaryDirectory() as tmp:
        copy_corpus(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS, Path(tmp))
        print(table(measure(Path(tmp))[0]))
