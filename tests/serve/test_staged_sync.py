"""StagedSync: a rebuild's files are written beside their place first, and only renamed into
place (and gone files deleted) by `commit`."""

from __future__ import annotations

from pathlib import Path

from generator.write.staged_sync import TEMP_PREFIX, StagedSync


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_nothing_is_served_before_commit_then_everything_at_once(tmp_path: Path) -> None:
    sync = StagedSync(tmp_path)
    first = sync.commit(sync.stage({"index.html": b"one", "jobs/a/index.html": b"a"}, remove_others=True))
    assert sorted(first.written) == ["index.html", "jobs/a/index.html"]
    assert tree(tmp_path) == {"index.html": b"one", "jobs/a/index.html": b"a"}

    (tmp_path / "stray.txt").write_bytes(b"left by someone")
    staged = sync.stage({"index.html": b"two", "jobs/a/index.html": b"a", "jobs/b/index.html": b"b"},
                        remove_others=True)
    shown = {rel: data for rel, data in tree(tmp_path).items() if TEMP_PREFIX not in rel}
    assert shown == {"index.html": b"one", "jobs/a/index.html": b"a", "stray.txt": b"left by someone"}
    assert len([rel for rel in tree(tmp_path) if TEMP_PREFIX in rel]) == 2  # index.html and jobs/b
    result = sync.commit(staged)
    assert sorted(result.written) == ["index.html", "jobs/b/index.html"]  # jobs/a had these bytes
    assert result.removed == ["stray.txt"]
    assert tree(tmp_path) == {"index.html": b"two", "jobs/a/index.html": b"a", "jobs/b/index.html": b"b"}


def test_a_staged_rebuild_that_is_discarded_leaves_nothing(tmp_path: Path) -> None:
    sync = StagedSync(tmp_path)
    sync.commit(sync.stage({"index.html": b"one"}, remove_others=False))
    staged = sync.stage({"index.html": b"two", "new/index.html": b"new"}, remove_others=False)
    staged.discard()
    assert tree(tmp_path) == {"index.html": b"one"}
    # Not committed, so still unknown: the next rebuild writes them.
    again = sync.commit(sync.stage({"index.html": b"two"}, remove_others=False))
    assert again.written == ["index.html"]
