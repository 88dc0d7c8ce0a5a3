"""`--output` through a symlink is refused before anything is resolved or touched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.write.output import MARKER, OutputRefused
from tests.build._boards import make_board, quiet_build


def _marked_folder(path: Path) -> Path:
    path.mkdir(parents=True)
    (path / MARKER).write_text("made by jobboard once\n")
    (path / "notes.txt").write_text("a user's own file")
    return path


def test_a_symlinked_output_is_refused_and_its_target_survives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli import main

    root = make_board(tmp_path / "board")
    victim = _marked_folder(tmp_path / "elsewhere")
    (root / "output").symlink_to(victim, target_is_directory=True)
    monkeypatch.chdir(root)
    assert main(["build"]) == 1
    assert "output is a symlink" in capsys.readouterr().err
    assert sorted(p.name for p in victim.iterdir()) == [MARKER, "notes.txt"]
    assert (victim / "notes.txt").read_text() == "a user's own file"
    assert (root / "output").is_symlink()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_symlink_to_the_output_given_absolute_is_refused_too(tmp_path: Path) -> None:
    root = make_board(tmp_path / "board")
    victim = _marked_folder(tmp_path / "elsewhere")
    os.symlink(victim, root / "out")
    with pytest.raises(OutputRefused):
        quiet_build(root)  # options name root/out, an absolute path
    assert (victim / "notes.txt").read_text() == "a user's own file"


def test_a_symlinked_folder_named_in_a_relative_output_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli import main

    root = make_board(tmp_path / "board")
    victim = _marked_folder(tmp_path / "elsewhere" / "site")
    (root / "deploy").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    monkeypatch.chdir(root)
    assert main(["build", "--output", "deploy/site"]) == 1
    assert "deploy is a symlink" in capsys.readouterr().err
    assert (victim / "notes.txt").read_text() == "a user's own file"


def test_a_real_output_under_a_real_folder_still_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.cli import main

    root = make_board(tmp_path / "board")
    monkeypatch.chdir(root)
    assert main(["build", "--output", "deploy/site/"]) == 0
    assert (root / "deploy" / "site" / MARKER).is_file()
