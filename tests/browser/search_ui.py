"""The front page's search box and filters, as the browser tests see them.

Every selector the tests use is here: if the markup changes, change this file only.
The contract (SPEC: "index.html ... with search and filters"): a search form, shown once
the search index has loaded from an external script, with a text box and filters for
company, location, employment type and remote; results replace the plain list.
"""

from __future__ import annotations

import re
import time
from typing import Any

FORM = "#job-search"
READY = "#job-search[data-ready='true']"  # set by search.js once the index is loaded
QUERY = "#search-query"
# Filter name -> its field: an <input list=...> with a <datalist> (company, location) or a
# <select> whose first option ("All ...") has the value "". Options read "Value (count)".
SELECTS = {"company": "#filter-company", "location": "#filter-location", "type": "#filter-type"}
SUGGESTION = "#search-suggest a"  # "Did you mean ...": a link that runs the corrected query
REMOTE = "#filter-remote"  # a checkbox
RESET = "#search-reset"
STATUS = "#search-status"
RESULT_ITEM = "#search-results li"
# Links to postings that a person can see right now: the plain list or the search results.
_VISIBLE_POSTINGS = """() => Array.from(document.querySelectorAll('main a[href*="jobs/"]'))
  .filter(a => a.checkVisibility())
  .map(a => new URL(a.href).pathname)"""
_SETTLED = "() => ['idle', 'done'].includes(document.querySelector('#job-search').dataset.state)"
_SLUG = re.compile(r"/jobs/([^/]+)/(?:index\.html)?$")


def wait_until_ready(page: Any) -> None:
    page.wait_for_selector(READY, state="visible")


def visible_postings(page: Any) -> set[str]:
    """Slugs of the postings linked from the visible part of <main>."""
    slugs = set()
    for path in page.evaluate(_VISIBLE_POSTINGS):
        match = _SLUG.search(path)
        if match:
            slugs.add(match.group(1))
    return slugs


def expect_postings(page: Any, expected: set[str], what: str, timeout: float = 5.0) -> None:
    """Wait until exactly `expected` postings are visible (search is debounced and async)."""
    deadline = time.monotonic() + timeout
    seen = visible_postings(page)
    while seen != expected and time.monotonic() < deadline:
        page.wait_for_timeout(50)
        seen = visible_postings(page)
    if seen != expected:
        raise AssertionError(
            f"{what}: expected {sorted(expected)}, shown {sorted(seen)} "
            f"(missing {sorted(expected - seen)}, extra {sorted(seen - expected)})"
        )


def search(page: Any, text: str) -> None:
    page.fill(QUERY, text)


def _options(kind: str) -> str:
    return f"#{SELECTS[kind][1:]}-list option, {SELECTS[kind]} option"


def choose(page: Any, kind: str, value: str) -> None:
    """Set filter `kind` (company, location, type) to `value`; "" means any."""
    if page.eval_on_selector(SELECTS[kind], "el => el.tagName") == "SELECT":
        page.select_option(SELECTS[kind], value=value)
    else:
        page.fill(SELECTS[kind], value)


def filter_values(page: Any, kind: str) -> list[str]:
    """The values a filter offers now, without the empty "All ..." choice."""
    values = page.eval_on_selector_all(_options(kind), "els => els.map(o => o.value)")
    return [v for v in values if v]


def filter_counts(page: Any, kind: str) -> dict[str, int]:
    """The values a filter offers now, with the counts their labels show."""
    texts = page.eval_on_selector_all(_options(kind), "els => els.map(o => [o.value, o.textContent])")
    return {value: int(text.rsplit("(", 1)[1].rstrip(")")) for value, text in texts if value}


def settled(page: Any) -> None:
    """Wait until the last search has finished (results, counts and suggestion shown): past
    the typing pause (150 ms), then until the form's data-state is idle or done."""
    page.wait_for_timeout(300)
    page.wait_for_function(_SETTLED)


def set_remote(page: Any, on: bool) -> None:
    page.set_checked(REMOTE, on)


def clear(page: Any) -> None:
    page.click(RESET)
