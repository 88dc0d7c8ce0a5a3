"""The preview's folder as an engine target: pages rendered in memory, served in one step.

The first update builds the whole folder as `jobboard build` builds its output (in worker
processes, swapped in at once). Later updates render into memory only the pages whose key
changed; `finish` writes those beside their place without serving them (it runs in the
rebuild's thread), and `serve` renames them into place and deletes the files the site no
longer has (on the thread that answers requests, in milliseconds). The page keys of what
is served are known only after `serve`, so a rebuild that is never served changes nothing.
A patch (engine.patch) renders some pages only: every other served file stays.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator import site_paths
from generator.cache import BuildCache
from generator.engine.report import Report
from generator.write.memory import MemoryWriter
from generator.write.output import SiteWriter
from generator.write.staged_sync import StagedFiles, StagedSync
from generator.write.sync import SyncResult


@dataclass
class _Pending:
    files: StagedFiles
    keys: dict[str, str | None]
    site_key: str | None


class ServedFolder:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._sync = StagedSync(folder)
        self._keys: dict[str, str | None] = {}  # every served site path -> its page key
        self._site_key: str | None = None
        self._pending: _Pending | None = None

    @contextmanager
    def session(self) -> Iterator[None]:
        yield  # the folder is the preview's own: nothing to refuse or lock

    def attach(self, cache: BuildCache | None) -> None:
        pass

    keyed = True  # the keys of the served pages are kept in memory
    patches = True
    last_report: Report | None = None

    def site_key(self) -> str | None:
        return self._site_key

    def early(self) -> None:
        pass

    def cancel(self) -> None:
        pass

    def holds(self, site_key: str | None) -> bool:
        return site_key is not None and site_key == self._site_key and self._pending is None

    def writer(self) -> SiteWriter:
        self.discard()
        if not self._keys:  # nothing served yet: build the folder as `jobboard build` would
            return SiteWriter(self.folder)
        return MemoryWriter({rel: key for rel, key in self._keys.items() if key is not None})

    def finish(
        self, writer: SiteWriter, site_key: str | None, report: Report, *, patch: bool = False
    ) -> list[str]:
        """The first build: swapped in at once. Later ones: staged, served by `serve` (a
        patch's files beside all others served; else the files this update did not make go)."""
        if not isinstance(writer, MemoryWriter):
            changed = writer.changed()
            writer.commit()
            self._keys = {rel: entry.key for rel, entry in writer.files.items()}
            self._sync.forget()
            self._site_key = site_key
            return changed
        paths = writer.paths
        keep_index = not any(site_paths.in_search(rel) for rel in paths)  # a pass without search
        gone: set[str] = set()  # a patch leaves every file it did not render as served
        if not patch:
            index = site_paths.in_search
            gone = {rel for rel in self._keys if rel not in paths and not (keep_index and index(rel))}
        staged = self._sync.stage(writer.files, remove_others=False)  # written beside, not yet served
        staged.remove = sorted(gone)
        keys = {rel: key for rel, key in self._keys.items() if rel not in gone}
        keys.update({rel: writer.keys.get(rel) for rel in paths})
        self._pending = _Pending(staged, keys, site_key)
        return sorted(set(writer.files) | gone)

    @property
    def paths(self) -> set[str]:
        """Every site path served now."""
        return set(self._keys)

    def serve(self) -> SyncResult:
        """Rename what `finish` staged into place and delete what is gone."""
        pending, self._pending = self._pending, None
        if pending is None:
            return SyncResult()
        try:
            result = self._sync.commit(pending.files)
        finally:
            pending.files.discard()  # what a failure left
        self._keys, self._site_key = pending.keys, pending.site_key
        return result

    def discard(self) -> None:
        """Forget a staged update that will not be served."""
        if self._pending is not None:
            self._pending.files.discard()
            self._pending = None
