"""Finding posting files in the content folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SourceFile:
    path: Path
    rel: str  # relative to the content folder, forward slashes


@dataclass(frozen=True)
class Rejected:
    rel: str
    reason: str


def find_sources(content: Path, *, max_size: int) -> tuple[list[SourceFile], list[Rejected]]:
    """Every posting file below `content`, sorted; hidden files and folders are ignored.

    Symbolic links are never followed (a link could point outside the content folder),
    and files over `max_size` bytes are rejected with a reason.
    """
    found: list[SourceFile] = []
    rejected: list[Rejected] = []
    for folder, dirs, files in os.walk(content, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder)
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = base / name
            rel = path.relative_to(content).as_posix()
            if path.is_symlink():
                rejected.append(Rejected(rel, "symbolic link, not followed"))
                continue
            if not path.is_file():
                continue
            size = path.stat().st_size
            if size > max_size:
                rejected.append(Rejected(rel, f"file is {size:,} bytes, over the {max_size:,}-byte limit"))
                continue
            found.append(SourceFile(path, rel))
        for d in list(dirs):
            if (base / d).is_symlink():
                rejected.append(
                    Rejected((base / d).relative_to(content).as_posix(), "symbolic link, not followed")
                )
    found.sort(key=lambda s: s.rel)
    return found, rejected
