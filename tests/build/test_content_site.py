"""Build the sample board in content/ and check what the pages link to."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.commands.build import BuildOptions, build
from generator.config import Config
from tests.conftest import ROOT


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.hrefs.append(value)


def links_of(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text("utf-8"))
    return parser.hrefs


def job_links(page: Path) -> set[str]:
    """The postings a page links to, as slugs."""
    found = set()
    for href in links_of(page):
        m = re.fullmatch(r"(?:\.\./)*jobs/([^/]+)/index\.html", href)
        if m:
            found.add(m.group(1))
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    work = tmp_path_factory.mktemp("site")
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    out = work / "output"
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1767225600")
    try:
        result = build(
            BuildOptions(content=content, output=out, project_root=work), Config(), log=lambda m: None
        )
    finally:
        mp.undo()
    return out, result


def test_every_content_posting_is_built(built: tuple[Path, object]) -> None:
    out, result = built
    assert result.skipped == []
    pages = sorted(p.parent.name for p in (out / "jobs").glob("*/index.html"))
    assert len(pages) == len(result.site.pages)
    assert job_links(out / "index.html") == {p.slug for p in result.site.postings}


def test_company_and_location_pages_link_exactly_their_postings(built: tuple[Path, object]) -> None:
    out, result = built
    site = result.site
    for key, values in (("companies", lambda p: p.company), ("locations", lambda p: p.locations)):
        taxonomy = site.taxonomies[key]
        listed = job_links(out / key / "index.html")
        assert listed == set(), "the list of terms links to term pages, not postings"
        for term in taxonomy.terms:
            page = out / key / term.slug / "index.html"
            expected = {p.slug for p in site.postings if p in term.postings}
            assert job_links(page) == expected, (key, term.name)
        # Every open posting is on exactly the term pages of its own values.
        for posting in site.postings:
            on_pages = {
                t.slug for t in taxonomy.terms if posting.slug in job_links(out / key / t.slug / "index.html")
            }
            assert on_pages == {t.slug for t in taxonomy.terms_of(posting)}
            assert on_pages, f"{posting.source} is on no {key} page"


def test_seed_groups(built: tuple[Path, object]) -> None:
    _, result = built
    companies = {t.name: {p.source for p in t.postings} for t in result.site.taxonomies["companies"].terms}
    locations = {t.name: {p.source for p in t.postings} for t in result.site.taxonomies["locations"].terms}
    assert {"000_f66ede7c308a1e54.txt", "001_f794cf863d927829.txt"} <= companies["Salesforce"]
    assert "002_b4a7d08fb20e0be7.txt" in companies["Heroku"]
    assert "000_f66ede7c308a1e54.txt" in locations["Tel Aviv, Israel"]
    assert {"000_f66ede7c308a1e54.txt", "002_b4a7d08fb20e0be7.txt"} <= locations["Remote"]
    assert "001_f794cf863d927829.txt" in locations["Location not stated"]


def test_internal_links_resolve(built: tuple[Path, object]) -> None:
    out, _ = built
    for page in out.rglob("*.html"):
        if page == out / "404.html":
            continue  # hosts show it at any depth: its links start at the root (see test_seeker_pages)
        for href in links_of(page):
            if re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith("#"):
                continue
            assert not href.startswith("/"), f"{page}: root-relative link {href}"
            target = (page.parent / href.split("#")[0]).resolve()
            assert target.exists(), f"{page.relative_to(out)} links to missing {href}"
