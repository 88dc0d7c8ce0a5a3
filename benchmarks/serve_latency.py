"""Save-to-served latency of `jobboard serve` for one edited posting body (1,000 postings unless told).

Generates the board deterministically in a temporary folder, starts `python -m generator serve`
on a free port, measures the idle server's CPU use, then repeatedly rewrites one posting's body
and polls its page over HTTP until the new text is served. Prints the median (the figure to
quote), p90, min and max.

    .venv/bin/python benchmarks/serve_latency.py [--postings 1000] [--runs 30]

Target (issue #15): median under 200 ms at 10,000 postings on a 2-core machine
(`--postings 10000`). The edits change the body only, so the preview patches its site
(docs/design.md, "Patches").
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.model.slugs import make_slug  # noqa: E402

COMPANIES = [f"{name} {n}" for n in range(5) for name in ("Acme", "Globex", "Initech", "Hooli", "Umbrella")]
PLACES = ["Berlin, Germany", "London, United Kingdom", "Tel Aviv, Israel", "New York, NY, USA", "Remote"]
ROLES = ["Backend Engineer", "Data Engineer", "Platform Engineer", "Python Developer", "SRE"]
WORDS = "we build reliable systems with Python Kafka and AWS for customers all over the world".split()


def make_board(content: Path, count: int) -> list[tuple[Path, str, str]]:
    """`count` front-matter postings; returns (file, title, company) for each."""
    rng = random.Random(1000)
    content.mkdir(parents=True)
    made = []
    for i in range(count):
        title, company = f"{rng.choice(ROLES)} {i}", rng.choice(COMPANIES)
        paragraphs = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(60)) for _ in range(5))
        path = content / f"job-{i:04d}.md"
        path.write_text(
            f"---\ntitle: {title}\ncompany: {company}\nlocation: {rng.choice(PLACES)}\n"
            f"date: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}\nsalary: $90k-$140k\n"
            f"apply_url: https://example.com/apply/{i}\n---\n\n## The role\n\n{paragraphs}\n\n"
            "## You have\n\n* Python\n* Kafka\n\nMARKER\n",
            encoding="utf-8",
        )
        made.append((path, title, company))
    return made


def idle_cpu(pid: int, seconds: float) -> float:
    """The share of one core the process uses over `seconds` (Linux /proc; 0.0 elsewhere)."""

    def cpu_seconds() -> float:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime

    before = cpu_seconds()
    time.sleep(seconds)
    return (cpu_seconds() - before) / seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--pause", type=float, default=1.5, help="seconds between saves (default 1.5)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="serve-bench-") as tmp:
        project = Path(tmp)
        postings = make_board(project / "content", args.postings)
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PYTHONPATH": str(ROOT)}
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--port", "0"],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        lines: list[str] = []
        started = threading.Event()

        def pump() -> None:
            assert server.stdout is not None
            for line in server.stdout:
                lines.append(line.rstrip())
                if line.startswith("serving "):
                    started.set()

        threading.Thread(target=pump, daemon=True).start()
        try:
            t0 = time.perf_counter()
            if not started.wait(300):
                raise SystemExit("server did not start:\n" + "\n".join(lines))
            print(f"{args.postings} postings; first build and start: {time.perf_counter() - t0:.2f}s")
            port = int(re.search(r":(\d+)/", next(s for s in lines if s.startswith("serving "))).group(1))
            path, title, company = postings[len(postings) // 2]
            url = f"/jobs/{make_slug(f'{title} {company}')}/index.html"
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

            def page() -> str:
                conn.request("GET", url)
                response = conn.getresponse()
                body = response.read().decode()
                assert response.status == 200, (response.status, url)
                return body

            assert "MARKER" in page()
            idle = idle_cpu(server.pid, seconds=5.0)
            print(f"idle server CPU (nothing saved for 5 s): {idle:.1%} of one core")
            original = path.read_text(encoding="utf-8")
            times = []
            for run in range(args.runs):
                time.sleep(args.pause)
                marker = f"edited-{run}-{time.time_ns()}"
                path.write_text(original.replace("MARKER", marker), encoding="utf-8")
                saved = time.perf_counter()
                while marker not in page():
                    if time.perf_counter() - saved > 30:
                        raise SystemExit("change never served:\n" + "\n".join(lines[-20:]))
                    time.sleep(0.002)
                times.append(time.perf_counter() - saved)
            conn.close()
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    rebuilds = [float(m.group(1)) for s in lines if (m := re.search(r"changed: rebuilt in (\d+\.\d+)s", s))]
    ms = sorted(t * 1000 for t in times)
    p90 = ms[int(0.9 * (len(ms) - 1))]
    print(f"save-to-served over {len(ms)} saves: median {statistics.median(ms):.0f} ms, p90 {p90:.0f} ms, "
          f"min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms (target at 10,000 postings: median < 200 ms)")
    if rebuilds:
        print(f"rebuild alone (server's own timing): median {statistics.median(rebuilds) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
