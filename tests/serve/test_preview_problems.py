"""The preview's rebuilds, in process: a template that is not UTF-8 is named on the error page
like any other template error, and the search index is never missing while a quick pass runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.preview.live_site import CONFIG, CONTENT, SETTLE, LiveSite
from generator.preview.pages import error_page
from tests.conftest import SEEDS

# A template whose fourth line holds two bytes that are not UTF-8 (Latin-1 "é" and "ÿ").
NOT_UTF8 = b'{% extends "base.html" %}\n{% block main %}\nfine\ncaf\xe9 \xff\n{% endblock %}\n'

NOT_UTF8_BASE = b"<!doctype html>\n<title>x</title>\n\n\xff{% block main %}{% endblock %}\n"


@pytest.fixture
def live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LiveSite:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SEEDS, tmp_path / "content")
    site = LiveSite(
        content=Path("content"), folder=tmp_path / "serve" / "site", config_path=Path("jobboard.toml"),
        log=lambda _: None,
    )
    site.first_build()
    assert site.problem is None
    return site


def search_files(folder: Path) -> dict[str, bytes]:
    found = (folder / "search").rglob("*")
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in found if p.is_file()}


@pytest.mark.parametrize("name", ["posting.html", "base.html"])  # the page's own template, or one it extends
def test_a_template_that_is_not_utf8_is_named_with_its_line(
    live: LiveSite, tmp_path: Path, name: str
) -> None:
    (tmp_path / "tpl").mkdir()
    data = NOT_UTF8 if name == "posting.html" else NOT_UTF8_BASE
    (tmp_path / "tpl" / name).write_bytes(data)
    (tmp_path / "jobboard.toml").write_text('templates = "tpl"\n')
    report = live.rebuild({CONFIG})
    assert report.problem is not None
    assert report.problem.kind == "Template error"
    assert report.problem.where == f"tpl/{name}:4"
    assert "UTF-8" in report.problem.message
    page = error_page(report.problem).decode("utf-8")
    assert f"tpl/{name}:4" in page


def test_jobboard_build_names_a_template_that_is_not_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SEEDS, tmp_path / "content")
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "posting.html").write_bytes(NOT_UTF8)
    (tmp_path / "jobboard.toml").write_text('templates = "tpl"\n')
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "tpl/posting.html:4" in err and "UTF-8" in err


@pytest.mark.parametrize("passes", [0, 1])  # right after the first build, or after a full pass
def test_a_quick_pass_adding_a_posting_keeps_the_search_index(live: LiveSite, passes: int) -> None:
    for _ in range(passes):
        live.rebuild({SETTLE})
    before = search_files(live.folder)
    assert "search/index.json" in before
    (live.content / "new-posting.md").write_text(
        "---\ntitle: Night Baker\ncompany: Crumb Works\nlocation: Lyon, France\ndate: 2025-12-01\n---\n"
        "Bake bread before dawn.\n",
        encoding="utf-8",
    )
    report = live.rebuild({CONTENT})
    assert report.problem is None and not report.full
    assert any("night-baker" in rel for rel in report.written)  # the quick pass did add its page
    assert search_files(live.folder) == before  # the whole previous index, until the next full pass
    report = live.rebuild({SETTLE})
    after = search_files(live.folder)
    assert after != before and "search/index.json" in after
    assert any(b"Night Baker" in data for data in after.values())


def test_a_quick_pass_removing_a_posting_keeps_the_search_index(live: LiveSite) -> None:
    live.rebuild({SETTLE})
    before = search_files(live.folder)
    next(live.content.glob("*.txt")).unlink()
    report = live.rebuild({CONTENT})
    assert report.problem is None and report.removed
    assert search_files(live.folder) == before
    live.rebuild({SETTLE})
    assert "search/index.json" in search_files(live.folder)
