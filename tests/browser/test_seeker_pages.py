"""What a seeker meets in Chromium: the 404 page at a deep URL (styled, its link leads home),
cards that are one link, and a phone layout with a one-line search form and 24 px tap targets.

The board here is content/ built with 3 postings a page (so there is a pager), served the way a
static host serves it: a missing URL gets 404.html with status 404.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.commands.build import BuildOptions, build
from generator.config import Config
from tests.browser import search_ui
from tests.browser.conftest import DESKTOP, PHONE, NewPage
from tests.browser.server import SiteServer
from tests.conftest import EPOCH, ROOT

MIN_TARGET = 24  # px: WCAG 2.2 target size (minimum)


def _build(work: Path, config: Config) -> Path:
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    try:
        options = BuildOptions(content=content, output=work / "output", project_root=work)
        build(options, config, log=lambda m: None)
    finally:
        mp.undo()
    return work / "output"


@pytest.fixture(scope="module")
def at_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """No base URL, served at the host's root."""
    output = _build(tmp_path_factory.mktemp("root-site"), Config(per_page=3))
    with SiteServer(output, prefix="", not_found_page=True) as running:
        yield running


@pytest.fixture(scope="module")
def under_base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """A base URL whose path is /board/, served there."""
    config = Config(per_page=3, base_url="https://jobs.example.org/board/")
    output = _build(tmp_path_factory.mktemp("sub-site"), config)
    with SiteServer(output, prefix="board", not_found_page=True) as running:
        yield running


def _styled(page: Any) -> bool:
    """The site's stylesheet is applied: the header has its own background and a border."""
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('.site-header'));"
        " return [s.backgroundColor, s.borderBottomStyle]; }"
    )
    return style[0] not in ("rgba(0, 0, 0, 0)", "transparent") and style[1] == "solid"


@pytest.mark.parametrize("where", ["at_root", "under_base_url"])
def test_the_404_page_is_styled_at_a_deep_url_and_leads_home(
    where: str, request: pytest.FixtureRequest, new_page: NewPage
) -> None:
    server: SiteServer = request.getfixturevalue(where)
    page = new_page()
    response = page.goto(server.url("jobs/removed-long-ago/"))
    assert response is not None and response.status == 404
    assert page.locator("h1").text_content() == "Page not found"
    assert _styled(page), "404.html at a deep URL gets its stylesheet"
    page.get_by_role("link", name="See all open jobs").click()
    page.wait_for_load_state()
    assert page.url == server.url("index.html")
    assert page.locator(".jobs .job").count() == 3, "the front page, with its postings"
    assert _styled(page)
    problems = [p for p in page.problems if "removed-long-ago" not in p]  # the 404 itself
    assert problems == []


def test_a_card_is_one_link_named_by_its_title(at_root: SiteServer, new_page: NewPage) -> None:
    page = new_page()
    page.goto(at_root.url("index.html"))
    card = page.locator("#job-list .job").first
    title = card.locator("[data-field=title]").text_content()
    assert card.locator("a").count() == 1
    assert card.get_by_role("link").evaluate("a => a.textContent") == title
    assert page.get_by_role("link", name=title, exact=True).count() >= 1
    href = card.locator("a").get_attribute("href")
    box = card.bounding_box()
    x, y = box["x"] + box["width"] - 6, box["y"] + box["height"] - 6  # a corner, far from the title
    assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).dataset.field", [x, y]) == "link"
    with page.expect_navigation():
        page.mouse.click(x, y)
    assert page.url == at_root.url(href)


def _visible(page: Any, selector: str) -> bool:
    return page.locator(selector).evaluate("el => el.checkVisibility()")


def test_on_a_phone_the_search_form_is_one_line_until_used(at_root: SiteServer, new_page: NewPage) -> None:
    page = new_page(viewport=PHONE)
    page.goto(at_root.url("index.html"))
    search_ui.wait_until_ready(page)
    form = page.locator(search_ui.FORM)
    assert not _visible(page, ".search-filters")
    line = page.locator(search_ui.QUERY).bounding_box()
    assert form.bounding_box()["height"] < line["height"] + 30, "the query box alone"
    page.focus(search_ui.QUERY)
    assert _visible(page, ".search-filters"), "filters open when the form is used"
    page.select_option(search_ui.SELECTS["type"], index=1)
    page.locator("h1").click()  # focus leaves the form; a filter is set, so it stays open
    assert _visible(page, ".search-filters")
    desktop = new_page(viewport=DESKTOP)
    desktop.goto(at_root.url("index.html"))
    search_ui.wait_until_ready(desktop)
    assert _visible(desktop, ".search-filters"), "a desktop shows the filters at once"


_TARGETS = """(selectors) => {
  const out = [];
  for (const el of document.querySelectorAll(selectors)) {
    if (!el.checkVisibility()) continue;
    const r = el.getBoundingClientRect();
    out.push({what: el.outerHTML.slice(0, 80), width: r.width, height: r.height});
  }
  return out;
}"""


def test_tap_targets_on_a_phone_are_at_least_24_px(at_root: SiteServer, new_page: NewPage) -> None:
    page = new_page(viewport=PHONE)
    page.goto(at_root.url("index.html"))
    search_ui.wait_until_ready(page)
    page.focus(search_ui.QUERY)  # opens the filters
    selectors = (
        ".site-header a, .job a, .pager a, .search input, .search select, .search button, "
        ".search .field-check label"
    )
    targets = page.evaluate(_TARGETS, selectors)
    kinds = {k: [t for t in targets if k in t["what"]] for k in ("brand", "job-link", "rel=", "select")}
    assert all(kinds.values()), f"each kind of target is on the page: {kinds}"
    small = [t for t in targets if t["width"] < MIN_TARGET or t["height"] < MIN_TARGET]
    assert small == [], small
    company = page.evaluate(_TARGETS, ".terms a")  # an index page's links too
    assert company == []  # none on the front page; checked below on the index
    page.goto(at_root.url("companies/index.html"))
    terms = page.evaluate(_TARGETS, ".terms a, .site-header a")
    assert terms and [t for t in terms if t["height"] < MIN_TARGET] == []
