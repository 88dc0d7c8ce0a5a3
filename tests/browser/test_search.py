"""Front-page search and filters in a real browser, checked against the site model.

Tests marked `search` run only when the build made a search index (search/); see
FEATURES_REQUIRED in conftest.py. Selectors live in search_ui.py.
"""

from __future__ import annotations

import re

import pytest

from generator.extract.employment import employment_label
from generator.model.posting import Posting
from tests.browser import search_ui as ui
from tests.browser.axe import BLOCKING, describe, run_axe
from tests.browser.conftest import PHONE, BuiltSite, Visitor


def _text_of(posting: Posting) -> str:
    # A posting without a company or place is found by its group's name ("Location not stated").
    company = posting.company or "Company not stated"
    places = posting.locations or ["Location not stated"]
    return " ".join([posting.title, company, *places, posting.body_text]).lower()


def unique_body_word(posting: Posting, others: list[Posting]) -> str | None:
    """A word of the posting's body, not in its title, whose stem no other posting contains."""
    other_text = " ".join(_text_of(p) for p in others)
    for word in re.findall(r"[a-z]{7,}", posting.body_text.lower()):
        if word not in posting.title.lower() and word[:6] not in other_text:
            return word
    return None


def test_without_javascript_the_plain_list_is_the_page(
    built_site: BuiltSite, visitor: Visitor
) -> None:
    site = built_site.result.site
    page = visitor.open("index.html", java_script=False)
    first_page = {p.slug for p in site.postings[: built_site.per_page]}
    assert ui.visible_postings(page) == first_page
    if page.locator(ui.FORM).count():
        assert not page.locator(ui.FORM).is_visible(), "a search form that cannot work without JavaScript"


@pytest.mark.search
def test_search_finds_a_posting_by_a_word_from_its_body(
    built_site: BuiltSite, visitor: Visitor
) -> None:
    site = built_site.result.site
    page = visitor.open("index.html")
    tried = 0
    for posting in site.postings:
        word = unique_body_word(posting, [p for p in site.pages if p is not posting])
        if word is None:
            continue
        ui.search(page, word)
        ui.expect_postings(page, {posting.slug}, f"search for {word!r} (from {posting.source})")
        tried += 1
    assert tried >= min(2, len(site.postings)), "no posting has a word of its own to search for"
    ui.search(page, "zzqxjvunfindable")
    ui.expect_postings(page, set(), "search for a word in no posting")
    assert page.locator(ui.STATUS).is_visible()
    ui.clear(page)
    ui.expect_postings(page, {p.slug for p in site.postings[: built_site.per_page]}, "after Clear")
    assert page.problems == []


@pytest.mark.search
def test_closed_postings_are_not_found(built_site: BuiltSite, visitor: Visitor) -> None:
    site = built_site.result.site
    if not site.closed:
        pytest.skip("the sample content has no closed posting")
    page = visitor.open("index.html")
    for posting in site.closed:
        word = unique_body_word(posting, [p for p in site.pages if p is not posting])
        if word:
            ui.search(page, word)
            ui.expect_postings(page, set(), f"search for {word!r} of closed {posting.source}")


@pytest.mark.search
def test_each_filter_narrows_the_list_to_exactly_its_postings(
    built_site: BuiltSite, visitor: Visitor
) -> None:
    site = built_site.result.site
    page = visitor.open("index.html")
    # Filter value -> the postings it must show; `named`: values every filter must offer
    # (the real companies and places, not "Company not stated").
    expected: dict[str, dict[str, set[str]]] = {"type": {}}
    named: dict[str, set[str]] = {}
    for kind, key in (("company", "companies"), ("location", "locations")):
        terms = site.taxonomies[key].terms
        expected[kind] = {t.name: {p.slug for p in t.postings} for t in terms}
        named[kind] = {t.name for t in terms if t.known}
    for posting in site.postings:
        if posting.employment_type:
            expected["type"].setdefault(employment_label(posting.employment_type), set()).add(posting.slug)
    named["type"] = set(expected["type"])
    for kind, by_value in expected.items():
        offered = ui.filter_values(page, kind)
        if len(named[kind]) > 1:  # a filter with one choice may be hidden
            missing = named[kind] - set(offered)
            assert not missing, f"{kind} filter offers {offered}, not {sorted(missing)}"
        for value in offered:
            assert value in by_value, f"{kind} filter offers {value!r}, which no posting has"
            ui.choose(page, kind, value)
            ui.expect_postings(page, by_value[value], f"{kind} = {value!r}")
        if offered:
            ui.choose(page, kind, "")
    remote = {p.slug for p in site.postings if p.remote}
    if remote and remote != {p.slug for p in site.postings}:
        ui.set_remote(page, True)
        ui.expect_postings(page, remote, "remote only")
        # Filters combine: remote and one company.
        for value in ui.filter_values(page, "company"):
            ui.choose(page, "company", value)
            ui.expect_postings(page, remote & expected["company"][value], f"remote and company = {value!r}")
        ui.choose(page, "company", "")
        ui.set_remote(page, False)
    ui.expect_postings(page, {p.slug for p in site.postings[: built_site.per_page]}, "no filter")
    assert page.problems == []


@pytest.mark.search
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_results_are_accessible(
    scheme: str, built_site: BuiltSite, visitor: Visitor
) -> None:
    site = built_site.result.site
    page = visitor.open("index.html", viewport=PHONE, color_scheme=scheme, bypass_csp=True)
    posting = site.postings[0]
    ui.search(page, posting.title.split()[0])
    page.wait_for_selector(ui.RESULT_ITEM)
    blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)


@pytest.mark.search
def test_a_query_in_the_address_starts_a_search_with_cards_like_the_list(
    built_site: BuiltSite, visitor: Visitor
) -> None:
    site = built_site.result.site
    posting, word = next(
        (p, w)
        for p in site.postings
        if (w := unique_body_word(p, [o for o in site.pages if o is not p])) is not None
    )
    page = visitor.open(f"index.html?q={word}")
    assert page.input_value(ui.QUERY) == word
    ui.expect_postings(page, {posting.slug}, f"index.html?q={word}")
    card = page.locator(ui.RESULT_ITEM).first
    assert card.locator("a").text_content() == posting.title
    meta = card.locator(".job-meta").text_content() or ""
    assert (posting.company or "") in meta
    assert ("Remote" in meta) == (posting.remote or "Remote" in " ".join(posting.locations))
    assert page.problems == []
