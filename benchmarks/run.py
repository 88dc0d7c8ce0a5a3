"""Build benchmark: `python benchmarks/run.py [--sizes 1000 10000] [--big] [--runs 3]`.

For each board size (synthetic, from make_board.py) it reports medians of several runs of:
cold build (no cache, no output), rebuild with nothing changed, rebuild with one posting
changed; peak memory of the whole process tree (sum of RSS of the build and its workers,
sampled every 20 ms), pages per second and seconds per stage. Then, through the cache the
builds filled: `jobboard check` and the preview's first build (as `jobboard serve` starts).
Each build runs in a fresh interpreter, as `jobboard build` would. With `hugo` on PATH it
also builds the same board as a minimal Hugo site and prints our cold time as a ratio to
Hugo's. Not part of pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_board import make_board  # noqa: E402

EPOCH = "1767225600"


def _tree_memory(pid: int) -> tuple[int, int]:
    """Resident memory (bytes) of pid and its descendants: the sum of RSS, and of PSS.

    RSS counts pages that forked workers share with their parent once per process; PSS
    (proportional set size) splits each shared page among the processes sharing it, so the
    PSS sum is the memory the build really holds."""
    rss = pss = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            pass
    return rss, pss


def run_build(work: Path, extra_env: dict[str, str] | None = None) -> dict:
    """One build in a child interpreter; returns its result plus wall time and peak tree RSS."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **(extra_env or {})}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--driver", str(work)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    peak = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        while not done.is_set():
            rss, pss = _tree_memory(proc.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, _ = proc.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"build failed in {work}")
    result = json.loads(out)
    result.update(wall=wall, peak_mib=peak / 2**20, pss_mib=peak_pss / 2**20)
    return result


def driver(work: Path) -> None:
    """The child: one build of work/content into work/output with the cache in work/."""
    os.chdir(work)
    from generator.cli import tune_garbage_collection
    from generator.config import load_config
    from generator.engine import BuildOptions, Engine

    tune_garbage_collection()  # as the jobboard command does

    options = BuildOptions(Path("content"), Path("output"), cache_dir=Path(".jobboard-cache"))
    config = load_config(Path("jobboard.toml"))  # none there: defaults, with templates/ beside it
    with Engine(options, config, log=lambda _m: None) as builder:
        result = builder.update(need_site=False)  # as `jobboard build`
    print(
        json.dumps(
            {
                "seconds": result.seconds,
                "stages": result.stages,
                "processed": result.processed,
                "written": result.files_written,
            }
        )
    )


def preview_driver(work: Path) -> None:
    """The child: the preview's first build of work/content, through work's build cache, into a
    throwaway folder (as `jobboard serve` starts), without serving it."""
    os.chdir(work)
    from generator.cli import tune_garbage_collection
    from generator.preview.live_site import LiveSite

    tune_garbage_collection()  # as the jobboard command does

    with tempfile.TemporaryDirectory() as folder:
        site = LiveSite(
            content=Path("content"),
            folder=Path(folder) / "site",
            config_path=Path("jobboard.toml"),
            log=lambda _m: None,
            cache_dir=Path(".jobboard-cache"),
        )
        site.first_build()
        if site.problem is not None:
            raise SystemExit(f"preview failed: {site.problem}")


def timed_child(work: Path, args: list[str]) -> float:
    """Wall seconds of one child interpreter run in `work` (a command or a driver)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=work, env=env, capture_output=True)
    if done.returncode not in (0, 1):  # `check` exits 1 when a posting has an error
        raise SystemExit(f"{args} failed in {work}: {done.stderr.decode()[-500:]}")
    return time.perf_counter() - start


def touch_one(work: Path, round_: int) -> None:
    path = min((work / "content").rglob("*.md"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f"\n\nEdit number {round_}.\n", encoding="utf-8")


def daily_update(work: Path, round_: int) -> None:
    """A day's changes: 50 postings edited and 50 new ones (copies under new names and titles)."""
    paths = sorted((work / "content").rglob("*.md"))[:50]
    for path in paths:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.rstrip("\n") + f"\n\nDaily edit {round_}.\n", encoding="utf-8")
    for i, path in enumerate(paths):
        text = path.read_text(encoding="utf-8").replace("title: ", f"title: New {round_}-{i} ", 1)
        (path.parent / f"new-{round_}-{i}.md").write_text(text, encoding="utf-8")


def change_template(work: Path, round_: int) -> None:
    """An edit of posting.html: a board's own copy in templates/ beside the config."""
    from generator.render.templates import builtin_templates

    own = work / "templates"
    own.mkdir(exist_ok=True)
    text = (builtin_templates() / "posting.html").read_text(encoding="utf-8")
    (own / "posting.html").write_text(text + f"{{# edit {round_} #}}\n<!-- {round_} -->\n", encoding="utf-8")


def hugo_build(work: Path) -> float | None:
    """Cold build of the same postings as a minimal Hugo site; None without hugo."""
    hugo = shutil.which("hugo")
    if hugo is None:
        return None
    site = work / "hugo"
    if not site.exists():
        _make_hugo_site(work / "content", site)
    times = []
    for _ in range(2):
        shutil.rmtree(site / "public", ignore_errors=True)
        shutil.rmtree(site / "resources", ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([hugo, "--quiet", "-s", str(site)], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _make_hugo_site(content: Path, site: Path) -> None:
    """Each posting as Markdown with title/company/location taxonomies; list pages of 50."""
    from generator.config import Config
    from generator.reading import read_postings

    postings, _skipped = read_postings(content, Config(), log=lambda _m: None)
    (site / "content" / "jobs").mkdir(parents=True)
    for i, p in enumerate(postings):
        front = {
            "title": p.title,
            "date": p.date_posted.isoformat(),
            "companies": [p.company or "Company not stated"],
            "locations": p.locations or ["Location not stated"],
        }
        body = p.body_html  # already Markdown-rendered; Hugo renders it as raw HTML
        (site / "content" / "jobs" / f"{i:06d}.md").write_text(
            json.dumps(front) + "\n\n" + body, encoding="utf-8"
        )
    (site / "config.toml").write_text(
        'baseURL = "/"\ntitle = "Bench"\npaginate = 50\ndisableKinds = ["RSS", "sitemap", "robotsTXT"]\n'
        "[markup.goldmark.renderer]\nunsafe = true\n"
        '[taxonomies]\ncompany = "companies"\nlocation = "locations"\n'
    )
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    head = '<!doctype html><html><head><title>{{ .Title }}</title></head><body>'
    (layouts / "single.html").write_text(
        head + "<h1>{{ .Title }}</h1>{{ range .GetTerms \"companies\" }}<a href=\"{{ .RelPermalink }}\">"
        "{{ .LinkTitle }}</a>{{ end }}{{ .Content }}</body></html>\n"
    )
    (layouts / "list.html").write_text(
        head + "<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<li><a href=\"{{ .RelPermalink }}\">"
        "{{ .Title }}</a> {{ .Date.Format \"2006-01-02\" }}</li>{{ end }}</body></html>\n"
    )
    (layouts / "terms.html").write_text(
        head + "{{ range .Data.Terms.ByCount }}<li><a href=\"{{ .Page.RelPermalink }}\">{{ .Page.Title }}</a>"
        " {{ .Count }}</li>{{ end }}</body></html>\n"
    )
    (layouts / "index.html").write_text((layouts / "list.html").read_text())


def bench(n: int, runs: int, root: Path, env: dict[str, str] | None = None, hugo: bool = True) -> None:
    work = root / f"board-{n}"
    if not (work / "content").exists():
        work.mkdir(parents=True, exist_ok=True)
        make_board(n, work / "content")
    cold, same, one = [], [], []
    for _ in range(runs):
        shutil.rmtree(work / "output", ignore_errors=True)
        shutil.rmtree(work / ".jobboard-cache", ignore_errors=True)
        cold.append(run_build(work, env))
    run_build(work, env)  # the first rebuild fills the spare tree
    for _ in range(runs):
        same.append(run_build(work, env))
    for i in range(runs):
        touch_one(work, i)
        one.append(run_build(work, env))
    daily, template = [], []
    for i in range(runs):
        daily_update(work, i)
        daily.append(run_build(work, env))
    for i in range(runs):
        change_template(work, i)
        template.append(run_build(work, env))
    shutil.rmtree(work / "templates", ignore_errors=True)
    for path in (work / "content").rglob("new-*.md"):
        path.unlink()
    run_build(work, env)

    def med(rows: list[dict], key: str) -> float:
        return statistics.median(r[key] for r in rows)

    pages = sum(1 for _ in (work / "output").rglob("*.html"))  # counted outside the timed builds
    print(f"\n== {n} postings, {pages} pages, medians of {runs} ==")
    print(f"cold build            {med(cold, 'wall'):7.2f} s   peak RSS {med(cold, 'peak_mib'):6.0f} MiB"
          f" (PSS {med(cold, 'pss_mib'):.0f})   {pages / med(cold, 'wall'):6.0f} pages/s")
    print(f"no-change rebuild     {med(same, 'wall'):7.2f} s   peak RSS {med(same, 'peak_mib'):6.0f} MiB"
          f" (PSS {med(same, 'pss_mib'):.0f})")
    print(f"one posting changed   {med(one, 'wall'):7.2f} s   peak RSS {med(one, 'peak_mib'):6.0f} MiB"
          f" (PSS {med(one, 'pss_mib'):.0f})"
          f"   ({med(one, 'written'):.0f} files written)")
    print(f"100 changed (50 new)  {med(daily, 'wall'):7.2f} s   ({med(daily, 'written'):.0f} files written)")
    written = med(template, "written")
    print(f"template changed      {med(template, 'wall'):7.2f} s   ({written:.0f} files written)")
    for label, rows in (("cold", cold), ("no-change", same), ("one-changed", one), ("template", template)):
        stages = {k: statistics.median(r["stages"].get(k, 0.0) for r in rows) for k in rows[0]["stages"]}
        startup = med(rows, "wall") - med(rows, "seconds")
        text = "  ".join(f"{k} {v:.2f}" for k, v in stages.items())
        print(f"  stages {label:11s} startup+imports {startup:.2f}  {text}")
    # After a build, the other commands read through the same cache.
    check = statistics.median(timed_child(work, ["-m", "generator", "check"]) for _ in range(runs))
    preview = statistics.median(
        timed_child(work, [str(Path(__file__).resolve()), "--preview-driver", str(work)]) for _ in range(runs)
    )
    print(f"check (cached)        {check:7.2f} s")
    print(f"serve's first build   {preview:7.2f} s   (cached; every page rendered into its own folder)")
    hugo_seconds = hugo_build(work) if hugo else None
    if hugo_seconds is not None:
        ratio = med(cold, "wall") / hugo_seconds
        print(f"hugo cold build       {hugo_seconds:7.2f} s   ours / hugo = {ratio:.1f}x")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--driver":
        driver(Path(sys.argv[2]))
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--preview-driver":
        preview_driver(Path(sys.argv[2]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--big", action="store_true", help="also 100,000 postings (takes a while)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-hugo", action="store_true", help="skip the Hugo comparison")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "jobboard-bench")
    args = parser.parse_args()
    sizes = args.sizes + ([100_000] if args.big else [])
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, search index included")
    for n in sizes:
        bench(n, args.runs, args.work, hugo=not args.no_hugo)


if __name__ == "__main__":
    main()
