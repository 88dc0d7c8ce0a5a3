"""Search-index benchmark: `python benchmarks/search_bench.py SITE [--runs 5] [--modes ...]`.

SITE is a built site (`jobboard build`). Each mode writes a Pagefind index of SITE into a
fresh folder beside it and reports the median wall time and the median CPU time (user +
sys of the child processes) over the runs. Modes:

- `cli-all`: the Pagefind CLI over every HTML page (what the build did before issue #5)
- `cli-jobs`: the CLI over `jobs/**/*.html` only (posting pages; the others carry no
  `data-pagefind-body` and are only parsed to be ignored)
- `cli-jobs-1thread`: the same with RAYON_NUM_THREADS=1 and TOKIO_WORKER_THREADS=1
- `api`: Pagefind's Python API (`PagefindIndex.add_html_file` for each posting page)
- `build`: `generator.render.search_index.build_search_index`, as the build runs it
- `one-changed`: build_search_index of SITE with one posting page changed and SITE as the
  previous output (the incremental build's search stage; a full re-index today)
- `first-search`: open SITE's front page in headless Chromium, wait for the search form,
  search for `--term`, and count the requests and bytes under pagefind/ (needs chromium
  and playwright, as the browser tests do)

Not part of pytest. Other processes on the machine add to the wall time; CPU time is the
steadier number.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH_TMP: Path | None = None
sys.path.insert(0, str(HERE.parent))

from generator.render.search_index import (  # noqa: E402
    SEARCH_FOLDER,
    build_search_index,
    pagefind_executable,
)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _self_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _cli(site: Path, out: Path, glob: str | None, env: dict[str, str] | None = None) -> None:
    command = [str(pagefind_executable()), "--site", str(site), "--output-path", str(out), "--silent"]
    if glob:
        command += ["--glob", glob]
    subprocess.run(command, check=True, env={**os.environ, **(env or {})})


def _api(site: Path, out: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    async def run() -> None:
        config = IndexConfig(output_path=str(out))
        async with PagefindIndex(config=config) as index:
            for page in sorted(site.glob("jobs/*/index.html")):
                rel = page.relative_to(site).as_posix()
                await index.add_html_file(
                    content=page.read_text("utf-8"), url="/" + rel.removesuffix("index.html")
                )

    asyncio.run(run())


def _copy_site(site: Path, into: Path) -> Path:
    """A hard-linked copy of the site's pages (without its index), as the build's new tree."""
    copy = into / "site"
    shutil.copytree(site, copy, copy_function=os.link, ignore=shutil.ignore_patterns(SEARCH_FOLDER))
    return copy


def _change_one_posting(site: Path) -> str:
    page = min(site.glob("jobs/*/index.html"))
    text = page.read_text("utf-8")
    page.unlink()  # a hard link: never write through it into the source site
    page.write_text(text.replace("</article>", "<p>One more line, changed.</p></article>", 1), "utf-8")
    return page.relative_to(site).as_posix()


def measure(
    label: str, runs: int, prepare: Callable[[Path], object], run: Callable[[Path, object], None]
) -> None:
    walls, cpus = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(dir=BENCH_TMP) as tmp:
            state = prepare(Path(tmp))
            cpu0, self0 = _children_cpu(), _self_cpu()
            start = time.perf_counter()
            run(Path(tmp), state)
            walls.append(time.perf_counter() - start)
            cpus.append(_children_cpu() - cpu0 + _self_cpu() - self0)
    print(
        f"{label:18s} wall {statistics.median(walls):7.2f} s (min {min(walls):6.2f})"
        f"   cpu {statistics.median(cpus):7.2f} s   ({runs} runs)",
        flush=True,
    )


def first_search(site: Path, term: str) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.server import SiteServer
    from tests.browser.tools import CHROMIUM_ARGS, chromium_path

    served = Path(tempfile.mkdtemp(dir=BENCH_TMP)) / "site"
    served.symlink_to(site, target_is_directory=True)
    with SiteServer(served, prefix="board") as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path()), args=CHROMIUM_ARGS)
        page = browser.new_page()
        seen: list[tuple[str, int]] = []
        page.on(
            "requestfinished",
            lambda r: (
                seen.append((r.url, (r.sizes() or {}).get("responseBodySize", 0)))
                if "/pagefind/" in r.url
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
        f"first-search       ready {ready:5.2f} s: {loaded[0]} requests, {loaded[1] / 1024:.0f} KiB;"
        f" after searching {term!r} ({total:5.2f} s): {len(seen)} requests, "
        f"{sum(size for _u, size in seen) / 1024:.0f} KiB  [{shown}]"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--term", default="kubernetes")
    parser.add_argument(
        "--modes", nargs="+", default=["cli-all", "cli-jobs", "cli-jobs-1thread", "build", "one-changed"]
    )
    args = parser.parse_args()
    site: Path = args.site.resolve()
    pages = sum(1 for _ in site.glob("jobs/*/index.html"))
    print(f"== {site}: {pages} posting pages ==")
    global BENCH_TMP
    BENCH_TMP = site.parent  # same file system: the build tree is hard-linked
    quiet: Callable[[str], None] = lambda _m: None  # noqa: E731
    one_thread = {"RAYON_NUM_THREADS": "1", "TOKIO_WORKER_THREADS": "1"}
    for mode in args.modes:
        if mode == "cli-all":
            measure(mode, args.runs, lambda t: None, lambda t, _s: _cli(site, t / "pf", None))
        elif mode == "cli-jobs":
            measure(mode, args.runs, lambda t: None, lambda t, _s: _cli(site, t / "pf", "jobs/**/*.html"))
        elif mode == "cli-jobs-1thread":
            measure(
                mode,
                args.runs,
                lambda t: None,
                lambda t, _s: _cli(site, t / "pf", "jobs/**/*.html", one_thread),
            )
        elif mode == "api":
            measure(mode, args.runs, lambda t: None, lambda t, _s: _api(site, t / "pf"))
        elif mode == "build":
            measure(mode, args.runs, _copy_site, lambda _t, copy: build_search_index(copy, quiet))
        elif mode == "one-changed":

            def prepare(tmp: Path) -> tuple[Path, list[str]]:
                copy = _copy_site(site, tmp)
                return copy, [_change_one_posting(copy)]

            measure(
                mode,
                args.runs,
                prepare,
                lambda _t, state: build_search_index(state[0], quiet, previous=site, changed=state[1]),
            )
        elif mode == "first-search":
            first_search(site, args.term)
        else:
            raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
