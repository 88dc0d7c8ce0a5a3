"""`check` on undated postings, postings with no way to apply, fence-less front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.commands.check import check_content, format_text
from generator.config import Config

TODAY = dt.date(2026, 1, 1)
URL = "url: https://tick.example.org/1\n"
BODY = "We restore old clocks and need someone to keep the workshop's stock system running.\n"


def _report(tmp_path: Path, files: dict[str, str], config: Config | None = None) -> dict[str, list[str]]:
    content = tmp_path / "content"
    content.mkdir()
    for name, text in files.items():
        (content / name).write_text(text)
    report = check_content(content, config or Config(), TODAY, cache_dir=tmp_path / ".jobboard-cache")
    return {f.source: [f"{p.severity}: {p.code}: {p.message}" for p in f.problems] for f in report.files}


def test_check_names_the_first_seen_date_and_no_way_to_apply(tmp_path: Path) -> None:
    files = {
        "undated.txt": "Title: Clock Systems Developer\nCompany: Tick Ltd\nLocation: York, UK\n\n" + BODY,
        "dated.md": "---\ntitle: Clockmaker\ndate: 2025-12-20\n" + URL + "---\n\n" + BODY,
    }
    problems = _report(tmp_path, files)
    assert "warning: no-date: date not stated; using first seen 2026-01-01" in problems["undated.txt"]
    assert any(p.startswith("warning: no-apply: no way to apply") for p in problems["undated.txt"])
    assert not any("no-date" in p or "no-apply" in p for p in problems["dated.md"])


def test_check_notes_postings_closed_by_age_and_missing_fence(tmp_path: Path) -> None:
    files = {
        "old.md": "---\ntitle: Clockmaker\ndate: 2025-06-01\n" + URL + "---\n\n" + BODY,
        "nofence.md": "title: Clockmaker\ncompany: Tick Ltd\nurl:\n---\n\nSend a CV to hr@tick-clock.co.uk\n",
    }
    problems = _report(tmp_path, files)
    assert any(p.startswith("note: too-old: older than 60 days") for p in problems["old.md"])
    assert not any("no-apply" in p for p in problems["old.md"])  # closed: nothing to apply to
    assert any(p.startswith("warning: missing-fence:") for p in problems["nofence.md"])
    assert not any("no-apply" in p for p in problems["nofence.md"])


def test_check_text_shows_the_date_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.txt").write_text("Title: Clock Systems Developer\nCompany: Tick Ltd\n\n" + BODY)
    text = format_text(check_content(content, Config(), TODAY))
    assert "  warning: date not stated; using first seen 2026-01-01" in text  # no cache: this build
