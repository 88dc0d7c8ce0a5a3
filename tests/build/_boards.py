"""Small boards for the build-safety tests, in our own words."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.commands.build import build
from generator.config import Config
from tests.incremental.test_incremental import _options as options
from tests.incremental.test_incremental import posting_text, tree

__all__ = ["make_board", "options", "quiet_build", "run_cli", "tree"]


def make_board(root: Path, count: int = 6) -> Path:
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (content / f"p{i}.md").write_text(posting_text(i % 4, i % 3, i % 4, i % 27 + 1, [i % 9, 1], i % 3))
    return root




def quiet_build(root: Path, out: str = "out", cache: bool = True, log: list[str] | None = None) -> object:
    return build(
        options(root, out, cache), Config(), log=(log.append if log is not None else lambda _m: None)
    )


def run_cli(
    root: Path, *args: str, wait: bool = True
) -> subprocess.Popen[str] | subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` in `root` (its cache is root/.jobboard-cache)."""
    command = [sys.executable, "-m", "generator", *args]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    if not wait:
        return subprocess.Popen(
            command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)
