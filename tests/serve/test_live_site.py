"""The preview's rebuilds, in process: only changed files are re-read, and after the settle pass
the served folder is byte for byte what `jobboard build` makes of the same content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import generator.engine.output_folder as output_folder
import generator.reading as reading_module
from generator.cache import BuildCache
from generator.commands.build import BuildOptions, build
from generator.config import Config
from generator.preview.live_site import CONTENT, SETTLE, TEMPLATES, LiveSite, Rebuild
from generator.write.output import MARKER
from tests.conftest import SEEDS

SEED = "002_b4a7d08fb20e0be7.txt"


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.name != MARKER
    }


def fresh_build(content: Path, tmp_path: Path, config: Config | None = None) -> dict[str, bytes]:
    out = tmp_path / "fresh"
    shutil.rmtree(out, ignore_errors=True)
    options = BuildOptions(content=content, output=out, project_root=tmp_path)
    build(options, config or Config(), log=lambda _: None)
    return files(out)


@pytest.fixture(params=["no cache", "built before"])
def live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> LiveSite:
    """The preview after its first build. Every test runs twice: without a build cache, and
    with the cache of a `jobboard build` made before, when the first build reads no posting
    (its postings, bodies and body terms all come from the cache)."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SEEDS, tmp_path / "content")
    for n in range(5):
        (tmp_path / "content" / f"extra-{n}.md").write_text(
            f"---\ntitle: Extra Job {n}\ncompany: Acme {n % 2}\nlocation: Berlin, Germany\n"
            f"date: 2025-12-{n + 10}\n---\nBody of extra job {n}.\n",  # open: within max_age_days
            encoding="utf-8",
        )
    cache = None
    if request.param == "built before":
        cache = tmp_path / ".jobboard-cache"
        options = BuildOptions(Path("content"), tmp_path / "output", cache_dir=cache)
        build(options, Config(), log=lambda _: None)
    site = LiveSite(
        content=Path("content"), folder=tmp_path / "serve" / "site", config_path=Path("jobboard.toml"),
        log=lambda _: None, cache_dir=cache,
    )
    with monkeypatch.context() as patch:
        if cache is not None:
            patch.setattr(reading_module, "_read_one", _no_reading)
        site.first_build()
    assert site.problem is None
    if cache is not None:  # the preview's throwaway folder is not remembered in the cache
        assert BuildCache(cache).get_state(output_folder.tree_name(site.folder)) is None
    return site


def _no_reading(*args: object) -> None:
    raise AssertionError("the first build read a posting the cache has")


def test_first_build_is_the_normal_build(live: LiveSite, tmp_path: Path) -> None:
    assert files(live.folder) == fresh_build(live.content, tmp_path)


def test_a_changed_posting_is_the_only_file_read(live: LiveSite, tmp_path: Path) -> None:
    source = live.content / "extra-3.md"
    source.write_text(source.read_text().replace("Body of extra job 3", "New words for job 3"))
    report = live.rebuild({CONTENT})
    assert report.read == ["extra-3.md"] and not report.full and report.problem is None
    page = next(p for p in report.written if p.startswith("jobs/extra-job-3"))
    assert b"New words for job 3" in (live.folder / page).read_bytes()
    # Other postings' pages were neither rendered nor written.
    assert not [p for p in report.written if p.startswith("jobs/") and "extra-job-3" not in p]
    # The search index is refreshed by the settle pass, not on every save.
    fresh = fresh_build(live.content, tmp_path)
    assert _without_search(files(live.folder)) == _without_search(fresh)
    live.rebuild({SETTLE})
    assert files(live.folder) == fresh


def _without_search(tree: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in tree.items() if not path.startswith("search/")}


def test_the_settle_pass_indexes_with_the_read_workers_terms(
    live: LiveSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.search.terms as terms

    tokenized: list[str] = []
    real = terms.term_set

    def spy(texts: list[str]) -> set[str]:
        tokenized.extend(texts)
        return real(texts)

    monkeypatch.setattr(terms, "term_set", spy)
    source = live.content / "extra-3.md"
    source.write_text(source.read_text().replace("Body of extra job 3", "New words for job 3"))
    live.rebuild({CONTENT})
    live.rebuild({SETTLE})
    # Every body's terms came from the process that read it: the first build's workers, and the
    # reading of the changed file; the preview's own process tokenizes no body.
    assert tokenized == []
    assert files(live.folder) == fresh_build(live.content, tmp_path)
    assert b"new" in b"".join(data for path, data in files(live.folder).items() if path.startswith("search/"))


def test_nothing_changed_means_nothing_done(live: LiveSite) -> None:
    report = live.rebuild({CONTENT})
    assert not report.read and not report.written


def test_renames_adds_and_removals_match_a_fresh_build_after_settling(live: LiveSite, tmp_path: Path) -> None:
    content = live.content
    (content / "extra-0.md").unlink()
    text = (content / "extra-1.md").read_text()
    (content / "extra-1.md").write_text(text.replace("Extra Job 1", "Renamed").replace("Acme 1", "Globex"))
    (content / "sub").mkdir()
    (content / "sub" / "new.md").write_text("---\ntitle: New\ncompany: acme 0\nlocation: NYC\n---\nHi\n")
    report = live.rebuild({CONTENT})
    assert report.gone == ["extra-0.md"] and sorted(report.read) == ["extra-1.md", "sub/new.md"]
    assert not report.full
    live.rebuild({SETTLE})
    assert files(live.folder) == fresh_build(content, tmp_path)


def test_a_broken_posting_is_a_skip_until_fixed(live: LiveSite, tmp_path: Path) -> None:
    source = live.content / "extra-2.md"
    good = source.read_text()
    source.write_text("---\ntitle: Extra Job 2\ncompany: [oops\n---\nBody.\n")
    report = live.rebuild({CONTENT})
    assert report.problem is None and [s.source for s in report.new_skips] == ["extra-2.md"]
    assert [s.source for s in live.skips] == ["extra-2.md"] and "YAML" in live.skips[0].message
    live.rebuild({SETTLE})
    assert files(live.folder) == fresh_build(live.content, tmp_path)
    source.write_text(good)
    live.rebuild({CONTENT})
    assert live.skips == []
    live.rebuild({SETTLE})
    assert files(live.folder) == fresh_build(live.content, tmp_path)


@pytest.mark.parametrize(
    ("expression", "message"),
    [("nope.nothing", "'nope' is undefined"), ("1 / 0", "ZeroDivisionError: division by zero")],
)
def test_a_template_failure_is_a_problem_never_an_exception(
    live: LiveSite, tmp_path: Path, expression: str, message: str
) -> None:
    before = files(live.folder)
    (tmp_path / "tpl").mkdir()
    body = f"{{% extends 'base.html' %}}\n{{% block main %}}\n{{{{ {expression} }}}}\n{{% endblock %}}\n"
    (tmp_path / "tpl" / "index.html").write_text(body)
    (tmp_path / "jobboard.toml").write_text('templates = "tpl"\ntitle = "Board X"\n')
    report = live.rebuild({"config"})
    assert report.problem is not None and live.problem == report.problem
    assert report.problem.kind == "Template error"
    assert report.problem.where == "tpl/index.html:3"
    assert message in report.problem.message
    assert files(live.folder) == before  # the last good site is kept
    (tmp_path / "tpl" / "index.html").unlink()
    report = live.rebuild({TEMPLATES})
    assert report.problem is None and live.problem is None and report.full
    config = Config(title="Board X")
    assert files(live.folder) == fresh_build(live.content, tmp_path, config)


def test_a_broken_config_is_a_problem_naming_the_file(live: LiveSite, tmp_path: Path) -> None:
    (tmp_path / "jobboard.toml").write_text("per_page = 'many'\n")
    report = live.rebuild({"config"})
    assert report.problem is not None and report.problem.kind == "Configuration error"
    # The file is the problem's `where`; the message names the line and key, not the path again.
    assert report.problem.where.endswith("jobboard.toml") and "jobboard.toml" not in report.problem.message
    assert "line 1" in report.problem.message and "per_page" in report.problem.message
    (tmp_path / "jobboard.toml").write_text("per_page = 2\n")
    assert live.rebuild({"config"}).problem is None
    assert files(live.folder) == fresh_build(live.content, tmp_path, Config(per_page=2))


def test_a_renamed_posting_moves_and_its_old_page_goes_at_once(live: LiveSite) -> None:
    page = next(live.folder.glob("jobs/extra-job-4*/index.html"))
    old = page.relative_to(live.folder).as_posix()
    source = live.content / "extra-4.md"
    source.write_text(source.read_text().replace("Extra Job 4", "Shiny New Title"))
    report = live.rebuild({CONTENT})
    assert not report.full and old in report.removed and not (live.folder / old).exists()
    new = live.moved_to(old)
    assert new is not None and new.startswith("jobs/shiny-new-title") and (live.folder / new).is_file()
    source.write_text(source.read_text().replace("Shiny New Title", "Extra Job 4"))
    live.rebuild({CONTENT})
    assert (live.folder / old).is_file() and live.moved_to(old) is None


def test_quick_passes_render_only_pages_whose_inputs_changed_and_match_a_fresh_build(
    live: LiveSite, tmp_path: Path
) -> None:
    live.rebuild({SETTLE})  # every page rendered once: from here on page keys are known
    total = len(files(live.folder))
    edits = [
        ("extra-3.md", "Body of extra job 3", "New words for job 3"),  # body only
        ("extra-0.md", "Extra Job 0", "Extra Job Zero"),  # title: the page moves, lists change
        ("extra-2.md", "Berlin, Germany", "Paris, France"),  # a new location term
        ("extra-2.md", "Paris, France", "Berlin, Germany"),  # and gone again
    ]
    for name, old, new in edits:
        source = live.content / name
        source.write_text(source.read_text().replace(old, new))
        report = live.rebuild({CONTENT})
        assert report.problem is None and not report.full
        # Unchanged list pages, feeds and other postings' pages are kept, not rendered.
        assert 0 < report.rendered < total / 2
        fresh = fresh_build(live.content, tmp_path)
        assert _without_search(files(live.folder)) == _without_search(fresh)
    live.rebuild({SETTLE})
    assert files(live.folder) == fresh_build(live.content, tmp_path)


def test_a_body_only_edit_renders_just_its_page_and_feeds(live: LiveSite, tmp_path: Path) -> None:
    live.rebuild({SETTLE})
    source = live.content / "extra-4.md"
    source.write_text(source.read_text().replace("Body of extra job 4", "Fresh words for job 4"))
    report = live.rebuild({CONTENT})
    assert report.problem is None and report.read == ["extra-4.md"]
    # Rendered: its page, the board's, its company's and its location's feeds, and the three
    # list pages it is on (their keys hold the posting's digest); the list pages' bytes are
    # unchanged, so only its page and the feeds are written. No other page, no sitemap.
    assert report.rendered == 7
    assert sorted(report.written) == sorted(
        [p for p in report.written if p.startswith("jobs/extra-job-4") or p.endswith("feed.xml")]
    )
    fresh = fresh_build(live.content, tmp_path)
    assert _without_search(files(live.folder)) == _without_search(fresh)


def test_a_body_edit_that_makes_a_duplicate_is_seen(live: LiveSite, tmp_path: Path) -> None:
    # Same title and company as extra-0 and, after the edit, the same body: a duplicate now.
    (live.content / "extra-9.md").write_text(
        "---\ntitle: Extra Job 0\ncompany: Acme 0\nlocation: Berlin, Germany\ndate: 2025-12-10\n---\n"
        "Something else entirely, nothing like the other one at all.\n"
    )
    live.rebuild({CONTENT})
    source = live.content / "extra-9.md"
    source.write_text(source.read_text().replace(
        "Something else entirely, nothing like the other one at all.", "Body of extra job 0."
    ))
    report = live.rebuild({CONTENT})
    assert report.problem is None
    fresh = fresh_build(live.content, tmp_path)
    assert _without_search(files(live.folder)) == _without_search(fresh)


# Saves named by file events: the engine looks at the saved files alone and, when only their
# bodies changed, patches the served site (engine.patch) instead of assembling it again.


def _save(
    live: LiveSite, name: str, old: str | None = None, new: str = "", *, text: str | None = None
) -> Rebuild:
    """Edit (or, with `text`, write) a content file, then rebuild as a file event would ask."""
    source = live.content / name
    if text is not None:
        source.write_text(text, encoding="utf-8")
    elif old is not None:
        assert old in source.read_text(encoding="utf-8")
        source.write_text(source.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    else:
        source.unlink()
    return live.rebuild({CONTENT}, [str(source.resolve())])


def _matches_a_fresh_build(live: LiveSite, tmp_path: Path) -> None:
    assert _without_search(files(live.folder)) == _without_search(fresh_build(live.content, tmp_path))


def test_a_saved_body_patches_the_site_and_renders_its_pages_only(live: LiveSite, tmp_path: Path) -> None:
    live.rebuild({SETTLE})
    report = _save(live, "extra-4.md", "Body of extra job 4", "Fresh words for job 4")
    assert report.problem is None and report.patched and report.read == ["extra-4.md"]
    # Its page, the first front page, its company's and location's pages, and the three feeds
    # that show it: the pages whose keys hold its digest, as the assembled pass renders.
    assert report.rendered == 7
    assert all(p.startswith("jobs/extra-job-4") or p.endswith("feed.xml") for p in report.written)
    assert "Fresh words for job 4" in (live.folder / "jobs/extra-job-4-acme-0/index.html").read_text()
    _matches_a_fresh_build(live, tmp_path)
    again = _save(live, "extra-4.md", "Fresh words", "Newer words")  # a patch of a patched site
    assert again.patched and again.rendered == 7
    _matches_a_fresh_build(live, tmp_path)
    live.rebuild({SETTLE})  # the search index, left by the patches, is made by the settle pass
    assert files(live.folder) == fresh_build(live.content, tmp_path)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Extra Job 2", "Extra Job Two"),  # title: the page moves
        ("Berlin, Germany", "Paris, France"),  # a new location term
        ("Acme 0", "Acme 1"),  # the company: another term
        ("date: 2025-12-12", "date: 2025-12-01"),  # the order of the lists
        ("date: 2025-12-12", "draft: true"),  # a draft: no page
        ("Body of extra job 2.", "Body of extra job 0."),  # extra-0's body, another title: patched
    ],
)
def test_a_saved_change_beyond_the_body_assembles_the_site(
    live: LiveSite, tmp_path: Path, old: str, new: str
) -> None:
    report = _save(live, "extra-2.md", old, new)
    assert report.problem is None and report.read == ["extra-2.md"]
    assert report.patched == old.startswith("Body")
    _matches_a_fresh_build(live, tmp_path)


def test_a_body_that_may_make_a_duplicate_is_never_patched(live: LiveSite, tmp_path: Path) -> None:
    # Same title and company as extra-0: whether it is a duplicate depends on the bodies.
    twin = "---\ntitle: Extra Job 0\ncompany: Acme 0\nlocation: Berlin, Germany\ndate: 2025-12-10\n---\n"
    assert not _save(live, "extra-9.md", text=twin + "Something else entirely, nothing like it.\n").patched
    report = _save(live, "extra-9.md", "Something else entirely, nothing like it.", "Body of extra job 0.")
    assert not report.patched and report.problem is None
    assert not (live.folder / "jobs/extra-job-0-acme-0-2/index.html").exists()  # dropped as a duplicate
    _matches_a_fresh_build(live, tmp_path)


def test_new_removed_and_unreadable_files_are_not_patched(live: LiveSite, tmp_path: Path) -> None:
    made = _save(live, "new.md", text="---\ntitle: New Job\ncompany: Acme 0\ndate: 2025-12-20\n---\nNew.\n")
    assert not made.patched and "jobs/new-job-acme-0/index.html" in made.written
    _matches_a_fresh_build(live, tmp_path)
    gone = _save(live, "extra-1.md")
    assert not gone.patched and gone.gone == ["extra-1.md"]
    _matches_a_fresh_build(live, tmp_path)
    broken = _save(live, "extra-3.md", text="---\ntitle: [unclosed\n---\nbody\n")
    assert not broken.patched and [skip.source for skip in broken.new_skips] == ["extra-3.md"]
    _matches_a_fresh_build(live, tmp_path)


def test_a_posting_stating_no_date_keeps_its_first_seen_date_when_patched(
    live: LiveSite, tmp_path: Path
) -> None:
    undated = "---\ntitle: Undated Job\ncompany: Acme 1\n---\nNo date stated here.\n"
    _save(live, "undated.md", text=undated)
    page = live.folder / "jobs/undated-job-acme-1/index.html"
    before = page.read_text()
    report = _save(live, "undated.md", "No date stated here.", "Still no date stated.")
    assert report.patched
    after = page.read_text()
    assert "Still no date stated." in after
    assert after.replace("Still no date stated.", "No date stated here.") == before


def test_a_patch_that_was_never_served_is_not_patched_again(live: LiveSite, tmp_path: Path) -> None:
    """A staged patch that is discarded (not served) leaves the engine's site ahead of the
    served one: the next save must assemble, or the first edit would never be shown."""
    source = live.content / "extra-3.md"
    source.write_text(source.read_text().replace("Body of extra job 3", "First edit"))
    staged = live.stage({CONTENT}, [str(source.resolve())])
    assert staged.report.patched
    live._target.discard()  # as when the served folder could not be written
    report = _save(live, "extra-4.md", "Body of extra job 4", "Second edit")
    assert not report.patched
    assert "First edit" in (live.folder / "jobs/extra-job-3-acme-1/index.html").read_text()
    _matches_a_fresh_build(live, tmp_path)


def test_a_path_outside_the_content_folder_is_a_full_content_pass(live: LiveSite, tmp_path: Path) -> None:
    source = live.content / "extra-4.md"
    source.write_text(source.read_text().replace("Body of extra job 4", "Fresh words"))
    report = live.rebuild({CONTENT}, [str(tmp_path / "elsewhere.md")])
    assert not report.patched and report.read == ["extra-4.md"]
    _matches_a_fresh_build(live, tmp_path)
