"""The preview's site: postings kept in memory between rebuilds, re-read only when their file changes.

`LiveSite.rebuild` is the one place that rebuilds: it re-reads the changed, added and removed
posting files, re-assembles the site and renders it into memory, then writes only the files
whose bytes changed into the served folder. A content change renders only the posting pages it
affects (plus every list page); templates, config and the "settle" pass render everything and
remove files that are gone.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import io
import time
import traceback
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.bodies import without_body
from generator.clock import build_time, source_date_epoch
from generator.commands.build import BuildOptions, build, write_site
from generator.config import Config, ConfigError, load_config
from generator.display import shown_path
from generator.model.duplicates import duplicate_key
from generator.model.posting import Posting
from generator.model.site import Site, assemble_site
from generator.preview.reader import read_here
from generator.preview.staged_sync import StagedFiles, StagedSync
from generator.reading import Skip
from generator.render.keys import content_digest
from generator.render.pages import TemplateFailure, posting_page_path, template_frame
from generator.render.search_index import SEARCH_FOLDER
from generator.render.templates import template_folders
from generator.search.terms import TermMemo
from generator.sources import SourceFile, find_sources
from generator.write.memory import MemoryWriter

Log = Callable[[str], None]
# Reads changed posting files: (sources, content folder, fallback date, config) -> results.
Reader = Callable[[Sequence[SourceFile], Path, dt.date | None, Config | None], list[Posting | Skip]]

_SEARCH_PREFIX = f"{SEARCH_FOLDER}/"

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


_Stamp = tuple[int, int, int, int]


def _stamp(source: SourceFile) -> _Stamp:
    """Changes whenever the file is saved (also by renaming a new file over it)."""
    st = source.stat
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


class LiveSite:
    def __init__(
        self,
        *,
        content: Path,
        folder: Path,
        config_path: Path,
        drafts: bool = False,
        log: Log = print,
        cache_dir: Path | None = None,
        reader: Reader = read_here,
    ) -> None:
        self.content = content
        self._read = reader  # reads changed posting files (`jobboard serve`: in a process of its own)
        self.folder = folder
        self.cache_dir = cache_dir  # the build cache the first build reads postings through
        self.config_path = config_path
        self.drafts = drafts
        self.log = log
        self.config = Config()
        self.problem: Problem | None = None
        self._records: dict[str, Posting | Skip] = {}  # by source path relative to content
        self._skips: list[Skip] = []  # the skipped ones among them, as served
        self._stamps: dict[str, _Stamp] = {}
        self._signatures: dict[int, tuple[Posting, _Signature]] = {}
        self._page_of: dict[str, str] = {}  # posting source -> its page's site path
        self._moved: dict[str, str] = {}  # a former page path -> the posting source now elsewhere
        self._keys: dict[str, str] = {}  # site path -> page key of the file served there
        self._digests: dict[str, str] = {}  # posting source -> content digest (for page keys)
        self._site: Site | None = None  # the site last rendered, and the day it was rendered for
        self._today: dt.date | None = None
        self._replaced: dict[str, Posting] = {}  # by source: the postings the last refresh replaced
        self._sync = StagedSync(folder)
        self._terms = TermMemo()  # body search terms, made again only for a changed body

    @property
    def skips(self) -> list[Skip]:
        """The posting files that are not built right now, with the reason (as of the last
        commit: a rebuild running meanwhile does not change it)."""
        return self._skips

    def _skipped(self) -> list[Skip]:
        return sorted((r for r in self._records.values() if isinstance(r, Skip)), key=lambda s: s.source)

    def moved_to(self, rel: str) -> str | None:
        """The new page of a posting whose page was at `rel` (its title changed), if any."""
        source = self._moved.get(rel)
        new = self._page_of.get(source) if source else None
        return new if new != rel else None

    def template_folders(self) -> list[Path]:
        return template_folders(self.config.templates)

    def first_build(self) -> None:
        """The whole site through `build`, then the postings it read are kept for rebuilds."""
        try:
            self.config = load_config(self.config_path)
            stamps = self._scan()
            options = BuildOptions(
                content=self.content,
                output=self.folder,
                drafts=self.drafts,
                cache_dir=self.cache_dir,
                remember_output=False,  # the folder is gone after the session
            )
            result = build(options, self.config, log=self.log, keep_bodies=True)
        except Exception as err:  # the server starts anyway and shows the problem
            self.problem = self._describe(err)
            self.log(f"error: {self.problem} (the preview shows it until it is fixed)")
            return
        site = result.site
        assert site is not None  # a build that needs its site (the default) always returns it
        self._records = {p.source: p for p in site.read} | {s.source: s for s in result.skipped}
        self._skips = self._skipped()
        self._stamps = {rel: stamp for rel, stamp in stamps.items() if rel in self._records}
        self._site, self._today = site, build_time().date()
        self._signatures = _signatures(site, self._today)
        self._page_of = {p.source: sig[0] for p, sig in self._signatures.values()}
        self._sync.forget()
        self._keys.clear()  # `build` wrote the folder: the first rebuild renders every page
        self._terms = TermMemo()
        self._terms.seed(site.postings, result.terms)  # the read workers' body terms
        self.log(f"built {result.summary()}")

    def rebuild(self, reasons: Collection[str]) -> Rebuild:
        """Bring the served folder up to date after the given kinds of change. Never raises.

        `stage` then `commit`, in one go; the server runs the two on different threads."""
        return self.commit(self.stage(reasons))

    def stage(self, reasons: Collection[str]) -> Staged:
        """The slow part of a rebuild: re-read the changed posting files and render the site into
        memory. Changes nothing a request reads (the served files, `problem`, `skips`,
        `moved_to`), so it may run in another thread while requests are answered; one at a
        time, each followed by `commit`. Never raises."""
        started = time.perf_counter()
        report = Rebuild(set(reasons))
        try:
            if CONFIG in reasons:
                self.config = load_config(self.config_path)
            reread = self._refresh(report)
            only_content = report.reasons <= {CONTENT}
            if only_content and not report.read and not report.gone and self.problem is None:
                return Staged(report, started)  # e.g. an editor's hidden swap file: nothing to do
            report.full = not only_content or self.problem is not None or not self._signatures
            return Staged(report, started, apply=self._render(report, reread))
        except Exception as err:
            return Staged(report, started, problem=self._describe(err))

    def commit(self, staged: Staged) -> Rebuild:
        """Write what `stage` rendered into the served folder (only the files whose bytes
        changed) and swap in the new state, on the thread that answers requests: a request
        sees the site before this or after it, never a mix. Never raises."""
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
        self._skips = self._skipped()
        report.seconds = time.perf_counter() - staged.started
        return report

    def _render(self, report: Rebuild, reread: set[int]) -> Callable[[], None]:
        """Render the site into memory; the function that then writes and serves it."""
        today = build_time().date()
        postings = [r for r in self._records.values() if isinstance(r, Posting)]
        swap = None if report.full else self._body_edits(report, today)
        bodies_only = swap is not None
        if swap is not None:  # only bodies changed: the lists, sitemap and jobs.json stay as they are
            site = self._swapped_site(swap)
            signatures = {}
            for key, (posting, signature) in self._signatures.items():
                posting = swap.get(key, posting)
                signatures[id(posting)] = (posting, signature)
            pages = [p for p in site.pages if id(p) in reread]
        else:
            site = assemble_site(
                postings,
                today=today,
                include_drafts=self.drafts,
                aliases=self.config.aliases,
                max_age_days=self.config.max_age_days,
            )
            signatures = _signatures(site, today)
            pages = None
            if not report.full:
                pages = [
                    p
                    for p in site.pages
                    if id(p) in reread
                    or self._signatures.get(id(p), (None, None))[1] != signatures[id(p)][1]
                ]
        # A quick pass also keeps every list page and feed whose page key is unchanged.
        writer = MemoryWriter(None if report.full else self._keys)
        with contextlib.redirect_stderr(io.StringIO()):  # no progress lines on every save
            digests = self._digests_of(postings)
            write_site(
                site, self.config, writer, today, pages, digests=digests, lists=not bodies_only,
                search=report.full, search_terms=self._terms,  # quick passes leave search to the settle pass
            )
        files = self._sync.stage(writer.files, remove_others=report.full)  # written beside, not yet served
        rendered = _Rendered(report, reread, site, today, signatures, writer, files, bodies_only)
        return functools.partial(self._apply, rendered)

    def _apply(self, rendered: _Rendered) -> None:
        """Serve a rendered site (its files renamed into place) and keep what the next rebuild needs."""
        report, reread, site, writer = rendered.report, rendered.reread, rendered.site, rendered.writer
        signatures, files, bodies_only = rendered.signatures, rendered.files, rendered.bodies_only
        self._site, self._today = site, rendered.today
        try:
            synced = self._sync.commit(files)
        finally:
            files.discard()  # what a failure left
        report.written, report.removed = synced.written, synced.removed
        report.rendered = writer.count
        page_of = {p.source: sig[0] for p, sig in signatures.values()}
        served = writer.paths
        if report.full:
            self._keys = writer.keys
        elif bodies_only:
            self._keys.update(writer.keys)
        else:
            report.removed += self._remove_gone(page_of, served, writer.keys)
        for source, old in self._page_of.items():
            if page_of.get(source, old) != old:
                self._moved[old] = source
        self._moved = {old: source for old, source in self._moved.items() if old not in served}
        self._signatures, self._page_of = signatures, page_of
        for duplicate in site.duplicates:
            if id(duplicate.dropped) in reread or id(duplicate.kept) in reread:
                dropped, kept = duplicate.dropped.source, duplicate.kept.source
                self.log(f"duplicate {shown_path(dropped)}: same job as {shown_path(kept)}, not built")

    def _body_edits(self, report: Rebuild, today: dt.date) -> dict[int, Posting] | None:
        """The re-read postings by the id of the posting each replaces, when only their bodies
        changed (the common edit); None when anything else may have changed and the site is
        assembled again.

        Only bodies changed when: no file was added, removed or skipped; every re-read posting
        has the metadata it had, on the same day; and none shares its title and company with
        another posting (a new body could make or unmake a duplicate).
        """
        site, replaced = self._site, self._replaced
        if site is None or today != self._today or report.gone or report.new_skips:
            return None
        if not replaced or len(replaced) != len(report.read):
            return None
        shown = {id(p) for p in site.pages}
        swap: dict[int, Posting] = {}
        for rel, old in replaced.items():
            new = self._records[rel]
            if not isinstance(new, Posting) or id(old) not in shown:
                return None
            new.slug = old.slug  # as assemble_site gave it; assembling again would give it anew
            if without_body(new) != without_body(old):
                return None
            swap[id(old)] = new
        edited = {duplicate_key(p) for p in replaced.values()}
        postings = (p for p in self._records.values() if isinstance(p, Posting))
        sharing = sum(1 for p in postings if duplicate_key(p) in edited)
        return swap if sharing == len(edited) else None

    def _swapped_site(self, swap: dict[int, Posting]) -> Site:
        """The last site, with the postings of `swap` in place of those they replace."""
        site = self._site
        assert site is not None

        def swapped(postings: list[Posting]) -> list[Posting]:
            return [swap.get(id(p), p) for p in postings]

        for taxonomy in site.taxonomies.values():
            for term in taxonomy.terms:
                term.postings = swapped(term.postings)
        return dataclasses.replace(site, postings=swapped(site.postings), closed=swapped(site.closed))

    def _remove_gone(self, page_of: dict[str, str], served: set[str], keys: dict[str, str]) -> list[str]:
        """After a quick pass: delete the pages of postings removed, skipped or renamed, and the
        list pages and feeds that are gone (a term left without postings); every list page and
        feed has a page key, so a keyed path this pass did not produce is gone. The search index
        is the exception: a quick pass does not render it, so the last one stays until the next
        full pass writes its successor (never no index at all)."""
        current = set(page_of.values())
        gone = set(self._page_of.values()) - current
        gone |= {
            rel
            for rel in self._keys
            if rel not in served and rel not in current and not rel.startswith(_SEARCH_PREFIX)
        }
        self._keys = {rel: key for rel, key in self._keys.items() if rel not in gone} | keys
        return self._sync.remove(gone)

    def _digests_of(self, postings: list[Posting]) -> dict[str, str]:
        """Each posting's content digest, computed once per read (see _refresh)."""
        digests = self._digests
        for posting in postings:
            if posting.source not in digests:
                digests[posting.source] = content_digest(posting)
        return digests

    def _scan(self) -> dict[str, _Stamp]:
        sources = find_sources(self.content, max_size=self.config.max_file_size)[0]
        return {s.rel: _stamp(s) for s in sources}

    def _refresh(self, report: Rebuild) -> set[int]:
        """Re-read the posting files that changed; the ids of the new Posting objects."""
        sources, rejected = find_sources(self.content, max_size=self.config.max_file_size)
        epoch = source_date_epoch()
        fallback = epoch.date() if epoch else None
        reread: set[int] = set()
        self._replaced = {}
        current = {s.rel for s in sources} | {r.rel for r in rejected}
        report.gone = sorted(rel for rel in self._records if rel not in current)
        for rel in report.gone:
            del self._records[rel]
            self._stamps.pop(rel, None)
            self._digests.pop(rel, None)
        for reject in rejected:
            skip = Skip(reject.rel, reject.reason)
            if self._records.get(reject.rel) != skip:
                self._records[reject.rel] = skip
                report.read.append(reject.rel)
                report.new_skips.append(skip)
        todo = [s for s in sources if s.rel not in self._records or self._stamps.get(s.rel) != _stamp(s)]
        for source, result in zip(todo, self._read(todo, self.content, fallback, self.config), strict=True):
            previous = self._records.get(source.rel)
            if isinstance(previous, Posting):
                self._replaced[source.rel] = previous
            self._records[source.rel] = result
            self._digests.pop(source.rel, None)
            self._stamps[source.rel] = _stamp(source)
            report.read.append(source.rel)
            if isinstance(result, Skip):
                report.new_skips.append(result)
            else:
                reread.add(id(result))
        return reread

    def _describe(self, err: Exception) -> Problem:
        if isinstance(err, TemplateFailure):
            where = _shorter(err.template) + (f":{err.line}" if err.line else "")
            return Problem("Template error", where, err.problem)
        if isinstance(err, ConfigError):
            return Problem("Configuration error", str(self.config_path), str(err))
        frame = template_frame(err)  # e.g. a ZeroDivisionError raised inside a template
        if frame is not None:
            where = f"{_shorter(frame[0])}:{frame[1]}"
            return Problem("Template error", where, f"{type(err).__name__}: {err}")
        self.log("".join(traceback.format_exception(err)).rstrip())
        return Problem("Build failed", type(err).__name__, str(err))


_Signature = tuple[str, bool, tuple[tuple[tuple[str, str], ...], ...]]


@dataclass
class _Rendered:
    """A site rendered by a rebuild's slow part, its changed files written beside their place."""

    report: Rebuild
    reread: set[int]
    site: Site
    today: dt.date
    signatures: dict[int, tuple[Posting, _Signature]]
    writer: MemoryWriter
    files: StagedFiles
    bodies_only: bool


def _signatures(site: Site, today: dt.date) -> dict[int, tuple[Posting, _Signature]]:
    """What a posting page shows besides the posting itself: its path, closed or not, its terms.

    A page whose posting was not re-read and whose signature is unchanged is not rendered again
    on a content change. The Posting is kept beside its signature so its id is not reused.
    """
    result = {}
    for posting in site.pages:
        terms = tuple(
            tuple((term.slug, term.name) for term in taxonomy.terms_of(posting))
            for taxonomy in site.taxonomies.values()
        )
        closed = posting.is_expired(today, site.max_age_days)
        result[id(posting)] = (posting, (posting_page_path(posting), closed, terms))
    return result


def _shorter(path: str) -> str:
    """A template path relative to the working directory when it is below it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path
