"""The preview's watcher sees every kind of change to a content folder, as livereload's does."""

from __future__ import annotations

import os
import time
from pathlib import Path

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
