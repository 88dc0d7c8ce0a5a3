"""A rebuild whose inputs are all unchanged renders nothing and leaves the output as it is.

The site key (generator code, templates, config, day, drafts option, every posting file's
path and bytes) is recorded with the output's manifest; the next build compares both and
stops before rendering. Each test changes one input, or the output itself, and checks
that the shortcut is not taken and the result equals a clean build.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.commands.build as build_module
from generator.commands.build import Builder, BuildOptions, BuildResult, build
from generator.config import Config
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


def _build(board: Path, config: Config | None = None, **options: bool) -> BuildResult:
    return build(_options(board, **options), config or Config(), log=lambda _m: None)


def _rendered(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts calls of write_site (the whole rendering step) from now on."""
    calls: list[int] = []
    real = build_module.write_site

    def counting(*args: object, **kwargs: object) -> None:
        calls.append(1)
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module, "write_site", counting)
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

    monkeypatch.setattr(build_module, "render_front_pages", crash)
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
    with Builder(_options(board), Config(), log=lambda _m: None) as builder:
        builder.build()
        rendered = _rendered(monkeypatch)
        assert builder.build().changed == []
        assert rendered == []
