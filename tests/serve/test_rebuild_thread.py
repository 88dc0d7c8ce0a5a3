"""A rebuild runs off the server's IOLoop: while one is stuck (a posting that takes long to
read), every request is answered from the previous site; saves made meanwhile make one more
rebuild, and the new content is served once the rebuild is done."""

from __future__ import annotations

import asyncio
import http.client
import re
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tornado.ioloop import IOLoop

from generator.engine import BuildResult, Changes, Engine
from generator.preview.live_site import LiveSite
from generator.preview.server import PreviewServer
from tests.conftest import SEEDS
from tests.serve.conftest import CHANGE_SECONDS

SEED = "002_b4a7d08fb20e0be7.txt"
MARK = "This posting is for"


@dataclass
class Running:
    site: LiveSite
    server: PreviewServer
    loop: IOLoop
    port: int
    lines: list[str]

    def get(self, path: str) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            return response.status, response.read().decode("utf-8")
        finally:
            conn.close()

    def on_loop(self, func: object) -> object:
        """Run func() on the server's IOLoop and return its result."""
        done: list[object] = []
        ready = threading.Event()

        def call() -> None:
            done.append(func())  # type: ignore[operator]
            ready.set()

        self.loop.add_callback(call)
        assert ready.wait(10)
        return done[0]


def wait_until(check: object, what: str) -> None:
    deadline = time.monotonic() + CHANGE_SECONDS
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"not within {CHANGE_SECONDS}s: {what}"
        time.sleep(0.02)


@pytest.fixture
def running(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Running]:
    """The preview server in this process (so its rebuild can be held), its IOLoop in a thread."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SEEDS, tmp_path / "content")
    lines: list[str] = []
    site = LiveSite(
        content=Path("content"), folder=tmp_path / "serve" / "site", config_path=Path("jobboard.toml"),
        log=lines.append,
    )
    site.first_build()
    started: list[Running] = []
    up = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())
        server = PreviewServer(site, lines.append)
        port = server.listen("127.0.0.1", 0)
        server.watch_sources()
        started.append(Running(site, server, IOLoop.current(), port, lines))
        up.set()
        IOLoop.current().start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert up.wait(30)
    preview = started[0]
    try:
        yield preview
    finally:
        preview.loop.add_callback(preview.loop.stop)
        thread.join(10)
        if preview.server._events is not None:
            preview.server._events.stop()


def posting_path(preview: Running) -> str:
    html = preview.get("/")[1]
    return "/" + next(p for p in re.findall(r'href="(jobs/[^"]+/index\.html)"', html) if "lead-software" in p)


def test_requests_are_answered_from_the_previous_site_while_a_rebuild_is_stuck(
    running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = posting_path(running)
    reading, release = threading.Event(), threading.Event()
    refreshes: list[str] = []
    real_update = Engine.update

    def stuck_update(self: Engine, changes: Changes = Changes(), **kwargs: bool) -> BuildResult:
        if changes.search is False:  # a quick pass; the settle pass, some seconds after, is not counted
            refreshes.append(threading.current_thread().name)
            reading.set()
            assert release.wait(60), "never released"
        return real_update(self, changes, **kwargs)

    monkeypatch.setattr(Engine, "update", stuck_update)
    source = running.site.content / SEED
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace(MARK, f"First edit. {MARK}"), encoding="utf-8")
    assert reading.wait(CHANGE_SECONDS), "the save started no rebuild"

    # The rebuild is held: the server still answers every request, from the site before it.
    for _ in range(5):
        for page in ("/", path, "/static/style.css", "/companies/"):
            status, _body = running.get(page)
            assert status == 200, page
        assert "First edit" not in running.get(path)[1]
    assert not release.is_set()

    # Two more saves while it is held (an edit, a new posting): gathered into one rebuild after it.
    source.write_text(text.replace(MARK, f"Second edit. {MARK}"), encoding="utf-8")
    late = running.site.content / "late.md"
    late.write_text("---\ntitle: Late Night Baker\ncompany: Crumb Works\n---\nBake.\n", encoding="utf-8")

    def both_seen() -> bool:
        paths = running.on_loop(lambda: set(running.server._paths))
        return {Path(p).name for p in paths} >= {SEED, "late.md"}  # type: ignore[attr-defined]

    wait_until(both_seen, "both saves seen")
    assert len(refreshes) == 1
    assert "edit." not in running.get(path)[1]

    release.set()
    wait_until(lambda: "Second edit" in running.get(path)[1], "the later edit served")
    # The held rebuild looks at the file it was started for (as it is now: the second edit);
    # the one after it at both later saves, so the new posting is served then.
    wait_until(lambda: "Late Night Baker" in running.get("/")[1], "the new posting served")
    # The held rebuild, then one for both later saves, and no more.
    wait_until(lambda: len(refreshes) >= 2, "the rebuild for the later saves")

    def idle() -> bool:
        server = running.server
        return bool(running.on_loop(lambda: not server._running and not server._reasons))

    wait_until(idle, "no rebuild running or waiting")
    assert len(refreshes) == 2
    assert all(name != "MainThread" and not name.startswith("asyncio") for name in refreshes)
    assert all(name == "rebuild" for name in refreshes)


def test_a_rebuild_serves_its_result_in_one_step(running: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a request reads (problem, skips, moved pages, files) changes only in `commit`,
    on the IOLoop: a rebuild held after rendering has changed none of it."""
    path = posting_path(running)
    rendered, release = threading.Event(), threading.Event()
    real_stage = LiveSite.stage

    def held_stage(self: LiveSite, reasons: object, paths: object = None) -> object:
        staged = real_stage(self, reasons, paths)  # type: ignore[arg-type]
        rendered.set()
        assert release.wait(60)
        return staged

    monkeypatch.setattr(LiveSite, "stage", held_stage)
    source = running.site.content / SEED
    before = running.get(path)[1]
    broken = running.site.content / "broken.md"
    broken.write_text("---\ntitle: [oops\n---\nText.\n", encoding="utf-8")
    source.write_text(
        source.read_text(encoding="utf-8").replace("title: Lead", "title: Head"), encoding="utf-8"
    )
    assert rendered.wait(CHANGE_SECONDS)
    assert running.get(path) == (200, before)  # the old page, at its old address
    # The new pages wait beside their place under hidden names, which are never served.
    waiting = [p for p in running.site.folder.rglob(".sync-*") if p.is_file()]
    assert waiting
    for file in waiting[:5]:
        assert running.get("/" + file.relative_to(running.site.folder).as_posix())[0] == 404
    assert running.on_loop(lambda: running.site.skips) == []  # no banner for broken.md yet
    assert "jobboard-preview-skips" not in running.get("/")[1]
    release.set()
    wait_until(lambda: running.get(path)[0] == 302, "the renamed posting's old address redirects")
    assert "jobboard-preview-skips" in running.get("/")[1]
