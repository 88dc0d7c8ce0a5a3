"""A SiteWriter that keeps the rendered site in memory (the preview server syncs it to disk)."""

from __future__ import annotations

from pathlib import Path

from generator.write.output import SiteWriter


class MemoryWriter(SiteWriter):
    """Collects `site path -> bytes`; same path checks as SiteWriter, no folder, nothing to commit."""

    renders_in_workers = False  # workers write to disk; this writer only collects bytes

    def __init__(self) -> None:  # no temporary folder: nothing touches the disk
        self.output = self.root = Path()
        self.count = 0
        self.files: dict[str, bytes] = {}

    def reuse(self, rel: str, key: str | None) -> bool:
        return False

    def write(self, rel: str, data: str | bytes, key: str | None = None) -> None:
        self.path_for(rel)  # raises ValueError for unsafe paths
        self.files[rel] = data.encode("utf-8") if isinstance(data, str) else data
        self.count += 1

    def commit(self) -> None:
        pass

    def abort(self) -> None:
        self.files.clear()
