"""Each page kind's key holds only the templates it uses: editing one template renders again
only the pages made from it (and from the templates that pull it in), and the result is
still the bytes of a clean build."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator.commands.build import build
from generator.config import Config
from generator.engine import Engine
from generator.render.pages import PageRenderer
from generator.render.templates import builtin_templates
from tests.incremental.test_incremental import _options, posting_text, tree

HTML_PAGES = {"posting.html", "index.html", "terms.html", "term.html", "404.html"}
ALWAYS = {"sitemap.xml", "robots.txt"}  # small, and rendered on every build (they have no key)

# template -> (text in the built-in file, what the edit puts there), each a visible change
EDITS = {
    "posting.html": ('<dt>{{ t("posting.posted") }}</dt>', "<dt>Posted on</dt>"),
    "base.html": ('{{ t("site.skip") }}', "Skip to the content"),
    "feed.xml": ("<generator>jobboard</generator>", "<generator>jobboard (edited)</generator>"),
    "_macros.html": ('<ul class="jobs">', '<ul class="jobs edited">'),
    "term.html": ('{{ t("term.feed") }}', "Feed of this list"),
}


@pytest.fixture
def board(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("JOBBOARD_WORKERS", "1")  # every render in this process, to be counted
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    content = tmp_path / "content"
    content.mkdir()
    for i in range(6):
        text = posting_text(i % 4, i % 3, i % 4, i + 1, [i, i + 1], i % 3)
        (content / f"p{i}.md").write_text(text)
    (tmp_path / "my-templates").mkdir()
    return tmp_path


def _counting(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    rendered: Counter[str] = Counter()
    real = PageRenderer.render

    def render(self: PageRenderer, template: str, path: str, **context: object) -> str:
        rendered[template] += 1
        return real(self, template, path, **context)

    monkeypatch.setattr(PageRenderer, "render", render)
    return rendered


def _edit(board: Path, template: str) -> None:
    old, new = EDITS[template]
    text = (builtin_templates() / template).read_text("utf-8")
    assert old in text, f"the test's edit no longer matches the built-in {template}"
    (board / "my-templates" / template).write_text(text.replace(old, new), "utf-8")


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("posting.html", {"posting.html"}),
        ("feed.xml", {"feed.xml"}),
        ("term.html", {"term.html"}),
        ("_macros.html", {"index.html", "term.html"}),
        ("base.html", HTML_PAGES),
    ],
)
def test_a_template_edit_renders_only_the_pages_that_use_it(
    board: Path, monkeypatch: pytest.MonkeyPatch, template: str, expected: set[str]
) -> None:
    config = Config(templates=board / "my-templates", per_page=2)
    with Engine(_options(board), config, log=lambda _m: None) as builder:
        builder.update()
        rendered = _counting(monkeypatch)
        builder.update()
        assert set(rendered) <= ALWAYS, "no change: nothing but sitemap and robots.txt is rendered"
        rendered.clear()
        _edit(board, template)
        builder.update()
    assert set(rendered) - ALWAYS == expected
    out = tree(board / "out")
    build(_options(board, "clean", cache=False), config, log=lambda _m: None)
    assert out == tree(board / "clean")
    _old, new = EDITS[template]
    assert any(new.encode() in data for data in out.values())


def test_every_page_of_a_kind_is_rendered_again(board: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = Config(templates=board / "my-templates", per_page=2)
    with Engine(_options(board), config, log=lambda _m: None) as builder:
        first = _counting(monkeypatch)
        builder.update()
        counts = dict(first)
        first.clear()
        _edit(board, "base.html")
        builder.update()
    assert {t: first[t] for t in HTML_PAGES} == {t: counts[t] for t in HTML_PAGES}
    assert "feed.xml" not in first


def test_a_template_named_at_run_time_makes_its_pages_depend_on_every_template(
    board: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = board / "my-templates"
    (mine / "404.html").write_text(
        "{% extends 'base.html' %}{% set part = 'part-' ~ 'a.html' %}"
        "{% block main %}{% include part %}{% endblock %}\n"
    )
    (mine / "part-a.html").write_text("<p>part A</p>\n")
    (mine / "unused.html").write_text("nothing\n")
    config = Config(templates=mine, per_page=2)
    with Engine(_options(board), config, log=lambda _m: None) as builder:
        builder.update()
        rendered = _counting(monkeypatch)
        (mine / "part-a.html").write_text("<p>part A, edited</p>\n")
        builder.update()
        assert set(rendered) - ALWAYS == {"404.html"}
        rendered.clear()
        (mine / "unused.html").write_text("still nothing\n")  # any template file counts for it
        builder.update()
        assert set(rendered) - ALWAYS == {"404.html"}
    assert "part A, edited" in (board / "out" / "404.html").read_text()


def test_adding_a_template_included_if_present_renders_its_pages(
    board: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = board / "my-templates"
    (mine / "terms.html").write_text(
        "{% extends 'base.html' %}{% block main %}<h1>{{ taxonomy.title }}</h1>"
        "{% include 'extra.html' ignore missing %}{% endblock %}\n"
    )
    config = Config(templates=mine, per_page=2)
    with Engine(_options(board), config, log=lambda _m: None) as builder:
        builder.update()
        rendered = _counting(monkeypatch)
        (mine / "extra.html").write_text("<p>extra words</p>\n")
        builder.update()
    assert set(rendered) - ALWAYS == {"terms.html"}
    assert "extra words" in (board / "out" / "companies" / "index.html").read_text()
