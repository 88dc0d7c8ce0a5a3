"""Ctrl+C (SIGINT to the foreground process group, as a terminal sends it) stops `build`, `check`
and `serve` cleanly: exit status 130, no traceback, no process of the command left behind.

The time to exit is printed (run with -s to see it), not asserted.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT

POSTINGS = 2000
START = 2.0  # seconds after starting: reading has begun (or the command is still starting up)


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("interrupt")
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_board.py"), str(POSTINGS), str(folder / "content")],
        check=True,
        capture_output=True,
    )
    return folder


def _interrupt(
    board: Path, args: list[str], after_line: str | None, wait: float, then: Callable[[], None] | None = None
) -> tuple[int, str, float]:
    """Run `jobboard ARGS` in the board, send SIGINT to its process group `wait` seconds after
    a line containing `after_line` (or after start) and `then` (when given) was called; its
    status, output and seconds to exit."""
    env = {**os.environ, "TMPDIR": str(board), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        cwd=board,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: list[str] = []
    seen = threading.Event()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if after_line is not None and after_line in line:
                seen.set()

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        if after_line is not None:
            assert seen.wait(300), f"no line with {after_line!r}: {''.join(lines)}"
        if then is not None:
            then()
        time.sleep(wait)
        assert process.poll() is None, f"it ended before the interrupt: {''.join(lines)}"
        sent = time.perf_counter()
        os.killpg(process.pid, signal.SIGINT)
        status = process.wait(timeout=60)
        seconds = time.perf_counter() - sent
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    reader.join(timeout=5)
    _no_process_left(process.pid)
    print(f"\n{' '.join(args)}: exit {status} {seconds:.2f} s after SIGINT")
    return status, "".join(lines), seconds


def _no_process_left(group: int) -> None:
    for _ in range(100):
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    pytest.fail("a process of the interrupted command is still running")


def _assert_clean(status: int, output: str) -> None:
    assert status == 130, output
    assert "Traceback" not in output, output
    assert "KeyboardInterrupt" not in output, output
    assert "Process " not in output, output  # multiprocessing's header of a worker's traceback
    assert "Warning" not in output, output  # e.g. the resource tracker's about leaked semaphores
    assert output.rstrip().splitlines()[-1].startswith("interrupted; "), output


def test_build_interrupted_while_reading(board: Path) -> None:
    status, output, _ = _interrupt(board, ["build", "--no-cache", "--output", "out"], None, START)
    _assert_clean(status, output)
    assert "the previous site is untouched" in output
    assert not (board / "out").exists()


def test_build_interrupted_while_rendering(board: Path) -> None:
    status, output, _ = _interrupt(board, ["build", "--no-cache", "--output", "out"], "reading: ", 1.0)
    _assert_clean(status, output)
    assert not (board / "out").exists()
    assert not [p for p in board.iterdir() if p.name.startswith(".out.")], "temporary folders removed"


def test_check_interrupted_while_reading(board: Path) -> None:
    status, output, _ = _interrupt(board, ["check", "--no-cache"], None, START)
    _assert_clean(status, output)


def test_serve_interrupted_during_its_first_build(board: Path) -> None:
    status, output, _ = _interrupt(board, ["serve", "--port", "0", "--no-cache"], None, START)
    _assert_clean(status, output)


def test_serve_interrupted_while_serving(board: Path) -> None:
    status, output, _ = _interrupt(board, ["serve", "--port", "0", "--no-cache"], "serving http", 0.3)
    _assert_clean(status, output)
    assert not list(board.glob("jobboard-serve-*")), "the preview folder is out of sight at once"
    for _ in range(600):  # and deleted soon after, by a process of its own
        if not list(board.glob(".jobboard-serve-*")):
            break
        time.sleep(0.1)
    assert not list(board.glob(".jobboard-serve-*"))


def test_serve_interrupted_while_reading_a_save(board: Path) -> None:
    """Ctrl+C while the preview's reading process reads a saved posting: that process and the
    one that starts it are stopped, and their queues freed (no warning about leaked semaphores
    from the resource tracker, seen before the reader waited for its pool to shut down)."""
    posting = sorted((board / "content").rglob("*.md"))[0]
    text = posting.read_text(encoding="utf-8")

    def save() -> None:
        posting.write_text(text + "\nSaved while serving.\n", encoding="utf-8")

    try:
        args = ["serve", "--port", "0", "--no-cache"]
        status, output, _ = _interrupt(board, args, "serving http", 0.3, save)
    finally:
        posting.write_text(text, encoding="utf-8")
    _assert_clean(status, output)


def test_remove_soon_hides_the_folder_at_once_and_deletes_it_after(tmp_path: Path) -> None:
    from generator.background_delete import remove_soon

    folder = tmp_path / "site"
    for n in range(50):
        (folder / f"d{n}").mkdir(parents=True)
        (folder / f"d{n}" / "index.html").write_text("x")
    remove_soon(folder)
    assert not folder.exists()
    for _ in range(300):
        if not list(tmp_path.iterdir()):
            break
        time.sleep(0.05)
    assert not list(tmp_path.iterdir())
