"""Finding posting files in the content folder, and reading one without trusting it.

Every entry of the content folder is either a posting file or a `Rejected` with a reason:
links, FIFOs, devices, sockets, folders that cannot be read, names that are not UTF-8 and
paths over the system's limit are named, never dropped silently. `read_source` reads a
posting's bytes bounded by the size limit, whatever the file became since it was found.
Files matching the board's `ignore` patterns (by default images and office files, see
config.DEFAULT_IGNORE) are not postings: they are left out and counted for one note line.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.config import DEFAULT_IGNORE
from generator.readers.base import PostingError


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


class Unreadable(PostingError):
    """A posting file refused when read: not a regular file any more, or over the size limit."""


def os_problem(err: OSError) -> str:
    """An OSError as the end of a skip line: `path too long`, `cannot be read: permission denied`."""
    if err.errno == errno.ENAMETOOLONG:
        return "path too long"
    reason = err.strerror or type(err).__name__
    return f"cannot be read: {reason[:1].lower()}{reason[1:]}"


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, for `not a regular file (FIFO)`."""
    kinds = (
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISLNK, "symbolic link"),
        (stat.S_ISDIR, "folder"),
    )
    return next((name for test, name in kinds if test(mode)), "not a file")


@dataclass(frozen=True)
class _Ignore:
    """Compiled ignore patterns: those naming a file, and those with `/` naming a path."""

    names: re.Pattern[str] | None
    paths: re.Pattern[str] | None

    def file(self, rel: str) -> bool:
        name = rel.rpartition("/")[2].casefold()
        if self.names is not None and self.names.match(name):
            return True
        return self.paths is not None and self.paths.match(rel.casefold()) is not None

    def folder(self, rel: str) -> bool:
        """`rel` is a folder's path: only patterns with `/` apply (`drafts/`, `old/*`)."""
        return bool(self.paths and self.paths.match(rel.casefold() + "/"))


def _union(patterns: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns)) if patterns else None


@lru_cache(maxsize=8)
def _compiled(patterns: tuple[str, ...]) -> _Ignore:
    folded = [p.casefold().removeprefix("/") for p in patterns]
    return _Ignore(_union([p for p in folded if "/" not in p]), _union([p for p in folded if "/" in p]))


def is_ignored(rel: str, patterns: Sequence[str]) -> bool:
    """Does a file at `rel` (relative to the content folder) match one of the ignore patterns?"""
    return _compiled(tuple(patterns)).file(rel)


def ignored_note(ignored: Sequence[str], content: str = "content") -> str | None:
    """The one line saying which files the ignore patterns left out, or None for none."""
    if not ignored:
        return None
    shown = ", ".join(ignored[:3]) + (f" and {len(ignored) - 3} more" if len(ignored) > 3 else "")
    files = "1 file" if len(ignored) == 1 else f"{len(ignored)} files"
    return f"note: {files} in {content} not read as postings (they match `ignore`): {shown}"


def find_sources(
    content: Path,
    *,
    max_size: int,
    ignore: Sequence[str] = DEFAULT_IGNORE,
    ignored: list[str] | None = None,
) -> tuple[list[SourceFile], list[Rejected]]:
    """Every posting file below `content`, sorted; hidden files and folders are ignored,
    and so are files matching the `ignore` patterns (their paths, a folder's with a
    trailing `/`, are added to `ignored` when it is given).

    Symbolic links are never followed (a link could point outside the content folder),
    nothing that is not a regular file is ever opened (reading a FIFO blocks), and files
    over `max_size` bytes are rejected with a reason. One `stat` per file: the preview and
    the build use `SourceFile.stat` instead of asking again.
    """
    found: list[SourceFile] = []
    rejected: list[Rejected] = []
    left_out: list[str] = []
    patterns = _compiled(tuple(ignore))
    todo = [(content, "")]
    while todo:
        folder, prefix = todo.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as err:
            problem = os_problem(err)
            if problem != "path too long":
                problem = problem.replace("cannot be read", "folder cannot be read", 1)
            rejected.append(Rejected(prefix.rstrip("/") or ".", problem))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            if not _is_utf8(entry.name):  # the site, its cache and jobs.json hold names as UTF-8
                rejected.append(Rejected(rel, "file name is not valid UTF-8"))
                continue
            try:
                if entry.is_symlink():
                    rejected.append(Rejected(rel, "symbolic link, not followed"))
                    continue
                info = entry.stat(follow_symlinks=False)
            except OSError as err:
                rejected.append(Rejected(rel, os_problem(err)))
                continue
            if stat.S_ISDIR(info.st_mode):
                if patterns.folder(rel):
                    left_out.append(rel + "/")
                else:
                    todo.append((folder / entry.name, rel + "/"))
            elif patterns.file(rel):
                left_out.append(rel)
            elif not stat.S_ISREG(info.st_mode):
                rejected.append(Rejected(rel, f"not a regular file ({file_kind(info.st_mode)})"))
            elif info.st_size > max_size:
                too_big = f"file is {info.st_size:,} bytes, over the {max_size:,}-byte limit"
                rejected.append(Rejected(rel, too_big))
            else:
                found.append(SourceFile(folder, rel, info))  # no Path per file: made when asked
    found.sort(key=lambda s: s.rel)
    rejected.sort(key=lambda r: r.rel)
    if ignored is not None:
        ignored.extend(sorted(left_out))
    return found, rejected


def _is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # os.fsdecode kept bytes that are not UTF-8 as surrogates
        return False
    return True


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)  # a file replaced by a link since the scan is not followed
    | getattr(os, "O_NONBLOCK", 0)  # ... and one replaced by a FIFO does not block the open
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_source(path: str | os.PathLike[str], max_size: int) -> bytes:
    """A posting file's bytes, never more than `max_size`.

    The size at the scan is no promise: the file may have grown, or been replaced by a
    link, a FIFO or a device, since. It is opened without following links or blocking,
    checked to be a regular file, and read up to one byte past the limit. Raises Unreadable
    for what it refuses, OSError when the file cannot be opened or read.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise Unreadable("symbolic link, not followed") from err
        raise
    with open(fd, "rb") as file:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise Unreadable(f"not a regular file ({file_kind(mode)})")
        data = file.read(max_size + 1)
    if len(data) > max_size:
        raise Unreadable(f"file grew past the {max_size:,}-byte limit after it was found")
    return data
