"""Builds are byte-identical whatever the hash seed: sets and dicts of strings never order output."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import EPOCH, FIXTURES, ROOT, SEEDS

EXTRA = {
    # The same job twice (one is dropped as a duplicate), and one company spelled three ways.
    "dup-a.md": "---\ntitle: Platform Engineer\ncompany: Quillmark\nlocation: Remote\n---\n\n"
    "Run the build farm and keep the deploys boring. Python, Go and Terraform.\n",
    "dup-b.md": "---\ntitle: Platform Engineer\ncompany: Quillmark Inc.\nlocation: Remote\n---\n\n"
    "Run the build farm and keep the deploys boring. Python, Go and Terraform.\n",
    "same-title.md": "---\ntitle: Platform Engineer\ncompany: QUILLMARK\nlocation: Lisbon, Portugal\n---\n\n"
    "A different platform job: the data centre side, racks and cables.\n",
    "tags.md": "---\ntitle: Tagged Job\ncompany: Tagwise\ntags: [zeta, alpha, mu, beta, omega, gamma]\n"
    "locations: [Berlin, Germany, Remote (EU), Paris, France]\nsalary: 60k-80k EUR\n---\n\n"
    "Tags in any order.\n",
    "expired.md": "---\ntitle: Old Job\ncompany: Tagwise\nvalid_through: 2020-01-01\n---\n\nGone.\n",
    "draft.md": "---\ntitle: Draft Job\ncompany: Tagwise\ndraft: true\n---\n\nNot yet.\n",
    "broken.md": "---\ntitle: [unclosed\n---\n\nBroken front matter.\n",
}


def _content(folder: Path) -> Path:
    content = folder / "content"
    content.mkdir(parents=True)
    for seed in SEEDS.iterdir():
        shutil.copyfile(seed, content / seed.name)
    (content / "fixtures").mkdir()
    for posting in (FIXTURES / "postings").iterdir():
        if posting.is_file() and not posting.name.endswith(".json"):
            shutil.copyfile(posting, content / "fixtures" / posting.name)
    shutil.copytree(ROOT / "content", content / "board")
    shutil.copyfile(SEEDS / sorted(p.name for p in SEEDS.iterdir())[0], content / "copy-of-a-seed.txt")
    for name, text in EXTRA.items():
        (content / name).write_text(text, encoding="utf-8")
    return content


def _build(work: Path, content: Path, seed: str) -> tuple[dict[str, bytes], str]:
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": EPOCH}
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--content", str(content), "--output", "out",
         "--base-url", "https://jobs.example/"],
        cwd=work, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = work / "out"
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    said = re.sub(r" in [0-9.]+s$", "", done.stdout.strip()) + "\n" + done.stderr
    return files, said


def test_two_builds_under_different_hash_seeds_are_byte_identical(tmp_path: Path) -> None:
    content = _content(tmp_path)
    first, said_first = _build(tmp_path / "one", content, "1")
    second, said_second = _build(tmp_path / "two", content, "4242")
    assert len(first) > 30
    assert sorted(first) == sorted(second)
    differ = [path for path in first if first[path] != second[path]]
    assert differ == []
    assert said_first == said_second  # the same lines about skips and duplicates, in the same order
