"""axe-core finds no serious or critical problems on the four page kinds, in light and dark mode."""

from __future__ import annotations

import pytest

from tests.browser.axe import BLOCKING, describe, run_axe
from tests.browser.conftest import DESKTOP, PHONE, BuiltSite, NewPage, Visitor
from tests.browser.server import SiteServer


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_problems(scheme: str, built_site: BuiltSite, visitor: Visitor) -> None:
    """Front, posting, company and location page, at desktop and phone width."""
    found: list[str] = []
    page = visitor.new_page(color_scheme=scheme, bypass_csp=True)
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        for path in built_site.page_kinds().values():
            visitor.go(page, path)
            blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING]
            if blocking:
                found.append(f"{path} at {viewport['width']}px, {scheme}:\n{describe(blocking)}")
    assert not found, "\n".join(found)


def test_axe_reports_problems(server: SiteServer, new_page: NewPage) -> None:
    """The check itself works: a page with known problems is reported."""
    page = new_page(bypass_csp=True)
    page.goto(server.url("index.html"))
    page.evaluate(
        """() => {
          document.querySelector('main').insertAdjacentHTML('beforeend', '<p style="color:#bbb;'
            + 'background:#fff">faint</p><input type="text"><img src="static/favicon.svg">');
        }"""
    )
    ids = {v["id"] for v in run_axe(page) if v["impact"] in BLOCKING}
    assert {"color-contrast", "label", "image-alt"} <= ids, ids
