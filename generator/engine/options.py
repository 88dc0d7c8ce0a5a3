"""What an update is asked to do (`BuildOptions`, `Changes`) and what it did (`BuildResult`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.engine.report import Report
from generator.model.site import Site
from generator.reading import Skip


@dataclass(frozen=True)
class BuildOptions:
    content: Path = Path("content")
    output: Path = Path("output")
    drafts: bool = False
    project_root: Path = field(default_factory=Path.cwd)
    cache_dir: Path | None = None  # `.jobboard-cache` for an incremental build; None: build everything
    # With a cache: remember what this build writes into `output` (its manifest and the spare
    # tree beside it), so the next build into it keeps unchanged pages. The preview, which
    # builds into a folder of its own that is gone after the session, reads the postings
    # through the cache but has nothing of its folder remembered.
    remember_output: bool = True


@dataclass(frozen=True)
class Changes:
    """What changed since the last update, as far as the caller knows.

    The engine finds changed posting files itself (by their keys), so `Changes()` is always
    right; the fields only let it do less. `search=False` leaves the search index as it is
    (the preview's quick passes: the settle pass after them indexes).

    `files`: the content files (paths relative to the content folder) that may have changed
    since the last update, when the caller knows them from file events and nothing else
    changed (templates, config, the day). The engine then looks at these files only instead
    of scanning the folder, and when they are known posting files whose bodies alone changed,
    it patches the last site instead of assembling a new one (see engine.patch). None: not known.
    """

    search: bool = True
    files: frozenset[str] | None = None


EVERYTHING = Changes()


@dataclass
class BuildResult:
    # The assembled site; None only when the caller said it needs no site (see Engine.update)
    # and the target already held the site of these inputs, so nothing was read or assembled.
    site: Site | None
    report: Report  # counts and the files not built, for the summary line
    seconds: float
    files_written: int  # files rendered or copied this update (kept and linked files not counted)
    changed: list[str] = field(default_factory=list)  # site paths added, changed or removed
    processed: int = 0  # posting files read and cleaned this update (not from the cache or memory)
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage
    read: list[str] = field(default_factory=list)  # posting sources read this update (not known before)
    gone: list[str] = field(default_factory=list)  # posting sources known at the last update, gone now
    rendered: int = 0  # pages rendered (not kept because their key was unchanged)
    patched: bool = False  # only bodies changed: the last site was patched (see engine.patch)

    @property
    def skipped(self) -> list[Skip]:
        return self.report.skipped

    def summary(self) -> str:
        return self.report.summary(self.seconds)
