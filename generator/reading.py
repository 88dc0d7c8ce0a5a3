"""Reading the content folder: every posting file, through the build cache and the worker pool.

`scan_content` finds the posting files and their cache keys (see file_keys); files whose
key is in the cache are not read again. The others go through `pipeline.process_file` in a
process pool over all cores, and what they make (the posting without its body, the body,
the body's search terms) is stored in the cache as JSON. A file that cannot be built
becomes a `Skip` with a one-line reason, never an exception.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.bodies import BodyStore, body_from_json, body_terms_text, body_to_json, without_body
from generator.cache import BuildCache, code_digest
from generator.clock import source_date_epoch
from generator.config import Config
from generator.file_keys import FileKeys
from generator.model.posting import Posting
from generator.model.serialize import BadEntry, posting_from_json, posting_to_json
from generator.parallel import pool_map
from generator.progress import progress
from generator.readers import PostingError
from generator.search.index import BodyTerms
from generator.search.terms import StoredTerms
from generator.sources import SourceFile, find_sources

Log = Callable[[str], None]


def log_to_stderr(message: str) -> None:
    print(message, file=sys.stderr)


@dataclass
class Skip:
    """A posting file that was not built, with the reason, as one line."""

    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"

    def log_line(self) -> str:
        """The line a build logs about it."""
        return f"skipped {self}"


@dataclass(frozen=True)
class _Task:
    path: str
    rel: str
    fallback: dt.date


def _read_one(task: _Task) -> tuple[str, str | None, str | None]:
    """One posting file to cacheable JSON: (the posting without its body, the body, the body's
    search terms), or (`{"$skip": [message, line]}`, None, None)."""
    from generator.pipeline import process_file  # imported only by builds that read files

    try:
        posting = process_file(
            Path(task.path), content_dir=Path("/"), source=task.rel, fallback_date=task.fallback
        )
        return posting_to_json(without_body(posting)), body_to_json(posting), body_terms_text(posting)
    except PostingError as err:
        return _skip_json(err.message, err.line), None, None
    except (OSError, RecursionError, MemoryError, ValueError) as err:
        return _skip_json(f"cannot be read: {type(err).__name__}: {err}", None), None, None


def _skip_json(message: str, line: int | None) -> str:
    import json

    return json.dumps({"$skip": [message, line]})


def _decode_entry(rel: str, data: str) -> Posting | Skip:
    if data.startswith('{"$skip"'):
        import json

        message, line = json.loads(data)["$skip"]
        if not isinstance(message, str) or not (line is None or isinstance(line, int)):
            raise BadEntry("bad skip entry")
        return Skip(rel, message, line)
    posting = posting_from_json(data)
    if posting.source != rel:
        raise BadEntry("entry of another file")
    return posting


def _fallback_date(source: SourceFile, epoch: dt.datetime | None) -> dt.date:
    if epoch is not None:
        return epoch.date()
    return dt.datetime.fromtimestamp(source.stat.st_mtime, dt.UTC).date()


def _posting_key(source: SourceFile, fallback: dt.date) -> str:
    h = hashlib.sha256(f"{code_digest()}\0{source.rel}\0{fallback.isoformat()}\0".encode())
    with open(source.filename, "rb") as file:
        h.update(file.read())
    return h.hexdigest()


def read_postings(
    content: Path, config: Config, log: Log = log_to_stderr
) -> tuple[list[Posting], list[Skip]]:
    """Every posting of the content folder; bad files become Skips, never exceptions."""
    reading = read_postings_cached(content, config, log)
    return reading.postings, reading.skipped


@dataclass
class Reading:
    """The postings of the content folder, as read by read_postings_cached."""

    postings: list[Posting]
    skipped: list[Skip]
    keys: dict[str, str]  # cache key (content digest) by source; empty without a cache
    processed: int  # files read and cleaned (not taken from the cache)
    bodies: BodyStore | None  # with a cache the postings come without bodies: fill them from here
    terms: dict[str, str] = field(default_factory=dict)  # without a cache: body search terms by source

    def search_terms(self) -> BodyTerms:
        """Each posting's body search terms, as the read workers made them."""
        return self.bodies.terms if self.bodies is not None else StoredTerms(self.terms)

    def keep_bodies(self, postings: Sequence[Posting]) -> None:
        """Give these postings their bodies from the cache (without a cache they have them)."""
        if self.bodies is not None:
            self.bodies.fill_in_place(postings)

    def term_texts(self, postings: Sequence[Posting]) -> dict[str, str]:
        """The postings' body search terms (`terms_to_text`) by source, as the workers made them."""
        return self.bodies.term_texts(postings) if self.bodies is not None else self.terms

    def close(self) -> None:
        """Close the body store's connection to the cache (the postings stay as they are)."""
        if self.bodies is not None:
            self.bodies.close()


@dataclass
class Scan:
    """The content folder's posting files, each with its cache key, before any is read."""

    tasks: list[_Task]
    rejected: list[Skip]  # files refused unread (too big, not a posting's file type ...)
    keys: dict[str, str]  # cache key (content digest) by source; empty without a cache


def scan_content(content: Path, config: Config, cache: BuildCache | None = None) -> Scan:
    """Find the posting files and, with a cache, each one's key (its bytes are hashed only
    when its size or time changed since the last scan, see file_keys)."""
    # Resolved once here: links inside the content folder are never followed, so every
    # file's path below the resolved folder is already absolute and real.
    scanned_ns = time.time_ns()
    sources, rejected = find_sources(content.resolve(), max_size=config.max_file_size)
    epoch = source_date_epoch()
    tasks = [_Task(s.filename, s.rel, _fallback_date(s, epoch)) for s in sources]
    keys: dict[str, str] = {}
    if cache is not None:
        file_keys = FileKeys(cache, code_digest())
        keys = {
            task.rel: file_keys.key(source, task.fallback, _posting_key, scanned_ns)
            for task, source in zip(tasks, sources, strict=True)
        }
        file_keys.save()
    return Scan(tasks, [Skip(r.rel, r.reason) for r in rejected], keys)


def read_postings_cached(
    content: Path,
    config: Config,
    log: Log = log_to_stderr,
    cache: BuildCache | None = None,
    scan: Scan | None = None,
) -> Reading:
    """Like read_postings, through the posting cache when one is given.

    With a cache, postings hold their metadata only (`Reading.bodies` gives the bodies), so
    the build's memory does not grow with the size of every posting's text. `scan` is the
    content folder's scan when the caller has made it already.
    """
    if scan is None:
        scan = scan_content(content, config, cache)
    tasks, keys = scan.tasks, scan.keys
    skipped = list(scan.rejected)
    results: dict[str, Posting | Skip] = {}
    if cache is not None:
        rels = {key: rel for rel, key in keys.items()}
        for key, data in cache.get_postings(keys.values()):  # decoded as they come, never all at once
            try:
                results[rels[key]] = _decode_entry(rels[key], data)
            except BadEntry:
                pass  # never trusted: processed again below
    todo = [task for task in tasks if task.rel not in results]
    if todo:
        import generator.pipeline  # noqa: F401 - once here, not in every worker
    fresh: list[tuple[str, str]] = []
    fresh_bodies: list[tuple[str, str]] = []
    fresh_terms: list[tuple[str, str]] = []
    terms: dict[str, str] = {}
    done = progress(pool_map(_read_one, todo), len(todo), "reading")
    for task, (data, body, body_terms) in zip(todo, done, strict=True):
        result = results[task.rel] = _decode_entry(task.rel, data)
        if cache is None:
            if isinstance(result, Posting) and body is not None:
                result.body_html, result.body_text = body_from_json(body) or ("", "")
                terms[task.rel] = body_terms or ""
            continue
        fresh.append((keys[task.rel], data))
        if body is not None:
            fresh_bodies.append((keys[task.rel], body))
            fresh_terms.append((keys[task.rel], body_terms or ""))
        if len(fresh) >= 500:
            cache.put_bodies(fresh_bodies)  # bodies first: a posting entry always has its body
            cache.put_terms(fresh_terms)
            cache.put_postings(fresh)
            fresh, fresh_bodies, fresh_terms = [], [], []
    bodies = None
    if cache is not None:
        cache.put_bodies(fresh_bodies)
        cache.put_terms(fresh_terms)
        cache.put_postings(fresh)
        by_rel = {task.rel: task for task in tasks}
        bodies = BodyStore(cache.folder, keys, lambda rel: _remake_body(by_rel[rel]))
    postings: list[Posting] = []
    for task in tasks:
        result = results[task.rel]
        if isinstance(result, Skip):
            skipped.append(result)
        else:
            postings.append(result)
    for skip in skipped:
        log(skip.log_line())
    return Reading(postings, skipped, keys, len(todo), bodies, terms)


def _remake_body(task: _Task) -> tuple[str, str] | None:
    """A body missing from the cache, made again from the posting's file."""
    body = _read_one(task)[1]
    return body_from_json(body) if body is not None else None


def read_posting(source: SourceFile, content: Path, fallback: dt.date | None) -> Posting | Skip:
    """One posting file; a bad file becomes a Skip, never an exception."""
    from generator.pipeline import process_file

    try:
        return process_file(source.path, content_dir=content, fallback_date=fallback)
    except PostingError as err:
        return Skip(source.rel, err.message, err.line)
    except (OSError, RecursionError, MemoryError, ValueError) as err:
        return Skip(source.rel, f"cannot be read: {type(err).__name__}: {err}")
