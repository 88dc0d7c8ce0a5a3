"""Build small boards in temporary folders for the site tests."""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.commands.build import BuildOptions, BuildResult, build
from generator.config import Config


@dataclass
class Board:
    out: Path
    result: BuildResult
    log: list[str] = field(default_factory=list)

    def page(self, rel: str) -> str:
        return (self.out / rel).read_text("utf-8")

    def slug(self, source: str) -> str:
        return next(p.slug for p in self.result.site.pages if p.source == source)


def front_matter(title: str, body: str = "", **meta: object) -> str:
    lines = [f"title: {json.dumps(title)}"]
    for key, value in meta.items():
        lines.append(f"{key}: {json.dumps(value) if isinstance(value, str) else value}")
    text = body or f"We are hiring for {title}. " * 8
    return "---\n" + "\n".join(lines) + "\n---\n\n" + text + "\n"


def make_board(
    tmp: Path,
    files: dict[str, str] | dict[str, bytes],
    config: Config | None = None,
    *,
    drafts: bool = False,
    epoch: str = "1767225600",  # 2026-01-01
) -> Board:
    content = tmp / "content"
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    for name, text in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        path = content / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    log: list[str] = []
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", epoch)
    try:
        result = build(
            BuildOptions(content=content, output=tmp / "output", drafts=drafts, project_root=tmp),
            config or Config(),
            log=log.append,
        )
    finally:
        mp.undo()
    return Board(tmp / "output", result, log)


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None


def scripts_of(html: str) -> list[tuple[dict[str, str | None], str]]:
    parser = _Scripts()
    parser.feed(html)
    return parser.scripts


def json_ld(html: str) -> dict:
    blocks = [text for attrs, text in scripts_of(html) if attrs.get("type") == "application/ld+json"]
    assert len(blocks) == 1, f"{len(blocks)} JSON-LD blocks"
    return json.loads(blocks[0])


def job_slugs(html: str) -> set[str]:
    return set(re.findall(r'href="(?:\.\./)*jobs/([^/"]+)/index\.html"', html))


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def need(tool: str, available: bool) -> None:
    """Skip when a tool is missing on a developer machine; fail in CI (CI=true)."""
    if available:
        return
    if in_ci():
        pytest.fail(f"{tool} is required in CI but is not available")
    pytest.skip(f"{tool} is not available")


def need_node() -> str:
    node = shutil.which("node") or shutil.which("nodejs")
    need("node (Debian package nodejs)", node is not None)
    return str(node)
