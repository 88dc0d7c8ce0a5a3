"""A rebuild whose inputs are all unchanged renders nothing and leaves the output as it is.

The site key (generator code, templates, config, day, drafts option, every posting file's
path and bytes) is recorded with the output's manifest; the next build compares both and
stops before rendering. Each test changes one input, or the output itself, and checks
that the shortcut is not taken and the result equals a clean build.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.engine.engine as build_module
import generator.engine.output_folder as output_folder
from generator.cache import BuildCache
from generator.commands.build import BuildOptions, BuildResult, build
from generator.config import Config
from generator.engine import Engine
from generator.engine.report import Report
from tests.conftest import crash_after_posting_pages
from tests.incremental.test_incremental import posting_text, tree

DAY = 86400
EPOCH = 1767225600  # 2026-01-01


@pytest.fixture
def board(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    content = tmp_path / "content"
    content.mkdir()
    for i in range(4):
        (content / f"p{i}.md").write_text(posting_text(i, i % 3, i, i + 1, [i, i + 2], 0))
    return tmp_path


def _options(board: Path, *, cache: bool = True, out: str = "out", drafts: bool = False) -> BuildOptions:
    return BuildOptions(
        content=board / "content",
        output=board / out,
        project_root=board,
        drafts=drafts,
        cache_dir=board / ".jobboard-cache" if cache else None,
    )


def _build(
    board: Path, config: Config | None = None, *, need_site: bool = True, **options: bool
) -> BuildResult:
    return build(_options(board, **options), config or Config(), log=lambda _m: None, need_site=need_site)


def _rendered(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts calls of write_site (the whole rendering step) from now on."""
    calls: list[int] = []
    real = build_module.render_site

    def counting(*args: object, **kwargs: object) -> None:
        calls.append(1)
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module, "render_site", counting)
    return calls


def _same_as_clean(board: Path, config: Config | None = None, **options: bool) -> None:
    _build(board, config, cache=False, out="clean", **options)
    assert tree(board / "out") == tree(board / "clean")


def test_nothing_changed_nothing_rendered_and_the_output_is_untouched(
    board: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _build(board)
    inode = (board / "out").stat().st_ino
    rendered = _rendered(monkeypatch)
    again = _build(board)
    assert rendered == []
    assert again.changed == [] and again.files_written == 0
    assert "check output" in again.stages
    assert len(again.site.postings) == len(first.site.postings) == 4  # the summary still counts them
    assert (board / "out").stat().st_ino == inode, "the output folder was swapped"
    _same_as_clean(board)


def test_an_edited_posting_is_built(board: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _build(board)
    rendered = _rendered(monkeypatch)
    (board / "content" / "p1.md").write_text(posting_text(1, 1, 1, 9, [5, 6, 7], 0))
    result = _build(board)
    assert rendered == [1] and result.processed == 1
    _same_as_clean(board)


def test_a_new_day_is_built(board: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (board / "content" / "p0.md").write_text(
        posting_text(0, 0, 0, 1, [1], 0).replace("date:", "valid_through: 2026-01-01\ndate:")
    )
    assert len(_build(board).site.closed) == 0
    rendered = _rendered(monkeypatch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 2 * DAY))  # the posting has expired
    assert len(_build(board).site.closed) == 1
    assert rendered == [1]
    _same_as_clean(board)


def test_a_new_config_the_drafts_option_or_a_template_is_built(
    board: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _build(board)
    rendered = _rendered(monkeypatch)

    def rebuilt(config: Config | None = None, **options: bool) -> None:
        before = len(rendered)
        _build(board, config, **options)
        assert len(rendered) == before + 1, "an input changed and the build was skipped"
        _same_as_clean(board, config, **options)

    rebuilt(Config(title="Other Board"))
    rebuilt()  # back to the default title
    draft = posting_text(3, 2, 1, 5, [4], 0).replace("date:", "draft: true\ndate:")
    (board / "content" / "draft.md").write_text(draft)
    rebuilt()
    rebuilt(drafts=True)
    templates = board / "templates"
    templates.mkdir()
    (templates / "404.html").write_text("<!doctype html><title>Lost</title><p>Lost.</p>\n")
    rebuilt(Config(templates=templates))
    assert (board / "out" / "404.html").read_text().startswith("<!doctype html><title>Lost")
    (templates / "404.html").write_text("<!doctype html><title>Gone</title><p>Gone.</p>\n")
    rebuilt(Config(templates=templates))


@pytest.mark.parametrize("damage", ["edit", "remove", "add", "add folder"])
def test_a_damaged_output_is_built_again(board: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    _build(board)
    out = board / "out"
    page = next((out / "jobs").glob("*/index.html"))
    if damage == "edit":
        page.write_bytes(page.read_bytes().replace(b"</body>", b"<script>x()</script></body>"))
    elif damage == "remove":
        page.unlink()
    elif damage == "add":
        (out / "stray.html").write_text("not ours")
    else:
        (out / "stray" / "deep").mkdir(parents=True)
        (out / "stray" / "deep" / "x.html").write_text("not ours")
    rendered = _rendered(monkeypatch)
    _build(board)
    assert rendered == [1]
    _same_as_clean(board)


def test_an_interrupted_build_is_not_taken_for_a_finished_one(
    board: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _build(board)
    (board / "content" / "p2.md").write_text(posting_text(2, 2, 2, 20, [3], 0))

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    crash_after_posting_pages(monkeypatch, crash)
    with pytest.raises(KeyboardInterrupt):
        _build(board)
    monkeypatch.undo()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    (board / "content" / "p2.md").write_text(posting_text(2, 2, 2, 3, [2, 4], 0))  # back as it was
    _build(board)
    _same_as_clean(board)


def test_a_builder_kept_across_builds_takes_the_shortcut_too(
    board: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Engine(_options(board), Config(), log=lambda _m: None) as builder:
        builder.update()
        rendered = _rendered(monkeypatch)
        assert builder.update().changed == []
        assert rendered == []


def _untouchable(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, reading the postings' cache entries or assembling a site fails the test."""

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("read or assembled the postings")

    monkeypatch.setattr(build_module, "read_postings_cached", fail)
    monkeypatch.setattr(build_module, "assemble_site", fail)


def _with_bad_files(board: Path) -> None:
    content = board / "content"
    (content / "p0-again.md").write_bytes((content / "p0.md").read_bytes())  # a duplicate
    (content / "empty.md").write_text("---\ntitle: \n---\n")  # no title: skipped
    (content / "huge.md").write_text("x" * 2000)  # over max_file_size below: refused unread


def test_a_build_that_needs_no_site_reads_nothing_when_nothing_changed(
    board: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_bad_files(board)
    config = Config(max_file_size=1000)
    said: list[list[str]] = []

    def run(**kwargs: bool) -> BuildResult:
        said.append([])
        return build(_options(board), config, log=said[-1].append, **kwargs)

    first = run(need_site=False)  # the first build has everything to do: it reads and assembles
    assert first.site is not None and len(first.site.postings) == 4
    assert len(first.skipped) == 2 and len(first.report.duplicates) == 1
    _untouchable(monkeypatch)
    rendered = _rendered(monkeypatch)
    again = run(need_site=False)
    assert again.site is None and rendered == []
    assert again.report == first.report
    assert again.summary().rsplit(" in ", 1)[0] == first.summary().rsplit(" in ", 1)[0]
    # The same lines about skipped files and duplicates; the base-URL warning only once per
    # cache folder (notices.warn_once).
    assert said[1] == [line for line in said[0] if not line.startswith("warning: no base URL")]
    assert any(line.startswith("warning: no base URL") for line in said[0])
    assert any(line.startswith("duplicate ") for line in said[0])
    assert sum(line.startswith("skipped ") for line in said[0]) == 2
    with pytest.raises(AssertionError, match="read or assembled"):
        run()  # a caller that needs the site gets it read and assembled
    monkeypatch.undo()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    assert run().site is not None


def test_a_build_that_needs_no_site_still_builds_what_changed(
    board: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _build(board, need_site=False)
    (board / "content" / "p1.md").write_text(posting_text(1, 2, 2, 9, [3, 4], 0))
    result = _build(board, need_site=False)
    assert result.site is not None and result.changed
    _same_as_clean(board)
    page = next((board / "out" / "jobs").glob("*/index.html"))
    page.write_text("tampered")  # the site key matches, the output does not: built again
    rendered = _rendered(monkeypatch)
    result = _build(board, need_site=False)
    assert rendered == [1] and result.site is not None
    _same_as_clean(board)


@pytest.mark.parametrize(
    "report",
    [None, "text", {"postings": 4}, {"postings": -1, "companies": 1, "locations": 1, "closed": 0,
                                     "drafts": 0, "skipped": [], "duplicates": []}],
)
def test_an_unsound_stored_report_is_never_used(
    board: Path, monkeypatch: pytest.MonkeyPatch, report: object
) -> None:
    _build(board)
    cache = BuildCache(board / ".jobboard-cache")
    try:
        name = output_folder.tree_name(board / "out")
        state = cache.get_state(name)
        assert isinstance(state, dict) and Report.from_json(state["report"]) is not None
        cache.put_state(name, {**state, "report": report})
    finally:
        cache.close()
    rendered = _rendered(monkeypatch)
    result = _build(board, need_site=False)
    assert result.site is not None and rendered == []  # read and assembled; nothing to render
    assert len(result.site.postings) == 4
