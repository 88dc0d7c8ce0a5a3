"""The preview's site: the served folder, kept up to date by the engine (generator.engine).

`LiveSite.stage` runs one engine update whose target is the served folder: changed posting
files are re-read (in the preview's reading process), and only the pages whose key changed
are rendered, into memory; `commit` serves them. A content change leaves the search index to
the "settle" pass after it; templates, config and settle render everything whose key changed.
"""

from __future__ import annotations

import functools
import time
import traceback
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from generator.config import Config, ConfigError, load_config
from generator.display import shown_path
from generator.engine import BuildOptions, Changes, Engine
from generator.engine.served_folder import ServedFolder
from generator.model.site import Site
from generator.progress import silenced
from generator.reading import ReadFiles, Skip, read_in_pool
from generator.render.pages import TemplateFailure, posting_page_path, template_frame
from generator.render.site_pages import SiteFileError
from generator.render.templates import template_folders

Log = Callable[[str], None]

# Why a rebuild runs. Anything but CONTENT alone renders every page.
CONTENT, TEMPLATES, CONFIG, SETTLE = "content", "templates", "config", "settle"


@dataclass(frozen=True)
class Problem:
    """What keeps the preview from showing the site, for the error page: the file and the problem."""

    kind: str  # "Template error"
    where: str  # "templates/posting.html:4"
    message: str

    def __str__(self) -> str:
        return f"{self.kind.lower()}: {self.where}: {self.message}"


@dataclass
class Staged:
    """A rebuild rendered in memory and not yet served (see LiveSite.stage and commit)."""

    report: Rebuild
    started: float
    apply: Callable[[], None] | None = None  # writes the files and swaps the state; None: nothing to do
    problem: Problem | None = None


@dataclass
class Rebuild:
    """What one rebuild did, for the console."""

    reasons: set[str]
    read: list[str] = field(default_factory=list)  # posting files (re-)read
    gone: list[str] = field(default_factory=list)  # posting files removed
    new_skips: list[Skip] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # site files written
    rendered: int = 0  # files rendered (a quick pass keeps pages whose key is unchanged)
    removed: list[str] = field(default_factory=list)  # site files deleted
    full: bool = False
    patched: bool = False  # only bodies changed: the site was patched (engine.patch)
    problem: Problem | None = None
    seconds: float = 0.0

    @property
    def changed_site(self) -> bool:
        return bool(self.written or self.removed)

    def summary(self) -> str:
        parts = []
        if self.read:
            parts.append(f"{_count(len(self.read), 'posting')} read")
        if self.gone:
            parts.append(f"{_count(len(self.gone), 'posting')} removed")
        parts.append(f"{_count(len(self.written), 'file')} updated")
        if self.removed:
            parts.append(f"{len(self.removed)} deleted")
        return f"rebuilt in {self.seconds:.2f}s ({', '.join(parts)})"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


class LiveSite:
    """The served folder, kept up to date by one Engine whose target is that folder."""

    def __init__(
        self,
        *,
        content: Path,
        folder: Path,
        config_path: Path,
        drafts: bool = False,
        log: Log = print,
        cache_dir: Path | None = None,
        reader: ReadFiles = read_in_pool,
    ) -> None:
        self.content = content
        self.folder = folder
        self.cache_dir = cache_dir  # the build cache postings are read through
        self.config_path = config_path
        self.drafts = drafts
        self.log = log
        self.config = Config()
        self.problem: Problem | None = None
        self._read = reader  # reads changed posting files (`jobboard serve`: in a process of its own)
        self._target = ServedFolder(folder)
        self._engine: Engine | None = None
        self._skips: list[Skip] = []  # the files not built, as served
        self._page_of: dict[str, str] = {}  # posting source -> its page's site path, as served
        self._moved: dict[str, str] = {}  # a former page path -> the posting source now elsewhere

    @property
    def skips(self) -> list[Skip]:
        """The posting files that are not built right now, with the reason (as of the last
        commit: a rebuild running meanwhile does not change it)."""
        return self._skips

    def moved_to(self, rel: str) -> str | None:
        """The new page of a posting whose page was at `rel` (its title changed), if any."""
        source = self._moved.get(rel)
        new = self._page_of.get(source) if source else None
        return new if new != rel else None

    def template_folders(self) -> list[Path]:
        return template_folders(self.config.templates)

    def _engine_for(self, log: Log) -> Engine:
        if self._engine is None:
            options = BuildOptions(
                content=self.content,
                output=self.folder,
                drafts=self.drafts,
                cache_dir=self.cache_dir,
                remember_output=False,  # the folder is gone after the session
            )
            self._engine = Engine(options, self.config, log, target=self._target)
        self._engine.config, self._engine.log = self.config, log
        return self._engine

    def first_build(self) -> None:
        """The whole site, as `jobboard build` makes it, into the served folder."""
        try:
            self.config = load_config(self.config_path)
            engine = self._engine_for(self.log)
            engine.read_files = read_in_pool  # the whole folder: in worker processes over all cores
            result = engine.update()
            self._target.serve()
        except Exception as err:  # the server starts anyway and shows the problem
            self.problem = self._describe(err)
            self.log(f"error: {self.problem} (the preview shows it until it is fixed)")
            return
        assert result.site is not None  # an update that needs its site (the default) always returns it
        self._served(result.site, result.skipped)
        self.log(f"built {result.summary()}")

    def rebuild(self, reasons: Collection[str], paths: Collection[str] | None = None) -> Rebuild:
        """Bring the served folder up to date after the given kinds of change. Never raises.

        `stage` then `commit`, in one go; the server runs the two on different threads."""
        return self.commit(self.stage(reasons, paths))

    def stage(self, reasons: Collection[str], paths: Collection[str] | None = None) -> Staged:
        """The slow part of a rebuild: re-read the changed posting files and render what
        changed into memory. Changes nothing a request reads (the served files, `problem`,
        `skips`, `moved_to`), so it may run in another thread while requests are answered;
        one at a time, each followed by `commit`. Never raises.

        `paths`: the files that changed, when the file events name them all (a content change
        only): the engine then looks at these alone, and patches the site when only bodies
        changed (engine.patch)."""
        started = time.perf_counter()
        report = Rebuild(set(reasons))
        report.full = not report.reasons <= {CONTENT} or self.problem is not None
        files = None if report.full or paths is None else self._content_files(paths)
        try:
            if CONFIG in reasons:
                self.config = load_config(self.config_path)
            engine = self._engine_for(lambda _line: None)  # the console gets the rebuild's own line
            # A save's files: in the preview's reading process; a whole folder (nothing served
            # yet, the first build failed): in worker processes, as the first build reads.
            engine.read_files = self._read if self._target.paths else read_in_pool
            with silenced():  # no progress lines on every save
                result = engine.update(Changes(search=report.full, files=files))
        except Exception as err:
            self._target.discard()
            return Staged(report, started, problem=self._describe(err))
        report.read, report.gone, report.rendered = result.read, result.gone, result.rendered
        report.patched = result.patched
        report.new_skips = [skip for skip in result.skipped if skip.source in set(result.read)]
        assert result.site is not None
        return Staged(
            report, started, apply=functools.partial(self._apply, report, result.site, result.skipped)
        )

    def _content_files(self, paths: Collection[str]) -> frozenset[str] | None:
        """The paths relative to the content folder (None when one is not inside it)."""
        folder, files = self.content.resolve(), set()
        for path in paths:
            try:
                files.add(Path(path).relative_to(folder).as_posix())
            except ValueError:
                return None
        return frozenset(files)

    def commit(self, staged: Staged) -> Rebuild:
        """Serve what `stage` rendered (rename its files into place) and swap in the new
        state, on the thread that answers requests: a request sees the site before this or
        after it, never a mix. Never raises."""
        report, problem = staged.report, staged.problem
        if problem is None and staged.apply is not None:
            try:
                staged.apply()
            except Exception as err:  # e.g. the disk is full
                problem = self._describe(err)
        if problem is not None:
            self.problem = report.problem = problem
        elif staged.apply is not None:
            self.problem = None
        report.seconds = time.perf_counter() - staged.started
        return report

    def _apply(self, report: Rebuild, site: Site, skipped: list[Skip]) -> None:
        synced = self._target.serve()
        report.written, report.removed = synced.written, synced.removed
        read = set(report.read)
        for duplicate in site.duplicates:
            if duplicate.dropped.source in read or duplicate.kept.source in read:
                dropped, kept = duplicate.dropped.source, duplicate.kept.source
                self.log(f"duplicate {shown_path(dropped)}: same job as {shown_path(kept)}, not built")
        self._served(site, skipped, patched=report.patched)

    def _served(self, site: Site, skipped: list[Skip], *, patched: bool = False) -> None:
        """Keep what requests ask about the site now served: its skips and moved pages (a
        patch moves none)."""
        self._skips = sorted(skipped, key=lambda skip: skip.source)
        if patched:
            return
        page_of = {posting.source: posting_page_path(posting) for posting in site.pages}
        for source, old in self._page_of.items():
            if page_of.get(source, old) != old:
                self._moved[old] = source
        served = self._target.paths
        self._moved = {old: source for old, source in self._moved.items() if old not in served}
        self._page_of = page_of

    def _describe(self, err: Exception) -> Problem:
        if isinstance(err, TemplateFailure):
            where = _shorter(err.template) + (f":{err.line}" if err.line else "")
            return Problem("Template error", where, err.problem)
        if isinstance(err, ConfigError):
            return Problem("Configuration error", str(self.config_path), err.message)
        if isinstance(err, SiteFileError):
            return Problem("Board file error", str(self.config_path.parent), str(err))
        frame = template_frame(err)  # e.g. a ZeroDivisionError raised inside a template
        if frame is not None:
            where = f"{_shorter(frame[0])}:{frame[1]}"
            return Problem("Template error", where, f"{type(err).__name__}: {err}")
        self.log("".join(traceback.format_exception(err)).rstrip())
        return Problem("Build failed", type(err).__name__, str(err))


def _shorter(path: str) -> str:
    """A template path relative to the working directory when it is below it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path
