"""`jobboard import SRC... --to DIR`: raw postings -> cleaned Markdown with complete front matter.

Every extracted field is written, `null` where unknown, so a person can correct the
file by hand; the body is the cleaned Markdown (or the sanitized HTML of an HTML posting).
Importing an imported file again gives the same bytes. Existing files are never
overwritten unless `force`.
"""

from __future__ import annotations

import datetime as dt
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.budget import Budget, OverBudget, within
from generator.clock import source_date_epoch
from generator.config import Config
from generator.display import one_line, shown_path
from generator.extract.locations import parse_locations
from generator.model.posting import Origin, Posting
from generator.model.slugs import make_slug
from generator.pipeline import Processed, process_text_full
from generator.readers import PostingError
from generator.readers.decode import decode
from generator.readers.front_matter import looks_like_html
from generator.sources import SourceFile, file_kind, find_sources, os_problem, read_source

Log = Callable[[str], None]


@dataclass
class ImportResult:
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # existed already; not overwritten
    failed: list[str] = field(default_factory=list)  # "source: reason"

    @property
    def ok(self) -> bool:
        return not self.kept and not self.failed


def front_matter(posting: Posting) -> dict[str, Any]:
    """Every metadata field, in a fixed order, as plain YAML values (`None` when unknown)."""
    salary = posting.salary
    locations = list(posting.locations)
    if posting.applicant_countries and "Remote" in locations:
        # Keep "Remote (US)" readable and re-readable: requirements that the places listed
        # do not imply already are written into the Remote entry.
        implied = parse_locations(locations)[2]
        wanted = [c for c in posting.applicant_countries if c not in implied]
        if wanted:
            locations[locations.index("Remote")] = f"Remote ({', '.join(wanted)})"
    stated_date = posting.origins.get("date_posted") is not Origin.BUILD
    return {
        "title": posting.title,
        "company": posting.company,
        "company_url": posting.company_url,
        "locations": locations,
        "remote": posting.remote,
        "employment_type": posting.employment_type,
        "salary_min": _number(salary.min) if salary else None,
        "salary_max": _number(salary.max) if salary else None,
        "currency": salary.currency if salary else None,
        "salary_period": salary.period if salary else None,
        "date_posted": posting.date_posted if stated_date else None,
        "valid_through": posting.valid_through,
        "apply_url": posting.apply_url,
        "source_url": posting.source_url,
        "tags": list(posting.tags),
        "draft": posting.draft,
    }


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def render_markdown(processed: Processed) -> str:
    """The imported file: `---` YAML front matter `---`, a blank line, the body."""
    data = front_matter(processed.posting)
    yaml_text = yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100_000
    )
    body = processed.body
    if processed.body_format == "markdown" and looks_like_html(body):
        body = processed.posting.body_html  # read back as HTML: write what the page shows
    body = body.strip("\n")
    return f"---\n{yaml_text}---\n\n{body}\n"


def _target_name(source: SourceFile, taken: set[str]) -> str:
    """`jobs/Senior Dev.txt` -> `jobs/senior-dev.md`: safe, unique names inside DIR."""
    parts = source.rel.split("/")
    folders = [make_slug(p) for p in parts[:-1]]
    stem = parts[-1].rsplit(".", 1)[0] if "." in parts[-1].lstrip(".") else parts[-1]
    base = "/".join([*folders, make_slug(stem)])
    name, n = f"{base}.md", 1
    while name in taken:
        n += 1
        name = f"{base}-{n}.md"
    taken.add(name)
    return name


def _sources(src: Path, max_size: int) -> tuple[list[SourceFile], list[tuple[Path, str]]]:
    """The posting files SRC names, and (path, reason) for each one refused."""
    try:
        info = src.lstat()
    except OSError as err:
        if isinstance(err, FileNotFoundError):
            return [], [(src, "no such file or folder")]
        return [], [(src, os_problem(err))]
    if stat.S_ISLNK(info.st_mode):
        return [], [(src, "symbolic link, not followed")]
    if stat.S_ISDIR(info.st_mode):
        found, rejected = find_sources(src, max_size=max_size)
        return found, [(src / r.rel, r.reason) for r in rejected]
    if not stat.S_ISREG(info.st_mode):
        return [], [(src, f"not a regular file ({file_kind(info.st_mode)})")]
    if info.st_size > max_size:
        return [], [(src, f"file is {info.st_size:,} bytes, over the {max_size:,}-byte limit")]
    return [SourceFile(src.parent, src.name, info)], []


def _process(source: SourceFile, root: Path, fallback: dt.date, max_size: int, budget: Budget) -> Processed:
    """One posting file, read bounded by the size limit and processed under the CPU budget.
    Raises PostingError, OverBudget or OSError."""
    with within(budget, worker=False):
        text = decode(read_source(source.filename, max_size))
        rel = source.path.relative_to(root).as_posix()
        return process_text_full(text, source=rel, fallback_date=fallback)


def import_postings(
    sources: Iterable[Path],
    target: Path,
    *,
    force: bool = False,
    max_size: int = 5_000_000,
    log: Log = print,
    budget: Budget | None = None,
) -> ImportResult:
    """Write each raw posting below `sources` as a Markdown file in `target`.

    Every line logged names files through `shown_path`, so a file name cannot forge one.
    `budget` is each posting's CPU time (the defaults of Config when None)."""
    result = ImportResult()
    if budget is None:
        defaults = Config()
        budget = Budget(defaults.max_read_seconds, defaults.max_read_memory_mib)
    taken: set[str] = set()
    epoch = source_date_epoch()
    fallback = epoch.date() if epoch else dt.date.today()

    def skipped(path: Path, message: str, line: int | None = None) -> None:
        at = f":{line}" if line else ""
        result.failed.append(f"{path}{at}: {message}")
        log(f"skipped {shown_path(path)}{at}: {one_line(message)}")

    for src in sources:
        found, rejected = _sources(src, max_size)
        for path, reason in rejected:
            skipped(path, reason)
        root = src if src.is_dir() else src.parent
        for source in found:
            try:
                processed = _process(source, root, fallback, max_size, budget)
            except OverBudget as err:
                skipped(source.path, err.message)
                continue
            except PostingError as err:
                skipped(source.path, err.message, err.line)
                continue
            except OSError as err:
                skipped(source.path, os_problem(err))
                continue
            except (RecursionError, MemoryError, ValueError) as err:
                skipped(source.path, f"cannot be read: {type(err).__name__}: {err}")
                continue
            path = target / _target_name(source, taken)
            if path.exists() and not force:
                result.kept.append(path)
                log(f"kept {shown_path(path)}: exists already (use --force to overwrite)")
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render_markdown(processed), encoding="utf-8", newline="\n")
            result.written.append(path)
            log(f"wrote {shown_path(path)} (from {shown_path(source.path)})")
    return result
