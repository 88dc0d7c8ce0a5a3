"""The preview's watcher sees every kind of change to a content folder, as livereload's does."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from pathlib import Path

from generator.preview.folder_events import FolderEvents
from generator.preview.server import PreviewWatcher


def test_edits_additions_nested_files_and_removals_are_seen(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "sub").mkdir(parents=True)
    (content / "a.md").write_text("a")
    (content / "sub" / "b.md").write_text("b")
    watcher = PreviewWatcher()
    hits: list[str | None] = []
    watcher.watch(str(content), lambda: hits.append(watcher.filepath))
    watcher.examine()  # the first look records every file (written before it started: not changes)
    hits.clear()

    def look() -> list[str | None]:
        hits.clear()
        watcher.examine()
        return list(hits)

    assert look() == []
    later = time.time() + 5
    os.utime(content / "sub" / "b.md", (later, later))
    assert look() == [str(content / "sub" / "b.md")]
    assert look() == []
    (content / "c.md").write_text("new")
    assert look() == [str(content / "c.md")]
    (content / "a.md").unlink()
    assert look() == [str(content / "a.md")]
    (content / "notes.swp").write_text("editor swap file")
    assert look() == []
    assert look() == []


def _events_of(content: Path, steps: list[Callable[[], None]]) -> list[set[str]]:
    """The batches FolderEvents reports while the steps run, each step given time to be seen."""
    batches: list[set[str]] = []

    async def run() -> None:
        events = FolderEvents(content, batches.append, lambda err: batches.append({f"failed: {err}"}))
        events.start()
        await asyncio.sleep(0.3)  # the OS watch is set up
        for step in steps:
            step()
            await asyncio.sleep(0.4)
        events.stop()

    asyncio.run(run())
    return batches


def test_file_events_report_edits_additions_nested_files_and_removals(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "sub").mkdir(parents=True)
    (content / "a.md").write_text("a")
    (content / "sub" / "b.md").write_text("b")
    batches = _events_of(
        content,
        [
            lambda: (content / "sub" / "b.md").write_text("edited"),
            lambda: (content / "c.md").write_text("new"),
            lambda: (content / "a.md").unlink(),
            lambda: (content / "new" / "deep").mkdir(parents=True),
            lambda: (content / "new" / "deep" / "d.md").write_text("in a folder made after the start"),
        ],
    )
    seen = set().union(*batches)
    base = content.resolve()
    for rel in ("sub/b.md", "c.md", "a.md", "new/deep/d.md"):
        assert str(base / rel) in seen, f"{rel} not reported: {batches}"
    assert not any(p.startswith("failed") for p in seen)


def test_file_events_leave_out_hidden_and_editor_files(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / ".git").mkdir(parents=True)
    batches = _events_of(
        content,
        [
            lambda: (content / "notes.swp").write_text("swap"),
            lambda: (content / "a.md~").write_text("backup"),
            lambda: (content / ".hidden.md").write_text("hidden"),
            lambda: (content / ".git" / "index").write_text("git"),
            lambda: (content / "real.md").write_text("a posting"),
        ],
    )
    assert batches == [{str(content.resolve() / "real.md")}]
