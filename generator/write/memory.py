"""A SiteWriter that keeps the rendered site in memory (the preview server syncs it to disk)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from generator.write.output import SiteWriter


class MemoryWriter(SiteWriter):
    """Collects `site path -> bytes`; same path checks as SiteWriter, no folder, nothing to commit.

    Given the page keys of the files already served (`served_keys`), a page whose key is
    unchanged is not rendered again: it is listed in `kept` instead of `files`. `keys` holds
    the key of every page written or kept.
    """

    renders_in_workers = False  # workers write to disk; this writer only collects bytes

    def __init__(self, served_keys: Mapping[str, str] | None = None) -> None:
        # No temporary folder: nothing touches the disk.
        self.output = self.root = Path()
        self.count = 0
        # bytes, not SiteWriter's manifest entries: every method here that reads them is its own,
        # and callers tell the two writers apart (served_folder.py).
        self.files: dict[str, bytes] = {}  # type: ignore[assignment]
        self.kept: set[str] = set()
        self.keys: dict[str, str] = {}
        self._served = served_keys or {}

    def reuse(self, rel: str, key: str | None) -> bool:
        if key is None or self._served.get(rel) != key:
            return False
        self.kept.add(rel)
        self.keys[rel] = key
        return True

    def write(self, rel: str, data: str | bytes, key: str | None = None) -> None:
        self.path_for(rel)  # raises ValueError for unsafe paths
        self.files[rel] = data.encode("utf-8") if isinstance(data, str) else data
        if key is not None:
            self.keys[rel] = key
        self.count += 1

    @property
    def paths(self) -> set[str]:
        """Every site path of this render: written or kept."""
        return set(self.files) | self.kept

    def commit(self) -> None:
        pass

    def abort(self) -> None:
        self.files.clear()
