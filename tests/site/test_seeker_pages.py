"""What a job seeker sees: cards, ages, link previews, page languages, the 404 page and the
board's UI strings (built-in English and German, `[strings]`, `date_format`)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest

from generator.config import Config, ConfigError, load_config
from generator.language import detect_language
from generator.model.posting import Salary
from generator.model.salary_text import salary_text
from generator.render.summary import description
from generator.render.templates import salary_words
from generator.ui_strings import EN, Strings, strings_for
from tests.site.board import Board, front_matter, make_board

GERMAN = (
    "Wir suchen zum nächsten möglichen Zeitpunkt eine Entwicklerin oder einen Entwickler für unsere "
    "Buchhaltungssoftware. Sie arbeiten in einem kleinen Team, das Rechnungen für Handwerksbetriebe "
    "schreibt, und übernehmen Verantwortung für die Schnittstellen zu den Banken. Wir bieten flexible "
    "Arbeitszeiten, ein Büro in der Altstadt und einen Zuschuss zum Fahrrad."
)


def _files() -> dict[str, str]:
    return {
        "remote-us.md": front_matter(
            "Support Engineer",
            company="Quayside",
            location="Remote (US only)",
            salary="$40 - $40 per hour",
            date="2025-12-29",
            body="## About the role\n\nYou answer questions from teams whose builds broke overnight. "
            "Everything else follows from that.\n\n- Reply by mail\n- Fix docs\n",
        ),
        "berlin.md": front_matter(
            "Backend-Entwickler (m/w/d)", company="Kontorwerk", location="Berlin, Germany", date="2025-11-20",
            body=GERMAN,
        ),
        "undated.md": front_matter("Data Clerk", company="Ledger & Sons", location="Leeds, UK"),
        "ahead.md": front_matter("Night Porter", company="Inn", location="York, UK", date="2026-02-03"),
    }


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Board:
    return make_board(tmp_path_factory.mktemp("seeker"), _files())  # build clock 2026-01-01


def _cards(page: str) -> list[str]:
    return re.findall(r'<li class="job">.*?</li>', page, re.S)


def _card_of(page: str, title: str) -> str:
    (card,) = [c for c in _cards(page) if f">{html.escape(title, quote=False)}<" in c]
    return card


def _meta(page: str, name: str) -> list[str]:
    return re.findall(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', page)


def test_a_card_answers_the_first_questions_and_is_one_link(board: Board) -> None:
    card = _card_of(board.page("index.html"), "Support Engineer")
    assert card.count("<a ") == 1, "the whole card is one link target, no nested links"
    link = re.search(r'<a class="job-link" data-field="link" href="([^"]+)"><span data-field="title">', card)
    assert link and link[1] == f"jobs/{board.slug('remote-us.md')}/index.html"
    assert '<span class="company" data-field="company">Quayside</span>' in card
    assert '<span class="badge" data-field="remote">Remote · US only</span>' in card
    assert card.count("Remote") == 1, "Remote is shown once: as the badge, not again as a place"
    assert '<span class="salary" data-field="salary">$40 an hour</span>' in card, "one amount is one amount"
    age = '<time class="age" data-field="age" datetime="2025-12-29" title="29 Dec 2025">3 days ago</time>'
    assert age in card
    places = _card_of(board.page("index.html"), "Backend-Entwickler (m/w/d)")
    assert '<span class="where" data-field="places">Berlin, Germany</span>' in places
    assert "6 weeks ago" in places and "hidden" not in places


def test_company_and_location_pages_show_the_same_cards(board: Board) -> None:
    front = _card_of(board.page("index.html"), "Support Engineer")
    company = _card_of(board.page("companies/quayside/index.html"), "Support Engineer")
    assert company == front.replace('href="jobs/', 'href="../../jobs/')
    assert _card_of(board.page("locations/remote/index.html"), "Support Engineer") == company


def test_the_search_card_template_is_the_same_macro_with_empty_hidden_fields(board: Board) -> None:
    page = board.page("index.html")
    (template,) = re.findall(r'<template id="job-card">(.*?)</template>', page, re.S)
    fields = re.findall(r'<(\w+)[^>]* data-field="(\w+)"([^>]*)>([^<]*)(?=<)', template)
    assert [f[1] for f in fields] == ["link", "title", "company", "places", "remote", "salary", "age"]
    for tag, name, rest, text in fields:
        assert text == "", name
        if name not in ("link", "title"):
            assert rest.strip().endswith("hidden"), f"{name} is hidden while empty"
    strings = json.loads(html.unescape(re.search(r'data-strings="([^"]*)"', page)[1]))
    for key in ("search.results", "search.no_results", "search.did_you_mean", "search.unavailable",
                "search.clear"):
        assert strings[key] == EN[key]
    assert all(key.startswith(("search.", "age.", "month.", "date.")) for key in strings)


def test_a_date_after_the_build_clock_is_shown_as_a_date_not_as_today(board: Board) -> None:
    card = _card_of(board.page("index.html"), "Night Porter")
    assert 'datetime="2026-02-03" title="3 Feb 2026">3 Feb 2026</time>' in card


def test_a_posting_without_a_stated_date_shows_no_age_and_says_so(board: Board) -> None:
    card = _card_of(board.page("index.html"), "Data Clerk")
    assert "<time" not in card and "ago" not in card and "today" not in card
    page = board.page(f"jobs/{board.slug('undated.md')}/index.html")
    assert "<dt>Posted</dt>\n      <dd class=\"note\">Date not stated</dd>" in page
    assert "1 Jan 2026" not in page.split("<main")[1], "the build date is not shown as a posting date"
    dated = board.page(f"jobs/{board.slug('remote-us.md')}/index.html")
    assert '<time datetime="2025-12-29" title="29 Dec 2025">29 Dec 2025</time>' in dated
    assert "(3 days ago)" in dated


def test_every_page_has_link_preview_tags(board: Board) -> None:
    for rel in ["index.html", "companies/index.html", "locations/remote/index.html", "404.html",
                f"jobs/{board.slug('remote-us.md')}/index.html"]:
        page = board.page(rel)
        (title,) = re.findall(r"<title>([^<]*)</title>", page)
        (desc,) = _meta(page, "description")
        assert _meta(page, "og:title") == [title] == _meta(page, "twitter:title"), rel
        assert _meta(page, "og:description") == [desc] == _meta(page, "twitter:description"), rel
        assert _meta(page, "og:site_name") == ["Job Board"], rel
        assert _meta(page, "og:type") == (["article"] if rel.startswith("jobs/") else ["website"]), rel
        assert _meta(page, "twitter:card") == ["summary"], rel
        assert _meta(page, "og:url") == [], "no og:url without a base URL"


def test_og_url_is_the_canonical_url_with_a_base_url(tmp_path: Path) -> None:
    board = make_board(tmp_path, _files(), Config(base_url="https://jobs.example.org/board/"))
    page = board.page(f"jobs/{board.slug('berlin.md')}/index.html")
    assert _meta(page, "og:url") == [f"https://jobs.example.org/board/jobs/{board.slug('berlin.md')}/"]
    assert _meta(board.page("index.html"), "og:url") == ["https://jobs.example.org/board/"]


def test_the_meta_description_is_the_first_real_sentence(board: Board) -> None:
    page = board.page(f"jobs/{board.slug('remote-us.md')}/index.html")
    assert _meta(page, "description") == [
        "You answer questions from teams whose builds broke overnight. Everything else follows from that."
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<h2>Description</h2><p>We make maps for sailors.</p>", "We make maps for sailors."),
        ("<p>Company Description Tidewater draws charts.</p>", "Tidewater draws charts."),
        ("<p>About the role</p><p>You keep the presses running.</p>", "You keep the presses running."),
        ("<p><strong>Job Description:</strong></p><ul><li>Own the billing service end to end.</li></ul>",
         "Own the billing service end to end."),
        ("<p># Job Description We make sails.</p>", "We make sails."),
        ("<p>Position: Senior Sailmaker</p><p>What Will You Do?</p><p>Stitch.</p><p>We stitch sails.</p>",
         "We stitch sails."),
        ("<p>Responsibilities Mending nets in the harbour.</p>", "Mending nets in the harbour."),
        ("<p>👋 We're Tidewater.</p>", "👋 We're Tidewater."),
        ("<p>Plain text with no sentence end at all but many words in it</p>",
         "Plain text with no sentence end at all but many words in it"),
    ],
)
def test_description_skips_headings_and_labels(body: str, expected: str) -> None:
    assert description(body) == expected


def test_a_long_first_sentence_is_cut_at_a_word() -> None:
    text = description("<p>" + "word " * 80 + "end.</p>")
    assert len(text) <= 155 and text.endswith("word…")


def test_each_posting_page_says_its_own_language_and_the_board_keeps_its_own(board: Board) -> None:
    german = board.page(f"jobs/{board.slug('berlin.md')}/index.html")
    assert german.startswith('<!doctype html>\n<html lang="de">')
    assert '<header class="site-header" lang="en">' in german, "the board's own words stay English"
    english = board.page(f"jobs/{board.slug('remote-us.md')}/index.html")
    assert english.startswith('<!doctype html>\n<html lang="en">')
    assert '<header class="site-header">' in english
    for rel in ("index.html", "companies/kontorwerk/index.html", "404.html"):
        assert board.page(rel).startswith('<!doctype html>\n<html lang="en">'), rel
    posting = next(p for p in board.result.site.postings if p.source == "berlin.md")
    assert posting.language == "de"


def test_language_detection_is_deterministic_and_unsure_on_scraps() -> None:
    assert {detect_language(GERMAN) for _ in range(5)} == {"de"}
    assert detect_language("") is None, "no text: the board's language"
    assert detect_language("12 345 678") is None
    assert detect_language("\ud800 broken \x00 text") in (None, "en"), "odd characters do not raise"


def test_not_found_links_start_at_the_site_root(board: Board) -> None:
    page = board.page("404.html")
    hrefs = re.findall(r'(?:href|src)="([^"]*)"', page)
    assert hrefs and all(h.startswith(("/", "#")) for h in hrefs), hrefs
    assert '<link rel="stylesheet" href="/static/style.css">' in page
    assert '<a href="/index.html">See all open jobs</a>' in page
    assert "<script" not in page and "<style" not in page and " style=" not in page


def test_not_found_links_use_the_base_url_path(tmp_path: Path) -> None:
    board = make_board(tmp_path, _files(), Config(base_url="https://jobs.example.org/board"))
    page = board.page("404.html")
    assert '<link rel="stylesheet" href="/board/static/style.css">' in page
    assert '<a href="/board/index.html">See all open jobs</a>' in page


def _config(tmp_path: Path, text: str) -> Config:
    (tmp_path / "jobboard.toml").write_text(text, "utf-8")
    return load_config(tmp_path / "jobboard.toml")


def test_a_german_board_speaks_german(tmp_path: Path) -> None:
    board = make_board(tmp_path, _files(), _config(tmp_path, 'language = "de"\n'))
    front = board.page("index.html")
    assert front.startswith('<!doctype html>\n<html lang="de">')
    assert ">Firmen</a>" in front and ">Orte</a>" in front and "4 offene Stellen" in front
    assert "vor 3 Tagen" in front and 'title="29. Dez. 2025"' in front
    assert "Zum Inhalt springen" in front and 'placeholder="Fähigkeit, Titel oder Firma"' in front
    strings = json.loads(html.unescape(re.search(r'data-strings="([^"]*)"', front)[1]))
    assert strings["search.no_results"] == "Keine offene Stelle passt."
    # Every message search.js shows is one of the board's strings, in German here.
    script = (board.out / "static" / "search.js").read_text(encoding="utf-8")
    used = set(re.findall(r'"(search\.\w+)"', script))  # its English defaults and its calls
    assert {"search.no_results", "search.results", "search.did_you_mean", "search.unavailable"} <= used
    for key in used:
        assert (key in strings and strings[key] != EN[key]) or EN[key] == strings[key] == "{value} ({n})", key
    posting = board.page(f"jobs/{board.slug('remote-us.md')}/index.html")
    assert "Jetzt bewerben" in posting or "apply" not in posting.lower()
    assert "<dt>Veröffentlicht</dt>" in posting and "40 $" not in posting and "$40 pro Stunde" in posting
    assert "Firma nicht angegeben" not in posting
    assert "Seite nicht gefunden" in board.page("404.html")
    assert "Firmen" in board.page("companies/index.html")
    for page in (front, posting, board.page("companies/index.html")):
        page = re.sub(r"<script.*?</script>", "", page, flags=re.S)
        assert "Companies" not in page and "Posted" not in page and "Skip to content" not in page


def test_strings_override_single_keys_and_date_format_is_the_boards(tmp_path: Path) -> None:
    config = _config(
        tmp_path,
        'date_format = "%Y-%m-%d"\n[strings]\n"nav.jobs" = "Openings"\n"age.days" = "{n}d"\n',
    )
    board = make_board(tmp_path, _files(), config)
    front = board.page("index.html")
    assert ">Openings</a>" in front and ">Companies</a>" in front
    assert 'title="2025-12-29">3d</time>' in front
    page = board.page(f"jobs/{board.slug('remote-us.md')}/index.html")
    assert ">2025-12-29</time>" in page


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[strings]\n"nav.jbos" = "x"\n', "unknown key 'strings.nav.jbos'"),
        ('[strings]\n"nav.jobs" = 3\n', "'strings' must map string keys to text"),
        ('date_format = "%Q %Y"\n', "'date_format' has '%Q'"),
        ("date_format = 5\n", "'date_format' must be a string"),
    ],
)
def test_bad_strings_and_date_formats_are_config_errors(tmp_path: Path, text: str, problem: str) -> None:
    with pytest.raises(ConfigError) as err:
        _config(tmp_path, text)
    assert problem in str(err.value)


def test_ages_and_dates() -> None:
    strings = Strings(EN)
    today = dt.date(2026, 3, 10)
    days = (0, 1, 2, 13, 14, 59, 60, 400)
    ages = {n: strings.age(today - dt.timedelta(days=n), today) for n in days}
    assert ages == {
        0: "today", 1: "yesterday", 2: "2 days ago", 13: "13 days ago", 14: "2 weeks ago",
        59: "8 weeks ago", 60: "2 months ago", 400: "1 year ago",
    }
    assert strings.date(dt.date(2026, 3, 5)) == "5 Mar 2026"
    assert strings.date(dt.date(2026, 3, 5), "%d/%m/%y %B %%") == "05/03/26 March %"
    assert strings("pager.page", n=2, count=9) == "Page 2 of 9"
    assert Strings({"x": "{n} of {missing}"})("x", n=1) == "1 of {missing}", "unknown fields stay as written"


def test_salaries_read_as_one_amount_or_a_range_in_the_boards_words() -> None:
    german = salary_words(Strings(strings_for("de", {})))
    assert salary_text(Salary(11.5, 11.5, "USD", "HOUR"), german) == "$11.50 pro Stunde"
    assert salary_text(Salary(50000, None, "EUR", None), german) == "ab €50,000"
    assert salary_text(Salary(None, 700, "CHF", "DAY"), german) == "bis CHF 700 pro Tag"
    assert salary_text(Salary(None, 700, "CHF", "DAY")) == "up to CHF 700 a day"
