"""livereload's server and watcher, set up for the preview: watch, debounce, rebuild, reload.

livereload does the websocket, the injection of its script into HTML responses, and the
polling of templates and config, all behind the Host and Origin checks (hosts.py,
guarded.py); the content folder's changes come from the operating system's file events
(folder_events.py). This module decides when to rebuild: a change starts a short quiet
period, further changes restart it, then one rebuild runs and the browsers reload. A
content-only rebuild is followed, once things are quiet, by a "settle" pass that renders
every page and deletes files that are gone.

A rebuild's slow part (reading and rendering) runs in a thread, one at a time; the IOLoop
keeps answering requests from the previous site, and serves the new one in one step when
the rebuild is done (LiveSite.stage and commit). Saves made meanwhile make one rebuild after.
"""

from __future__ import annotations

import errno
import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Callable, Collection
from pathlib import Path

from livereload.handlers import LiveReloadHandler
from livereload.server import LiveScriptInjector
from livereload.watcher import Watcher
from tornado import web
from tornado.ioloop import IOLoop, PeriodicCallback

from generator.preview.folder_events import FolderEvents
from generator.preview.guarded import ForceReload, LiveReloadScript, LiveReloadSocket
from generator.preview.handler import bind_handler
from generator.preview.hosts import AllowedHosts
from generator.preview.live_site import CONFIG, CONTENT, SETTLE, TEMPLATES, LiveSite, Problem, Rebuild, Staged
from generator.preview.pages import live_script
from generator.render.site_pages import site_folders

POLL_SECONDS = 0.05  # how often livereload's watcher looks at the files
QUIET_SECONDS = 0.06  # a rebuild waits until no change was seen for this long (debounce)
SETTLE_SECONDS = 5.0  # after a content rebuild, a full pass (with search indexing) once quiet this long

Log = Callable[[str], None]


class PortUnavailable(Exception):
    """The port cannot be listened on; the message says why and what to do."""


class PreviewWatcher(Watcher):  # type: ignore[misc]  # livereload is untyped (Any)
    """livereload's polling watcher, polled faster; the preview reloads browsers itself."""

    def start(self, callback: Callable[[], None]) -> bool:
        self.poller = PeriodicCallback(callback, POLL_SECONDS * 1000)
        self.poller.start()
        return True  # livereload then starts no poller of its own

    def is_folder_changed(self, path: str, ignore: Callable[[str], bool] | None = None) -> bool:
        """livereload's check of a folder, with one `stat` per file (os.scandir) instead of three,
        so that polling a 10,000-file content folder every 50 ms stays cheap. Symbolic links to
        folders are not followed (the build does not follow them either)."""
        todo = [path]
        while todo:
            try:
                with os.scandir(todo.pop()) as scan:
                    entries = list(scan)
            except OSError:
                continue
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in self.ignored_dirs:
                        todo.append(entry.path)
                    continue
                if not entry.is_file() or self.ignore(entry.path) or (ignore and ignore(entry.path)):
                    continue
                try:
                    mtime = entry.stat().st_mtime
                except OSError:
                    continue
                known = self._task_mtimes.get(entry.path)
                self._new_mtimes[entry.path] = mtime
                if known != mtime and (known is not None or mtime > self._start):
                    self.filepath = entry.path
                    return True
        return False

    def examine(self) -> tuple[str | None, float | None]:
        if self._changes:
            change: tuple[str | None, float | None] = self._changes.pop()  # livereload's, untyped
            return change
        super().examine()  # runs the task of every watched path that changed
        return None, None  # no reload yet: it is sent once the rebuild is done


class PreviewServer:
    def __init__(self, site: LiveSite, log: Log) -> None:
        self.site = site
        self.log = log
        self.watcher = PreviewWatcher()
        LiveReloadHandler.watcher = self.watcher  # livereload keeps these on the class
        LiveReloadHandler.live_css = True
        self._watched: set[str] = set()
        self._events: FolderEvents | None = None
        self._reasons: set[str] = set()
        self._paths: set[str] = set()
        self._exact = True  # every content change since the last rebuild came with its path (events)
        self._rebuild_timer: object | None = None
        self._settle_timer: object | None = None
        self._running = False  # a rebuild is running in its thread
        self._settle_owed = False  # a quick pass changed the site since the last full one
        logging.getLogger("tornado.access").setLevel(logging.CRITICAL)  # no line per request

    def listen(self, host: str, port: int) -> int:
        """Start listening (nothing is served before `run`); the port, also when 0 picked it."""
        tries = 5 if port == 0 else 1
        for attempt in range(tries):
            chosen = port
            try:
                chosen = port or _free_port(host)
                self.application(host, chosen).listen(chosen, address=host)
                return chosen
            except OSError as err:
                if err.errno == errno.EADDRINUSE and attempt + 1 < tries:
                    continue  # another process took the free port first
                raise PortUnavailable(_why(err, host, chosen)) from err
        raise AssertionError("unreachable")

    def application(self, host: str, port: int) -> web.Application:
        """livereload's routes (websocket, /forcereload, livereload.js) and the site, each behind
        the Host and Origin checks (hosts.py), with livereload's script injected into HTML."""
        checks = {"hosts": AllowedHosts(host), "url": url_of(host, port)}

        class InjectScript(LiveScriptInjector):  # type: ignore[misc]  # livereload is untyped (Any)
            script = live_script()

        return web.Application(
            [
                (r"/livereload", LiveReloadSocket, checks),
                (r"/forcereload", ForceReload, checks),
                (r"/livereload.js", LiveReloadScript, checks),
                (r"/(.*)", bind_handler(self.site), {**checks, "path": str(self.site.folder)}),
            ],
            transforms=[InjectScript],
        )

    def watch_sources(self) -> None:
        """The content folder, the template folders and the config file (also before it exists).

        The content folder, which may hold thousands of files, is watched through the
        operating system's file events; the few template files and the config file, and the
        content folder when events cannot be had, by livereload's polling watcher."""
        if self._events is None and self.site.content.is_dir():
            self._events = FolderEvents(self.site.content, self._content_changed, self._events_failed)
            self._events.start()
        elif self._events is None:
            self._watch(self.site.content, CONTENT)
        for folder in [*self.site.template_folders(), *site_folders(self.site.config)]:
            self._watch(folder, TEMPLATES)
        self._watch(self.site.config_path, CONFIG)

    def _watch(self, path: Path, reason: str) -> None:
        key = str(path.resolve())
        if key not in self._watched:
            self._watched.add(key)
            self.watcher.watch(key, lambda: self._changed(reason))

    def run(self) -> None:
        """Serve until SIGTERM (then return) or Ctrl+C (then raise KeyboardInterrupt, once the
        watchers are stopped)."""
        loop = IOLoop.current()
        signal.signal(signal.SIGTERM, lambda *_: loop.add_callback_from_signal(loop.stop))
        LiveReloadHandler.start_tasks()
        try:
            loop.start()
        finally:
            self.watcher.poller.stop()
            if self._events is not None:
                self._events.stop()

    def _content_changed(self, paths: set[str]) -> None:
        self._paths |= paths
        self._changed(CONTENT, polled=False)

    def _events_failed(self, err: Exception) -> None:
        self.log(f"note: file events unavailable ({err}); polling {self.site.content.as_posix()}/ instead")
        self._exact = False
        self._watch(self.site.content, CONTENT)
        self._changed(CONTENT, polled=False)  # a change may have been missed meanwhile

    def _changed(self, reason: str, *, polled: bool = True) -> None:
        """Called for each change: (re)start the quiet period."""
        self._reasons.add(reason)
        if polled and reason == CONTENT:  # a poll names one changed file, not every one
            self._exact = False
        if polled and self.watcher.filepath:
            self._paths.add(self.watcher.filepath)
        loop = IOLoop.current()
        for timer in (self._rebuild_timer, self._settle_timer):
            if timer is not None:
                loop.remove_timeout(timer)
        self._settle_timer = None
        self._rebuild_timer = loop.call_later(QUIET_SECONDS, self._rebuild)

    def _rebuild(self) -> None:
        """The quiet period is over: rebuild, unless one is running (it starts the next)."""
        self._rebuild_timer = None
        if self._running or not self._reasons:
            return
        reasons, paths, exact = self._reasons, self._paths, self._exact
        self._reasons, self._paths, self._exact = set(), set(), True
        self._start(
            reasons,
            lambda report, was_broken: self._rebuilt(report, reasons, paths, was_broken),
            paths if exact else None,
        )

    def _settle(self) -> None:
        self._settle_timer = None
        if self._running:  # not expected (a change stops the timer); then the next one is full
            self._reasons.add(SETTLE)
            return
        self._start({SETTLE}, lambda report, _was_broken: self._settled(report))

    def _start(
        self,
        reasons: Collection[str],
        then: Callable[[Rebuild, bool], None],
        paths: Collection[str] | None = None,
    ) -> None:
        """Run one rebuild's slow part (LiveSite.stage) in a thread, then, back on the IOLoop,
        serve its result (LiveSite.commit) and call `then` (with whether the site was broken
        before). Requests are answered from the previous site meanwhile; changes seen
        meanwhile are gathered for the next rebuild."""
        self._running = True
        loop = IOLoop.current()
        before = (self.site.problem, self.site.skips)

        def finish(staged: Staged) -> None:
            report = self.site.commit(staged)
            self._running = False
            if report.written or (self.site.problem, self.site.skips) != before:
                LiveReloadHandler.reload_waiters(_reload_path(report.written))
            then(report, before[0] is not None)
            if self._reasons and self._rebuild_timer is None:
                self._rebuild()  # saves made while it ran, their quiet period already over

        def work() -> None:
            try:
                staged = self.site.stage(reasons, paths)
            except Exception as err:  # stage never raises; should it, the error page says so
                staged = Staged(Rebuild(set(reasons)), time.perf_counter(), problem=_failure(err))
            loop.add_callback(finish, staged)

        threading.Thread(target=work, name="rebuild", daemon=True).start()

    def _rebuilt(self, report: Rebuild, reasons: set[str], paths: set[str], was_broken: bool) -> None:
        if CONFIG in reasons:
            self.watch_sources()  # the config may name another template folder
        if report.read or report.gone or report.problem or reasons != {CONTENT}:
            what = _what_changed(report, paths, self.site)
            back = "; the site is back" if was_broken and report.problem is None else ""
            self.log(f"{time.strftime('%H:%M:%S')} {what}: {_outcome(report)}{back}")
        for skip in report.new_skips:
            self.log(f"  skipped {self.site.content.as_posix()}/{skip} (shown in the preview)")
        if report.full and report.problem is None:
            self._settle_owed = False  # a full pass did what the settle pass would
        elif report.changed_site:
            self._settle_owed = True
        if self._settle_owed and not self._reasons:  # else the rebuild to come schedules it
            self._settle_timer = IOLoop.current().call_later(SETTLE_SECONDS, self._settle)

    def _settled(self, report: Rebuild) -> None:
        self._settle_owed = report.problem is not None
        if report.written or report.removed or report.problem:
            self.log(f"{time.strftime('%H:%M:%S')} all pages checked: {_outcome(report)}")


def _failure(err: BaseException) -> Problem:
    return Problem("Build failed", type(err).__name__, str(err))


def _reload_path(written: list[str]) -> str:
    """A stylesheet alone is swapped in place by livereload.js; anything else reloads the page."""
    if written and all(rel.endswith(".css") for rel in written):
        return written[0]
    return "*"


def _what_changed(report: Rebuild, paths: set[str], site: LiveSite) -> str:
    names = [f"{site.content.as_posix()}/{rel}" for rel in report.read + report.gone]
    names += sorted(_relative(p) for p in paths if not Path(p).is_relative_to(site.content.resolve()))
    if not names:
        return "changed"
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"{shown} changed"


def _outcome(report: Rebuild) -> str:
    if report.problem is not None:
        return f"{report.problem} (shown in the browser until it is fixed)"
    return report.summary()


def _relative(path: str) -> str:
    try:
        return Path(path).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


def url_of(host: str, port: int) -> str:
    """The address to open in a browser for a server listening on host:port."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)  # noqa: S104
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def _free_port(host: str) -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def _why(err: OSError, host: str, port: int) -> str:
    if err.errno == errno.EADDRINUSE:
        return (
            f"port {port} on {host} is already in use (another `jobboard serve`?); "
            "stop it or pick another port with --port (--port 0 picks a free one)"
        )
    if err.errno == errno.EACCES:
        return f"not allowed to listen on port {port}; ports below 1024 need privileges, use --port 8000"
    return f"cannot listen on {host}:{port}: {err.strerror or err}"
