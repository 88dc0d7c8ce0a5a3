"""The place table kept in the build cache: loaded instead of built, never trusted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.extract import gazetteer


@pytest.fixture
def fresh_table() -> Iterator[None]:
    """Each test makes the table anew; later tests make their own again (lazily)."""
    gazetteer.table.cache_clear()
    yield
    gazetteer.use_store(None)
    gazetteer.table.cache_clear()


def _no_building(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("the table was built, not loaded")

    monkeypatch.setattr(gazetteer, "_cities", refuse)


def test_a_stored_table_is_loaded_not_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_table: None
) -> None:
    gazetteer.use_store(tmp_path)
    built = gazetteer.table()
    assert [p.name for p in tmp_path.glob("places-*.json")]
    gazetteer.table.cache_clear()
    _no_building(monkeypatch)
    loaded = gazetteer.table()
    assert loaded == built
    assert loaded.city("Munich").country_code == "DE"


@pytest.mark.parametrize(
    "damage",
    [b"", b"not json", b"[1, 2, 3, 4, 5]", b'[{"a": 1}, {}, {}, {}, {}]', b'[{}, {}, {}, {}, {"x": [1]}]'],
    ids=["empty", "garbage", "numbers", "wrong types", "bad region"],
)
def test_a_damaged_stored_table_is_built_again(tmp_path: Path, fresh_table: None, damage: bytes) -> None:
    gazetteer.use_store(tmp_path)
    built = gazetteer.table()
    (stored,) = tmp_path.glob("places-*.json")
    stored.write_bytes(damage)
    gazetteer.table.cache_clear()
    assert gazetteer.table() == built
    assert stored.read_bytes() != damage  # written again


def test_tables_of_other_versions_are_removed(tmp_path: Path, fresh_table: None) -> None:
    (tmp_path / "places-0000000000000000.json").write_text("[]")
    gazetteer.use_store(tmp_path)
    gazetteer.table()
    assert len(list(tmp_path.glob("places-*.json"))) == 1
    assert not (tmp_path / "places-0000000000000000.json").exists()


def test_the_build_keeps_the_table_in_its_cache_and_no_cache_keeps_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_table: None
) -> None:
    from generator.cli import main

    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "job.md").write_text("---\ntitle: Welder\nlocation: Berlin\n---\nWeld things.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--no-cache"]) == 0
    assert not (tmp_path / ".jobboard-cache").exists()
    gazetteer.table.cache_clear()
    assert main(["build", "--output", "out2"]) == 0
    assert list((tmp_path / ".jobboard-cache").glob("places-*.json"))
