"""List pages and feeds rendered over every core (render.deferred) give the bytes of a build
that renders them all in one process, and a template error there is the build's error."""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.render.deferred as deferred
from generator.commands.build import BuildOptions, build
from generator.config import Config
from generator.render.pages import TemplateFailure
from generator.write.output import MARKER


def _board(content: Path, count: int) -> None:
    content.mkdir()
    for i in range(count):
        (content / f"job-{i:03d}.md").write_text(
            f"---\ntitle: Job {i}\ncompany: Firm {i % 7}\nlocation: Town {i % 5}, Germany\n"
            f"date: 2025-12-{1 + i % 28:02d}\n---\nWork number {i}, with words about it.\n",
            encoding="utf-8",
        )


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _built(tmp_path: Path, name: str, config: Config) -> dict[str, bytes]:
    out = tmp_path / name
    build(BuildOptions(tmp_path / "content", out, project_root=tmp_path), config, log=lambda _: None)
    return {rel: data for rel, data in _tree(out).items() if rel != MARKER}


def test_pages_rendered_by_workers_are_the_pages_rendered_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _board(tmp_path / "content", 90)
    config = Config(per_page=1, max_age_days=0)  # a page per posting on every list: hundreds of pages
    monkeypatch.setenv("JOBBOARD_WORKERS", "2")
    monkeypatch.setattr(deferred, "MIN_PAGES", 20)
    calls: list[int] = []
    real = deferred._render
    monkeypatch.setattr(deferred, "_render", lambda indexes: calls.append(len(indexes)) or real(indexes))
    in_workers = _built(tmp_path, "workers", config)
    assert calls, "the pool took part (its parent renders too)"
    monkeypatch.setattr(deferred, "MIN_PAGES", 10**9)  # everything rendered in this process
    here = _built(tmp_path, "here", config)
    assert len([rel for rel in here if rel.startswith("companies/")]) > 90
    assert in_workers == here


def test_a_template_error_while_rendering_over_every_core_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _board(tmp_path / "content", 60)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "term.html").write_text("{{ 1 // (pager.number - 3) }}", encoding="utf-8")
    monkeypatch.setenv("JOBBOARD_WORKERS", "2")
    monkeypatch.setattr(deferred, "MIN_PAGES", 20)
    with pytest.raises(TemplateFailure) as failure:
        _built(tmp_path, "out", Config(per_page=1, templates=templates))
    assert "ZeroDivisionError" in str(failure.value) and "term.html" in str(failure.value)
