"""`jobboard build`: content folder -> postings -> site model -> pages -> output folder.

`Builder` is the incremental build: one object, `build()` called as often as needed,
reusing the cache in `.jobboard-cache/`:

- reading (generator.reading): files whose key (a hash of the bytes, with path, fallback
  date and the generator's code) is in the cache are not read, cleaned or rendered to HTML
  again; the others are processed in a process pool over all cores.
- nothing to do: when the site key (every input) is the one the output was built from and
  the output still holds what that build wrote, the build stops there; a caller that needs
  no site (`jobboard build`) gets the stored report without a posting being decoded.
- pages: each page has a key (render.keys); a page whose key is unchanged is kept from
  the spare tree or hard-linked from the current output instead of being rendered.
- output: the new tree is swapped into place atomically (write.output.SiteWriter).
- locks: a build holds the output folder's lock and the cache's (generator.write.lock); a
  cache that is busy or cannot be used is done without, with one warning line.

`BuildResult.changed` lists the site paths whose bytes differ from the previous build.
`build()` (the function) is a one-shot build, without a cache unless options name one.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.bodies import BodyStore
from generator.cache import BuildCache, code_digest, open_cache
from generator.clock import build_time
from generator.commands.report import Report
from generator.config import Config
from generator.first_seen import apply_first_seen
from generator.model.duplicates import Bodies
from generator.model.posting import Posting
from generator.model.site import Site, assemble_site
from generator.parallel import pool_map, shared
from generator.progress import progress
from generator.reading import Log, Reading, Skip, log_to_stderr, read_postings_cached, scan_content
from generator.render.feeds import render_feeds
from generator.render.jobs_json import render_jobs_json
from generator.render.keys import PageKeys, folder_digest, page_base_digest
from generator.render.pages import (
    PageRenderer,
    posting_page,
    render_front_pages,
    render_not_found,
    render_taxonomy,
)
from generator.render.search_index import render_search_index
from generator.render.sitemap import render_robots, render_sitemap
from generator.render.templates import template_folders
from generator.search.index import BodyTerms
from generator.write.lock import lock_output
from generator.write.output import (
    Manifest,
    OutputFailed,
    SiteWriter,
    SpareCheck,
    check_output_dir,
    is_manifest,
    real_folder,
    recover_output,
    site_path,
    tree_matches,
    write_file,
)


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


@dataclass
class BuildResult:
    # The assembled site; None only when the caller said it needs no site (see Builder.build)
    # and the output already held the site of these inputs, so nothing was read or assembled.
    site: Site | None
    report: Report  # counts and the files not built, for the summary line
    seconds: float
    files_written: int  # files rendered or copied this build (kept and linked files not counted)
    changed: list[str] = field(default_factory=list)  # site paths added, changed or removed
    processed: int = 0  # posting files read and cleaned this build (not from the cache)
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage
    # Body search terms (`terms_to_text`) by source: each read posting's without a cache, each
    # open posting's with keep_bodies (see Builder.build).
    terms: dict[str, str] = field(default_factory=dict)

    @property
    def skipped(self) -> list[Skip]:
        return self.report.skipped

    def summary(self) -> str:
        return self.report.summary(self.seconds)


NO_BASE_URL_WARNING = (
    "warning: no base URL (--base-url or base_url in jobboard.toml): canonical links and JSON-LD url "
    "are left out; sitemap.xml and feeds use relative URLs"
)


# -- the build -----------------------------------------------------------------


class Builder:
    """An incremental builder: call `build()` again after changes; the cache is reused.

    `config` may be replaced between builds (pages whose inputs change are rendered again).
    Call `close()` when done (or use it as a context manager).
    """

    def __init__(self, options: BuildOptions, config: Config, log: Log = log_to_stderr) -> None:
        self.options = options
        self.config = config
        self.log = log
        self._cache: BuildCache | None = None
        self._cache_opened = False

    def __enter__(self) -> Builder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
            self._cache = None
        self._cache_opened = False

    def cache(self) -> BuildCache | None:
        """The cache, locked while the builder is open; None without one, or when it is busy
        or cannot be used (then the build goes on as with --no-cache, after one warning)."""
        if not self._cache_opened and self.options.cache_dir is not None:
            self._cache = open_cache(self.options.cache_dir, self.log)
            self._cache_opened = True
        if self._cache is not None and self._cache.failure is not None:
            return None  # it stopped working during an earlier build (a full disk, say)
        return self._cache

    def _say(self, lines: Iterable[str]) -> None:
        """The build's lines about the content, then the warning about a missing base URL."""
        for line in lines:
            self.log(line)
        if not self.config.base_url:
            self.log(NO_BASE_URL_WARNING)

    def build(self, *, need_site: bool = True, keep_bodies: bool = False) -> BuildResult:
        """Build the whole site atomically. Raises OutputRefused before touching anything.

        A caller that needs no site (only the summary, as `jobboard build`) may say so: then,
        when the output already holds the site of these inputs, the result has no site and
        the build reads, decodes and assembles nothing (a third of a 10,000-posting
        no-change build's time).

        With `keep_bodies`, the site's postings keep their bodies, and the result has every
        body's search terms (as the preview needs them); with a cache they are read back
        after the pages are written.
        """
        options = self.options
        check_output_dir(options.output, content=options.content, project_root=options.project_root)
        with lock_output(options.output):  # BuildLocked after LOCK_WAIT seconds
            check_output_dir(options.output, content=options.content, project_root=options.project_root)
            recover_output(options.output)
            try:
                return self._build(need_site, keep_bodies)
            except OSError as err:
                if err.errno is None or not _writing(err, options.output, self._cache):
                    raise
                raise OutputFailed(
                    f"cannot write the site for {options.output}: {err.strerror} ({err.filename}); "
                    "the previous site is unchanged"
                ) from err

    def _build(self, need_site: bool, keep_bodies: bool) -> BuildResult:
        options, config, log = self.options, self.config, self.log
        started = time.perf_counter()
        stages: dict[str, float] = {}
        cache = self.cache()
        now = build_time()
        today = now.date()
        tree = _tree_state(cache if options.remember_output else None, options.output)
        check: SpareCheck | None = None
        site_key: str | None = None  # with a cache: the key of the site the postings make
        built_from: bool | None = None  # does the output hold the site of site_key? (None: not asked)
        with _timed(stages, "read"):
            scan = scan_content(options.content, config, cache)
        if tree.cache is not None:
            site_key = _site_key(config, today, options.drafts, scan.site_inputs(), None)
            if tree.site != site_key:
                # Unless this looks like a build with nothing to do, the spare tree's check
                # starts now and runs while the postings are read (else it would compete for
                # the disk with the output's check).
                check = tree.start_check()
            elif not need_site and tree.report is not None:
                with _timed(stages, "check output"):
                    built_from = tree.output_is_built_from(options.output, site_key)
                if built_from:  # nothing to do: say what the build that made the output said
                    self._say(tree.report.lines())
                    return BuildResult(None, tree.report, time.perf_counter() - started, 0, [], 0, stages)
        try:
            with _timed(stages, "read"):
                reading = read_postings_cached(options.content, config, log, cache, scan)
            postings, keys = reading.postings, reading.keys
            with _timed(stages, "assemble"):
                apply_first_seen(postings, cache)
                bodies = _duplicate_bodies(reading, cache)
                site = assemble_site(
                    postings,
                    today=today,
                    include_drafts=options.drafts,
                    aliases=config.aliases,
                    bodies=bodies,
                    max_age_days=config.max_age_days,
                )
                if cache is not None and bodies.compared != bodies.memo:
                    cache.put_state(DUPLICATES_STATE, bodies.compared)
        except BaseException:
            if check is not None:
                check.cancel()
            raise
        report = Report.of(site, reading.skipped)
        self._say(report.duplicate_lines())  # the skips were logged as they were read
        if site_key is not None and not site.postings:  # an empty board's feed shows the build time
            site_key, built_from = _site_key(config, today, options.drafts, scan.site_inputs(), now), None
        if reading.unsettled:  # files that could not be read this time: the next build reads them
            site_key, built_from = None, None
        written, changed = 0, []
        try:
            if site_key is not None and built_from is None:
                with _timed(stages, "check output"):
                    built_from = tree.output_is_built_from(options.output, site_key)
            if built_from:  # the output holds this site already
                if check is not None:
                    check.cancel()
            else:
                tree.claim()
                writer = SiteWriter(
                    options.output,
                    spare=tree.spare,
                    spare_files=tree.spare_files,
                    previous=tree.previous,
                    check=check,
                )
                try:
                    write_site(
                        site,
                        config,
                        writer,
                        today,
                        digests=keys if tree.cache is not None else None,
                        stages=stages,
                        bodies=reading.bodies,
                        search_terms=reading.search_terms(),
                    )
                    changed = writer.changed()
                    with _timed(stages, "swap"):
                        writer.commit()
                except BaseException:
                    writer.abort()
                    raise
                written = writer.count
                tree.save(writer, site_key, report)
                if cache is not None:
                    cache.keep_only_postings(keys.values())
            terms = reading.term_texts(site.postings) if keep_bodies else reading.terms
            if keep_bodies:
                reading.keep_bodies(site.read)
        finally:
            reading.close()
        seconds = time.perf_counter() - started
        return BuildResult(site, report, seconds, written, changed, reading.processed, stages, terms)


DUPLICATES_STATE = "duplicates"  # answers of the last build's body comparisons, see model.duplicates


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


@dataclass
class _TreeState:
    """What the cache knows about the output tree and the spare tree beside it.

    Two cache entries per output folder, each `{"files": manifest, "site": site key}`: the
    output's and the spare tree's. After a swap the old output is the spare tree, so its
    entry is renamed, not written again (at 100,000 postings a manifest is 15 MB of JSON).
    """

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

    def output_is_built_from(self, output: Path, site_key: str) -> bool:
        """True when the last build made the output from inputs with this key, and the
        output still holds exactly what that build wrote: then there is nothing to build."""
        return self.previous is not None and self.site == site_key and tree_matches(output, self.previous)

    def start_check(self) -> SpareCheck | None:
        """Start making the spare tree hold only what its manifest describes (see SpareCheck)."""
        if self.spare is None or self.spare_files is None or not self.spare.is_dir():
            return None
        return SpareCheck(self.spare, self.spare_files)

    def claim(self) -> None:
        """From here on the spare tree is being changed: its manifest is void until the swap."""
        if self.cache is not None:
            self.cache.delete_state(self.spare_name)

    def save(self, writer: SiteWriter, site_key: str | None, report: Report) -> None:
        """Record the swapped-in output, the spare tree, the key of the site they hold and
        the build's report."""
        if self.cache is None:
            return
        if self.spare is not None and self.spare.is_dir():  # the old output, now the spare tree
            if writer.relinked > _RELINKED:  # else the next build hashes the few files again
                self.cache.put_state(self.spare_name, {"files": writer.previous})
            else:
                self.cache.rename_state(self.name, self.spare_name)
        self.cache.put_state(self.name, {"files": writer.files, "site": site_key, "report": report.to_json()})


# Linking a file from the output changes its inode's ctime, so the output's manifest (the
# spare tree's after the swap) no longer proves its bytes unchanged, and the next build
# hashes the file again. Beyond this many links the manifest is stored again instead (at
# 100,000 postings it is 15 MB of JSON; a one-change build links a handful of files).
_RELINKED = 1000


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


def _tree_name(output: Path) -> str:
    return "tree:" + str(output.resolve())


_SPARE = "\0spare"  # suffix of the spare tree's cache entry


def _site_key(
    config: Config, today: dt.date, drafts: bool, keys: Mapping[str, str], clock: dt.datetime | None
) -> str:
    """A hash of every input of the built site: the generator, templates and config, the
    day, the drafts option, and each posting file's cache key (its path and bytes)."""
    h = hashlib.sha256(f"{render_base_digest(config)}\0{today}\0{drafts}\0{clock}\0".encode())
    for rel in sorted(keys):
        h.update(f"{rel}\0{keys[rel]}\0".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _tree_state(cache: BuildCache | None, output: Path) -> _TreeState:
    """What the cache knows of the output and spare trees (changes nothing; see `claim`)."""
    if cache is None:
        return _TreeState()
    out = str(output.resolve())
    name = _tree_name(output)
    state = cache.get_state(name)
    previous = state.get("files") if isinstance(state, dict) else None
    spare_state = cache.get_state(name + _SPARE)
    spare_files = spare_state.get("files") if isinstance(spare_state, dict) else None
    if not is_manifest(previous):
        previous = None
    if not is_manifest(spare_files):
        spare_files = None
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


def build(
    options: BuildOptions,
    config: Config,
    log: Log = log_to_stderr,
    *,
    need_site: bool = True,
    keep_bodies: bool = False,
) -> BuildResult:
    """One build (incremental when options.cache_dir is set); see Builder.build for the flags."""
    with Builder(options, config, log) as builder:
        return builder.build(need_site=need_site, keep_bodies=keep_bodies)


# -- pages ---------------------------------------------------------------------


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
        f"{code_digest()}\0{folder_digest(folders)}\0{config!r}".encode("utf-8", "surrogatepass")
    ).hexdigest()


def write_site(
    site: Site,
    config: Config,
    writer: SiteWriter,
    today: dt.date,
    postings: Sequence[Posting] | None = None,
    *,
    digests: Mapping[str, str] | None = None,
    stages: dict[str, float] | None = None,
    bodies: BodyStore | None = None,
    lists: bool = True,
    search: bool = True,
    search_terms: BodyTerms | None = None,
) -> None:
    """Render every page of the site into the writer.

    `postings` limits the posting pages to those postings (the preview server re-renders
    only the pages a change affects); every other page is always rendered, except that
    `lists=False` leaves out everything that shows no posting body (the list pages, sitemap,
    robots.txt, jobs.json, the search index and static files) and renders only the feeds:
    the preview does so when nothing but posting bodies changed. `search=False` leaves the
    search index out (the preview's quick passes); `search_terms` gives the postings' body
    terms (see Reading.search_terms), else they are made from the postings' body text.
    """
    stages = stages if stages is not None else {}
    renderer = make_renderer(site, config, today, digests)
    renderer.bodies = bodies
    with _timed(stages, "render postings"):
        write_postings(renderer, writer, site.pages if postings is None else postings)
    if not lists:
        render_feeds(renderer, writer)
        return
    with _timed(stages, "render lists"):
        render_front_pages(renderer, writer)
        for taxonomy in site.taxonomies.values():
            render_taxonomy(renderer, writer, taxonomy)
        render_not_found(renderer, writer)
        render_feeds(renderer, writer)
        render_sitemap(renderer, writer)
        render_robots(renderer, writer)
        render_jobs_json(site, config.title, config.base_url, writer)
        for folder in reversed(template_folders(config.templates)):
            static = folder / "static"
            if static.is_dir():
                writer.copy_tree(static, "static")
    if search:
        with _timed(stages, "search index"):
            render_search_index(site, writer, search_terms, renderer.keys)


_CHUNK = 32


def write_postings(renderer: PageRenderer, writer: SiteWriter, postings: Sequence[Posting]) -> None:
    """Every posting page: kept when unchanged, else rendered (in a process pool when many)."""
    todo: list[tuple[int, str | None]] = []
    for index, posting in enumerate(postings):
        path, context = posting_page(renderer, posting)
        key = renderer.key("posting.html", path, context)
        if key is None or not writer.reuse(path, key):
            todo.append((index, key))
    if not todo:
        return
    if not writer.renders_in_workers:
        for index, _key in todo:
            path, context = posting_page(renderer, renderer.with_bodies([postings[index]])[0])
            renderer.emit(writer, "posting.html", path, **context)
        return
    renderer.compile("posting.html")  # once, before workers fork
    writer.ready()
    # The postings go to the workers as copies (pickled with each chunk): a worker that read
    # the parent's own Posting objects would write their reference counts, and so copy every
    # memory page holding them (at 100,000 postings, hundreds of MiB per worker).
    chunks = [
        [(postings[index], key) for index, key in todo[i : i + _CHUNK]] for i in range(0, len(todo), _CHUNK)
    ]
    state = (renderer, writer.root)
    done = pool_map(_render_chunk, chunks, shared=state, min_items=4, chunksize=1)
    for entries in progress(done, len(chunks), "writing"):
        for rel, entry in entries:
            writer.add(rel, entry)


def _render_chunk(chunk: list[tuple[Posting, str | None]]) -> list[tuple[str, Any]]:
    renderer, root = shared()
    entries = []
    filled = renderer.with_bodies([posting for posting, _key in chunk])
    for (_posting, key), posting in zip(chunk, filled, strict=True):
        path, context = posting_page(renderer, posting)
        raw = renderer.render("posting.html", path, **context).encode("utf-8")
        entries.append((path, write_file(site_path(root, path), raw, key, hashlib.sha256(raw).hexdigest())))
    return entries
