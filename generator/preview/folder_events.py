"""The content folder's changes as the operating system reports them (watchfiles: inotify on
Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows), not by polling.

Polling a 10,000-file content folder means one `stat` per file each time: about 100 ms on a
2-core machine, so a 50 ms poll kept a core busy while nothing changed, and a save waited
for the scan to reach its file. Events arrive within milliseconds and cost nothing when idle.

A thread runs watchfiles' loop and hands each batch of changed paths to the server's IOLoop.
When the events cannot be had (no inotify watches left, an unsupported file system), the
thread ends and `on_failure` is called on the IOLoop, so the server can poll instead.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from tornado.ioloop import IOLoop

STEP_MS = 10  # a batch is handed over once no further change came for this long
MAX_BATCH_MS = 200  # and at the latest after this long


class FolderEvents:
    """Calls `on_change(paths)` on the IOLoop for every batch of changed files in `folder`
    (hidden files and folders and editor swap or backup files left out)."""

    def __init__(
        self,
        folder: Path,
        on_change: Callable[[set[str]], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        self.folder = folder.resolve()
        self.on_change = on_change
        self.on_failure = on_failure
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._loop: IOLoop | None = None

    def start(self) -> None:
        """Start watching; the IOLoop current now receives the callbacks."""
        self._loop = IOLoop.current()
        self._thread = threading.Thread(target=self._run, name="content-events", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None

    def _run(self) -> None:
        import watchfiles

        wanted = _Wanted(self.folder)
        try:
            for changes in watchfiles.watch(
                self.folder,
                watch_filter=wanted,
                step=STEP_MS,
                debounce=MAX_BATCH_MS,
                stop_event=self._stop,
                raise_interrupt=False,
            ):
                self._hand_over(self.on_change, {path for _change, path in changes})
        except Exception as err:  # any failure means: poll instead
            if not self._stop.is_set():
                self._hand_over(self.on_failure, err)

    def _hand_over(self, callback: Callable[..., None], value: object) -> None:
        if self._loop is not None:
            self._loop.add_callback(callback, value)


class _Wanted:
    """watchfiles' filter: files the build could read (no hidden parts) and no editor litter."""

    def __init__(self, folder: Path) -> None:
        import watchfiles

        self.prefix = os.path.join(str(folder), "")  # with the trailing separator
        self.default = watchfiles.DefaultFilter()

    def __call__(self, change: object, path: str) -> bool:
        rel = path[len(self.prefix) :] if path.startswith(self.prefix) else os.path.basename(path)
        if any(part.startswith(".") for part in rel.split(os.sep)):
            return False
        return self.default(change, path)  # type: ignore[arg-type]  # a watchfiles.Change (imported lazily)
