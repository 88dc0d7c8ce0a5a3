"""Bring a served folder up to date file by file: write only what changed, drop what is gone.

The preview server serves from a private folder while it rebuilds, so it updates files in
place (each one atomically, by rename) instead of swapping the whole folder like `build`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.write.output import MARKER

TEMP_PREFIX = ".sync-"  # files being written; never part of the site


@dataclass
class SyncResult:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


class FolderSync:
    """Remembers what it last wrote, so unchanged files are neither read nor written again."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._known: dict[str, bytes] = {}

    def forget(self) -> None:
        """The folder was replaced by someone else (a full `build`): compare with the disk again."""
        self._known.clear()

    def sync(self, files: Mapping[str, bytes], *, remove_others: bool) -> SyncResult:
        result = SyncResult()
        for rel, data in files.items():
            if self._known.get(rel) == data:
                continue
            target = self.folder.joinpath(*PurePosixPath(rel).parts)
            if rel not in self._known and same_bytes(target, data):
                self._known[rel] = data
                continue
            _replace(target, data)
            self._known[rel] = data
            result.written.append(rel)
        if remove_others:
            result.removed = self._remove_others(files)
        return result

    def remove(self, paths: Iterable[str]) -> list[str]:
        """Delete these site files where they exist; the ones deleted."""
        removed = []
        for rel in sorted(paths):
            target = self.folder.joinpath(*PurePosixPath(rel).parts)
            self._known.pop(rel, None)
            if target.is_file():
                target.unlink()
                removed.append(rel)
                for parent in target.parents:
                    if parent == self.folder or any(parent.iterdir()):
                        break
                    parent.rmdir()
        return removed

    def _remove_others(self, keep: Mapping[str, bytes]) -> list[str]:
        removed = []
        for folder, dirs, names in os.walk(self.folder, topdown=False):
            base = Path(folder)
            for name in names:
                path = base / name
                rel = path.relative_to(self.folder).as_posix()
                if rel not in keep and rel != MARKER:
                    path.unlink()
                    self._known.pop(rel, None)
                    removed.append(rel)
            for name in dirs:
                try:
                    (base / name).rmdir()  # only succeeds when it is empty
                except OSError:
                    pass
        return sorted(removed)


def same_bytes(path: Path, data: bytes) -> bool:
    """The file holds exactly `data` (false when it cannot be read)."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write_beside(target: Path, data: bytes) -> str:
    """A temporary file in the target's folder (so a rename onto it is atomic) holding `data`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def _replace(target: Path, data: bytes) -> None:
    """Write a file atomically: a reader sees the old bytes or the new ones, never half."""
    temporary = write_beside(target, data)
    try:
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
