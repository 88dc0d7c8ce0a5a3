"""Rapid saves are debounced into one rebuild; a content rebuild is followed by one settle pass."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from generator.config import Config
from generator.preview import server as server_module
from generator.preview.live_site import CONTENT, SETTLE, TEMPLATES, Rebuild, Staged
from generator.preview.server import PreviewServer


class StubSite:
    """Counts rebuilds instead of doing them."""

    def __init__(self, tmp_path: Path) -> None:
        self.content = tmp_path / "content"
        self.folder = tmp_path / "site"
        self.config_path = tmp_path / "jobboard.toml"
        self.config = Config()
        self.problem = None
        self.skips: list[object] = []
        self.calls: list[set[str]] = []
        self.paths: list[set[str] | None] = []

    def stage(self, reasons: set[str], paths: set[str] | None = None) -> Staged:
        self.calls.append(set(reasons))
        self.paths.append(None if paths is None else set(paths))
        report = Rebuild(set(reasons), read=["a.md"], written=["index.html"], full=SETTLE in reasons)
        return Staged(report, 0.0)

    def commit(self, staged: Staged) -> Rebuild:
        return staged.report

    def template_folders(self) -> list[Path]:
        return []


@pytest.fixture
def timings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server_module, "QUIET_SECONDS", 0.3)
    monkeypatch.setattr(server_module, "SETTLE_SECONDS", 0.3)


def test_a_burst_of_changes_is_one_rebuild_then_one_settle(tmp_path: Path, timings: None) -> None:
    site = StubSite(tmp_path)
    lines: list[str] = []
    preview = PreviewServer(site, lines.append)  # type: ignore[arg-type]

    async def burst() -> None:
        for reason in (CONTENT, CONTENT, TEMPLATES, CONTENT):
            preview._changed(reason)
            await asyncio.sleep(0.02)
        assert site.calls == []  # still quiet-waiting
        await asyncio.sleep(0.45)
        assert site.calls == [{CONTENT, TEMPLATES}]
        await asyncio.sleep(0.4)

    asyncio.run(burst())
    assert site.calls == [{CONTENT, TEMPLATES}, {SETTLE}]
    assert len([line for line in lines if "changed" in line]) == 1


def test_a_change_during_the_quiet_period_of_settling_cancels_it(tmp_path: Path, timings: None) -> None:
    site = StubSite(tmp_path)
    preview = PreviewServer(site, lambda _: None)  # type: ignore[arg-type]

    async def two_edits() -> None:
        preview._changed(CONTENT)
        await asyncio.sleep(0.45)  # first rebuild done, settle pending
        preview._changed(CONTENT)
        await asyncio.sleep(0.45)  # second rebuild done, settle pending again
        await asyncio.sleep(0.4)

    asyncio.run(two_edits())
    assert site.calls == [{CONTENT}, {CONTENT}, {SETTLE}]


def test_without_file_events_the_content_folder_is_polled(tmp_path: Path, timings: None) -> None:
    site = StubSite(tmp_path)
    site.content.mkdir()
    lines: list[str] = []
    preview = PreviewServer(site, lines.append)  # type: ignore[arg-type]

    async def events_fail() -> None:
        preview.watch_sources()
        assert str(site.content.resolve()) not in preview._watched  # events, not polling
        preview._events_failed(OSError("inotify watch limit reached"))
        await asyncio.sleep(0.45)

    asyncio.run(events_fail())
    assert str(site.content.resolve()) in preview._watched
    assert any("polling" in line and "inotify watch limit" in line for line in lines)
    assert site.calls[:1] == [{CONTENT}], "a change missed meanwhile is looked for at once"
    preview._events.stop()  # type: ignore[union-attr]


class SlowStubSite(StubSite):
    """The first rebuild takes a while and changes the site; later ones change nothing."""

    def stage(self, reasons: set[str], paths: set[str] | None = None) -> Staged:
        self.calls.append(set(reasons))
        if len(self.calls) == 1:
            time.sleep(0.3)  # in the rebuild's thread
            return Staged(Rebuild(set(reasons), read=["a.md"], written=["index.html"]), 0.0)
        return Staged(Rebuild(set(reasons), full=SETTLE in reasons), 0.0)


def test_a_save_during_a_rebuild_still_gets_the_settle_pass(tmp_path: Path, timings: None) -> None:
    site = SlowStubSite(tmp_path)
    preview = PreviewServer(site, lambda _: None)  # type: ignore[arg-type]

    async def edit_while_rebuilding() -> None:
        preview._changed(CONTENT)
        await asyncio.sleep(0.4)  # the first rebuild is running (quiet 0.3 s, then 0.3 s of work)
        assert preview._running
        preview._changed(CONTENT)  # a save that turns out to change nothing
        await asyncio.sleep(1.2)

    asyncio.run(edit_while_rebuilding())
    assert site.calls == [{CONTENT}, {CONTENT}, {SETTLE}]


def test_file_events_name_the_saved_files_and_a_poll_names_none(tmp_path: Path, timings: None) -> None:
    """The saved files reach the rebuild (which then looks at them alone) only when file events
    named every change; a poll names one changed file at most, so then the folder is scanned."""
    site = StubSite(tmp_path)
    preview = PreviewServer(site, lambda _: None)  # type: ignore[arg-type]
    saved = {str(site.content / "a.md"), str(site.content / "b.md")}

    async def saves() -> None:
        preview._content_changed({str(site.content / "a.md")})
        preview._content_changed({str(site.content / "b.md")})
        await asyncio.sleep(0.45)
        preview._content_changed({str(site.content / "a.md")})
        preview._changed(CONTENT)  # the poller saw a change too
        await asyncio.sleep(0.45)
        preview._content_changed({str(site.content / "a.md")})  # events again: exact again
        await asyncio.sleep(0.45)

    asyncio.run(saves())
    assert site.calls[:3] == [{CONTENT}, {CONTENT}, {CONTENT}]
    assert site.paths[:3] == [saved, None, {str(site.content / "a.md")}]
