"""Duplicate detection remembers its answers per pair of file versions (model.duplicates)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from generator.config import Config
from generator.engine import BuildOptions, Engine
from generator.model.duplicates import BATCH_POSTINGS, Bodies, drop_duplicates
from generator.model.posting import Posting
from tests.model.test_taxonomy import posting

SAME = " ".join(f"word{i}" for i in range(300))
OTHER = " ".join(f"other{i}" for i in range(300))


def _group() -> list[Posting]:
    return [
        posting(1, "Acme", title="Engineer", body_text=SAME),
        posting(2, "Acme", title="Engineer", body_text=SAME + " extra"),
        posting(3, "Acme", title="Engineer", body_text=OTHER),
        posting(4, "Globex", title="Engineer", body_text=SAME),  # another company: never compared
    ]


def _asked(log: list[str]):
    def texts(postings: Sequence[Posting]) -> list[str]:
        log.extend(p.source for p in postings)
        return [p.body_text for p in postings]

    return texts


def _dropped(postings: list[Posting], bodies: Bodies) -> list[tuple[str, str]]:
    return [(d.dropped.source, d.kept.source) for d in drop_duplicates(postings, bodies)[1]]


def test_answers_are_remembered_per_pair_of_versions_and_reused_without_reading_bodies() -> None:
    versions = {f"p{i:03d}.md": f"v{i}" for i in range(1, 5)}
    asked: list[str] = []
    first = Bodies(_asked(asked), versions)
    assert _dropped(_group(), first) == [("p002.md", "p001.md")]
    assert sorted(asked) == ["p001.md", "p002.md", "p003.md"]
    # p002 matched p001; p003 was compared with p001 only (p002 was no survivor)
    assert first.compared == {"v1 v2": True, "v1 v3": False}

    asked.clear()
    again = Bodies(_asked(asked), versions, memo=first.compared)
    assert _dropped(_group(), again) == [("p002.md", "p001.md")]
    assert asked == [], "every pair was answered before: no body is read"
    assert again.compared == first.compared


def test_the_memo_is_asked_before_the_bodies() -> None:
    versions = {f"p{i:03d}.md": f"v{i}" for i in range(1, 5)}
    told = Bodies(_asked([]), versions, memo={"v1 v2": False, "v1 v3": False, "v2 v3": False})
    assert _dropped(_group(), told) == []  # the (wrong) memo wins: proof that it is used


def test_a_new_version_is_compared_again() -> None:
    versions = {f"p{i:03d}.md": f"v{i}" for i in range(1, 5)}
    first = Bodies(versions=versions)
    drop_duplicates(_group(), first)
    asked: list[str] = []
    edited = _group()
    edited[1].body_text = OTHER  # p002 edited: now like p003, unlike p001
    changed = Bodies(_asked(asked), {**versions, "p002.md": "v2b"}, memo=first.compared)
    assert _dropped(edited, changed) == [("p003.md", "p002.md")]
    assert sorted(asked) == ["p001.md", "p002.md", "p003.md"]
    assert "v1 v2" not in changed.compared and changed.compared["v1 v2b"] is False


def test_bodies_are_asked_a_bounded_batch_at_a_time_with_the_same_answers() -> None:
    # Many groups of three (two the same job, one not), as on a large board's cold build.
    postings = []
    for g in range(BATCH_POSTINGS):  # 3 x BATCH_POSTINGS postings in all
        for i, body in enumerate((SAME, SAME + " extra", OTHER)):
            postings.append(posting(3 * g + i, f"Company {g}", title="Engineer", body_text=body))
    batches: list[int] = []

    def texts(asked: Sequence[Posting]) -> list[str]:
        batches.append(len(asked))
        return [p.body_text for p in asked]

    dropped = _dropped(postings, Bodies(texts))
    assert len(batches) > 1 and sum(batches) == len(postings)
    assert max(batches) < BATCH_POSTINGS + 3  # a batch closes once it holds enough whole groups
    assert dropped == [(f"p{3 * g + 1:03d}.md", f"p{3 * g:03d}.md") for g in range(BATCH_POSTINGS)]


def test_without_versions_nothing_is_remembered() -> None:
    bodies = Bodies()
    assert _dropped(_group(), bodies) == [("p002.md", "p001.md")]
    assert bodies.compared == {}


def test_a_cached_rebuild_reads_no_body_for_duplicate_detection(tmp_path: Path, monkeypatch) -> None:
    from generator.bodies import BodyStore

    content = tmp_path / "content"
    content.mkdir()
    for i, body in enumerate([SAME, SAME + " extra", OTHER]):
        (content / f"p{i}.md").write_text(
            f"---\ntitle: Engineer\ncompany: Acme\nlocation: Berlin\ndate: 2026-01-0{i + 1}\n---\n\n{body}\n"
        )
    options = BuildOptions(content, tmp_path / "out", project_root=tmp_path, cache_dir=tmp_path / ".cache")
    asked: list[str] = []
    real = BodyStore.texts

    def texts(self: BodyStore, postings: Sequence[Posting]) -> list[str]:
        asked.extend(p.source for p in postings)
        return real(self, postings)

    monkeypatch.setattr(BodyStore, "texts", texts)
    with Engine(options, Config(), log=lambda _m: None) as builder:
        first = builder.update()
        assert [d.dropped.source for d in first.site.duplicates] == ["p1.md"]
        assert sorted(asked) == ["p0.md", "p1.md", "p2.md"]
    asked.clear()
    with Engine(options, Config(), log=lambda _m: None) as builder:  # a new process, as on the CLI
        again = builder.update()
    assert [d.dropped.source for d in again.site.duplicates] == ["p1.md"]
    assert asked == []
    assert first.site.postings[0].slug == again.site.postings[0].slug


def test_assembly_without_a_cache_still_drops_duplicates() -> None:
    from generator.model.site import assemble_site

    site = assemble_site(_group(), today=dt.date(2026, 6, 1))
    assert [d.dropped.source for d in site.duplicates] == ["p002.md"]
