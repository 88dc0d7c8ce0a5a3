"""-q / -v on every command, the stage API's display, and warnings said once per board."""

from __future__ import annotations

import io
import json
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import progress
from generator.cli import main, parser
from generator.notices import NOTICES_FILE, warn_once
from generator.progress import MIN_ITEMS, NORMAL, QUIET, VERBOSE, set_verbosity, stage


class _Stream(io.StringIO):
    def __init__(self, terminal: bool) -> None:
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


@pytest.fixture(autouse=True)
def _normal() -> Iterator[None]:
    set_verbosity(NORMAL)
    yield
    set_verbosity(NORMAL)


def _run(total: int, terminal: bool, level: int, name: str = "pages") -> str:
    set_verbosity(level)
    stream = _Stream(terminal)
    with stage(name, total, unit="pages", stream=stream) as tick:
        for _ in range(total):
            tick()
    return stream.getvalue()


def test_a_long_stage_off_a_terminal_is_one_line_when_it_ends() -> None:
    (line,) = _run(MIN_ITEMS, terminal=False, level=NORMAL).splitlines()
    assert line.startswith(f"pages: {MIN_ITEMS}/{MIN_ITEMS} pages in ") and line.endswith(" s")


def test_a_short_stage_shows_nothing_unless_verbose() -> None:
    assert _run(5, terminal=False, level=NORMAL) == ""
    assert _run(5, terminal=True, level=NORMAL) == ""
    assert _run(5, terminal=False, level=VERBOSE).startswith("pages: 5/5 pages in ")


def test_quiet_shows_nothing_at_all() -> None:
    assert _run(MIN_ITEMS * 2, terminal=False, level=QUIET) == ""
    assert _run(MIN_ITEMS * 2, terminal=True, level=QUIET) == ""


def test_a_silenced_thread_shows_no_progress_and_silences_no_other_thread() -> None:
    """The preview's rebuild thread runs its stages silenced; meanwhile the main thread's
    lines (Ctrl+C's `interrupted; stopped`, the server's notes) still reach sys.stderr,
    which a process-wide redirect of stderr in the rebuild thread used to swallow."""
    inside, outside = threading.Event(), threading.Event()
    silenced_output: list[str] = []

    def rebuild() -> None:
        with progress.silenced():
            inside.set()
            outside.wait(10)
            silenced_output.append(_run(MIN_ITEMS * 2, terminal=False, level=VERBOSE))

    thread = threading.Thread(target=rebuild)
    thread.start()
    assert inside.wait(10)
    before = sys.stderr
    main_thread_output = _run(MIN_ITEMS, terminal=False, level=NORMAL)
    outside.set()
    thread.join(10)
    assert silenced_output == [""]
    assert main_thread_output.startswith("pages: ")
    assert sys.stderr is before
    assert _run(MIN_ITEMS, terminal=False, level=NORMAL).startswith("pages: ")  # over when it ends


def test_a_terminal_gets_a_bar_that_leaves_nothing_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0)
    out = _run(MIN_ITEMS, terminal=True, level=NORMAL, name="feeds")
    assert out.startswith("\rfeeds:") and f"/{MIN_ITEMS} [" in out  # tqdm's bar
    assert out.endswith("\r") and " pages in " not in out, "cleared, no summary line unless -v"
    verbose = _run(MIN_ITEMS, terminal=True, level=VERBOSE, name="feeds")
    assert verbose.splitlines()[-1].startswith(f"feeds: {MIN_ITEMS}/{MIN_ITEMS} pages in ")


def test_tick_counts_several_items_at_once() -> None:
    set_verbosity(VERBOSE)
    stream = _Stream(False)
    with stage("write", 100, stream=stream) as tick:
        tick(60)
        tick(40)
    assert stream.getvalue().startswith("write: 100/100 files in ")


def test_a_stage_that_fails_prints_no_summary() -> None:
    set_verbosity(VERBOSE)
    stream = _Stream(False)
    with pytest.raises(RuntimeError), stage("search", 10, stream=stream) as tick:
        tick()
        raise RuntimeError("boom")
    assert stream.getvalue() == ""


def test_every_command_takes_q_and_v() -> None:
    p = parser()
    commands = p._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(commands) >= {"build", "check", "import", "new", "serve"}
    required = {"import": ["x", "--to", "y"], "new": ["myboard"]}  # their positional arguments
    for name in commands:
        rest = required.get(name, [])
        assert p.parse_args([name, "-q", *rest]).verbosity == QUIET
        assert p.parse_args([name, "-v", *rest]).verbosity == VERBOSE
        with pytest.raises(SystemExit):
            p.parse_args([name, "-q", "-v"])


def _board(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str = "") -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "job.md").write_text("---\ntitle: Welder\ncompany: Acme\n---\nWeld things.\n")
    (tmp_path / "content" / "bad.md").write_text("---\ntitle: [broken\n---\nx\n")
    (tmp_path / "jobboard.toml").write_text(config)


def test_build_quiet_prints_only_what_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _board(tmp_path, monkeypatch)
    assert main(["build", "-q", "--no-cache"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("skipped bad.md:3: broken YAML") and len(err.splitlines()) == 1, err


def test_build_verbose_says_where_the_time_went(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _board(tmp_path, monkeypatch, 'base_url = "https://jobs.example.org/"\n')
    assert main(["build", "-v", "--no-cache"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("built output: 1 postings")
    assert "stages: read " in err


def test_import_quiet_prints_only_what_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _board(tmp_path, monkeypatch)
    assert main(["import", "-q", "content/job.md", "--to", "edited"]) == 0
    assert capsys.readouterr() == ("", "")
    assert (tmp_path / "edited").is_dir()


def test_a_warning_is_said_once_per_cache_folder(tmp_path: Path) -> None:
    said: list[str] = []
    cache = tmp_path / ".jobboard-cache"
    assert warn_once("no-base-url", "warning: no base URL", cache, said.append)
    assert not warn_once("no-base-url", "warning: no base URL", cache, said.append)
    assert warn_once("other", "warning: other", cache, said.append)
    assert said == ["warning: no base URL", "warning: other"]
    assert json.loads((cache / NOTICES_FILE).read_text()) == ["no-base-url", "other"]
    elsewhere: list[str] = []
    other_board = tmp_path / "b" / ".jobboard-cache"
    assert warn_once("no-base-url", "warning: no base URL", other_board, elsewhere.append)
    assert elsewhere == ["warning: no base URL"]


def test_without_a_cache_a_warning_is_said_every_time(tmp_path: Path) -> None:
    said: list[str] = []
    for _ in range(2):
        assert warn_once("no-base-url", "w", None, said.append)
    assert said == ["w", "w"]


def test_a_cache_folder_that_cannot_be_written_repeats_the_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    said: list[str] = []
    for _ in range(2):
        assert warn_once("no-base-url", "w", blocker / "cache", said.append)
    assert said == ["w", "w"]
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / NOTICES_FILE).write_text("{not json")
    assert warn_once("no-base-url", "w", tmp_path / "cache", said.append)
    assert not warn_once("no-base-url", "w", tmp_path / "cache", said.append)
