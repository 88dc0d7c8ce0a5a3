"""Browser tests: the sample board built once, served from /board/, opened in headless Chromium.

One browser for all tests in this folder; each test opens its own pages (cheap browser
contexts). Tools that are missing skip the tests locally and fail them in CI (see tools.py).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.commands.build import BuildOptions, BuildResult, build
from generator.config import Config
from tests.browser import search_ui
from tests.browser.server import SiteServer
from tests.browser.tools import CHROMIUM_ARGS, chromium_path, missing
from tests.conftest import EPOCH, ROOT

# Set to True once the board features of issue #3 (search, feeds, sitemap) are merged:
# then a build without them fails the tests that need them instead of skipping them.
FEATURES_REQUIRED = True

SCREENSHOTS = ROOT / "tests" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@dataclass(frozen=True)
class BuiltSite:
    """The sample board as built from a copy of content/, and the model it was built from."""

    output: Path
    result: BuildResult

    @property
    def html_pages(self) -> list[str]:
        """Every HTML file of the site, as a site-relative path."""
        return sorted(p.relative_to(self.output).as_posix() for p in self.output.rglob("*.html"))

    @property
    def per_page(self) -> int:
        return Config().per_page

    @property
    def has_search(self) -> bool:
        return (self.output / "search" / "index.json").is_file()

    def page_kinds(self) -> dict[str, str]:
        """One page of each kind people look at: front, posting, company, location, and the
        locations index.

        The posting with the longest body, and the company and the location with the most
        postings, so the pages have something on them."""
        site = self.result.site
        posting = max(site.postings, key=lambda p: (len(p.body_html), p.slug))
        kinds = {"front": "index.html", "posting": f"jobs/{posting.slug}/index.html"}
        for kind, key in (("company", "companies"), ("location", "locations")):
            term = max(site.taxonomies[key].terms, key=lambda t: (t.known, len(t.postings), t.slug))
            kinds[kind] = f"{key}/{term.slug}/index.html"
        kinds["locations"] = "locations/index.html"
        return kinds


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "search: needs the front-page search (search/ in the build)")


@pytest.fixture(autouse=True)
def _search_gate(request: pytest.FixtureRequest) -> None:
    """Tests marked `search` skip while the build makes no search index (fail once required)."""
    if request.node.get_closest_marker("search") is None:
        return
    if not request.getfixturevalue("built_site").has_search:
        not_built_yet("the build made no search/ index: front-page search is not part of this build yet")


def not_built_yet(reason: str) -> None:
    """Skip a test of a feature the build does not make yet; fail once FEATURES_REQUIRED is set."""
    if FEATURES_REQUIRED:
        pytest.fail(f"{reason} (FEATURES_REQUIRED is set in tests/browser/conftest.py)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """content/ of the repository, built once with SOURCE_DATE_EPOCH set."""
    work = tmp_path_factory.mktemp("browser-site")
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    # Plus a closed posting: its page must be valid, accessible and left out of lists and search.
    shutil.copytree(Path(__file__).parent / "extra_content", content / "browser-tests")
    output = work / "output"
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    try:
        result = build(
            BuildOptions(content=content, output=output, project_root=work), Config(), log=lambda m: None
        )
    finally:
        mp.undo()
    assert result.skipped == [], result.skipped
    return BuiltSite(output, result)


@pytest.fixture(scope="session")
def server(built_site: BuiltSite) -> Iterator[SiteServer]:
    with SiteServer(built_site.output, prefix="board") as running:
        yield running


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """One Chromium for all browser tests. Package scope, not session: Playwright's sync API runs
    an asyncio loop while it is started, which would break later tests that use asyncio.run()."""
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is in the test extra
        missing("the playwright package is not installed")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
    except Exception as err:
        playwright.stop()
        missing(f"Chromium at {executable} does not start: {err}")
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()


NewPage = Callable[..., Any]


@pytest.fixture
def new_page(browser: Any) -> Iterator[NewPage]:
    """Open a page in a fresh context: `new_page(viewport=PHONE, color_scheme="dark")`.

    Pages record console errors, uncaught exceptions and failed requests in `page.problems`."""
    contexts: list[Any] = []

    def open_page(
        viewport: dict[str, int] = DESKTOP,
        color_scheme: str = "light",
        bypass_csp: bool = False,
        java_script: bool = True,
    ) -> Any:
        context = browser.new_context(
            viewport=viewport,
            color_scheme=color_scheme,
            bypass_csp=bypass_csp,
            java_script_enabled=java_script,
            reduced_motion="reduce",
            service_workers="block",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        problems: list[str] = []
        page.on(
            "console",
            lambda m: problems.append(f"console error: {m.text} ({m.location.get('url')})")
            if m.type == "error"
            else None,
        )
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        # ERR_ABORTED: a request cut short by the next navigation (e.g. the favicon), not a failure.
        page.on(
            "requestfailed",
            lambda r: problems.append(f"request failed: {r.url} {r.failure}")
            if "ERR_ABORTED" not in (r.failure or "")
            else None,
        )
        page.on(
            "response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None
        )
        page.problems = problems
        page.java_script = java_script
        return page

    yield open_page
    for context in contexts:
        context.close()


class Visitor:
    """Opens pages of the served site the way a visitor sees them: `visitor.go(page, path)`
    loads a page and, on the front page of a build with search, waits until search is ready."""

    def __init__(self, new_page: NewPage, server: SiteServer, built_site: BuiltSite) -> None:
        self.new_page = new_page
        self.server = server
        self.built_site = built_site

    def go(self, page: Any, path: str) -> Any:
        response = page.goto(self.server.url(path))
        assert response is not None and response.status == 200, path
        if page.java_script and self.built_site.has_search and page.locator(search_ui.FORM).count():
            search_ui.wait_until_ready(page)
        return page

    def open(self, path: str, **kwargs: Any) -> Any:
        """A new page (options as for `new_page`) showing `path`."""
        return self.go(self.new_page(**kwargs), path)


@pytest.fixture
def visitor(new_page: NewPage, server: SiteServer, built_site: BuiltSite) -> Visitor:
    return Visitor(new_page, server, built_site)


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
