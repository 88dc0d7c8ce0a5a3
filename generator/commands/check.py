"""`jobboard check`: what is missing or suspicious in each posting, and where each field came from.

Reads the content folder exactly as the build does (one engine update that writes nothing),
through the build cache when it is given (a file the cache has is not read again; a file it
does not have is stored there for the next build), and writes nothing else. Severity:

- error: the file cannot be built: exactly the files the build skips (unreadable, invalid
  front matter, no title or description; `buildable.refusal` is the rule both use).
  `check` exits 1 when there is any error.
- warning: the posting is built but a person should look: no company or no location
  (so JSON-LD leaves `hiringOrganization` / `jobLocation` out), no date stated (the
  date the file was first seen is used, see first_seen), no way to apply, a salary, date
  or URL that was not understood, an ambiguous date, an unknown front-matter key, no
  description (a front-matter-only file), a duplicate that the build drops, front matter
  without its opening `---`.
- note: expected states: expired or older than `max_age_days` (page kept, marked closed),
  draft (built only with `--drafts`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from generator.buildable import refusal
from generator.cache import warn_on_stderr
from generator.config import Config
from generator.display import one_line, shown_path
from generator.engine import BuildOptions, Engine
from generator.engine.engine import Nowhere
from generator.first_seen import first_seen_note
from generator.model.posting import Posting

Severity = Literal["error", "warning", "note"]


@dataclass
class Problem:
    severity: Severity
    code: str  # stable identifier for programs, e.g. "missing-company"
    message: str
    line: int | None = None


@dataclass
class FileReport:
    """One posting file: its extracted fields with their origins, and its problems."""

    source: str
    title: str | None = None
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def add(self, severity: Severity, code: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(severity, code, message, line))


@dataclass
class CheckReport:
    files: list[FileReport]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.files for p in f.problems if p.severity == severity)

    @property
    def has_errors(self) -> bool:
        return self.count("error") > 0


def check_content(
    content: Path, config: Config, today: dt.date, cache_dir: Path | None = None
) -> CheckReport:
    """Read every posting of `content` the way the build does and list its problems."""
    options = BuildOptions(content=content, drafts=True, cache_dir=cache_dir)
    with Engine(options, config, lambda _message: None, target=Nowhere(), warn=warn_on_stderr) as engine:
        engine.today = today
        result = engine.update(keep_bodies=True)  # descriptions are checked, and compared for duplicates
    site = result.site
    assert site is not None  # an update that needs its site always returns it
    postings, skipped = site.read, result.skipped
    reports: dict[str, FileReport] = {}
    for skip in skipped:
        report = reports.setdefault(skip.source, FileReport(skip.source))
        report.add("error", "unreadable", skip.message, skip.line)
    dropped = {d.dropped.source: d.kept.source for d in site.duplicates}
    for posting in postings:
        report = _posting_report(posting, today, dropped.get(posting.source), config.max_age_days)
        reports[posting.source] = report
    return CheckReport([reports[key] for key in sorted(reports)])


def _value(posting: Posting, name: str) -> Any:
    if name == "salary":
        s = posting.salary
        return None if s is None else {"min": s.min, "max": s.max, "currency": s.currency, "period": s.period}
    value = getattr(posting, name, None)
    return value.isoformat() if isinstance(value, dt.date) else value


_FIELDS = (
    "title",
    "company",
    "company_url",
    "locations",
    "remote",
    "employment_type",
    "salary",
    "date_posted",
    "valid_through",
    "apply_url",
    "source_url",
    "tags",
)


def _posting_report(
    posting: Posting, today: dt.date, duplicate_of: str | None, max_age_days: int = 0
) -> FileReport:
    report = FileReport(posting.source, posting.title)
    for name in _FIELDS:
        value = _value(posting, name)
        if value in (None, [], False):
            continue
        origin = posting.origins.get(name)
        report.fields[name] = {"value": value, "origin": str(origin) if origin else None}
    if not posting.company:
        report.add("warning", "missing-company", "no company stated (JSON-LD hiringOrganization left out)")
    if not posting.locations and not posting.remote:
        report.add("warning", "missing-location", "no location stated (JSON-LD jobLocation left out)")
    if not posting.apply_url and not posting.is_expired(today, max_age_days):
        message = 'no way to apply: no apply link, e-mail address or "send your CV to" line'
        report.add("warning", "no-apply", message)
    date_note = first_seen_note(posting)
    if date_note is not None:
        report.add("warning", "no-date", date_note)
    problem = refusal(posting)  # the build's own rule; a posting read fresh always passes it
    if problem is not None:
        report.add("error", "not-buildable", problem.message, problem.line)
    elif not posting.body_text.strip():
        report.add("warning", "missing-description", "no description: the page shows the metadata only")
    for warning in posting.warnings:
        message, line = _line_of(warning)
        report.add("warning", _warning_code(message), message, line)
    if duplicate_of:
        report.add("warning", "duplicate", f"duplicate of {shown_path(duplicate_of)}: same job, not built")
    if posting.is_expired(today):
        report.add("note", "expired", f"expired on {posting.valid_through}: page kept, marked closed")
    elif posting.aged_out(today, max_age_days):
        report.add(
            "note",
            "too-old",
            f"older than {max_age_days} days (max_age_days) and no end date: page kept, marked closed",
        )
    if posting.draft:
        report.add("note", "draft", "draft: built only with --drafts")
    return report


_AT_LINE = re.compile(r"^(?P<message>.*) \(line (?P<line>\d{1,9})\)$", re.S)


def _line_of(warning: str) -> tuple[str, int | None]:
    """`unknown front-matter key 'x' (line 3)` -> the message and its line."""
    m = _AT_LINE.match(warning)
    return (m["message"], int(m["line"])) if m else (warning, None)


def _warning_code(message: str) -> str:
    if message.startswith("unknown front-matter key"):
        return "unknown-key"
    if message.startswith("ambiguous date"):
        return "ambiguous-date"
    if message.startswith("front matter has no opening"):
        return "missing-fence"
    if " not understood" in message:
        return message.split(" not understood", 1)[0].lower().replace(" ", "-") + "-unparsed"
    return "suspicious"


def format_text(report: CheckReport) -> str:
    """One header line per posting (title and field origins), one line per problem."""
    lines: list[str] = []
    for f in report.files:
        source = shown_path(f.source)
        if f.title is None:
            header = f"{source}:"
        else:
            origins = "; ".join(
                f"{name}: {info['origin']}" for name, info in f.fields.items() if info["origin"]
            )
            header = f"{source}: {f.title!r} ({origins})"
        lines.append(header)
        for p in f.problems:
            where = f" (line {p.line})" if p.line else ""
            lines.append(f"  {p.severity}: {one_line(p.message)}{where}")
    lines.append(
        f"{len(report.files)} files: {report.count('error')} errors, "
        f"{report.count('warning')} warnings, {report.count('note')} notes"
    )
    return "\n".join(lines)


def format_json(report: CheckReport) -> str:
    data = {
        "files": [asdict(f) for f in report.files],
        "summary": {
            "files": len(report.files),
            "errors": report.count("error"),
            "warnings": report.count("warning"),
            "notes": report.count("note"),
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
