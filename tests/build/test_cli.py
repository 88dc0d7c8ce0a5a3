"""The command line: help, usage errors, progress display."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

import generator.engine.engine as build_module
from generator.cli import main
from generator.progress import MIN_ITEMS, progress


def test_python_m_generator_help_lists_build() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "build" in out


def test_build_help_names_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for option in ("--content", "--output", "--base-url", "--strict", "--drafts"):
        assert option in out


def test_unknown_option_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--no-such-option"])
    assert exit_.value.code == 2


class _Pipe(io.StringIO):
    def isatty(self) -> bool:
        return False


def test_progress_prints_one_plain_line_per_stage_when_not_a_terminal() -> None:
    stream = _Pipe()
    items = list(progress(range(MIN_ITEMS * 2), MIN_ITEMS * 2, "reading", stream))
    assert items == list(range(MIN_ITEMS * 2))
    (line,) = stream.getvalue().splitlines()
    assert line.startswith(f"reading: {MIN_ITEMS * 2}/{MIN_ITEMS * 2} files in ")


def test_progress_is_quiet_for_small_builds() -> None:
    stream = _Pipe()
    assert list(progress(range(3), 3, "reading", stream)) == [0, 1, 2]
    assert stream.getvalue() == ""


@pytest.mark.parametrize("options", [[], ["--no-cache"]], ids=["cached", "no-cache"])
def test_template_syntax_error_names_the_file_and_line(
    tmp_path, monkeypatch, capsys: pytest.CaptureFixture[str], options: list[str]
) -> None:
    # The incremental build reads templates for page keys before rendering, the uncached one
    # compiles posting.html before its render workers fork: either way the error must name
    # the template file and line, as a one-line message, and keep output/ intact.
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "job.md").write_text("---\ntitle: Welder\ncompany: Acme\n---\nWeld things.\n")
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "posting.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}\n'
    )
    (tmp_path / "jobboard.toml").write_text('templates = "t"\n')
    monkeypatch.chdir(tmp_path)
    assert main(["build", *options]) == 1
    err = capsys.readouterr().err
    assert "t/posting.html:3: Expected an expression" in err
    assert "Traceback" not in err
    assert not (tmp_path / "output").exists()


def test_a_rebuild_with_nothing_to_do_says_what_the_first_build_said(
    tmp_path, monkeypatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    content = tmp_path / "content"
    content.mkdir()
    (content / "job.md").write_text("---\ntitle: Welder\ncompany: Acme\n---\nWeld things.\n")
    (content / "job-again.md").write_text("---\ntitle: Welder\ncompany: Acme\n---\nWeld things.\n")
    (content / "bad.md").write_text("---\ntitle: [unclosed\n---\nText.\n")
    monkeypatch.chdir(tmp_path)
    said = []
    for _ in range(2):
        assert main(["build"]) == 0
        out, err = capsys.readouterr()
        said.append((out.rsplit(" in ", 1)[0], err))
        # The second build must not need the postings: it says what the stored report says.
        monkeypatch.setattr(build_module, "read_postings_cached", None)
    # The base-URL warning is said once per cache folder (generator.notices): by the first build.
    first_out, first_err = said[0]
    warning = "warning: no base URL"
    assert warning in first_err and warning not in said[1][1]
    assert said[1] == (first_out, "".join(line for line in first_err.splitlines(True) if warning not in line))
    out, err = said[0]
    assert out == "built output: 1 postings, 1 companies, 1 locations, 1 skipped (1 duplicates dropped)"
    assert "skipped bad.md" in err and "duplicate job" in err
