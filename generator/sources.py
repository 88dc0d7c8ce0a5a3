"""Finding posting files in the content folder."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SourceFile:
    folder: Path  # the folder that holds the file
    rel: str  # relative to the content folder, forward slashes
    stat: os.stat_result = field(compare=False)  # as found (links not followed): size, times

    @property
    def filename(self) -> str:
        """The file's path as a string (cheaper than `path` when only opening the file)."""
        return os.path.join(self.folder, self.rel.rpartition("/")[2])

    @property
    def path(self) -> Path:
        return self.folder / self.rel.rpartition("/")[2]


@dataclass(frozen=True)
class Rejected:
    rel: str
    reason: str


def find_sources(content: Path, *, max_size: int) -> tuple[list[SourceFile], list[Rejected]]:
    """Every posting file below `content`, sorted; hidden files and folders are ignored.

    Symbolic links are never followed (a link could point outside the content folder),
    and files over `max_size` bytes are rejected with a reason. One `stat` per file: the
    preview and the build use `SourceFile.stat` instead of asking again.
    """
    found: list[SourceFile] = []
    rejected: list[Rejected] = []
    todo = [(content, "")]
    while todo:
        folder, prefix = todo.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            if entry.is_symlink():
                rejected.append(Rejected(rel, "symbolic link, not followed"))
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISDIR(info.st_mode):
                todo.append((folder / entry.name, rel + "/"))
            elif not stat.S_ISREG(info.st_mode):
                continue
            elif info.st_size > max_size:
                too_big = f"file is {info.st_size:,} bytes, over the {max_size:,}-byte limit"
                rejected.append(Rejected(rel, too_big))
            else:
                found.append(SourceFile(folder, rel, info))  # no Path per file: made when asked
    found.sort(key=lambda s: s.rel)
    rejected.sort(key=lambda r: r.rel)
    return found, rejected
