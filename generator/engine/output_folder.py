"""The output folder of `jobboard build` as an engine target: written beside, swapped in at once.

What the cache knows about the output (the manifest of what the last build wrote there and
the key of the site it holds) and about the spare tree beside it (the site before last, kept
in the cache folder so unchanged files need not be written again) is `_TreeState`. Two cache
entries per output folder, each `{"files": manifest, "site": site key}`: the output's and the
spare tree's. After a swap the old output is the spare tree, so its entry is renamed, not
written again (at 100,000 postings a manifest is 15 MB of JSON).
"""

from __future__ import annotations

import errno
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.cache import BuildCache
from generator.engine.options import BuildOptions
from generator.engine.report import Report
from generator.write.lock import lock_output
from generator.write.output import (
    Manifest,
    OutputFailed,
    SiteWriter,
    SpareCheck,
    check_output_dir,
    manifest_from,
    real_folder,
    recover_output,
    tree_matches,
)

_SPARE = "\0spare"  # suffix of the spare tree's cache entry

# Linking a file from the output changes its inode's ctime, so the output's manifest (the
# spare tree's after the swap) no longer proves its bytes unchanged, and the next build
# hashes the file again. Beyond this many links the manifest is stored again instead (at
# 100,000 postings it is 15 MB of JSON; a one-change build links a handful of files).
_RELINKED = 1000


def tree_name(output: Path) -> str:
    """The cache entry of what an output folder holds."""
    return "tree:" + str(output.resolve())


@dataclass
class _TreeState:
    cache: BuildCache | None = None
    name: str = ""
    spare: Path | None = None
    spare_files: Manifest | None = None
    previous: Manifest | None = None
    site: str | None = None  # the site key the output was built from
    report: Report | None = None  # what the build that made the output said

    @property
    def spare_name(self) -> str:
        return self.name + _SPARE


class OutputFolder:
    """`options.output`, replaced atomically by each update that changes it."""

    def __init__(self, options: BuildOptions) -> None:
        self.options = options
        self._tree = _TreeState()
        self._check: SpareCheck | None = None

    @contextmanager
    def session(self) -> Iterator[None]:
        """Refuse an output folder that must not be replaced, lock it, put back a site a killed
        build left half swapped; an OSError from writing the site becomes OutputFailed."""
        options = self.options
        check_output_dir(options.output, content=options.content, project_root=options.project_root)
        with lock_output(options.output):  # BuildLocked after LOCK_WAIT seconds
            check_output_dir(options.output, content=options.content, project_root=options.project_root)
            recover_output(options.output)
            try:
                yield
            except OSError as err:
                if err.errno is None or not _writing(err, options.output, self._tree.cache):
                    raise
                raise OutputFailed(
                    f"cannot write the site for {options.output}: {err.strerror} ({err.filename}); "
                    "the previous site is unchanged"
                ) from err
            finally:
                self.cancel()

    def attach(self, cache: BuildCache | None) -> None:
        """Load what the cache knows of the output and spare trees (changes nothing)."""
        self._tree = _tree_state(cache if self.options.remember_output else None, self.options.output)

    @property
    def keyed(self) -> bool:
        """Are pages kept by their key (is the output remembered in a cache)?"""
        return self._tree.cache is not None

    @property
    def last_report(self) -> Report | None:
        return self._tree.report

    def site_key(self) -> str | None:
        return self._tree.site

    def early(self) -> None:
        """Start making the spare tree hold only what its manifest describes (see SpareCheck),
        while the postings are read (after it, it would compete for the disk)."""
        tree = self._tree
        if (
            self._check is None
            and tree.spare is not None
            and tree.spare_files is not None
            and tree.spare.is_dir()
        ):
            self._check = SpareCheck(tree.spare, tree.spare_files)

    def cancel(self) -> None:
        if self._check is not None:
            self._check.cancel()
            self._check = None

    def holds(self, site_key: str | None) -> bool:
        """True when the last build made the output from inputs with this key, and the output
        still holds exactly what that build wrote: then there is nothing to build."""
        tree = self._tree
        return (
            site_key is not None
            and tree.previous is not None
            and tree.site == site_key
            and tree_matches(self.options.output, tree.previous)
        )

    def writer(self) -> SiteWriter:
        """A writer of the new tree; from here on the spare tree is being changed."""
        tree = self._tree
        if tree.cache is not None:
            tree.cache.delete_state(tree.spare_name)  # its manifest is void until the swap
        check, self._check = self._check, None
        return SiteWriter(
            self.options.output,
            spare=tree.spare,
            spare_files=tree.spare_files,
            previous=tree.previous,
            check=check,
        )

    patches = False  # every update writes a whole tree

    def finish(
        self, writer: SiteWriter, site_key: str | None, report: Report, *, patch: bool = False
    ) -> list[str]:
        """Swap the new tree in and remember it; the site paths whose bytes changed."""
        assert not patch, "an output folder takes whole trees only"
        changed = writer.changed()
        writer.commit()
        tree = self._tree
        if tree.cache is not None:
            if tree.spare is not None and tree.spare.is_dir():  # the old output, now the spare tree
                if writer.relinked > _RELINKED:  # else the next build hashes the few files again
                    tree.cache.put_state(tree.spare_name, {"files": writer.previous})
                else:
                    tree.cache.rename_state(tree.name, tree.spare_name)
            tree.cache.put_state(
                tree.name, {"files": writer.files, "site": site_key, "report": report.to_json()}
            )
        return changed


def _writing(err: OSError, output: Path, cache: BuildCache | None) -> bool:
    """Did the error come from writing the site: a full disk, or a file of the output, of the
    temporary folders beside it, or of the cache's spare tree?"""
    if err.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
        return True
    if not isinstance(err.filename, str):
        return False
    path = Path(err.filename).absolute()
    out = output.resolve()
    if path.parent == out.parent or out.parent in path.parents:
        top = path.relative_to(out.parent).parts[0]
        if top == out.name or top.startswith(f".{out.name}."):
            return True
    return cache is not None and (cache.folder.absolute() / "trees") in path.parents


def _tree_state(cache: BuildCache | None, output: Path) -> _TreeState:
    """What the cache knows of the output and spare trees (changes nothing)."""
    if cache is None:
        return _TreeState()
    out = str(output.resolve())
    name = tree_name(output)
    state = cache.get_state(name)
    previous = manifest_from(state.get("files")) if isinstance(state, dict) else None
    spare_state = cache.get_state(name + _SPARE)
    spare_files = manifest_from(spare_state.get("files")) if isinstance(spare_state, dict) else None
    # The spare tree and the folder holding it must be real folders: a symlink planted in the
    # cache is removed, never followed (see write.output.real_folder).
    spare: Path | None = cache.folder / "trees" / hashlib.sha256(out.encode()).hexdigest()[:16]
    assert spare is not None
    if not real_folder(spare.parent, make=True) or not _same_device(spare.parent, output.resolve().parent):
        spare, spare_files = None, None
    elif not real_folder(spare, make=False):
        spare_files = None
    site = state.get("site") if isinstance(state, dict) and isinstance(state.get("site"), str) else None
    report = Report.from_json(state.get("report")) if isinstance(state, dict) else None
    return _TreeState(cache, name, spare, spare_files, previous, site, report)


def _same_device(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_dev == b.stat().st_dev
    except OSError:
        return False
