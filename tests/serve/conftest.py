"""Start `python -m generator serve` in a subprocess on a free port; always stop it by its pid."""

from __future__ import annotations

import http.client
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import EPOCH, ROOT, SEEDS

STARTUP_SECONDS = 60
CHANGE_SECONDS = 10  # a save must show up in the browser well within this


@dataclass
class Preview:
    """A running `jobboard serve` and its project folder."""

    process: subprocess.Popen[str]
    project: Path
    tmpdir: Path  # TMPDIR of the server: its private site folder is made in here
    port: int = 0
    lines: list[str] = field(default_factory=list)
    _queue: queue.Queue[str] = field(default_factory=queue.Queue)

    @property
    def content(self) -> Path:
        return self.project / "content"

    def request(self, path: str, method: str = "GET") -> tuple[int, str]:
        """A raw HTTP request: the path is sent exactly as given (urllib would normalise it)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            conn.endheaders()
            response = conn.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def wait_for(self, check: Callable[[], bool], what: str, seconds: float = CHANGE_SECONDS) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if check():
                return
            time.sleep(0.05)
        self.read_lines()
        raise AssertionError(f"not within {seconds}s: {what}\nserver said:\n" + "\n".join(self.lines))

    def read_lines(self) -> list[str]:
        while True:
            try:
                self.lines.append(self._queue.get_nowait())
            except queue.Empty:
                return self.lines

    def wait_for_line(self, pattern: str, seconds: float) -> re.Match[str]:
        deadline = time.monotonic() + seconds
        seen = 0
        while time.monotonic() < deadline:
            self.read_lines()
            for line in self.lines[seen:]:
                match = re.search(pattern, line)
                if match:
                    return match
            seen = len(self.lines)
            if self.process.poll() is not None and self._queue.empty():
                break
            time.sleep(0.02)
        raise AssertionError(f"no line matching {pattern!r}; server said:\n" + "\n".join(self.lines))


def start_preview(project: Path, tmpdir: Path, *args: str) -> Preview:
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": EPOCH,
        "TMPDIR": str(tmpdir),
        "PYTHONPATH": str(ROOT),
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", "0", *args],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    preview = Preview(process, project, tmpdir)

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            preview._queue.put(line.rstrip("\n"))

    threading.Thread(target=pump, daemon=True).start()
    return preview


def stop(process: subprocess.Popen[str]) -> None:
    """Terminate the server this test started, by its pid; kill it if it does not stop."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A board folder with the three seed postings in content/."""
    folder = tmp_path / "board"
    shutil.copytree(SEEDS, folder / "content")
    return folder


@pytest.fixture
def preview(project: Path, tmp_path: Path) -> Iterator[Preview]:
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    running = start_preview(project, tmpdir)
    try:
        match = running.wait_for_line(r"serving http://127\.0\.0\.1:(\d+)/", STARTUP_SECONDS)
        running.port = int(match.group(1))
        yield running
    finally:
        stop(running.process)
