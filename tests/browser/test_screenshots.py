"""Screenshots of the four page kinds, desktop and phone, light and dark, for a person to look at.

Saved to tests/screenshots/ (git-ignored). The test also fails when a page is wider than the
screen (sideways scrolling on a phone) or the dark theme is not applied.
"""

from __future__ import annotations

from itertools import product
from pathlib import Path

import pytest

from tests.browser import search_ui
from tests.browser.conftest import DESKTOP, PHONE, BuiltSite, Visitor

DEVICES = {"desktop": DESKTOP, "phone": PHONE}

# Elements sticking out of the viewport, described for the failure message.
_OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > width + 1 && el.checkVisibility()) {
      const name = el.tagName.toLowerCase() + (el.className ? '.' + el.className : '');
      out.push(`${name} right=${Math.round(r.right)}`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, out: out.slice(0, 10)};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_each_page_kind(
    scheme: str, built_site: BuiltSite, visitor: Visitor, screenshots: Path
) -> None:
    problems: list[str] = []
    backgrounds = set()
    page = visitor.new_page(color_scheme=scheme)

    def capture(name: str, what: str, width: int) -> None:
        page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)
        layout = page.evaluate(_OVERFLOWING)
        if layout["scrollWidth"] > layout["width"]:
            problems.append(f"{what} scrolls sideways at {width}px: {layout}")
        backgrounds.add(page.evaluate("() => getComputedStyle(document.body).backgroundColor"))

    for (device, viewport), (kind, path) in product(DEVICES.items(), built_site.page_kinds().items()):
        page.set_viewport_size(viewport)
        page.problems.clear()
        visitor.go(page, path)
        capture(f"{kind}-{device}-{scheme}", path, viewport["width"])
        if kind == "front" and built_site.has_search:  # the front page showing search results too
            search_ui.search(page, built_site.result.site.postings[0].title.split()[0])
            page.wait_for_selector(search_ui.RESULT_ITEM)
            capture(f"search-{device}-{scheme}", "search results", viewport["width"])
        problems.extend(f"{path}: {p}" for p in page.problems)
    assert not problems, "\n".join(problems)
    # Every page uses the theme of the colour scheme: a light or a dark page background.
    (background,) = backgrounds
    channels = [int(c) for c in background.removeprefix("rgb(").removesuffix(")").split(",")[:3]]
    assert (sum(channels) / 3 < 80) == (scheme == "dark"), background
