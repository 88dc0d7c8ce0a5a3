"""Bad postings are skipped with one line each; the rest of the site still builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.write.output import MARKER
from tests.conftest import SEEDS


@pytest.fixture
def board(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    shutil.copytree(SEEDS, content)
    (content / "empty.md").write_bytes(b"")
    (content / "junk.bin").write_bytes(bytes(range(256)) * 8)
    (content / "broken.md").write_text("---\ntitle: Broken\ncompany: [oops\n---\nbody\n")
    return tmp_path


def test_bad_files_are_named_and_counted(board: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build"]) == 0
    out, err = capsys.readouterr()
    lines = [line for line in err.splitlines() if line.startswith("skipped")]
    assert len(lines) == 3
    assert any(line.startswith("skipped empty.md: empty file") for line in lines)
    assert any(line.startswith("skipped junk.bin: binary file") for line in lines)
    assert any(line.startswith("skipped broken.md:") and "YAML" in line for line in lines)
    assert "3 postings" in out and "3 skipped" in out
    assert len(list((board / "output" / "jobs").glob("*/index.html"))) == 3


def test_strict_writes_the_site_then_exits_1(board: Path) -> None:
    assert main(["build", "--strict"]) == 1
    assert (board / "output" / "index.html").is_file()


def test_strict_without_skips_exits_0(board: Path) -> None:
    for name in ("empty.md", "junk.bin", "broken.md"):
        (board / "content" / name).unlink()
    assert main(["build", "--strict"]) == 0


def test_failed_build_leaves_previous_site(board: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build"]) == 0
    before = {
        p.relative_to(board / "output"): p.read_bytes() for p in (board / "output").rglob("*") if p.is_file()
    }
    templates = board / "my-templates"
    templates.mkdir()
    (templates / "posting.html").write_text(
        "{% extends 'base.html' %}{% block main %}{{ nope.nothing }}{% endblock %}"
    )
    (board / "jobboard.toml").write_text('templates = "my-templates"\n')
    assert main(["build"]) == 1
    assert "posting.html" in capsys.readouterr().err
    after = {
        p.relative_to(board / "output"): p.read_bytes() for p in (board / "output").rglob("*") if p.is_file()
    }
    assert after == before
    assert not [p for p in board.iterdir() if p.name.startswith(".output.")]


@pytest.mark.parametrize("target", ["content", ".", "..", "content/sub"])
def test_refused_output_folders_touch_nothing(
    board: Path, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (board / "content" / "sub").mkdir()

    def listing() -> list[Path]:
        # The whole board, and the names beside it (`..`): the other tests' folders there are
        # not listed inside, as files of their leftover processes may still come and go.
        return sorted(p.relative_to(board) for p in board.rglob("*")) + sorted(board.parent.iterdir())

    before = listing()
    assert main(["build", "--output", target]) == 1
    assert "refusing" in capsys.readouterr().err
    assert listing() == before


def test_non_empty_folder_without_marker_is_refused(board: Path) -> None:
    foreign = board / "output"
    foreign.mkdir()
    (foreign / "precious.txt").write_text("keep me")
    assert main(["build"]) == 1
    assert (foreign / "precious.txt").read_text() == "keep me"


def test_output_made_by_jobboard_is_replaced(board: Path) -> None:
    assert main(["build"]) == 0
    assert (board / "output" / MARKER).is_file()
    (board / "output" / "stale.html").write_text("old")
    assert main(["build"]) == 0
    assert not (board / "output" / "stale.html").exists()


def test_same_input_gives_same_bytes(board: Path) -> None:
    assert main(["build", "--output", "a"]) == 0
    assert main(["build", "--output", "b"]) == 0
    files_a = {p.relative_to(board / "a"): p.read_bytes() for p in (board / "a").rglob("*") if p.is_file()}
    files_b = {p.relative_to(board / "b"): p.read_bytes() for p in (board / "b").rglob("*") if p.is_file()}
    assert files_a == files_b


def test_missing_content_folder_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 2


def test_python_error_in_a_template_is_reported_not_raised(
    board: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = board / "my-templates"
    templates.mkdir()
    (templates / "404.html").write_text(
        "{% extends 'base.html' %}\n{% block main %}{{ 1 / 0 }}{% endblock %}"
    )
    (board / "jobboard.toml").write_text('templates = "my-templates"\n')
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "404.html:2" in err and "ZeroDivisionError" in err
