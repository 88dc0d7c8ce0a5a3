"""Nothing in the cache's spare tree is trusted: symlinks, crafted manifests, edited files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import generator.write.output as output_module
from generator.cache import BuildCache
from tests.build._boards import make_board, quiet_build, tree
from tests.incremental.test_incremental import posting_text

SPARE_STATE = "\0spare"


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A board built twice (one posting changed between), so the spare tree holds the first site."""
    root = make_board(tmp_path / "board")
    quiet_build(root)
    (root / "content" / "p2.md").write_text(posting_text(2, 2, 2, 20, [3], 0))
    quiet_build(root)
    return root


def _spare(root: Path) -> Path:
    (spare,) = (root / ".jobboard-cache" / "trees").iterdir()
    return spare


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("precious")
    (victim / "style.css").write_text("precious too")
    return victim


def _change_and_build(root: Path) -> None:
    (root / "content" / "p1.md").write_text(posting_text(1, 1, 1, 9, [7, 7, 7], 0))
    quiet_build(root)


def _matches_clean(root: Path) -> None:
    shutil.rmtree(root / "clean", ignore_errors=True)
    quiet_build(root, "clean", cache=False)
    assert tree(root / "out") == tree(root / "clean")


def _victim_untouched(victim: Path) -> None:
    assert sorted(p.name for p in victim.iterdir()) == ["keep.txt", "style.css"]
    assert (victim / "keep.txt").read_text() == "precious"
    assert (victim / "style.css").read_text() == "precious too"


def test_a_symlinked_folder_planted_in_the_spare_tree_is_not_written_through(
    built: Path, tmp_path: Path
) -> None:
    victim = _victim(tmp_path)
    spare = _spare(built)
    shutil.rmtree(spare / "static")
    (spare / "static").symlink_to(victim, target_is_directory=True)
    _change_and_build(built)
    _victim_untouched(victim)
    _matches_clean(built)


def test_a_symlinked_spare_tree_is_not_followed(built: Path, tmp_path: Path) -> None:
    victim = _victim(tmp_path)
    spare = _spare(built)
    shutil.rmtree(spare)
    spare.symlink_to(victim, target_is_directory=True)
    _change_and_build(built)
    _victim_untouched(victim)
    _matches_clean(built)


def test_a_symlinked_trees_folder_is_not_followed(built: Path, tmp_path: Path) -> None:
    victim = _victim(tmp_path)
    trees = built / ".jobboard-cache" / "trees"
    shutil.move(str(trees), str(tmp_path / "moved"))
    trees.symlink_to(victim, target_is_directory=True)
    _change_and_build(built)
    _victim_untouched(victim)
    _matches_clean(built)


def _crafted_manifest(root: Path, extra: dict[str, list]) -> None:
    cache = BuildCache(root / ".jobboard-cache")
    (name,) = [n for (n,) in cache._db.execute("SELECT name FROM state") if n.endswith(SPARE_STATE)]
    state = cache.get_state(name)
    state["files"].update(extra)
    cache.put_state(name, state)  # with a good CRC: whoever can write the cache can make one
    cache.close()


def _entry_of(path: Path) -> list:
    import hashlib

    st = os.lstat(path)
    sha = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "0" * 64
    return [None, sha, st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]


@pytest.mark.parametrize("form", ["dotdot", "absolute", "through-symlink", "symlinked-root"])
def test_a_crafted_manifest_deletes_nothing_outside_the_spare_tree(
    built: Path, tmp_path: Path, form: str
) -> None:
    victim = _victim(tmp_path)
    spare = _spare(built)
    target = victim / "keep.txt"
    if form == "dotdot":
        rel = os.path.relpath(target, spare)
    elif form == "absolute":
        rel = str(target)
    elif form == "symlinked-root":  # the manifest names the victim's file as the spare tree's own
        shutil.rmtree(spare)
        spare.symlink_to(victim, target_is_directory=True)
        rel = "keep.txt"
    else:
        (spare / "assets").symlink_to(victim, target_is_directory=True)
        rel = "assets/keep.txt"
    _crafted_manifest(built, {rel: _entry_of(target)})
    _change_and_build(built)
    _victim_untouched(victim)
    _matches_clean(built)


def test_a_spare_file_edited_in_place_with_size_and_time_kept_is_not_reused(built: Path) -> None:
    spare = _spare(built)
    page = next(p for p in sorted((spare / "jobs").glob("*/index.html")) if p.stat().st_nlink > 1)
    st = page.stat()
    raw = page.read_bytes()
    edited = raw.replace(b"<", b"{", 1)
    assert len(edited) == len(raw) and edited != raw
    with page.open("r+b") as file:  # in place: same inode (and the output's link to it too)
        file.write(edited)
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert page.stat().st_mtime_ns == st.st_mtime_ns and page.stat().st_ino == st.st_ino
    _change_and_build(built)
    _matches_clean(built)
    _change_and_build(built)  # and not later either
    _matches_clean(built)


def test_a_fifo_in_the_spare_tree_is_removed_not_opened(built: Path) -> None:
    spare = _spare(built)
    os.mkfifo(spare / "jobs" / "pipe")
    _change_and_build(built)
    _matches_clean(built)
    assert not (spare / "jobs" / "pipe").exists()


def _spare_manifest(root: Path) -> output_module.Manifest:
    cache = BuildCache(root / ".jobboard-cache")
    (name,) = [n for (n,) in cache._db.execute("SELECT name FROM state") if n.endswith(SPARE_STATE)]
    files = output_module.manifest_from(cache.get_state(name)["files"])
    cache.close()
    assert files is not None
    return files


def test_only_files_whose_ctime_changed_are_read_again(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hash is checked lazily: a file nothing touched since it was written or verified
    (same ctime) is not read; a touched one is hashed, and kept when its bytes are right."""
    import hashlib


    spare = _spare(built)
    manifest = _spare_manifest(built)
    read: list[str] = []
    real = hashlib.file_digest

    def counting(file: object, name: str) -> object:
        read.append(name)
        return real(file, name)

    monkeypatch.setattr(output_module.hashlib, "file_digest", counting)
    unseen, _emptied, verified = output_module.reconcile_tree(spare, manifest)
    assert unseen == [] and len(read) == len(verified) < len(manifest)
    page = next(
        p for p in (spare / "jobs").glob("*/index.html") if p.relative_to(spare).as_posix() not in verified
    )
    st = page.stat()
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))  # same times: only the ctime moves
    before = len(read)
    unseen, _emptied, again = output_module.reconcile_tree(spare, manifest)
    assert unseen == [] and set(again) == set(verified) | {page.relative_to(spare).as_posix()}
    assert len(read) == before + len(again)


def test_after_a_build_that_linked_most_files_the_next_reads_few(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build without a spare tree links every unchanged file from the output (which moves
    their ctimes): the manifest it leaves for the spare tree has the new ctimes, so the next
    build does not hash the whole tree."""
    import generator.engine.output_folder as output_folder

    monkeypatch.setattr(output_folder, "_RELINKED", 5)
    root = make_board(tmp_path / "board")
    quiet_build(root)
    (root / "content" / "p2.md").write_text(posting_text(2, 2, 2, 20, [3], 0))
    quiet_build(root)  # linked most files from the first output, now the spare tree

    _unseen, _emptied, verified = output_module.reconcile_tree(_spare(root), _spare_manifest(root))
    assert len(verified) <= 3  # the few pages the change touched, not the ~60 linked
