"""The swap of the new site into place: one atomic exchange on Linux; elsewhere two renames,
with a build killed between them put right by the next build."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

import generator.write.output as output_module
from generator.write.output import MARKER, SiteWriter, exchange, recover_output
from tests.build._boards import make_board, quiet_build, tree
from tests.incremental.test_incremental import posting_text

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")


@linux
def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one").write_text("a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two").write_text("b")
    assert exchange(tmp_path / "a", tmp_path / "b")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["two"]
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["one"]


@linux
@pytest.mark.parametrize("cache", [True, False])
def test_the_build_swaps_by_exchange_and_the_output_never_goes_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: bool
) -> None:
    root = make_board(tmp_path)
    quiet_build(root, cache=cache)
    swaps: list[bool] = []
    real = output_module.exchange

    def watched(a: Path, b: Path) -> bool:
        done = real(a, b)
        swaps.append(done and (b / MARKER).is_file())  # the output is there right after
        return done

    monkeypatch.setattr(output_module, "exchange", watched)
    monkeypatch.setattr(output_module, "_second_rename", _never)
    for day in (3, 4):
        (root / "content" / "p1.md").write_text(posting_text(1, 1, 1, day, [day], 0))
        quiet_build(root, cache=cache)
    assert swaps == [True, True]
    _matches_clean(root)
    assert [p.name for p in root.iterdir() if p.name.startswith(".out.")] == []


def _never(*args: object) -> None:
    raise AssertionError("the two-rename swap was used")


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, no clean-up either."""


def _kill_between_the_renames(monkeypatch: pytest.MonkeyPatch) -> None:
    def killed(*args: object) -> None:
        raise Killed

    monkeypatch.setattr(output_module, "exchange", lambda a, b: False)
    monkeypatch.setattr(output_module, "_second_rename", killed)
    monkeypatch.setattr(SiteWriter, "abort", lambda self: None)  # a kill runs no clean-up
    monkeypatch.setattr(SiteWriter, "commit", _commit_without_rescue)


_real_commit = SiteWriter.commit


def _commit_without_rescue(self: SiteWriter) -> None:
    """commit, with its own `except` (which puts the old site back) skipped, as a kill skips it."""
    real_rename = os.rename

    def rename(src: object, dst: object) -> None:
        if Path(str(dst)) == self.output and Path(str(src)).name == "site":
            raise Killed  # the rescue of the old site is not reached after a kill
        real_rename(src, dst)

    output_module.os.rename = rename
    try:
        _real_commit(self)
    finally:
        output_module.os.rename = real_rename


def _matches_clean(root: Path) -> None:
    shutil.rmtree(root / "clean", ignore_errors=True)
    quiet_build(root, "clean", cache=False)
    assert tree(root / "out") == tree(root / "clean")


@pytest.mark.parametrize("cache", [True, False])
def test_a_build_killed_between_the_two_renames_is_put_right_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: bool
) -> None:
    root = make_board(tmp_path)
    quiet_build(root, cache=cache)
    (root / "content" / "p1.md").write_text(posting_text(1, 1, 1, 5, [5], 0))
    with monkeypatch.context() as patch:
        _kill_between_the_renames(patch)
        with pytest.raises(Killed):
            quiet_build(root, cache=cache)
    assert not (root / "out").exists()  # what the kill left: no output folder
    assert [p.name.split("-")[0] for p in root.iterdir() if p.name.startswith(".out.")] != []
    quiet_build(root, cache=cache)
    assert (root / "out" / MARKER).is_file()
    _matches_clean(root)
    assert [p.name for p in root.iterdir() if p.name.startswith(".out.")] == []


def test_recovery_puts_back_the_complete_new_site_else_the_old(tmp_path: Path) -> None:
    out = tmp_path / "out"
    new = tmp_path / ".out.new-x"
    old = tmp_path / ".out.old-y" / "site"
    for folder, text in ((new, "new"), (old, "old")):
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(text)
        (folder / MARKER).write_text("")
    recover_output(out)
    assert (out / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    shutil.rmtree(out)
    partial = tmp_path / ".out.new-z"  # killed while writing: no marker yet
    partial.mkdir()
    (partial / "index.html").write_text("half")
    old.mkdir(parents=True)
    (old / "index.html").write_text("old")
    recover_output(out)
    assert (out / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_recovery_leaves_a_present_output_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("live")
    stale = tmp_path / ".out.new-q"
    stale.mkdir()
    (stale / MARKER).write_text("")
    recover_output(out)
    assert (out / "index.html").read_text() == "live"
    assert not stale.exists()
