"""The cached, incremental build gives exactly the bytes of a clean build, whatever happened before.

A Hypothesis state machine adds, edits, renames and deletes postings and changes a
template of a small board; after every step one Engine (kept across steps, like
`jobboard serve`) rebuilds incrementally and a clean `--no-cache` build is made beside
it: both output trees must hold the same files with the same bytes.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from generator.commands.build import BuildOptions, build
from generator.config import Config
from generator.engine import Engine
from generator.write.output import MARKER
from tests.conftest import crash_after_posting_pages

COMPANIES = ["Acme", "Globex", "Initech, Inc.", "Umbrella"]
PLACES = ["Remote", "Berlin, Germany", "Tel Aviv, Israel", "New York, NY, USA"]
TITLES = ["Backend Engineer", "Data Engineer", "SRE", "Python Developer"]
WORDS = ["build", "scale", "teams", "data", "python", "cloud", "ship", "review", "kafka", "growth"]


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def posting_text(title: int, company: int, place: int, day: int, words: list[int], shape: int) -> str:
    body = " ".join(WORDS[w] for w in words) or "no details"
    if shape == 0:
        return (
            f"---\ntitle: {TITLES[title]}\ncompany: {COMPANIES[company]}\nlocation: {PLACES[place]}\n"
            f"date: 2025-12-{day:02d}\n---\n\n## About\n\n{body}\n\n- {body}\n"
        )
    if shape == 1:
        return f"# [{TITLES[title]}](https://x.example/{day})\n### {COMPANIES[company]}\n\n{body}\n"
    return f"Title: {TITLES[title]}\nCompany: {COMPANIES[company]}\nLocation: {PLACES[place]}\n\n{body}\n"


postings = st.builds(
    posting_text,
    st.integers(0, len(TITLES) - 1),
    st.integers(0, len(COMPANIES) - 1),
    st.integers(0, len(PLACES) - 1),
    st.integers(1, 28),
    st.lists(st.integers(0, len(WORDS) - 1), max_size=12),
    st.integers(0, 2),
)
names = st.sampled_from([f"p{i}.md" for i in range(8)] + ["sub/q.txt", "sub/r.md"])


class IncrementalBuild(RuleBasedStateMachine):
    @initialize()
    def start(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="incr-"))
        self.content = self.root / "content"
        self.content.mkdir()
        (self.content / "p0.md").write_text(posting_text(0, 0, 0, 1, [1, 2], 0))
        self.templates = self.root / "my-templates"
        self.templates.mkdir()
        self.config = Config(templates=self.templates, per_page=2)
        options = BuildOptions(
            content=self.content,
            output=self.root / "out",
            project_root=self.root,
            cache_dir=self.root / ".jobboard-cache",
        )
        self.builder = Engine(options, self.config, log=lambda _m: None)
        self.step = 0

    def teardown(self) -> None:
        self.builder.close()
        shutil.rmtree(self.root, ignore_errors=True)

    def files(self) -> list[Path]:
        return sorted(p for p in self.content.rglob("*") if p.is_file())

    @rule(name=names, text=postings)
    def add_or_edit(self, name: str, text: str) -> None:
        path = self.content / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)

    @precondition(lambda self: len(self.files()) > 1)
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        data.draw(st.sampled_from(self.files())).unlink()

    @precondition(lambda self: len(self.files()) > 0)
    @rule(data=st.data(), name=names)
    def rename(self, data: st.DataObject, name: str) -> None:
        source = data.draw(st.sampled_from(self.files()))
        target = self.content / name
        target.parent.mkdir(exist_ok=True)
        source.rename(target)

    @rule(variant=st.sampled_from(["", "A", "B"]), which=st.sampled_from(["posting.html", "term.html"]))
    def change_template(self, variant: str, which: str) -> None:
        path = self.templates / which
        if not variant:
            path.unlink(missing_ok=True)
            return
        if which == "posting.html":
            path.write_text(
                "{% extends 'base.html' %}{% block main %}<h1>" + variant + " {{ posting.title }}</h1>"
                "{{ posting.body_html | safe }}{% endblock %}\n"
            )
        else:
            path.write_text(
                "{% extends 'base.html' %}{% block main %}" + variant + " {{ term.name }}"
                "{% for p in pager.items %}<a href='{{ root }}{{ posting_href(p) }}'>{{ p.title }}</a>"
                "{% endfor %}{% endblock %}\n"
            )

    @rule(title=st.sampled_from(["Board", "Other board"]))
    def change_config(self, title: str) -> None:
        self.config.title = title

    @invariant()
    def incremental_equals_clean(self) -> None:
        self.builder.config = self.config
        result = self.builder.update(need_site=False)  # as `jobboard build`: no site when nothing changed
        self.step += 1
        clean_out = self.root / f"clean{self.step}"
        clean = build(
            BuildOptions(content=self.content, output=clean_out, project_root=self.root),
            self.config,
            log=lambda _m: None,
        )
        assert tree(self.root / "out") == tree(clean_out)
        assert result.report == clean.report  # what the summary line says, and what was skipped
        assert clean.files_written >= result.files_written
        shutil.rmtree(clean_out)


IncrementalBuild.TestCase.settings = settings(
    max_examples=6,
    stateful_step_count=5,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestIncrementalBuild = IncrementalBuild.TestCase


@pytest.fixture
def board(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    for i in range(6):
        (content / f"p{i}.md").write_text(posting_text(i % 4, i % 3, i % 4, i + 1, [i, i + 1], i % 3))
    return tmp_path


def _options(board: Path, out: str = "out", cache: bool = True) -> BuildOptions:
    return BuildOptions(
        content=board / "content",
        output=board / out,
        project_root=board,
        cache_dir=board / ".jobboard-cache" if cache else None,
    )


def test_rebuild_without_changes_renders_nothing_and_reports_nothing(board: Path) -> None:
    with Engine(_options(board), Config(), log=lambda _m: None) as builder:
        first = builder.update()
        assert first.processed == 6 and first.changed
        second = builder.update()
        assert second.processed == 0
        assert second.changed == []
        assert second.files_written == 0
        assert builder.update().files_written == 0
        (board / "content" / "p1.md").write_text(posting_text(1, 1, 1, 9, [7, 7, 7], 0))
        third = builder.update()
        assert third.processed == 1
        assert any(path.startswith("jobs/") for path in third.changed)
        assert "404.html" not in third.changed


def test_corrupt_cache_entries_are_rebuilt_not_trusted(board: Path) -> None:
    assert build(_options(board), Config(), log=lambda _m: None).processed == 6
    db = sqlite3.connect(board / ".jobboard-cache" / "cache.sqlite3")
    with db:
        db.execute("UPDATE postings SET data = replace(data || ' ', 'Acme', 'EVIL')")  # CRC no longer matches
        db.execute("UPDATE state SET data = '{\"output\": 1'")  # not JSON
    db.close()
    result = build(_options(board), Config(), log=lambda _m: None)
    assert result.processed == 6
    build(_options(board, "clean", cache=False), Config(), log=lambda _m: None)
    assert tree(board / "out") == tree(board / "clean")
    assert b"EVIL" not in b"".join(tree(board / "out").values())


def test_a_cache_file_that_is_not_a_database_is_replaced(board: Path) -> None:
    cache = board / ".jobboard-cache"
    cache.mkdir()
    (cache / "cache.sqlite3").write_bytes(b"this is not sqlite, just garbage" * 100)
    assert build(_options(board), Config(), log=lambda _m: None).processed == 6
    assert build(_options(board), Config(), log=lambda _m: None).processed == 0


@pytest.mark.parametrize("table", ["postings", "bodies", "state"])
def test_a_database_damaged_inside_fails_soft_and_builds_right(board: Path, table: str) -> None:
    """Damage that only shows when a page is read (no check reads the whole database on
    open): the build still equals a clean one, and the cache is whole again after."""
    build(_options(board), Config(), log=lambda _m: None)
    path = board / ".jobboard-cache" / "cache.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    db.close()
    with path.open("r+b") as file:  # the table's root page: every read of it fails
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * page_size)
    build(_options(board), Config(), log=lambda _m: None)
    build(_options(board, "clean", cache=False), Config(), log=lambda _m: None)
    assert tree(board / "out") == tree(board / "clean")
    assert build(_options(board), Config(), log=lambda _m: None).processed == 0


def test_entries_of_files_gone_or_changed_are_forgotten(board: Path) -> None:
    build(_options(board), Config(), log=lambda _m: None)
    (board / "content" / "p0.md").unlink()
    (board / "content" / "p1.md").write_text(posting_text(1, 1, 1, 9, [7, 7, 7], 0))
    build(_options(board), Config(), log=lambda _m: None)
    db = sqlite3.connect(board / ".jobboard-cache" / "cache.sqlite3")
    counts = [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("postings", "bodies", "terms")]
    db.close()
    assert counts == [5, 5, 5]  # p1's old version and p0 are gone; p1's new version is there


def test_build_killed_mid_write_leaves_a_cache_that_rebuilds_correctly(
    board: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(_options(board), Config(), log=lambda _m: None)
    (board / "content" / "p2.md").write_text(posting_text(2, 2, 2, 20, [3], 0))

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:  # undoes the crash only, not SOURCE_DATE_EPOCH
        crash_after_posting_pages(patched, crash)
        with pytest.raises(KeyboardInterrupt):
            build(_options(board), Config(), log=lambda _m: None)
    # the previous site is untouched, and the next build is right
    assert (board / "out" / MARKER).is_file()
    build(_options(board), Config(), log=lambda _m: None)
    build(_options(board, "clean", cache=False), Config(), log=lambda _m: None)
    assert tree(board / "out") == tree(board / "clean")


def test_hand_edited_output_files_are_not_reused(board: Path) -> None:
    build(_options(board), Config(), log=lambda _m: None)
    page = next((board / "out" / "jobs").glob("*/index.html"))
    page.write_text("tampered")
    (board / "out" / "extra.html").write_text("stray")
    for _ in range(3):  # the tampered tree becomes the spare tree, then the output again
        build(_options(board), Config(), log=lambda _m: None)
    build(_options(board, "clean", cache=False), Config(), log=lambda _m: None)
    assert tree(board / "out") == tree(board / "clean")


def test_a_tampered_spare_tree_is_put_right(board: Path) -> None:
    build(_options(board), Config(), log=lambda _m: None)
    (board / "content" / "p2.md").write_text(posting_text(2, 2, 2, 20, [3], 0))
    build(_options(board), Config(), log=lambda _m: None)  # the first output is now the spare tree
    (spare,) = (board / ".jobboard-cache" / "trees").iterdir()
    page = next((spare / "jobs").glob("*/index.html"))
    page.unlink()  # the spare tree's files are hard links shared with the output: replace, not edit
    page.write_text("tampered")
    (spare / "stray.html").write_text("stray")
    assert build(_options(board), Config(), log=lambda _m: None).files_written == 0  # nothing to do
    (board / "content" / "p1.md").write_text(posting_text(1, 1, 1, 9, [7, 7, 7], 0))
    build(_options(board), Config(), log=lambda _m: None)
    build(_options(board, "clean", cache=False), Config(), log=lambda _m: None)
    assert tree(board / "out") == tree(board / "clean")


def test_the_spare_check_starts_before_assembly_and_not_for_a_build_with_nothing_to_do(
    board: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.engine.engine as build_module
    import generator.engine.output_folder as output_folder

    events: list[str] = []
    real_check, real_assemble = output_folder.SpareCheck, build_module.assemble_site

    def check(*args: object) -> object:
        events.append("check")
        return real_check(*args)

    def assemble(*args: object, **kwargs: object) -> object:
        events.append("assemble")
        return real_assemble(*args, **kwargs)

    monkeypatch.setattr(output_folder, "SpareCheck", check)
    monkeypatch.setattr(build_module, "assemble_site", assemble)
    build(_options(board), Config(), log=lambda _m: None)
    (board / "content" / "p2.md").write_text(posting_text(2, 2, 2, 20, [3], 0))
    build(_options(board), Config(), log=lambda _m: None)  # now there is a spare tree
    events.clear()
    build(_options(board), Config(), log=lambda _m: None)
    assert events == ["assemble"]  # nothing to do: the spare tree is not walked
    (board / "content" / "p3.md").write_text(posting_text(3, 1, 2, 21, [4], 1))
    build(_options(board), Config(), log=lambda _m: None)
    assert events == ["assemble", "check", "assemble"]


def _sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def test_the_spare_check_removes_what_the_manifest_does_not_describe(tmp_path: Path) -> None:
    from generator.write.output import SpareCheck, write_file

    root = tmp_path / "spare"
    rels = ("a.html", "x/b.html", "x/c.html")
    manifest = {rel: write_file(root / rel, rel.encode(), None, _sha(rel.encode())) for rel in rels}
    (root / "x" / "b.html").write_text("edited")  # another size, time and inode
    (root / "y").mkdir()
    (root / "y" / "stray.html").write_text("stray")
    (root / "x" / "c.html").unlink()
    SpareCheck(root, manifest).cancel()  # stopped at once: the next check is still right
    unseen, emptied, _verified = SpareCheck(root, manifest).result()
    assert sorted(unseen) == ["x/b.html", "x/c.html"]
    assert sorted(Path(folder).name for folder in emptied) == ["x", "y"]
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == ["a.html"]


def test_a_check_after_a_check_that_ran_whole_names_the_same_folders(tmp_path: Path) -> None:
    """A stopped check may already have removed files; the next one still names their folders
    (the build removes them when empty), so whether the first one ran does not matter."""
    from generator.write.output import reconcile_tree, write_file

    root = tmp_path / "spare"
    rels = ("a.html", "x/b.html", "x/c.html")
    manifest = {rel: write_file(root / rel, rel.encode(), None, _sha(rel.encode())) for rel in rels}
    (root / "x" / "b.html").write_text("edited")
    (root / "y").mkdir()
    (root / "y" / "stray.html").write_text("stray")
    (root / "x" / "c.html").unlink()
    reconcile_tree(root, manifest)  # what a check stopped late had done
    unseen, emptied, _verified = reconcile_tree(root, manifest)
    assert sorted(unseen) == ["x/b.html", "x/c.html"]
    assert sorted(Path(folder).name for folder in emptied) == ["x", "y"]


def test_no_cache_writes_no_cache_folder(board: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.cli import main

    monkeypatch.chdir(board)
    assert main(["build", "--no-cache"]) == 0
    assert not (board / ".jobboard-cache").exists()
    assert main(["build"]) == 0
    assert (board / ".jobboard-cache" / "cache.sqlite3").is_file()


def test_bodies_stay_in_the_cache_and_workers_fill_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Enough postings for the page renderer's process pool; the build's postings hold no bodies.
    monkeypatch.setenv("JOBBOARD_WORKERS", "2")
    (tmp_path / "content").mkdir()
    for i in range(200):
        text = posting_text(i % 4, i % 3, i % 4, 1 + i % 28, [i % 10, (i // 10) % 10, 5, 6, 7], i % 3)
        (tmp_path / "content" / f"p{i:03d}.md").write_text(text.replace("no details", f"job {i}"))
    result = build(_options(tmp_path), Config(), log=lambda _m: None)
    assert result.site.postings and all(p.body_html == "" for p in result.site.postings)
    build(_options(tmp_path, "clean", cache=False), Config(), log=lambda _m: None)
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")
    page = (tmp_path / "out" / "jobs" / result.site.postings[0].slug / "index.html").read_text()
    assert "<h2>About</h2>" in page or "job " in page


def test_a_body_missing_from_the_cache_is_made_again_from_the_file(board: Path) -> None:
    build(_options(board), Config(), log=lambda _m: None)
    db = sqlite3.connect(board / ".jobboard-cache" / "cache.sqlite3")
    with db:
        db.execute("DELETE FROM bodies")
        db.execute("UPDATE state SET data = 'x'")  # no usable output manifest: every page is rendered
    db.close()
    assert build(_options(board), Config(), log=lambda _m: None).processed == 0
    build(_options(board, "clean", cache=False), Config(), log=lambda _m: None)
    assert tree(board / "out") == tree(board / "clean")
