"""Front-page search and filters in a real browser, checked against the site model.

Tests marked `search` run only when the build made a search index (search/); see
FEATURES_REQUIRED in conftest.py. Selectors live in search_ui.py.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from generator.extract.employment import employment_label
from generator.model.posting import Posting
from generator.search.engine import Engine, folder_loader
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


def _engine(built_site: BuiltSite) -> Engine:
    engine = Engine(folder_loader(built_site.output))
    engine.open()
    return engine


def _slugs(built_site: BuiltSite, ids: list[int]) -> set[str]:
    return {built_site.result.site.postings[i].slug for i in ids}


def _params(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


@pytest.mark.search
def test_the_search_lives_in_the_address_and_back_restores_it(
    built_site: BuiltSite, visitor: Visitor
) -> None:
    site = built_site.result.site
    engine = _engine(built_site)
    page = visitor.open("index.html")
    start = page.evaluate("history.length")
    posting = next(p for p in site.postings if p.company)
    word = posting.title.split()[-1]
    ui.search(page, word)
    ui.settled(page)
    assert _params(page) == {"q": [word]}
    assert page.evaluate("history.length") == start, "typing replaces the entry, it adds none"
    page.press(ui.QUERY, "Enter")
    ui.settled(page)
    assert page.evaluate("history.length") == start + 1, "a committed search adds an entry"
    company = next(v for v in ui.filter_values(page, "company") if v)
    ui.choose(page, "company", company)
    ui.settled(page)
    assert _params(page) == {"q": [word], "company": [company]}
    both = _slugs(built_site, engine.search(word, {"company": company}))
    ui.expect_postings(page, both, f"{word} at {company}")
    page.go_back()
    ui.settled(page)
    assert page.input_value(ui.QUERY) == word and page.input_value(ui.SELECTS["company"]) == ""
    ui.expect_postings(page, _slugs(built_site, engine.search(word)[: built_site.per_page]), f"Back: {word}")
    page.go_back()
    ui.settled(page)
    assert page.input_value(ui.QUERY) == "" and not _params(page)
    ui.expect_postings(page, {p.slug for p in site.postings[: built_site.per_page]}, "Back: no search")
    page.go_forward()
    ui.settled(page)
    assert page.input_value(ui.QUERY) == word
    assert page.problems == []


@pytest.mark.search
def test_reload_and_a_shared_address_open_the_same_search(built_site: BuiltSite, visitor: Visitor) -> None:
    site = built_site.result.site
    engine = _engine(built_site)
    remote = next((p for p in site.postings if p.remote and p.company), None)
    if remote is None:
        pytest.skip("the sample content has no remote posting with a company")
    word = remote.title.split()[0]
    company = next(t.name for t in site.taxonomies["companies"].terms if remote in t.postings)
    address = "index.html?" + urlencode({"q": word, "company": company, "remote": "1"})
    page = visitor.open(address)
    ui.settled(page)
    assert page.input_value(ui.QUERY) == word
    assert page.input_value(ui.SELECTS["company"]) == company
    assert page.is_checked(ui.REMOTE)
    expected = _slugs(built_site, engine.search(word, {"company": company, "remote": "Remote"}))
    assert remote.slug in expected
    ui.expect_postings(page, expected, address)
    page.reload()
    ui.wait_until_ready(page)
    ui.settled(page)
    assert page.input_value(ui.QUERY) == word and page.is_checked(ui.REMOTE)
    ui.expect_postings(page, expected, f"reload of {address}")
    # Back from a result's page returns to the search.
    page.click(f"{ui.RESULT_ITEM} a[href*='{remote.slug}']")
    page.wait_for_url(f"**/jobs/{remote.slug}/**")
    page.go_back()
    ui.wait_until_ready(page)
    ui.settled(page)
    assert page.input_value(ui.QUERY) == word
    ui.expect_postings(page, expected, "Back from a result")
    assert page.problems == []


def _typo(built_site: BuiltSite) -> tuple[str, str]:
    """A word of the sample content with one letter dropped, and the query suggested for it."""
    engine = _engine(built_site)
    for posting in built_site.result.site.postings:
        for word in re.findall(r"[a-z]{7,}", posting.title.lower() + " " + posting.body_text.lower()):
            typo = word[:3] + word[4:]
            better = engine.suggest(typo)
            if not engine.search(typo) and better:
                return typo, better
    raise AssertionError("no word of the sample content makes a typo with a suggestion")


@pytest.mark.search
def test_messages_come_from_the_forms_data_strings(built_site: BuiltSite, visitor: Visitor) -> None:
    typo, better = _typo(built_site)
    german = {"search.no_results": "Nichts gefunden.", "search.did_you_mean": "Meinten Sie {suggestion}?"}
    strings = json.dumps(german)
    page = visitor.new_page()

    def with_strings(route: Any) -> None:
        form = '<form id="job-search"'
        html = route.fetch().text().replace(form, f"{form} data-strings='{strings}'")
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    page.route("**/index.html*", with_strings)
    visitor.go(page, "index.html")
    ui.search(page, typo)
    ui.settled(page)
    assert page.text_content(ui.STATUS) == f"Nichts gefunden. Meinten Sie {better}?"
    ui.search(page, better)
    ui.settled(page)
    status = page.text_content(ui.STATUS) or ""
    assert re.fullmatch(r"\d+ postings? match(es)?\.", status), f"English for a key left out: {status!r}"
    assert page.problems == []


@pytest.mark.search
def test_a_typo_gets_a_did_you_mean_that_runs_the_right_search(
    built_site: BuiltSite, visitor: Visitor
) -> None:
    engine = _engine(built_site)
    typo, better = _typo(built_site)
    page = visitor.open("index.html")
    ui.search(page, typo)
    ui.settled(page)
    ui.expect_postings(page, set(), f"search for {typo!r}")
    link = page.locator(ui.SUGGESTION)
    assert link.text_content() == better
    link.click()
    ui.settled(page)
    assert page.input_value(ui.QUERY) == better and _params(page) == {"q": [better]}
    ui.expect_postings(page, _slugs(built_site, engine.search(better)[: built_site.per_page]), better)
    page.go_back()
    ui.settled(page)
    assert page.input_value(ui.QUERY) == typo
    assert page.problems == []


@pytest.mark.search
def test_filter_counts_follow_the_query_and_the_other_filters(
    built_site: BuiltSite, visitor: Visitor
) -> None:
    site = built_site.result.site
    engine = _engine(built_site)
    page = visitor.open("index.html")
    everything = {v: n for v, n in engine.counts("")["company"] if n}
    assert ui.filter_counts(page, "company") == everything
    word = site.postings[0].title.split()[0]
    ui.search(page, word)
    ui.settled(page)
    counts = engine.counts(word)
    for kind in ("company", "location", "type"):
        assert ui.filter_counts(page, kind) == {v: n for v, n in counts[kind] if n}, kind
    assert ui.filter_counts(page, "company") != everything or len(engine.search(word)) == len(site.postings)
    ui.set_remote(page, True)
    ui.settled(page)
    remote = engine.counts(word, {"remote": "Remote"})
    assert ui.filter_counts(page, "company") == {v: n for v, n in remote["company"] if n}
    # The filters are searchable lists: a labelled input whose datalist holds the values.
    for kind in ("company", "location"):
        field = page.locator(ui.SELECTS[kind])
        assert field.get_attribute("list") and page.locator(f"label[for='{ui.SELECTS[kind][1:]}']").count()
    assert page.problems == []


@pytest.mark.search
def test_results_are_clones_of_the_card_template_when_the_page_has_one(
    built_site: BuiltSite, visitor: Visitor
) -> None:
    site = built_site.result.site
    posting = next(p for p in site.postings if p.company and p.date_stated)
    page = visitor.open("index.html")
    page.evaluate(_CARD_TEMPLATE)  # the page's own template, marked so its clones can be told apart
    later = (posting.date_posted + dt.timedelta(days=3)).isoformat()  # a build day 3 days after it
    page.evaluate(f"() => document.getElementById('job-search').setAttribute('data-today', '{later}')")
    ui.search(page, posting.title)
    ui.settled(page)
    card = page.locator(f"#search-results li.test-card:has(a[href*='{posting.slug}'])")
    assert card.count() == 1
    assert card.locator("[data-field=title]").text_content() == posting.title
    assert card.locator("[data-field=company]").text_content() == posting.company
    assert card.locator("[data-field=link]").get_attribute("href").endswith(f"jobs/{posting.slug}/index.html")
    salary = card.locator("[data-field=salary]")
    assert salary.is_hidden() == (not (salary.text_content() or ""))
    remote = card.locator("[data-field=remote]")
    assert remote.is_visible() == posting.remote
    # The age, as the server's cards say it, counted from the build day (the form's data-today).
    age = card.locator("[data-field=age]")
    assert age.text_content() == "3 days ago"
    assert age.get_attribute("datetime") == posting.date_posted.isoformat()
    assert page.problems == []


# The page's card template (rendered from the same macro as the server's cards), marked.
_CARD_TEMPLATE = """() => {
  const t = document.getElementById('job-card');
  t.content.firstElementChild.classList.add('test-card');
}"""
