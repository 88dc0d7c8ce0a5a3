"""Two builds at once on one folder: the second waits, then refuses; never a mixed site."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import generator.write.lock as lock_module
from generator.cache import CACHE_DIR
from generator.clock import build_time
from generator.commands.check import check_content
from generator.config import Config
from generator.write.lock import BuildLocked, Lock, output_lock_path
from tests.build._boards import make_board, options, quiet_build, run_cli, tree
from tests.incremental.test_incremental import posting_text


def test_two_real_builds_at_once_leave_one_complete_site(tmp_path: Path) -> None:
    root = make_board(tmp_path, 40)
    assert run_cli(root, "build").returncode == 0
    for round_ in range(4):
        # Each round changes the board, so both builds have pages to write and swap.
        (root / "content" / f"p{round_}.md").write_text(
            posting_text(round_ % 4, 2, 1, 20 + round_, [round_], 0)
        )
        (root / "content" / f"new{round_}.md").write_text(posting_text(1, round_ % 3, 2, 9, [4, round_], 1))
        first, second = run_cli(root, "build", wait=False), run_cli(root, "build", wait=False)
        outcomes = [(p.wait(timeout=300), *p.communicate()) for p in (first, second)]
        for code, _out, err in outcomes:
            assert "Traceback" not in err
            assert code == 0 or (code == 1 and "another jobboard build is running on output" in err), err
        assert any(code == 0 for code, _o, _e in outcomes)
        shutil.rmtree(root / "clean", ignore_errors=True)
        assert run_cli(root, "build", "--no-cache", "--output", "clean").returncode == 0
        assert tree(root / "output") == tree(root / "clean"), f"round {round_}"
        leftovers = [p.name for p in root.iterdir() if p.name.startswith(".output.")]
        assert leftovers == []


def test_a_build_that_cannot_get_the_lock_says_so_and_touches_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli import main

    root = make_board(tmp_path)
    monkeypatch.chdir(root)
    assert main(["build"]) == 0
    before = tree(root / "output")
    (root / "content" / "p1.md").write_text(posting_text(2, 2, 2, 5, [3, 3], 0))
    monkeypatch.setattr(lock_module, "LOCK_WAIT", 0.2)
    capsys.readouterr()
    with Lock(output_lock_path(Path("output"))) as held:
        assert held.acquire()
        assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"error: another jobboard build is running on output (lock {held.path})"
    assert tree(root / "output") == before
    assert main(["build"]) == 0  # the lock is gone with its holder
    assert tree(root / "output") != before


def test_a_second_builder_waits_for_the_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    root = make_board(tmp_path)
    quiet_build(root)
    held, done = threading.Event(), threading.Event()

    def hold() -> None:  # a lock belongs to the thread that took it
        with Lock(output_lock_path(root / "out")) as lock:
            assert lock.acquire()
            held.set()
            done.wait(0.5)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait()
    monkeypatch.setattr(lock_module, "LOCK_WAIT", 20)
    quiet_build(root)  # waits the half second, then builds
    assert not holder.is_alive()
    monkeypatch.setattr(lock_module, "LOCK_WAIT", 0.1)
    with Lock(output_lock_path(root / "out")) as again:
        assert again.acquire()
        with pytest.raises(BuildLocked):
            quiet_build(root)


def test_a_busy_cache_is_done_without_in_build_and_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_board(tmp_path)
    quiet_build(root)
    monkeypatch.setattr(lock_module, "LOCK_WAIT", 0.1)
    cache = root / ".jobboard-cache"
    with Lock(cache / "lock") as held:
        assert held.acquire()
        log: list[str] = []
        result = quiet_build(root, "other", log=log)
        assert result.processed == 6  # read without the cache
        busy = [line for line in log if "in use by another jobboard command" in line]
        assert len(busy) == 1 and str(cache) in busy[0]
        report = check_content(root / "content", Config(), _today(), cache)
        assert len(report.files) == 6
    quiet_build(root, "clean", cache=False)
    assert tree(root / "other") == tree(root / "clean")


def _today() -> dt.date:
    return build_time().date()


def test_check_holds_the_cache_lock_while_it_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.engine.engine as engine_module  # check reads through the engine

    root = make_board(tmp_path)
    cache = root / CACHE_DIR
    seen = _lock_held_while_reading(monkeypatch, engine_module, cache)
    check_content(root / "content", Config(), _today(), cache)
    assert seen == [False]  # check held it
    assert Lock(cache / "lock").acquire(wait=0)  # and let it go


def test_the_previews_first_build_holds_the_cache_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview's first build goes through the engine (remember_output=False) and so takes the
    cache lock while it reads, and lets it go after."""
    import dataclasses

    import generator.commands.build as build_module
    import generator.engine.engine as engine_module

    root = make_board(tmp_path)
    cache = root / CACHE_DIR
    seen = _lock_held_while_reading(monkeypatch, engine_module, cache)
    preview = dataclasses.replace(options(root, "preview"), remember_output=False)
    build_module.build(preview, Config(), log=lambda _m: None, keep_bodies=True)
    assert seen == [False]
    assert Lock(cache / "lock").acquire(wait=0)


def _lock_held_while_reading(monkeypatch: pytest.MonkeyPatch, module: object, cache: Path) -> list[bool]:
    """Whether the cache lock was held (not free to take) each time `module` read postings."""
    seen: list[bool] = []
    real = module.read_postings_cached  # type: ignore[attr-defined]

    def reading(*args: object, **kwargs: object) -> object:
        probe = Lock(cache / "lock")
        seen.append(probe.acquire(wait=0))
        probe.release()
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "read_postings_cached", reading)
    return seen
