"""Search-index benchmark: `python benchmarks/search_bench.py BOARD [--runs 3] [--terms ...] [--browser]`.

BOARD is a board folder as benchmarks/run.py leaves it (content/, output/ and
.jobboard-cache/ of a cached build; `python benchmarks/run.py --sizes N --runs 1` makes one
in $TMPDIR/jobboard-bench/board-N). It reports:

- index build: seconds to build every file of search/ from the cached postings (body terms
  from the cache, as `jobboard build` does), median over `--runs` fresh interpreters, and
  the memory the index adds (the process's peak RSS while building it minus its RSS before);
- the same with every body tokenized again (what a posting not yet in the cache costs);
- the size of search/ in BOARD/output: files, total bytes, the biggest shard and doc chunk;
- what a first search downloads, for each of `--terms`: index.json, the term shards the
  query loads, and the doc chunks of the first 20 results (static/search-engine.js under
  Node decides, as the browser does);
- with `--browser`, the same measured in headless Chromium: every request under search/
  from opening the front page to the first 20 results shown.

Pagefind, measured on the same machine before it was replaced (README, "Search and
filters"), is printed beside it. Not part of pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
PAGEFIND = {  # measured 2026-12-01 at 10,000 postings (benchmarks/run.py, medians of 3, 2 cores)
    "index seconds (cold build)": 30,
    "index seconds (one posting changed)": 23,
    "peak memory of the build": "2.0 GiB, of which Pagefind 1.9 GiB",
}


def _rss() -> int:
    """This process's resident memory now (bytes)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


class _PeakRss:
    """The highest RSS of this process while the block runs (sampled every 5 ms)."""

    def __enter__(self) -> _PeakRss:
        self.before = self.peak = _rss()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._done.wait(0.005):
            self.peak = max(self.peak, _rss())

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()
        self.peak = max(self.peak, _rss())


def child(board: Path, retokenize: bool, trace: bool) -> None:
    """One measurement in this (fresh) interpreter; prints JSON."""
    os.chdir(board)
    from generator.cache import BuildCache
    from generator.clock import build_time
    from generator.config import Config
    from generator.model.site import assemble_site
    from generator.reading import read_postings_cached
    from generator.search.index import search_index_files
    from generator.search.terms import body_terms_of_text

    cache = BuildCache(Path(".jobboard-cache"))
    reading = read_postings_cached(Path("content"), Config(), lambda _m: None, cache)
    assert reading.bodies is not None
    site = assemble_site(reading.postings, today=build_time().date(), body_texts=reading.bodies.texts)
    body_terms = reading.search_terms()
    if retokenize:
        bodies = reading.bodies

        def body_terms(postings):  # type: ignore[no-untyped-def]
            for start in range(0, len(postings), 500):
                yield from body_terms_of_text(bodies.fill(postings[start : start + 500]))

    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    size = files = 0
    with _PeakRss() as memory:
        for _path, text in search_index_files(site, body_terms):
            size += len(text.encode("utf-8"))
            files += 1
    seconds = time.perf_counter() - start
    traced = tracemalloc.get_traced_memory()[1] if trace else 0
    print(
        json.dumps(
            {
                "seconds": seconds,
                "added": memory.peak - memory.before,
                "traced": traced,
                "peak": memory.peak,
                "files": files,
                "bytes": size,
                "docs": len(site.postings),
            }
        )
    )


def measure(board: Path, runs: int, retokenize: bool, trace: bool = False) -> dict[str, float]:
    rows = []
    flags = (["--retokenize"] if retokenize else []) + (["--trace"] if trace else [])
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(board), *flags],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PYTHONPATH": str(ROOT)},
        ).stdout
        rows.append(json.loads(out.splitlines()[-1]))
    return {key: statistics.median(row[key] for row in rows) for key in rows[0]}


def sizes(search: Path) -> None:
    files = [p for p in search.rglob("*.json")]
    total = sum(p.stat().st_size for p in files)
    by_kind: dict[str, list[int]] = {}
    for p in files:
        by_kind.setdefault(p.relative_to(search).parts[0], []).append(p.stat().st_size)
    print(f"search/: {len(files)} files, {total / 2**20:.2f} MiB")
    for kind, values in sorted(by_kind.items()):
        print(
            f"  {kind:11s} {len(values):5d} files  {sum(values) / 1024:8.0f} KiB"
            f"  biggest {max(values) / 1024:6.1f} KiB"
        )


def first_search_static(site: Path, terms: list[str]) -> None:
    node = "node"
    script = ROOT / "tests" / "site" / "search_node.js"
    engine = ROOT / "templates" / "static" / "search-engine.js"
    meta = json.loads((site / "search" / "index.json").read_text("utf-8"))
    from generator.search.index import shard_key

    def run(mode: str, data: object) -> list:
        done = subprocess.run(
            [node, str(script), str(engine), mode, str(site)],
            input=json.dumps(data),
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(done.stdout)

    queries = [{"q": term} for term in terms]
    results = run("search", queries)
    from generator.search.tokens import tokenize

    for term, result in zip(terms, results, strict=True):
        tokens = list(dict.fromkeys(tokenize(term)))
        shards = sorted({s for found in run("shards", tokens) for s in found})
        chunks = sorted({i // meta["chunk"] for i in result["ids"][:20]})
        index = (site / "search" / "index.json").stat().st_size
        shard_bytes = sum((site / "search" / "terms" / f"{shard_key(s)}.json").stat().st_size for s in shards)
        chunk_bytes = sum((site / "search" / "docs" / f"{c}.json").stat().st_size for c in chunks)
        total = index + shard_bytes + chunk_bytes
        print(
            f"  {term!r:14s} {len(result['ids']):6d} results: index.json {index / 1024:.0f} KiB + "
            f"{len(shards)} shards {shard_bytes / 1024:.0f} KiB + {len(chunks)} doc chunks "
            f"{chunk_bytes / 1024:.0f} KiB = {total / 1024:.0f} KiB"
        )


def first_search_browser(site: Path, term: str) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.server import SiteServer
    from tests.browser.tools import CHROMIUM_ARGS, chromium_path

    served = Path(tempfile.mkdtemp()) / "site"
    served.symlink_to(site, target_is_directory=True)
    with SiteServer(served, prefix="board") as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path()), args=CHROMIUM_ARGS)
        page = browser.new_page()
        seen: list[tuple[str, int]] = []
        page.on(
            "requestfinished",
            lambda r: (
                seen.append((r.url, (r.sizes() or {}).get("responseBodySize", 0)))
                if "/search/" in r.url
                else None
            ),
        )
        start = time.perf_counter()
        page.goto(server.base + "index.html")
        page.wait_for_selector("#job-search[data-ready='true']", timeout=60_000)
        ready = time.perf_counter() - start
        loaded = len(seen), sum(size for _u, size in seen)
        page.fill("#search-query", term)
        done = "() => document.getElementById('job-search').getAttribute('data-state') === 'done'"
        page.wait_for_function(done, timeout=60_000)
        total = time.perf_counter() - start
        shown = page.locator("#search-status").text_content()
        browser.close()
    print(
        f"  browser {term!r}: ready in {ready:.2f} s ({loaded[0]} requests, {loaded[1] / 1024:.0f} KiB); "
        f"results in {total:.2f} s: {len(seen)} requests, {sum(s for _u, s in seen) / 1024:.0f} KiB [{shown}]"
    )


def main() -> None:
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), "--retokenize" in sys.argv, "--trace" in sys.argv)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("board", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--terms", nargs="+", default=["kubernetes", "python", "senior data", "k", "platform eng"]
    )
    parser.add_argument("--browser", action="store_true")
    args = parser.parse_args()
    board = args.board.resolve()
    cached = measure(board, args.runs, retokenize=False)
    print(f"== {board}: {cached['docs']:.0f} open postings, medians of {args.runs} ==")
    print(
        f"index build (terms from the cache)  {cached['seconds']:6.2f} s"
        f"   adds {cached['added'] / 2**20:5.0f} MiB"
        f" to peak RSS (process peak {cached['peak'] / 2**20:.0f} MiB)"
    )
    traced = measure(board, 1, retokenize=False, trace=True)
    print(f"  its Python allocations at their peak (tracemalloc, 1 run): {traced['traced'] / 2**20:.1f} MiB")
    fresh = measure(board, args.runs, retokenize=True)
    print(
        f"index build (every body tokenized)  {fresh['seconds']:6.2f} s"
        f"   adds {fresh['added'] / 2**20:5.0f} MiB"
    )
    sizes(board / "output" / "search")
    print("first search downloads (index.json + term shards + doc chunks of the first 20 results):")
    first_search_static(board / "output", args.terms)
    if args.browser:
        first_search_browser(board / "output", args.terms[0])
    print("Pagefind at 10,000 postings, for comparison:", "; ".join(f"{k}: {v}" for k, v in PAGEFIND.items()))


if __name__ == "__main__":
    main()
