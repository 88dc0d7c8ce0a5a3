"""Headless Chromium: a page open in the preview reloads by itself when its posting is saved.

Debian's `chromium` driven by the `playwright` package (no browser download). Skipped when either
is missing, except on CI (CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import time

import pytest

from tests.browser.tools import CHROMIUM_ARGS, chromium_path, missing
from tests.serve.conftest import CHANGE_SECONDS, Preview
from tests.serve.test_serve import SEED, posting_path


@pytest.fixture
def sync_playwright():  # type: ignore[no-untyped-def]
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright package is not installed")
    chromium_path()  # skips, or fails on CI, when Chromium is missing
    return sync_playwright


def test_the_open_page_reloads_itself_after_a_save(preview: Preview, sync_playwright) -> None:  # type: ignore[no-untyped-def]
    url = f"http://127.0.0.1:{preview.port}{posting_path(preview, 'lead-software-engineer')}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_path()), args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page()
            sent: list[str] = []
            page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(str(payload))))
            page.goto(url)
            assert "Lead Software Engineer" in page.inner_text("h1")

            # livereload.js has connected once it told the server which page it shows.
            deadline = time.monotonic() + CHANGE_SECONDS
            while not any('"info"' in frame for frame in sent):
                assert time.monotonic() < deadline, "livereload.js never connected"
                page.wait_for_timeout(50)
            page.evaluate("window.stillTheSamePage = true")

            # A new title gives the page a new URL: the reload follows it there.
            source = preview.content / SEED
            text = source.read_text(encoding="utf-8").replace("title: Lead Software", "title: Chief Reload")
            with page.expect_event("load", timeout=CHANGE_SECONDS * 1000):
                source.write_text(text, encoding="utf-8")

            assert page.evaluate("window.stillTheSamePage") is None  # a fresh page, not the old one
            assert page.inner_text("h1") == "Chief Reload Engineer"
            assert "/jobs/chief-reload-engineer" in page.url
        finally:
            browser.close()
