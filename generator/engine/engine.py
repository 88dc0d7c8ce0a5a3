"""`Engine`: one content folder's site, kept up to date by `update` (see generator.engine).

An update:

- scans the content folder: every posting file with its key (a hash of the bytes, with the
  path, fallback date and the generator's code; through the stat cache in the build cache);
- when the target holds the site of exactly these inputs already (the site key), stops: a
  caller that needs no site (`jobboard build`) gets the stored report without a posting
  being decoded;
- reads what changed: a file known from the last update with the same key is taken as it
  was, one the cache has is decoded from it, the others are read in worker processes (or
  the preview's reading process) and stored in the cache;
- assembles the site model (duplicates, slugs, taxonomies) and renders every page kind
  (render.page_kinds): a page whose key is unchanged is kept by the target;
- hands the new tree to the target: `OutputFolder` swaps it in atomically, `ServedFolder`
  stages it for the preview to serve.

Locks: an update holds the output folder's lock (for `OutputFolder`) and the cache's; a
cache that is busy or cannot be used is done without, with one warning line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

from generator.cache import BuildCache, code_digest, open_cache
from generator.clock import build_time
from generator.config import Config
from generator.engine.options import EVERYTHING, BuildOptions, BuildResult, Changes
from generator.engine.output_folder import OutputFolder
from generator.engine.patch import LastSite, patch_site
from generator.engine.report import Report
from generator.first_seen import apply_first_seen
from generator.model.duplicates import Bodies
from generator.model.site import Site, assemble_site
from generator.notices import warn_once
from generator.progress import stage
from generator.reading import (
    KnownFile,
    Log,
    ReadFiles,
    Reading,
    Scan,
    log_to_stderr,
    read_in_pool,
    read_postings_cached,
    rescan,
    scan_content,
)
from generator.render.keys import Covers, PageKeys, content_digest, folder_digest, page_base_digest
from generator.render.page_kinds import render_site
from generator.render.pages import PageRenderer
from generator.render.site_pages import prepare_site_pages, site_files_digest
from generator.render.templates import template_folders
from generator.sources import ignored_note
from generator.write.output import SiteWriter

NO_BASE_URL_WARNING = (
    "warning: no base URL (--base-url or base_url in jobboard.toml): canonical links and JSON-LD url "
    "are left out; sitemap.xml and feeds use relative URLs"
)
DUPLICATES_STATE = "duplicates"  # answers of the last build's body comparisons, see model.duplicates


class Target(Protocol):
    """Where an update's files go (OutputFolder, ServedFolder)."""

    @property
    def keyed(self) -> bool: ...  # are unchanged pages kept by their key?
    @property
    def patches(self) -> bool: ...  # can it take a patch (engine.patch: only some pages written)?
    @property
    def last_report(self) -> Report | None: ...  # what the update that made it said

    def session(self) -> AbstractContextManager[None]: ...
    def attach(self, cache: BuildCache | None) -> None: ...
    def site_key(self) -> str | None: ...
    def early(self) -> None: ...
    def cancel(self) -> None: ...
    def holds(self, site_key: str | None) -> bool: ...
    def writer(self) -> SiteWriter: ...
    def finish(
        self, writer: SiteWriter, site_key: str | None, report: Report, *, patch: bool = False
    ) -> list[str]: ...


class Engine:
    """Call `update()` as often as needed; what the last one read is kept for the next.

    `config` may be replaced between updates (pages whose inputs change are rendered again).
    Call `close()` when done (or use it as a context manager).
    """

    def __init__(
        self,
        options: BuildOptions,
        config: Config,
        log: Log = log_to_stderr,
        *,
        target: Target | None = None,
        read_files: ReadFiles = read_in_pool,
        warn: Log | None = None,
    ) -> None:
        self.options = options
        self.config = config
        self.log = log
        self.warn = warn  # where a cache that cannot be used is said (default: log)
        self.target: Target = target if target is not None else OutputFolder(options)
        self.read_files = read_files  # how the posting files that changed are read
        self._known: dict[str, KnownFile] = {}
        self._digests: dict[
            str, tuple[str, str]
        ] = {}  # without a cache: source -> (file key, content digest)
        self._warned = False
        self.today: dt.date | None = None  # the day the site is made for; None: the build clock's
        self._last: LastSite | None = None  # what the last update made (for a target that patches)
        self._scan: Scan | None = None  # ... and the scan it was made from

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._known.clear()
        self._last = self._scan = None

    def update(
        self, changes: Changes = EVERYTHING, *, need_site: bool = True, keep_bodies: bool = False
    ) -> BuildResult:
        """Bring the target up to date. Raises OutputRefused before touching anything.

        A caller that needs no site (only the summary, as `jobboard build`) may say so: then,
        when the target already holds the site of these inputs, the result has no site and
        nothing is read, decoded or assembled. With `keep_bodies`, the site's postings keep
        their bodies (`jobboard check` reads them).
        """
        with self.target.session():
            cache = (
                open_cache(self.options.cache_dir, self.log) if self.options.cache_dir is not None else None
            )
            try:
                return self._update(changes, cache, need_site, keep_bodies)
            except BaseException:
                self._last = self._scan = None  # a failed update may leave its site half patched
                raise
            finally:
                if cache is not None:
                    cache.close()

    def _say(self, lines: Iterable[str]) -> None:
        """The update's lines about the content, then the warning about a missing base URL."""
        for line in lines:
            self.log(line)
        if self.config.base_url is None and not self._warned:  # `base_url = ""`: relative on purpose
            warn_once("no-base-url", NO_BASE_URL_WARNING, self.options.cache_dir, self.log)
            self._warned = True

    def _update(
        self, changes: Changes, cache: BuildCache | None, need_site: bool, keep_bodies: bool
    ) -> BuildResult:
        options, config, target = self.options, self.config, self.target
        started = time.perf_counter()
        stages: dict[str, float] = {}
        now = build_time()
        today = self.today or now.date()
        target.attach(cache)
        last = self._patchable(changes, today)
        with _timed(stages, "read"):
            scan = None
            if last is not None and self._scan is not None and changes.files is not None:
                scan = rescan(self._scan, config, cache, changes.files)
            if scan is None:
                last, scan = None, scan_content(options.content, config, cache)
        note = ignored_note(scan.ignored, str(options.content))
        if note is not None:
            self.log(note)
        site_key: str | None = None  # the key of the site the postings make (None: not known)
        holds: bool | None = None  # does the target hold the site of site_key? (None: not asked)
        if target.keyed:
            site_key = _site_key(config, today, options.drafts, scan.site_inputs(), None, changes.search)
            if target.site_key() != site_key:
                target.early()  # unless there is nothing to do, tidy the spare tree while reading
            elif not need_site and target.last_report is not None:
                with _timed(stages, "check output"):
                    holds = target.holds(site_key)
                if holds:  # nothing to do: say what the update that made the output said
                    self._say(target.last_report.lines())
                    return BuildResult(
                        None, target.last_report, time.perf_counter() - started, 0, [], 0, stages
                    )
        with _timed(stages, "read"):
            reading = read_postings_cached(
                options.content, config, self.log, cache, scan, known=self._known, read_files=self.read_files
            )
        try:
            patched = None  # the postings patched (engine.patch), when the last site was
            if last is not None and changes.files is not None and not reading.unsettled:
                patched = patch_site(last, self._known, reading, changes.files)
            with _timed(stages, "assemble"):
                if last is not None and patched is not None:
                    site = last.site
                else:
                    site = self._assemble(reading, cache, today)
            report = Report.of(site, reading.skipped)
            self._say(report.duplicate_lines())  # the skips were logged as they were read
            if site_key is not None and not site.postings:  # an empty board's feed shows the build time
                inputs = scan.site_inputs()
                site_key, holds = _site_key(config, today, options.drafts, inputs, now, changes.search), None
            if reading.unsettled:  # files that could not be read this time: the next update reads them
                site_key, holds = None, None
            written, changed, rendered = 0, [], 0
            if holds is None:
                with _timed(stages, "check output"):
                    holds = target.holds(site_key)
            if holds:
                target.cancel()
            else:
                writer = target.writer()
                try:
                    renderer = self._renderer(site, reading, today)
                    if patched is not None:
                        assert renderer.keys is not None  # a target that patches is keyed
                        renderer.only = Covers(renderer.keys, patched)
                        site_key = f"{site_key} patched"  # not the site of these inputs: search is stale
                    render_site(renderer, writer, search=changes.search)
                    stages.update(renderer.stages)
                    with _timed(stages, "swap"), stage("write", 1, unit="swap") as tick:
                        changed = target.finish(writer, site_key, report, patch=patched is not None)
                        tick()
                except BaseException:
                    writer.abort()
                    raise
                written, rendered = writer.count, renderer.rendered
                if cache is not None and patched is None:  # a patch leaves the tidying to the next update
                    cache.keep_only_postings(reading.keys.values())
            if keep_bodies:
                reading.keep_bodies(site.read)
        finally:
            reading.close()
        gone = sorted(set(self._known) - {task.rel for task in scan.tasks})
        self._known = reading.known
        self._last, self._scan = None, None
        if target.patches and site_key is not None:
            if last is not None and patched is not None:  # the same site, patched
                self._last = dataclasses.replace(last, site_key=site_key)
            else:
                self._last = LastSite(site, site_key, config, today)
            self._scan = scan
        seconds = time.perf_counter() - started
        return BuildResult(
            site,
            report,
            seconds,
            written,
            changed,
            reading.processed,
            stages,
            reading.read,
            gone,
            rendered,
            patched=patched is not None,
        )

    def _patchable(self, changes: Changes, today: dt.date) -> LastSite | None:
        """The last update's site, when this one may patch it (see engine.patch): the caller
        knows the changed files, and the target serves that site, made with this config for
        this day."""
        last = self._last
        if changes.files is None or last is None or not self.target.patches:
            return None
        if last.config is not self.config or last.today != today or self.target.site_key() != last.site_key:
            return None
        return last

    def _assemble(self, reading: Reading, cache: BuildCache | None, today: dt.date) -> Site:
        bodies = _duplicate_bodies(reading, cache)
        apply_first_seen(reading.postings, cache)  # a posting that states no date: when it was first seen
        site = assemble_site(
            reading.postings,
            today=today,
            include_drafts=self.options.drafts,
            aliases=self.config.aliases,
            bodies=bodies,
            max_age_days=self.config.max_age_days,
        )
        if cache is not None and bodies.compared != bodies.memo:
            cache.put_state(DUPLICATES_STATE, bodies.compared)
        return site

    def _renderer(self, site: Site, reading: Reading, today: dt.date) -> PageRenderer:
        digests = None
        if self.target.keyed:
            digests = reading.keys if reading.bodies is not None else self._content_digests(reading)
        renderer = make_renderer(site, self.config, today, digests)
        renderer.bodies = reading.bodies
        renderer.search_terms = reading.search_terms()
        renderer.site_pages = prepare_site_pages(renderer, self.config)  # every page shows their links
        return renderer

    def _content_digests(self, reading: Reading) -> dict[str, str]:
        """Without a cache: each posting's content digest, made once per version of its file."""
        memo, digests = self._digests, {}
        for posting in reading.postings:
            key = reading.known[posting.source].key if posting.source in reading.known else None
            was = memo.get(posting.source)
            if key is None or was is None or was[0] != key:
                was = (key or "", content_digest(posting))
                if key is not None:
                    memo[posting.source] = was
            digests[posting.source] = was[1]
        for source in set(memo) - set(digests):
            del memo[source]
        return digests


class Nowhere:
    """A target that keeps nothing, so holds every site: an update reads and assembles only
    (`jobboard check`)."""

    keyed = False
    patches = False
    last_report: Report | None = None

    @contextmanager
    def session(self) -> Iterator[None]:
        yield

    def attach(self, cache: BuildCache | None) -> None:
        pass

    def site_key(self) -> str | None:
        return None

    def early(self) -> None:
        pass

    def cancel(self) -> None:
        pass

    def holds(self, site_key: str | None) -> bool:
        return True

    def writer(self) -> SiteWriter:
        raise AssertionError("nothing is written nowhere")

    def finish(
        self, writer: SiteWriter, site_key: str | None, report: Report, *, patch: bool = False
    ) -> list[str]:
        return []


def _duplicate_bodies(reading: Reading, cache: BuildCache | None) -> Bodies:
    """Bodies for duplicate detection: from the cache, with the last build's answers."""
    if cache is None or reading.bodies is None:
        return Bodies()
    memo = cache.get_state(DUPLICATES_STATE)
    if not isinstance(memo, dict) or not all(isinstance(v, bool) for v in memo.values()):
        memo = {}
    return Bodies(reading.bodies.texts, reading.keys, memo)


@contextmanager
def _timed(stages: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        stages[name] = stages.get(name, 0.0) + time.perf_counter() - start


def _site_key(
    config: Config,
    today: dt.date,
    drafts: bool,
    keys: Mapping[str, str],
    clock: dt.datetime | None,
    search: bool,
) -> str:
    """A hash of every input of the built site: the generator, templates and config, the
    day, the drafts option, whether the search index is made, and each posting file's key
    (its path and bytes)."""
    h = hashlib.sha256(f"{render_base_digest(config)}\0{today}\0{drafts}\0{clock}\0{search}\0".encode())
    for rel in sorted(keys):
        h.update(f"{rel}\0{keys[rel]}\0".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def make_renderer(
    site: Site, config: Config, today: dt.date, digests: Mapping[str, str] | None = None
) -> PageRenderer:
    """The page renderer with the site's template globals; page keys when digests are given."""
    renderer = PageRenderer(config, site, today)
    renderer.env.globals["open_count"] = len(site.postings)
    if digests is not None:
        renderer.keys = PageKeys(renderer.env, page_base_digest(config), site.taxonomies, digests)
    return renderer


def render_base_digest(config: Config) -> str:
    """A hash of everything the site is rendered from besides its postings: code, every template
    file, config (a page's own key holds only the templates it uses: see render.keys)."""
    folders = template_folders(config.templates)
    return hashlib.sha256(
        f"{code_digest()}\0{folder_digest(folders)}\0{site_files_digest(config)}\0{config!r}".encode(
            "utf-8", "surrogatepass"
        )
    ).hexdigest()
