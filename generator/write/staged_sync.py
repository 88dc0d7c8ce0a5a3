"""FolderSync in two steps, so the preview's IOLoop never waits for a rebuild's writes.

`stage` (in the rebuild's thread) compares the rendered files with what was written before,
writes each changed one to a hidden temporary file beside its place (the preview never serves
hidden names) and lists the files a full pass deletes. `commit` (on the IOLoop) only renames
the temporary files into place and deletes the gone ones: a thousand renames take
milliseconds, where writing a thousand pages took seconds.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.write.output import MARKER
from generator.write.sync import TEMP_PREFIX, FolderSync, SyncResult, same_bytes, write_beside


@dataclass
class StagedFiles:
    """Files written beside their place, not yet renamed into it."""

    renames: list[tuple[str, str, bytes]] = field(default_factory=list)  # (rel, temporary file, bytes)
    same: dict[str, bytes] = field(default_factory=dict)  # found on disk with these bytes already
    remove: list[str] = field(default_factory=list)  # site files a full pass deletes

    def discard(self) -> None:
        for _rel, temporary, _data in self.renames:
            Path(temporary).unlink(missing_ok=True)
        self.renames.clear()


class StagedSync(FolderSync):
    def stage(self, files: Mapping[str, bytes], *, remove_others: bool) -> StagedFiles:
        """Write the changed files to temporary files; the folder as served is not changed."""
        staged = StagedFiles()
        if remove_others:
            staged.remove = self._others(files)
        try:
            for rel, data in files.items():
                if self._known.get(rel) == data:
                    continue
                target = self.folder.joinpath(*PurePosixPath(rel).parts)
                if rel not in self._known and same_bytes(target, data):
                    staged.same[rel] = data
                    continue
                staged.renames.append((rel, write_beside(target, data), data))
        except BaseException:
            staged.discard()
            raise
        return staged

    def commit(self, staged: StagedFiles) -> SyncResult:
        """Rename the staged files into place and delete the gone ones."""
        result = SyncResult()
        self._known.update(staged.same)
        for rel, temporary, data in staged.renames:
            target = self.folder.joinpath(*PurePosixPath(rel).parts)
            os.replace(temporary, target)
            self._known[rel] = data
            result.written.append(rel)
        staged.renames.clear()
        result.removed = self.remove(staged.remove)
        return result

    def _others(self, keep: Mapping[str, bytes]) -> list[str]:
        """The site files on disk that `keep` does not have (besides the folder's marker)."""
        found = []
        for folder, _dirs, names in os.walk(self.folder):
            base = Path(folder)
            for name in names:
                rel = (base / name).relative_to(self.folder).as_posix()
                if rel not in keep and rel != MARKER and not name.startswith(TEMP_PREFIX):
                    found.append(rel)
        return sorted(found)
