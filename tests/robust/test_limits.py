"""Pathological postings finish in bounded time and memory; a killed build loses nothing."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS

MEMORY = 2 * 1024**3  # bytes of address space for the build process: generous, but bounded
TIMEOUT = 180  # seconds: a hang fails the test, this is not a speed measurement


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_build(content: Path, output: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "--content", str(content), "--output", str(output)],
        cwd=content.parent,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
        **kwargs,
    )


PATHOLOGICAL = {
    "nested-lists.md": "---\ntitle: Nested lists\n---\n"
    + "".join("  " * i + "- item\n" for i in range(1500)),
    "nested-list-line.md": "# Nested list line\n\n" + "- " * 20_000 + "x\n",
    "nested-quotes.md": "# Nested quotes\n\n" + "> " * 50_000 + "quoted\n",
    "brackets.md": "# Brackets\n\n" + "[" * 100_000 + "x" + "]" * 100_000 + "\n",
    "emphasis.md": "# Emphasis\n\n" + "*a " * 30_000 + "\n",
    "long-line.md": "# Long line\n\n" + "word " * 20_000 + "\n",
    "long-token.txt": "Long token\n\n" + "x" * 100_000 + "\n",
    "long-mojibake.txt": "Mojibake line\n\n" + "donâ€™t " * 15_000 + "\n",
    "long-html.html": "<h1>Long HTML</h1>" + "<div>" * 20_000 + "deep" + "</div>" * 20_000,
    "deep-yaml.md": "---\ntitle: Deep YAML\ntags: " + "[" * 10_000 + "]" * 10_000 + "\n---\nBody\n",
    "long-yaml.md": "---\ntitle: " + "t" * 100_000 + "\n---\nBody\n",
    "many-lines.md": "# Many lines\n\n" + "line\n" * 200_000,
    "alias-bomb.md": "---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ntitle: Bomb\n---\nx\n",
}


def test_pathological_postings_finish_in_bounded_time_and_memory(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    for name, text in PATHOLOGICAL.items():
        (content / name).write_text(text, encoding="utf-8")
    done = run_build(content, tmp_path / "output")
    assert done.returncode == 0, done.stderr[-2000:]
    skipped = [line for line in done.stderr.splitlines() if line.startswith("skipped ")]
    built = len(list((tmp_path / "output" / "jobs").iterdir()))
    assert built + len(skipped) == len(PATHOLOGICAL), done.stderr[-2000:]
    reasons = {line.split(":")[0].removeprefix("skipped "): line for line in skipped}
    assert set(reasons) == {"alias-bomb.md", "deep-yaml.md", "nested-list-line.md", "nested-quotes.md"}
    assert "aliases are not allowed" in reasons["alias-bomb.md"]
    assert "nested too deeply" in reasons["deep-yaml.md"]
    assert "no job description" in reasons["nested-quotes.md"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_killed_build_leaves_the_previous_site_byte_identical(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    for seed in SEEDS.iterdir():
        (content / seed.name).write_bytes(seed.read_bytes())
    output = tmp_path / "output"
    assert run_build(content, output).returncode == 0
    before = snapshot(output)
    assert len(before) > 5
    for i in range(2000):
        (content / f"gen-{i:04}.md").write_text(
            f"---\ntitle: Generated job {i}\ncompany: Company {i % 97}\nlocation: City {i % 53}, Germany\n"
            f"date: 2025-{i % 12 + 1:02}-{i % 28 + 1:02}\n---\n\n"
            + f"Posting number {i}. We build things with Python and care about tests.\n\n"
            * 20
        )
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--content", str(content), "--output", str(output)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        preexec_fn=_limit_memory,
    )
    deadline = time.monotonic() + TIMEOUT
    try:
        while not any(p.name.startswith(".output.new-") for p in tmp_path.iterdir()):
            assert proc.poll() is None, "the build ended before its temporary folder appeared"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(0.2)  # let it write part of the new site
        assert proc.poll() is None, "the build finished before it could be killed; make the board bigger"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=TIMEOUT)
    assert proc.returncode == -signal.SIGKILL
    assert snapshot(output) == before
    done = run_build(content, output)
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(list((output / "jobs").iterdir())) == 2003
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".output.")]


@pytest.mark.parametrize(
    "target",
    [
        "content",  # the content folder
        ".",  # the project root
        "..",  # a parent of both
        "content/sub",  # inside the content folder
        "{root}",  # the project root, as an absolute path
        "{content}/..",  # a parent of the content folder, spelled oddly
        "notes",  # a non-empty folder without the marker
        "notes.txt",  # a file
        "link-to-content",  # a symlink to the content folder
    ],
)
def test_refused_output_touches_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    from generator.cli import main

    root = tmp_path / "project"
    content = root / "content"
    (content / "sub").mkdir(parents=True)
    for seed in SEEDS.iterdir():
        (content / seed.name).write_bytes(seed.read_bytes())
    (root / "notes").mkdir()
    (root / "notes" / "todo.txt").write_text("keep")
    (root / "notes.txt").write_text("keep")
    (root / "link-to-content").symlink_to(content, target_is_directory=True)
    monkeypatch.chdir(root)
    before = snapshot(tmp_path)
    listing = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    output = target.format(root=root, content=content)
    assert main(["build", "--output", output]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: refusing"), err
    assert snapshot(tmp_path) == before
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == listing


def test_content_given_elsewhere_is_guarded_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli import main

    content = tmp_path / "boards" / "remote" / "postings"
    content.mkdir(parents=True)
    (content / "a.md").write_text("---\ntitle: A\n---\nBody.\n")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    for output in (tmp_path / "boards", tmp_path / "boards" / "remote", content / "out"):
        assert main(["build", "--content", str(content), "--output", str(output)]) == 1
        assert "refusing" in capsys.readouterr().err
    assert sorted(p.name for p in content.iterdir()) == ["a.md"]
