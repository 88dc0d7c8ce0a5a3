"""schema.org JobPosting as a source: the mapping on hand-written JSON-LD and microdata, the
ranking against front matter and the visible page, hostile input, and the real isjb pages."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.extract.employment import match_employment_type
from generator.extract.locations import location_key
from generator.model.posting import Origin, Posting
from generator.pipeline import process_file, process_text
from generator.readers import read_text
from generator.readers.structured_data import (
    json_ld_nodes,
    microdata_job_posting,
    parse_json_ld,
    read_structured_data,
    remove_json_ld,
)
from tests.conftest import SHARED

DAY = dt.date(2026, 1, 1)


def page(*blocks: str, body: str = "<h1>Shown heading</h1><p>What the page shows about the job.</p>") -> str:
    scripts = "".join(f'<script type="application/ld+json">{b}</script>' for b in blocks)
    return f"<!doctype html><html><head><title>Site title</title>{scripts}</head><body>{body}</body></html>"


def job(**fields: Any) -> dict[str, Any]:
    return {"@context": "https://schema.org", "@type": "JobPosting", "title": "Tree Surgeon", **fields}


def fields_of(text: str) -> dict[str, Any]:
    found = read_structured_data(text)
    assert found is not None
    return found.fields


def build(text: str) -> Posting:
    return process_text(text, source="job.html", fallback_date=DAY)


# --- where the JobPosting is --------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        job(),
        [{"@type": "WebSite", "name": "A board"}, job()],
        {"@context": "https://schema.org", "@graph": [{"@type": "BreadcrumbList"}, job()]},
        {**job(), "@type": ["JobPosting", "Thing"]},
        {**job(), "@type": "schema:JobPosting"},
        {**job(), "@type": "http://schema.org/JobPosting", "@context": "http://schema.org/"},
        {**job(), "@context": {"@vocab": "http://schema.org/"}},
        {**job(), "@context": ["https://schema.org", {"name": "http://schema.org/name"}]},
        {"@type": "http://schema.org/JobPosting", "http://schema.org/title": "Tree Surgeon"},
        {"@type": "WebPage", "mainEntity": job()},
    ],
    ids=[
        "object",
        "list",
        "graph",
        "type-list",
        "prefixed",
        "iri-type",
        "vocab",
        "context-list",
        "iri-keys",
        "nested",
    ],
)
def test_every_shape_of_block_gives_the_job_posting(value: Any) -> None:
    assert fields_of(page(json.dumps(value)))["title"] == "Tree Surgeon"


def test_the_first_job_posting_of_several_blocks_wins_and_other_types_are_ignored() -> None:
    text = page(
        json.dumps({"@type": "Organization", "name": "Not a job"}),
        json.dumps(job(title="First")),
        json.dumps(job(title="Second")),
    )
    assert fields_of(text)["title"] == "First"


def test_a_page_without_a_job_posting_gives_nothing() -> None:
    assert read_structured_data(page(json.dumps({"@type": "Organization", "name": "X"}))) is None
    assert read_structured_data("<p>No structured data at all</p>") is None


@pytest.mark.parametrize(
    "block",
    [
        "<!--\n" + json.dumps(job()) + "\n-->",
        "//<![CDATA[\n" + json.dumps(job()) + "\n//]]>",
        "<![CDATA[" + json.dumps(job()) + "]]>",
        json.dumps(job()).replace('"', "&quot;"),
        '{"@type": "JobPosting", "title": "Tree Surgeon", "datePosted": "2026-03-01",}',
        '[{"@type": "JobPosting", "title": "Tree Surgeon",},]',
        json.dumps(job()) + ";\nwindow.dataLayer = [];",
        json.dumps(job()) + "}}}",
        '{"@type": "JobPosting", "title": "Tree\tSurgeon"}',  # a raw tab inside a string
    ],
    ids=[
        "comment",
        "cdata-js",
        "cdata",
        "entities",
        "trailing-comma",
        "trailing-comma-list",
        "garbage",
        "braces",
        "control",
    ],
)
def test_what_real_pages_do_to_json_is_forgiven(block: str) -> None:
    assert fields_of(page(block))["title"].split() == ["Tree", "Surgeon"]


@pytest.mark.parametrize(
    "block",
    ["", "   ", "{", '{"@type": "JobPosting", "title": }', "not json at all", "[" * 100_000, "null", "42"],
)
def test_unreadable_json_fails_soft(block: str) -> None:
    assert parse_json_ld(block) is None or not isinstance(parse_json_ld(block), dict)
    assert read_structured_data(page(block)) is None
    assert build(page(block)).title == "Shown heading"


def test_script_type_attribute_variants() -> None:
    block = json.dumps(job())
    for tag in (
        "<script type='application/ld+json'>",
        "<script TYPE=application/ld+json>",
        '<script id="x" type="application/ld+json; charset=utf-8" nonce="n">',
    ):
        assert list(json_ld_nodes(f"<html><head>{tag}{block}</script></head></html>")) != [], tag
    assert list(json_ld_nodes(f'<script type="text/javascript">{block}</script> ld+json')) == []


# --- the mapping --------------------------------------------------------------------------


def test_hiring_organization_as_object_or_string() -> None:
    org = {
        "@type": "Organization",
        "name": "Oak &amp; Ash Ltd",
        "sameAs": ["not a url", "https://oak.example"],
    }
    f = fields_of(page(json.dumps(job(hiringOrganization=org))))
    assert (f["company"], f["company_url"]) == ("Oak & Ash Ltd", "https://oak.example")
    f = fields_of(page(json.dumps(job(hiringOrganization={"name": "Oak", "url": "https://o.example/"}))))
    assert f["company_url"] == "https://o.example/"
    f = fields_of(page(json.dumps(job(hiringOrganization="Birch Works"))))
    assert f["company"] == "Birch Works" and "company_url" not in f


def test_an_id_reference_in_a_graph_is_resolved() -> None:
    graph = {
        "@graph": [
            {"@type": "Organization", "@id": "#org", "name": "Elm Group"},
            job(hiringOrganization={"@id": "#org"}),
        ]
    }
    assert fields_of(page(json.dumps(graph)))["company"] == "Elm Group"


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        (
            {
                "@type": "Place",
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": "Melbourne",
                    "addressRegion": "Victoria",
                    "addressCountry": "AU",
                },
            },
            ["Melbourne, Victoria, Australia"],
        ),
        (
            {
                "address": {
                    "addressLocality": "Lyon",
                    "addressCountry": {"@type": "Country", "name": "France"},
                }
            },
            ["Lyon, France"],
        ),
        (
            {"address": {"addressLocality": "Utrecht", "addressCountry": "Netherlands"}},
            ["Utrecht, Netherlands"],
        ),
        ({"@type": "PostalAddress", "addressLocality": "Austin", "addressRegion": "TX"}, ["Austin, TX"]),
        ({"address": "12 High Street, Leeds"}, ["12 High Street, Leeds"]),
        ({"address": {"addressCountry": "DE"}}, ["Germany"]),
        ("Oslo, Norway", ["Oslo, Norway"]),
        (
            [
                {"address": {"addressLocality": "Paris", "addressCountry": "FR"}},
                {"address": {"addressLocality": "Nice", "addressCountry": "FR"}},
                {"address": {"addressLocality": "Paris", "addressCountry": "FR"}},
            ],
            ["Paris, France", "Nice, France"],
        ),
        ({"address": {"addressLocality": "", "addressRegion": None}}, None),
    ],
    ids=[
        "postal-code",
        "country-object",
        "country-name",
        "address-direct",
        "address-text",
        "country-only",
        "string",
        "list",
        "empty",
    ],
)
def test_job_location_becomes_place_strings(location: Any, expected: list[str] | None) -> None:
    assert fields_of(page(json.dumps(job(jobLocation=location)))).get("locations") == expected


def test_telecommute_with_applicant_countries_is_remote_with_requirements() -> None:
    value = job(
        jobLocationType="TELECOMMUTE",
        applicantLocationRequirements=[
            {"@type": "Country", "name": "USA"},
            {"@type": "Country", "name": "Canada"},
        ],
        jobLocation={"address": {"addressLocality": "Toronto", "addressCountry": "CA"}},
    )
    f = fields_of(page(json.dumps(value)))
    assert f["remote"] is True
    assert f["locations"] == ["Remote (USA, Canada only)", "Toronto, Canada"]
    posting = build(page(json.dumps(value)))
    assert posting.remote and "Remote" in posting.locations and "Toronto, Canada" in posting.locations
    assert posting.applicant_countries[:2] == ["US", "Canada"]


def test_telecommute_alone_is_remote() -> None:
    posting = build(page(json.dumps(job(jobLocationType=["TELECOMMUTE"]))))
    assert posting.remote and posting.locations == ["Remote"]
    assert posting.origins["locations"] is Origin.JSON_LD


@pytest.mark.parametrize(
    ("stated", "raw", "model"),
    [
        ("FULL_TIME", "FULL_TIME", "FULL_TIME"),
        (["PART_TIME", "CONTRACTOR"], "PART_TIME", "PART_TIME"),
        ("CONTRACTOR, TEMPORARY", "CONTRACTOR", "CONTRACTOR"),
        ("INTERN", "INTERN", "INTERN"),
        ("Forestry", "Forestry", None),  # a category, not a contract type: becomes a tag
    ],
)
def test_employment_type(stated: Any, raw: str, model: str | None) -> None:
    text = page(json.dumps(job(employmentType=stated)))
    assert fields_of(text)["employment_type"] == raw
    posting = build(text)
    assert posting.employment_type == model
    if model is None:
        assert "Forestry" in posting.tags


@pytest.mark.parametrize(
    ("salary", "expected"),
    [
        (
            {
                "@type": "MonetaryAmount",
                "currency": "EUR",
                "value": {
                    "@type": "QuantitativeValue",
                    "minValue": 50000,
                    "maxValue": 65000,
                    "unitText": "YEAR",
                },
            },
            (50000.0, 65000.0, "EUR", "YEAR"),
        ),
        ({"currency": "usd", "value": {"value": 40, "unitText": "HOUR"}}, (40.0, None, "USD", "HOUR")),
        ({"currency": "GBP", "value": 450, "unitText": "DAY"}, (450.0, None, "GBP", "DAY")),
        (
            {"currency": "GBP", "value": {"minValue": "30,000", "maxValue": "40,000"}},
            (30000.0, 40000.0, "GBP", "YEAR"),
        ),
        (
            {"currency": "CHF", "value": {"minValue": 8000, "unitText": "MONTHLY"}},
            (8000.0, None, "CHF", "MONTH"),
        ),
    ],
    ids=["range", "hourly", "number", "strings", "monthly"],
)
def test_base_salary(salary: dict[str, Any], expected: tuple[Any, ...]) -> None:
    posting = build(page(json.dumps(job(baseSalary=salary))))
    assert posting.salary is not None
    assert (
        posting.salary.min,
        posting.salary.max,
        posting.salary.currency,
        posting.salary.period,
    ) == expected
    assert posting.origins["salary"] is Origin.JSON_LD


def test_salary_without_an_amount_is_no_salary() -> None:
    for salary in ({"currency": "EUR"}, {"value": {"unitText": "YEAR"}}, "competitive"):
        posting = build(page(json.dumps(job(baseSalary=salary))))
        assert posting.salary is None, salary


def test_dates_are_dates_and_a_bad_date_is_a_warning_not_a_crash() -> None:
    posting = build(page(json.dumps(job(datePosted="2026-03-04T09:30:00Z", validThrough="2026-05-31"))))
    assert (posting.date_posted, posting.valid_through) == (dt.date(2026, 3, 4), dt.date(2026, 5, 31))
    assert posting.origins["date_posted"] is Origin.JSON_LD
    posting = build(page(json.dumps(job(datePosted="soon"))))
    assert posting.date_posted == DAY and any("date not understood" in w for w in posting.warnings)


def test_apply_url_prefers_an_apply_action_then_the_page_link_then_the_posting_url() -> None:
    action = {
        "@type": "ApplyAction",
        "target": {"@type": "EntryPoint", "urlTemplate": "https://ats.example/apply/7"},
    }
    url = "https://board.example/jobs/7"
    link = '<h1>Tree Surgeon</h1><p>Climb trees.</p><a href="https://oak.example/apply">Apply now</a>'
    posting = build(page(json.dumps(job(url=url, potentialAction=action)), body=link))
    assert (posting.apply_url, posting.source_url) == ("https://ats.example/apply/7", url)
    posting = build(page(json.dumps(job(url=url)), body=link))
    assert (posting.apply_url, posting.source_url) == ("https://oak.example/apply", url)
    posting = build(page(json.dumps(job(url=url))))
    assert posting.apply_url == url and posting.origins["apply_url"] is Origin.JSON_LD
    assert "source_url" not in fields_of(page(json.dumps(job(url="javascript:alert(1)"))))


def test_skills_and_a_worded_category_become_tags() -> None:
    value = job(
        skills=["Climbing", {"@type": "DefinedTerm", "name": "Chainsaws"}, "Rigging; First aid"],
        occupationalCategory=["37-3013.00 Tree Trimmers", "Arboriculture"],
    )
    assert fields_of(page(json.dumps(value)))["tags"] == [
        "Climbing",
        "Chainsaws",
        "Rigging",
        "First aid",
        "Arboriculture",
    ]


def test_the_description_is_the_body_only_when_the_page_shows_none() -> None:
    value = json.dumps(job(description="<p>Prune &amp; fell <b>old oaks</b>.</p>"))
    empty = page(value, body='<div id="root"></div><noscript>Enable JavaScript</noscript>')
    posting = build(empty)
    assert "old oaks" in posting.body_text and "<b>old oaks</b>" in posting.body_html
    shown = build(page(value))
    assert "old oaks" not in shown.body_text and "What the page shows" in shown.body_text
    escaped = build(page(json.dumps(job(description="&lt;p&gt;Prune oaks.&lt;/p&gt;")), body=""))
    assert escaped.body_text == "Prune oaks." and "<p>" in escaped.body_html
    plain = build(page(json.dumps(job(description="Prune oaks.\n\nFell elms.")), body=""))
    assert plain.body_text == "Prune oaks. Fell elms."
    raw = read_text(page(value))
    assert not any(name.startswith("structured:") for name in raw.fields)


# --- ranking ------------------------------------------------------------------------------


def test_json_ld_outranks_everything_the_visible_page_says() -> None:
    head = (
        '<meta property="og:title" content="Tree Surgeon at Oak - Leeds | Board">'
        '<meta property="og:site_name" content="Board">'
    )
    value = job(hiringOrganization={"name": "Oak"}, jobLocation={"address": {"addressLocality": "Leeds"}})
    text = page(json.dumps(value), body="<h1>Shown heading</h1><p>Location: Sheffield</p><p>Text.</p>")
    text = text.replace("<title>", head + "<title>")
    posting = build(text)
    assert (posting.title, posting.company, posting.locations) == ("Tree Surgeon", "Oak", ["Leeds"])
    assert {posting.origins[k] for k in ("title", "company", "locations")} == {Origin.JSON_LD}


def test_what_json_ld_does_not_state_is_still_read_from_the_page() -> None:
    text = page(
        json.dumps({"@type": "JobPosting", "datePosted": "2026-02-02"}),
        body="<h1>Hedge Layer</h1><p>Company: Hawthorn Co</p><p>Lay hedges.</p>",
    )
    posting = build(text)
    assert (posting.title, posting.company, posting.date_posted) == (
        "Hedge Layer",
        "Hawthorn Co",
        dt.date(2026, 2, 2),
    )
    assert posting.origins["title"] is Origin.HEADING and posting.origins["date_posted"] is Origin.JSON_LD


def test_front_matter_wins_and_the_block_leaves_the_body() -> None:
    block = json.dumps(
        job(
            title="From JSON-LD",
            hiringOrganization="Oak",
            datePosted="2026-04-01",
            jobLocation={"address": {"addressLocality": "York", "addressCountry": "GB"}},
        )
    )
    text = (
        "---\ntitle: From front matter\n---\n\nClimb and prune trees all year.\n\n"
        f'<script type="application/ld+json">\n{block}\n</script>\n\nMore words about the job.\n'
    )
    posting = process_text(text, source="job.md", fallback_date=DAY)
    assert posting.title == "From front matter" and posting.origins["title"] is Origin.FRONT_MATTER
    assert (posting.company, posting.locations) == ("Oak", ["York, United Kingdom"])
    assert posting.date_posted == dt.date(2026, 4, 1) and posting.origins["company"] is Origin.JSON_LD
    assert "@context" not in posting.body_text and "ld+json" not in posting.body_html
    assert "More words about the job." in posting.body_text


def test_no_json_ld_text_reaches_an_html_body() -> None:
    text = page(
        body=f'<h1>Shown heading</h1><script type="application/ld+json">{json.dumps(job())}</script>'
        "<p>Job.</p>"
    )
    posting = build(text)
    assert posting.title == "Tree Surgeon"
    assert "@context" not in posting.body_text and "schema.org" not in posting.body_html
    assert remove_json_ld(text).count("ld+json") == 0 and "<p>Job.</p>" in remove_json_ld(text)


def test_check_shows_the_json_ld_origin(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "job.html").write_text(page(json.dumps(job(hiringOrganization="Oak"))), "utf-8")
    main(["check", "--content", str(tmp_path)])
    out = capsys.readouterr().out
    assert "title: json-ld" in out and "company: json-ld" in out


# --- hostile input ------------------------------------------------------------------------


def test_escaped_script_end_in_a_title_is_kept_literally_and_escaped_on_the_page() -> None:
    block = json.dumps(job(title="Tree </script><script>alert(1)</script> Surgeon")).replace("/", "\\/")
    posting = build(page(block))
    assert posting.title == "Tree </script><script>alert(1)</script> Surgeon"


def test_a_raw_script_end_inside_the_json_fails_soft() -> None:
    text = page('{"@type": "JobPosting", "title": "Tree </script><script>alert(1)</script>"}')
    posting = build(text)
    assert "<script" not in posting.body_html and "alert" not in posting.title


def test_deep_nesting_and_long_lists_are_bounded() -> None:
    deep = '{"@type": "Thing", "about": ' * 100_000 + json.dumps(job(title="Deep")) + "}" * 100_000
    assert read_structured_data(page(deep)) is None  # too deep to follow: not a source
    deep = '{"@type": "Thing", "about": ' * 500 + json.dumps(job(title="Deep")) + "}" * 500
    assert read_structured_data(page(deep)) is None  # parsed, but deeper than a posting ever is
    many = [{"@type": "Thing", "name": str(i)} for i in range(10_000)] + [job(title="Late")]
    read_structured_data(page(json.dumps(many)))  # bounded: may or may not reach the last entry
    places = [{"address": {"addressLocality": f"Town {i}"}} for i in range(10_000)]
    f = fields_of(page(json.dumps(job(jobLocation=places, skills=[f"s{i}" for i in range(10_000)]))))
    assert len(f["locations"]) <= 20 and len(f["tags"]) <= 20
    blocks = [json.dumps({"@type": "Thing"})] * 10_000 + [json.dumps(job())]
    assert read_structured_data(page(*blocks)) is None  # only the first blocks are read
    assert len(fields_of(page(json.dumps(job(title="x" * 100_000))))["title"]) <= 2_000
    square = "[" + ",".join(["[" + ",".join(["{}"] * 800) + "]"] * 800) + "]"  # 640,000 objects
    assert read_structured_data(page(square)) is None
    chunks = '<div itemscope itemtype="https://schema.org/JobPosting"><p itemprop="title">'
    assert len(fields_of(chunks + "<b>a</b>" * 50_000 + "</p></div>")["title"]) <= 2_000


def test_odd_value_types_never_raise() -> None:
    odd = job(
        title=["Tree Surgeon", "ignored"],
        hiringOrganization=[[{"name": {"@value": "Oak"}}]],
        jobLocation=[None, 3, True, {"address": [None]}],
        employmentType={"weird": 1},
        baseSalary={"value": {"minValue": True, "maxValue": float("nan")}},
        datePosted=20260101,
        validThrough=None,
        url=["https://a.example/1"],
        skills=42,
    )
    f = fields_of(page(json.dumps(odd)))
    assert (f["title"], f["company"], f["source_url"]) == ("Tree Surgeon", "Oak", "https://a.example/1")
    build(page(json.dumps(odd)))


# --- microdata ----------------------------------------------------------------------------

MICRODATA = """<!doctype html><html><body>
<div itemscope itemtype="https://schema.org/JobPosting">
  <h1 itemprop="title">Orchard <em>Keeper</em></h1>
  <div itemprop="hiringOrganization" itemscope itemtype="https://schema.org/Organization">
    <span itemprop="name">Pear &amp; Plum</span><link itemprop="sameAs" href="https://pear.example">
  </div>
  <div itemprop="jobLocation" itemscope itemtype="https://schema.org/Place">
    <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
      <span itemprop="addressLocality">Hereford</span>, <span itemprop="addressCountry">GB</span>
    </div>
  </div>
  <meta itemprop="employmentType" content="PART_TIME">
  <time itemprop="datePosted" datetime="2026-05-06">6 May</time>
  <div itemprop="baseSalary" itemscope itemtype="https://schema.org/MonetaryAmount">
    <meta itemprop="currency" content="GBP">
    <span itemprop="value" itemscope itemtype="https://schema.org/QuantitativeValue">
      <meta itemprop="minValue" content="24000"><meta itemprop="maxValue" content="28000">
      <meta itemprop="unitText" content="YEAR">
    </span>
  </div>
  <div itemprop="description"><p>Tend the fruit trees through the seasons.</p></div>
</div>
<div itemscope itemtype="https://schema.org/JobPosting"><span itemprop="title">Second</span></div>
</body></html>"""


def test_microdata_job_posting() -> None:
    posting = build(MICRODATA)
    assert (posting.title, posting.company, posting.company_url) == (
        "Orchard Keeper",
        "Pear & Plum",
        "https://pear.example",
    )
    assert (posting.locations, posting.employment_type) == (["Hereford, United Kingdom"], "PART_TIME")
    assert posting.date_posted == dt.date(2026, 5, 6)
    assert posting.salary is not None and (posting.salary.min, posting.salary.max) == (24000.0, 28000.0)
    assert posting.origins["title"] is Origin.JSON_LD
    found = read_structured_data(MICRODATA)
    assert found is not None and found.description == "Tend the fruit trees through the seasons."


@pytest.mark.parametrize(
    "markup",
    [
        '<div itemscope itemtype="http://schema.org/JobPosting"><span itemprop="title">Open',
        '<div itemscope itemtype="http://schema.org/JobPosting"></span></div></div><p itemprop="title">x</p>',
        '<div itemscope itemtype="http://schema.org/JobPosting">' + '<div itemscope itemprop="x">' * 5_000,
        '<div itemtype="JobPosting"><span itemprop="title">No itemscope</span></div>',
    ],
)
def test_broken_microdata_never_raises(markup: str) -> None:
    microdata_job_posting(markup)
    read_structured_data(markup)


# --- the real pages of ../shared/corpus-pages/isjb-html ----------------------------------

ISJB = SHARED / "corpus-pages" / "isjb-html"
_BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def isjb_pages() -> list[Path]:
    if not ISJB.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"pages missing at {ISJB} (CI must provide ../shared/corpus-pages)")
        pytest.skip(f"pages not found at {ISJB}")
    return sorted(ISJB.glob("*.html"))


def _stated(path: Path) -> dict[str, Any]:
    found = [json.loads(m) for m in _BLOCK.findall(path.read_text("utf-8"))]
    return next(v for v in found if isinstance(v, dict) and v.get("@type") == "JobPosting")


def _same(a: str | None, b: str | None) -> bool:
    return location_key(a or "") == location_key(b or "")


def test_isjb_pages_as_they_are_give_every_field_their_json_ld_states(isjb_pages: list[Path]) -> None:
    assert len(isjb_pages) == 26
    for path in isjb_pages:
        stated = _stated(path)
        posting = process_file(path, content_dir=ISJB, fallback_date=DAY)
        where = path.name
        assert posting.title == stated["title"], where
        assert posting.company == stated["hiringOrganization"]["name"], where
        assert posting.date_posted == dt.date.fromisoformat(stated["datePosted"]), where
        assert posting.valid_through == dt.date.fromisoformat(stated["validThrough"]), where
        address = stated["jobLocation"]["address"]
        assert posting.locations, where
        parts = [p.strip() for p in posting.locations[0].split(",")]
        assert _same(parts[0], address["addressLocality"]), where
        # addressCountry is an ISO code (`AU`); the posting shows the country's name.
        assert location_key(parts[-1]) in {"australia"} and address["addressCountry"] == "AU", where
        assert posting.source_url == stated["url"], where
        # isjb writes the job's category into employmentType (`Finance`, `Business Development`).
        # A real contract type must become that type; a category is no type at all, and is kept
        # as a tag, as extract_metadata does with a Jekyll board's `type: Design`. `Other` is
        # the schema.org value OTHER.
        kind = stated["employmentType"]
        real = match_employment_type(kind)
        if real is not None or kind.strip().lower() == "other":
            assert posting.employment_type == (real or "OTHER"), where
        else:
            assert posting.employment_type is None and kind in posting.tags, where
        for name in ("title", "company", "date_posted", "valid_through", "locations"):
            assert posting.origins[name] is Origin.JSON_LD, (where, name)
