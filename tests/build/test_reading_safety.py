"""Reading the content folder: every file that is not built is a named skip, and no read is unbounded.

Unreadable files and folders, FIFOs, device files and sockets, paths over the system's limit,
files that grow past `max_file_size` after the scan, and file names that would forge lines of
output: each gives one line naming the file, is counted as skipped, and makes `--strict` fail.
"""

from __future__ import annotations

import builtins
import datetime as dt
import errno
import io
import os
import pickle
import signal
import socket
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import generator.commands.import_ as import_module
import generator.engine.engine as build_module
import generator.reading as reading_module
from generator.cli import main
from generator.commands.build import BuildOptions, build
from generator.commands.check import check_content, format_text
from generator.config import Config
from generator.display import shown_path
from generator.reading import read_posting
from generator.sources import find_sources

GOOD = "---\ntitle: Good Job\ncompany: Goodco\n---\n\nA good job with a real description.\n"
OTHER = "---\ntitle: Other Job\ncompany: Otherco\n---\n\nAnother job, another description.\n"


def _board(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    (content / "good.md").write_text(GOOD)
    (content / "other.md").write_text(OTHER)
    return content


def _build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, list[str]]:
    """`jobboard build --strict` in tmp_path (with the cache, as by default): exit, stdout, stderr lines."""
    monkeypatch.chdir(tmp_path)
    code = main(["build", "--strict", *args])
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


def _skips(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("skipped ")]


# -- item 3: an unreadable file ---------------------------------------------------------


def _refuse_reading(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Every way of opening a file raises PermissionError for files called `name` (as chmod 000
    does for a user other than root)."""

    def guard(real: Callable[..., Any]) -> Callable[..., Any]:
        def opener(file: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(file, (str, bytes, os.PathLike)) and os.fsdecode(file).endswith(name):
                raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(file))
            return real(file, *args, **kwargs)

        return opener

    monkeypatch.setattr(builtins, "open", guard(builtins.open))
    monkeypatch.setattr(io, "open", guard(io.open))
    monkeypatch.setattr(os, "open", guard(os.open))


@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_an_unreadable_file_is_a_named_skip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], cache: bool
) -> None:
    content = _board(tmp_path)
    (content / "locked.md").write_text(OTHER.replace("Other", "Locked"))
    _refuse_reading(monkeypatch, "locked.md")
    code, out, lines = _build(tmp_path, monkeypatch, capsys, *([] if cache else ["--no-cache"]))
    assert _skips(lines) == ["skipped locked.md: cannot be read: permission denied"]
    assert "2 postings" in out and "1 skipped" in out
    assert code == 1


def _as_nobody(work: Callable[[], Any]) -> Any:
    """work() in a forked child that runs as the user `nobody`; skips the test where it cannot."""
    if not hasattr(os, "fork") or os.geteuid() != 0:
        pytest.skip("needs root to become another user")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            result: Any = ("ok", work())
        except BaseException as err:
            result = ("error", repr(err))
        with os.fdopen(write, "wb") as pipe:
            pipe.write(pickle.dumps(result))
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    kind, value = pickle.loads(data)
    assert kind == "ok", value
    return value


def test_chmod_000_as_another_user_is_a_named_skip(tmp_path: Path) -> None:
    # A folder every user may enter (pytest's tmp_path is root's own).
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="jobboard-nobody-"))
    try:
        top.chmod(0o777)
        content = top / "content"
        content.mkdir()
        (content / "good.md").write_text(GOOD)
        (content / "locked.md").write_text(OTHER.replace("Other", "Locked"))
        (content / "locked.md").chmod(0o000)
        (content / "shut").mkdir()
        (content / "shut" / "inside.md").write_text(OTHER)
        (content / "shut").chmod(0o000)
        for path in (top, content):
            path.chmod(0o777)
        for path in content.rglob("*"):
            if path.name == "good.md":
                path.chmod(0o644)
        # Everything the build imports is imported as root first: the standard library of this
        # Python may be in a folder `nobody` cannot read.
        warm = top / "warm"
        warm.mkdir()
        (warm / "good.md").write_text(GOOD)
        build(BuildOptions(content=warm, output=top / "warm-out", project_root=top), Config(), log=print)

        def nobody_builds() -> list[str]:
            lines: list[str] = []
            options = BuildOptions(
                content=content, output=top / "out", project_root=top, cache_dir=top / ".cache"
            )
            result = build(options, Config(), log=lines.append)
            return [*lines, f"skipped={len(result.skipped)}"]

        lines = _as_nobody(nobody_builds)
    finally:
        for path in [top, *top.rglob("*")]:
            if not path.is_symlink():
                path.chmod(0o700)
        import shutil

        shutil.rmtree(top)
    assert _skips(lines) == [
        "skipped locked.md: cannot be read: permission denied",
        "skipped shut: folder cannot be read: permission denied",
    ]
    assert "skipped=2" in lines


# -- item 7: files and folders dropped without a line -----------------------------------


def test_a_fifo_is_a_named_skip_and_is_never_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content = _board(tmp_path)
    os.mkfifo(content / "pipe.md")  # opening it for reading would block the build for ever
    code, out, lines = _build(tmp_path, monkeypatch, capsys)
    assert _skips(lines) == ["skipped pipe.md: not a regular file (FIFO)"]
    assert "2 postings" in out and "1 skipped" in out
    assert code == 1


def test_device_files_and_sockets_are_named_skips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content = _board(tmp_path)
    try:
        os.mknod(content / "null.md", stat.S_IFCHR | 0o600, os.makedev(1, 3))  # as /dev/null
    except (PermissionError, AttributeError):
        pytest.skip("cannot make a device file here")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(content / "socket.md"))
        code, _out, lines = _build(tmp_path, monkeypatch, capsys)
    finally:
        server.close()
    assert _skips(lines) == [
        "skipped null.md: not a regular file (character device)",
        "skipped socket.md: not a regular file (socket)",
    ]
    assert code == 1


def test_an_unreadable_folder_is_a_named_skip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content = _board(tmp_path)
    (content / "sub").mkdir()
    (content / "sub" / "inside.md").write_text(OTHER.replace("Other", "Inside"))
    real = os.scandir

    def scandir(path: Any = ".") -> Any:
        if os.fspath(path).endswith("sub"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, lines = _build(tmp_path, monkeypatch, capsys)
    assert _skips(lines) == ["skipped sub: folder cannot be read: permission denied"]
    assert "1 skipped" in out and code == 1


def _deep_folder(content: Path, levels: int) -> str:
    """Folders nested deeper than the system's path limit (made one level at a time), holding
    a posting; its path relative to `content`."""
    names = [f"{i:02}" + "d" * 200 for i in range(levels)]
    fd = os.open(content, os.O_RDONLY)
    try:
        for name in names:
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        posting = os.open("deep.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(posting, GOOD.replace("Good", "Deep").encode())
        os.close(posting)
    finally:
        os.close(fd)
    return "/".join(names)


def test_a_path_over_the_system_limit_is_a_named_skip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content = _board(tmp_path)
    limit = os.pathconf(content, "PC_PATH_MAX") if hasattr(os, "pathconf") else 4096
    deep = _deep_folder(content, limit // 200 + 2)
    code, out, lines = _build(tmp_path, monkeypatch, capsys)
    (skip,) = _skips(lines)
    assert skip.startswith(f"skipped {deep[:300]}") and skip.endswith(": path too long")
    assert "2 postings" in out and "1 skipped" in out and code == 1


def test_a_fifo_added_after_a_build_is_not_hidden_by_the_stored_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content = _board(tmp_path)
    assert _build(tmp_path, monkeypatch, capsys)[0] == 0
    os.mkfifo(content / "pipe.md")
    code, _out, lines = _build(tmp_path, monkeypatch, capsys)
    assert _skips(lines) == ["skipped pipe.md: not a regular file (FIFO)"]
    assert code == 1


def test_find_sources_names_every_entry_it_leaves_out(tmp_path: Path) -> None:
    content = _board(tmp_path)
    os.mkfifo(content / "pipe")
    found, rejected = find_sources(content, max_size=1000)
    assert [s.rel for s in found] == ["good.md", "other.md"]
    assert [(r.rel, r.reason) for r in rejected] == [("pipe", "not a regular file (FIFO)")]


# -- item 9: the size limit holds when the file grows after the scan ----------------------


def _grow_after_scan(monkeypatch: pytest.MonkeyPatch, path: Path, size: int) -> None:
    real = reading_module.scan_content

    def scan_then_grow(*args: Any, **kwargs: Any) -> Any:
        scan = real(*args, **kwargs)
        with path.open("ab") as file:
            file.write(b"x" * size)
        return scan

    monkeypatch.setattr(reading_module, "scan_content", scan_then_grow)  # check reads through this
    monkeypatch.setattr(build_module, "scan_content", scan_then_grow)


@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_a_file_that_grows_after_the_scan_is_not_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], cache: bool
) -> None:
    content = _board(tmp_path)
    (tmp_path / "jobboard.toml").write_text("max_file_size = 1000\n")
    (content / "grows.md").write_text(OTHER.replace("Other", "Grows"))
    _grow_after_scan(monkeypatch, content / "grows.md", 20_000)
    code, out, lines = _build(tmp_path, monkeypatch, capsys, *([] if cache else ["--no-cache"]))
    assert _skips(lines) == ["skipped grows.md: file grew past the 1,000-byte limit after it was found"]
    assert "2 postings" in out and code == 1


def test_check_refuses_a_file_that_grew_after_the_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = _board(tmp_path)
    (content / "grows.md").write_text(OTHER.replace("Other", "Grows"))
    _grow_after_scan(monkeypatch, content / "grows.md", 20_000)
    config = Config(max_file_size=1000)
    report = check_content(content, config, dt.date(2026, 1, 1), tmp_path / "cache")
    grows = next(f for f in report.files if f.source == "grows.md")
    assert [p.message for p in grows.problems] == ["file grew past the 1,000-byte limit after it was found"]


def test_the_preview_refuses_a_file_that_grew_after_the_scan(tmp_path: Path) -> None:
    content = _board(tmp_path)
    (source,) = [s for s in find_sources(content, max_size=1000)[0] if s.rel == "good.md"]
    with (content / "good.md").open("ab") as file:
        file.write(b"x" * 20_000)
    skip = read_posting(source, content, dt.date(2026, 1, 1), Config(max_file_size=1000))
    assert str(skip) == "good.md: file grew past the 1,000-byte limit after it was found"


def test_import_refuses_a_file_that_grew_after_the_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = _board(tmp_path)
    real = import_module.find_sources

    def find_then_grow(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        with (content / "good.md").open("ab") as file:
            file.write(b"x" * 20_000)
        return found

    monkeypatch.setattr(import_module, "find_sources", find_then_grow)
    lines: list[str] = []
    result = import_module.import_postings([content], tmp_path / "out", max_size=1000, log=lines.append)
    assert len(result.written) == 1
    assert result.failed == [f"{content}/good.md: file grew past the 1,000-byte limit after it was found"]


# -- item 15: file names cannot forge lines of output -------------------------------------

FORGED = "a\nerror: forged.md"


def test_shown_path_escapes_what_would_change_the_output() -> None:
    assert shown_path("jobs/plain name.md") == "jobs/plain name.md"
    assert shown_path("jobs/Stellenangebot für München.md") == "jobs/Stellenangebot für München.md"
    assert shown_path(FORGED) == '"a\\nerror: forged.md"'
    assert shown_path("evil\u202egpj.md") == '"evil\\u202egpj.md"'
    assert shown_path("esc\x1b[31m.md") == '"esc\\x1b[31m.md"'
    assert shown_path('quote" and \\ in a\tname') == '"quote\\" and \\\\ in a\\tname"'
    assert shown_path(os.fsdecode(b"latin-1 \xe9.md")) == '"latin-1 \\xe9.md"'  # bytes that are no UTF-8
    assert shown_path(Path("content") / "a\rb") == '"content/a\\rb"'


def _forged_board(tmp_path: Path) -> Path:
    content = _board(tmp_path)
    (content / FORGED).write_text("---\ntitle: [unclosed\n---\n\nBroken.\n")  # a skip: it gets a line
    (content / "dup\u202e.md").write_text(GOOD)  # a duplicate of good.md: it gets a line too
    return content


def test_a_file_name_cannot_forge_a_line_of_build_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _forged_board(tmp_path)
    _code, out, lines = _build(tmp_path, monkeypatch, capsys)
    said = [*out.splitlines(), *lines]
    (forged,) = [line for line in said if "forged" in line]
    assert forged.startswith('skipped "a\\nerror: forged.md":')
    assert not [line for line in said if line.startswith("error")]
    assert [line for line in said if line.startswith("duplicate")] == [
        'duplicate good.md: same job as "dup\\u202e.md", not built'
    ]
    assert not any("\u202e" in line for line in said)


def test_a_file_name_cannot_forge_a_line_of_check_output(tmp_path: Path) -> None:
    content = _forged_board(tmp_path)
    text = format_text(check_content(content, Config(), dt.date(2026, 1, 1)))
    assert [line for line in text.splitlines() if "forged" in line] == ['"a\\nerror: forged.md":']
    assert not [line for line in text.splitlines() if line.startswith("error")]
    assert not any("\u202e" in line for line in text.splitlines())


def test_a_file_name_cannot_forge_a_line_of_import_output(tmp_path: Path) -> None:
    content = _forged_board(tmp_path)
    lines: list[str] = []
    import_module.import_postings([content], tmp_path / "out", log=lines.append)
    assert len([line for line in lines if "forged" in line]) == 1
    assert not [line for line in lines if line.startswith("error")]
    assert not any("\u202e" in line for line in lines)


@pytest.mark.skipif(sys.platform != "linux", reason="file names of any bytes are Linux's")
def test_a_file_name_that_is_not_utf8_prints_on_a_strict_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content = _board(tmp_path)
    with open(os.path.join(os.fsencode(content), b"caf\xe9.md"), "wb") as file:
        file.write(GOOD.replace("Good", "Cafe").encode())
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    assert '"caf\\xe9.md":' in capsys.readouterr().out.splitlines()
    code, out, lines = _build(tmp_path, monkeypatch, capsys)
    assert _skips(lines) == ['skipped "caf\\xe9.md": file name is not valid UTF-8']
    assert "2 postings" in out and code == 1


def _replace_after_scan(monkeypatch: pytest.MonkeyPatch, path: Path, make: Callable[[Path], None]) -> None:
    real = reading_module.scan_content

    def scan_then_replace(*args: Any, **kwargs: Any) -> Any:
        scan = real(*args, **kwargs)
        path.unlink()
        make(path)
        return scan

    monkeypatch.setattr(reading_module, "scan_content", scan_then_replace)
    monkeypatch.setattr(build_module, "scan_content", scan_then_replace)


@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_a_file_replaced_by_a_fifo_after_the_scan_does_not_block_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], cache: bool
) -> None:
    content = _board(tmp_path)
    (content / "swapped.md").write_text(OTHER.replace("Other", "Swapped"))
    _replace_after_scan(monkeypatch, content / "swapped.md", os.mkfifo)

    def hung(*_: object) -> None:
        raise TimeoutError("the build blocked on the FIFO")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(120)
    try:
        code, out, lines = _build(tmp_path, monkeypatch, capsys, *([] if cache else ["--no-cache"]))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert _skips(lines) == ["skipped swapped.md: not a regular file (FIFO)"]
    assert "2 postings" in out and code == 1


def test_a_file_replaced_by_a_link_after_the_scan_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content = _board(tmp_path)
    secret = tmp_path / "secret.md"
    secret.write_text(GOOD.replace("Good Job", "Secret Job"))
    (content / "swapped.md").write_text(OTHER.replace("Other", "Swapped"))
    _replace_after_scan(monkeypatch, content / "swapped.md", lambda path: path.symlink_to(secret))
    code, _out, lines = _build(tmp_path, monkeypatch, capsys, "--no-cache")
    assert _skips(lines) == ["skipped swapped.md: symbolic link, not followed"]
    assert code == 1
    assert not list((tmp_path / "output" / "jobs").glob("secret-job*"))


def test_import_names_a_fifo_given_as_a_source(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    lines: list[str] = []
    result = import_module.import_postings([tmp_path / "pipe.md"], tmp_path / "out", log=lines.append)
    assert lines == [f"skipped {tmp_path}/pipe.md: not a regular file (FIFO)"]
    assert not result.ok
