"""axe-core finds no serious or critical problems on the four page kinds, in light and dark mode."""

from __future__ import annotations

import pytest

from tests.browser.axe import BLOCKING, describe, run_axe
from tests.browser.conftest import DESKTOP, PHONE, BuiltSite, NewPage
from tests.browser.server import SiteServer

KINDS = ["front", "posting", "company", "location"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", KINDS)
def test_no_serious_accessibility_problems(
    kind: str, scheme: str, built_site: BuiltSite, open_site_page: NewPage
) -> None:
    path = built_site.page_kinds()[kind]
    found: list[str] = []
    for viewport in (DESKTOP, PHONE):
        page = open_site_page(path, viewport=viewport, color_scheme=scheme, bypass_csp=True)
        violations = run_axe(page)
        blocking = [v for v in violations if v["impact"] in BLOCKING]
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
