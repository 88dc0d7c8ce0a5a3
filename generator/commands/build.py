"""`jobboard build`: content folder -> postings -> site model -> pages -> output folder."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.clock import build_time, source_date_epoch
from generator.config import Config
from generator.model.posting import Posting
from generator.model.site import Site, assemble_site
from generator.pipeline import process_file
from generator.progress import progress
from generator.readers import PostingError
from generator.render.feeds import render_feeds
from generator.render.jobs_json import render_jobs_json
from generator.render.pages import (
    PageRenderer,
    render_front_pages,
    render_not_found,
    render_posting,
    render_taxonomy,
)
from generator.render.search_index import build_search_index
from generator.render.sitemap import render_robots, render_sitemap
from generator.render.templates import template_folders
from generator.sources import SourceFile, find_sources
from generator.write.output import SiteWriter, check_output_dir, remove_stale_builds


@dataclass(frozen=True)
class BuildOptions:
    content: Path = Path("content")
    output: Path = Path("output")
    drafts: bool = False
    project_root: Path = field(default_factory=Path.cwd)


@dataclass
class Skip:
    """A posting file that was not built, with the reason, as one line."""

    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


@dataclass
class BuildResult:
    site: Site
    skipped: list[Skip]
    seconds: float
    files_written: int

    def summary(self) -> str:
        site = self.site
        parts = [
            f"{len(site.postings)} postings",
            f"{len(site.taxonomies['companies'].terms)} companies",
            f"{len(site.taxonomies['locations'].terms)} locations",
            f"{len(self.skipped)} skipped",
        ]
        extra = []
        if site.closed:
            extra.append(f"{len(site.closed)} closed")
        if site.drafts:
            extra.append(f"{len(site.drafts)} drafts not built")
        if site.duplicates:
            extra.append(f"{len(site.duplicates)} duplicates dropped")
        tail = f" ({', '.join(extra)})" if extra else ""
        return f"{', '.join(parts)}{tail} in {self.seconds:.2f}s"


Log = Callable[[str], None]

NO_BASE_URL_WARNING = (
    "warning: no base URL (--base-url or base_url in jobboard.toml): canonical links and JSON-LD url "
    "are left out; sitemap.xml and feeds use relative URLs"
)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def read_postings(content: Path, config: Config, log: Log = _stderr) -> tuple[list[Posting], list[Skip]]:
    """Every posting of the content folder; bad files become Skips, never exceptions."""
    sources, rejected = find_sources(content, max_size=config.max_file_size)
    skipped = [Skip(r.rel, r.reason) for r in rejected]
    epoch = source_date_epoch()
    fallback = epoch.date() if epoch else None
    postings: list[Posting] = []
    for source in progress(sources, len(sources), "reading"):
        result = read_posting(source, content, fallback)
        if isinstance(result, Skip):
            skipped.append(result)
        else:
            postings.append(result)
    for skip in skipped:
        log(f"skipped {skip}")
    return postings, skipped


def read_posting(source: SourceFile, content: Path, fallback: dt.date | None) -> Posting | Skip:
    """One posting file; a bad file becomes a Skip, never an exception."""
    try:
        return process_file(source.path, content_dir=content, fallback_date=fallback)
    except PostingError as err:
        return Skip(source.rel, err.message, err.line)
    except (OSError, RecursionError, MemoryError, ValueError) as err:
        return Skip(source.rel, f"cannot be read: {type(err).__name__}: {err}")


def build(options: BuildOptions, config: Config, log: Log = _stderr) -> BuildResult:
    """Build the whole site atomically. Raises OutputRefused before touching anything."""
    started = time.perf_counter()
    check_output_dir(options.output, content=options.content, project_root=options.project_root)
    remove_stale_builds(options.output)
    today = build_time().date()
    postings, skipped = read_postings(options.content, config, log)
    site = assemble_site(postings, today=today, include_drafts=options.drafts, aliases=config.aliases)
    for duplicate in site.duplicates:
        log(f"duplicate {duplicate.dropped.source}: same job as {duplicate.kept.source}, not built")
    if not config.base_url:
        log(NO_BASE_URL_WARNING)
    writer = SiteWriter(options.output)
    try:
        write_site(site, config, writer, today)
        build_search_index(writer.root, log)  # inside the temporary folder, before the swap
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    return BuildResult(site, skipped, time.perf_counter() - started, writer.count)


def write_site(
    site: Site, config: Config, writer: SiteWriter, today: dt.date, postings: Sequence[Posting] | None = None
) -> None:
    """Render every page of the site into the writer.

    `postings` limits the posting pages to those postings (the preview server re-renders
    only the pages a change affects); every other page is always rendered.
    """
    renderer = PageRenderer(config, site, today)
    renderer.env.globals["open_count"] = len(site.postings)
    pages = site.pages if postings is None else postings
    for posting in progress(pages, len(pages), "writing"):
        render_posting(renderer, writer, posting)
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
