"""Each posting is read under a budget of CPU time and memory; one that exceeds it, or whose
worker process dies, is skipped with a named line and every other posting builds."""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import signal
from pathlib import Path

import pytest

import generator.pipeline as pipeline
from generator.commands.build import BuildOptions, BuildResult, build
from generator.config import Config, ConfigError, load_config
from generator.parallel import guarded_map
from generator.reading import read_posting
from generator.sources import find_sources

PARENT = os.getpid()
real_repair_text = pipeline.repair_text


def _board(tmp_path: Path, count: int = 40) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    for i in range(count):
        (content / f"job-{i:02}.md").write_text(
            f"---\ntitle: Job {i}\ncompany: Company {i}\n---\n\nJob number {i}, a real description.\n"
        )
    return content


def _bad(content: Path, name: str, word: str) -> None:
    (content / name).write_text(f"---\ntitle: Bad {word}\ncompany: Badco\n---\n\n{word} in the body.\n")


def _build(
    tmp_path: Path, content: Path, config: Config, cache: bool = False
) -> tuple[BuildResult, list[str]]:
    lines: list[str] = []
    options = BuildOptions(
        content=content,
        output=tmp_path / "out",
        project_root=tmp_path,
        cache_dir=tmp_path / ".cache" if cache else None,
    )
    return build(options, config, log=lines.append), lines


def _skips(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("skipped ")]


def _misbehave(monkeypatch: pytest.MonkeyPatch, how: object) -> None:
    """Reading a posting whose text holds a trigger word misbehaves (in the worker process)."""

    def repair_text(text: str) -> str:
        how(text)  # type: ignore[operator]
        return real_repair_text(text)

    monkeypatch.setattr(pipeline, "repair_text", repair_text)


def _spin_in_python(text: str) -> None:
    if "SPIN" in text:
        while True:
            pass


def _spin_in_c(text: str) -> None:
    if "CSPIN" in text:  # one call into C that never returns to the interpreter
        hashlib.pbkdf2_hmac("sha256", b"password", b"salt", 2**31 - 1)


def _allocate(text: str) -> None:
    if "HOG" in text:
        hog = []
        for _ in range(16 * 1024):  # up to 16 GiB, a MiB at a time
            hog.append(bytearray(2**20))


def _die(text: str) -> None:
    if "KILLME" in text and os.getpid() != PARENT:
        os.kill(os.getpid(), signal.SIGKILL)


FAST = Config(max_read_seconds=0.3, max_read_memory_mib=64)


def test_a_posting_that_spins_is_skipped_and_the_others_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = _board(tmp_path)
    _bad(content, "spin.md", "SPIN")
    _misbehave(monkeypatch, _spin_in_python)
    result, lines = _build(tmp_path, content, FAST)
    assert _skips(lines) == ["skipped spin.md: took more than 0.3 s of CPU to read"]
    assert len(result.site.pages) == 40


def test_a_posting_that_spins_in_c_code_is_stopped_by_the_kernel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = _board(tmp_path, 20)
    _bad(content, "spin.md", "CSPIN")
    _misbehave(monkeypatch, _spin_in_c)
    monkeypatch.setattr("generator.budget._KERNEL_GRACE_SECONDS", 0.5)
    result, lines = _build(tmp_path, content, Config(max_read_seconds=0.1))
    assert _skips(lines) == ["skipped spin.md: took more than 0.1 s of CPU to read"]
    assert len(result.site.pages) == 20


def test_a_posting_that_spins_is_skipped_without_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = _board(tmp_path, 3)
    _bad(content, "spin.md", "SPIN")
    _misbehave(monkeypatch, _spin_in_python)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])  # as on Windows
    result, lines = _build(tmp_path, content, FAST)
    assert _skips(lines) == ["skipped spin.md: took more than 0.3 s of CPU to read"]
    assert len(result.site.pages) == 3


def test_a_posting_that_allocates_too_much_is_skipped_and_its_worker_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = _board(tmp_path)
    _bad(content, "hog.md", "HOG")
    _misbehave(monkeypatch, _allocate)
    monkeypatch.setenv("JOBBOARD_WORKERS", "1")  # one worker reads every posting after the hog too
    result, lines = _build(tmp_path, content, Config(max_read_seconds=30, max_read_memory_mib=64))
    assert _skips(lines) == ["skipped hog.md: needed more than 64 MiB of memory to read"]
    assert len(result.site.pages) == 40


def test_a_worker_killed_mid_chunk_loses_only_its_posting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = _board(tmp_path)
    _bad(content, "job-05-kill.md", "KILLME")  # in the middle of the first chunk
    _misbehave(monkeypatch, _die)
    monkeypatch.setenv("JOBBOARD_WORKERS", "2")
    result, lines = _build(tmp_path, content, FAST)
    assert _skips(lines) == ["skipped job-05-kill.md: the process reading it was stopped by SIGKILL"]
    assert len(result.site.pages) == 40


def test_a_worker_killed_once_from_outside_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = _board(tmp_path)
    marker = tmp_path / "killed-once"

    def die_once(text: str) -> None:
        if "Job number 7," in text and not marker.exists():
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)

    _misbehave(monkeypatch, die_once)
    result, lines = _build(tmp_path, content, FAST)
    assert marker.exists() and _skips(lines) == []
    assert len(result.site.pages) == 40


def test_a_skip_over_budget_is_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = _board(tmp_path, 3)
    _bad(content, "spin.md", "SPIN")
    with monkeypatch.context() as patch:
        _misbehave(patch, _spin_in_python)
        _first, lines = _build(tmp_path, content, FAST, cache=True)
    assert _skips(lines) == ["skipped spin.md: took more than 0.3 s of CPU to read"]
    second, lines = _build(tmp_path, content, FAST, cache=True)  # the machine was busy, say
    assert _skips(lines) == [] and len(second.site.pages) == 4


def test_the_preview_reads_a_posting_under_the_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = _board(tmp_path, 1)
    _bad(content, "spin.md", "SPIN")
    _misbehave(monkeypatch, _spin_in_python)
    sources = {s.rel: s for s in find_sources(content, max_size=10_000)[0]}
    skip = read_posting(sources["spin.md"], content, dt.date(2026, 1, 1), FAST)
    assert str(skip) == "spin.md: took more than 0.3 s of CPU to read"
    posting = read_posting(sources["job-00.md"], content, dt.date(2026, 1, 1), FAST)
    assert posting.title == "Job 0" and "a real description" in posting.body_text


def _square_or_die(n: int) -> int:
    if n in (3, 50) and os.getpid() != PARENT:
        os.kill(os.getpid(), signal.SIGKILL)
    return n * n


def test_guarded_map_gives_every_result_in_order_and_loses_only_the_killers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JOBBOARD_WORKERS", "2")
    results = list(guarded_map(_square_or_die, range(100), lost=lambda n, code: (n, code), chunksize=7))
    assert results == [(n, -signal.SIGKILL) if n in (3, 50) else n * n for n in range(100)]


def _fail(n: int) -> int:
    if n == 5:
        raise KeyError("five")
    return n


def test_guarded_map_raises_what_the_function_raises() -> None:
    with pytest.raises(KeyError, match="five"):
        list(guarded_map(_fail, range(10), lost=lambda n, code: n))


def test_the_budgets_are_config_keys(tmp_path: Path) -> None:
    path = tmp_path / "jobboard.toml"
    path.write_text("max_read_seconds = 2.5\nmax_read_memory_mib = 256\n")
    config = load_config(path)
    assert (config.max_read_seconds, config.max_read_memory_mib) == (2.5, 256)
    assert (Config().max_read_seconds, Config().max_read_memory_mib) == (10.0, 1024)
    path.write_text('max_read_seconds = 0\nmax_read_memory_mib = "lots"\n')
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert "'max_read_seconds' must be a number more than 0" in str(err.value)
    assert "'max_read_memory_mib' must be an integer, not str" in str(err.value)


def test_workers_end_when_the_caller_stops_early_under_a_sigterm_handler() -> None:
    # The preview handles SIGTERM; its workers must not inherit a handler that keeps them alive.
    previous = signal.signal(signal.SIGTERM, lambda *_: None)
    try:
        results = guarded_map(_square_or_die, range(100, 200), lost=lambda n, code: n, chunksize=5)
        assert next(results) == 100 * 100
        results.close()  # returns once every worker has ended
    finally:
        signal.signal(signal.SIGTERM, previous)


def _read_in_a_render_worker(n: int) -> int:
    return next(iter(guarded_map(_square_or_die, [n + 100], lost=lambda n, code: -1)))


def test_guarded_map_runs_in_place_inside_a_pool_map_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    # A render worker that finds a body missing from the cache reads the posting again.
    from generator.parallel import pool_map

    monkeypatch.setenv("JOBBOARD_WORKERS", "2")
    assert list(pool_map(_read_in_a_render_worker, range(8), min_items=1, chunksize=2)) == [
        (n + 100) ** 2 for n in range(8)
    ]
