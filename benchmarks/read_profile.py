"""Reading benchmark: `python benchmarks/read_profile.py DIR [DIR...] [--runs 3] [--top 30]`.

Times `generator.pipeline.process_file` over every posting file of each content folder in
ONE process (no worker pool), several times, and prints the median CPU milliseconds per
posting, then a cProfile top list (by tottime and by cumulative time) of one more pass.
Also times the cache's posting (de)serialization (`posting_to_json` / `posting_from_json`)
in microseconds per posting. Not part of pytest.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import pstats
import statistics
import time
from pathlib import Path

from generator.model.posting import Posting
from generator.model.serialize import posting_from_json, posting_to_json
from generator.pipeline import process_file
from generator.readers import PostingError
from generator.sources import SourceFile, find_sources

FALLBACK = dt.date(2026, 1, 1)


def read_all(files: list[SourceFile], content: Path) -> list[Posting]:
    postings = []
    for source in files:
        try:
            postings.append(process_file(source.path, content_dir=content, fallback_date=FALLBACK))
        except PostingError:
            pass
    return postings


def time_reading(
    files: list[SourceFile], content: Path, runs: int
) -> tuple[float, float, list[Posting]]:
    """Median CPU ms per posting file over `runs` passes, and the first pass's.

    Later passes find the per-process caches (places, location values) filled by the
    first, as a worker does for values that repeat; the first pass is the colder number.
    """
    times = []
    postings: list[Posting] = []
    for _ in range(runs):
        start = time.process_time()
        postings = read_all(files, content)
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000 / len(files), times[0] * 1000 / len(files), postings


def time_serialize(postings: list[Posting], runs: int) -> tuple[float, float]:
    """Median CPU µs per posting for encoding and for decoding."""
    enc, dec = [], []
    for _ in range(runs):
        start = time.process_time()
        texts = [posting_to_json(p) for p in postings]
        enc.append(time.process_time() - start)
        start = time.process_time()
        for text in texts:
            posting_from_json(text)
        dec.append(time.process_time() - start)
    n = max(len(postings), 1)
    return statistics.median(enc) * 1e6 / n, statistics.median(dec) * 1e6 / n


def profile(files: list[SourceFile], content: Path, top: int) -> str:
    prof = cProfile.Profile()
    prof.enable()
    read_all(files, content)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args()
    for content in args.folders:
        files, _ = find_sources(content, max_size=5_000_000)
        read_all(files[:20], content)  # warm up lazy imports and caches
        ms, first_ms, postings = time_reading(files, content, args.runs)
        enc, dec = time_serialize(postings, max(args.runs, 5))
        print(f"{content}: {len(files)} files, {len(postings)} postings")
        print(f"  read   {ms:8.3f} ms per posting (median of {args.runs}, CPU time)")
        print(f"         {first_ms:8.3f} ms per posting in the first pass (caches still filling)")
        print(f"  encode {enc:8.1f} µs per posting, decode {dec:8.1f} µs per posting")
        if not args.no_profile:
            print(profile(files, content, args.top))


if __name__ == "__main__":
    main()
