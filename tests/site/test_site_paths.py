"""Every file of a built site is at a path `generator.site_paths` makes (the one module that makes them)."""

from __future__ import annotations

from pathlib import Path

from generator import site_paths
from generator.config import Config
from tests.site.board import front_matter, make_board


def test_every_output_file_is_a_site_path(tmp_path: Path) -> None:
    places = ["Berlin, Germany", "Remote"]
    files = {
        f"{n}.md": front_matter(f"Job {n}", company=f"Co {n % 2}", location=places[n % 2]) for n in range(5)
    }
    board = make_board(tmp_path, files, Config(per_page=2))
    site = board.result.site
    expected = {
        site_paths.NOT_FOUND,
        site_paths.SITEMAP,
        site_paths.ROBOTS,
        site_paths.JOBS_JSON,
        site_paths.feed(),
        *(site_paths.front_page(n) for n in (1, 2, 3)),
        *(site_paths.posting(p.slug) for p in site.postings),
    }
    for key, taxonomy in site.taxonomies.items():
        expected.add(site_paths.taxonomy_index(key))
        for term in taxonomy.terms:
            expected.add(site_paths.term_feed(key, term.slug))
            pages = -(-len(term.postings) // 2)
            expected.update(site_paths.term_page(key, term.slug, n) for n in range(1, pages + 1))
    built = {
        p.relative_to(board.out).as_posix()
        for p in board.out.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }
    others = {
        rel
        for rel in built - expected
        if not (rel.startswith(f"{site_paths.STATIC_FOLDER}/") or site_paths.in_search(rel))
    }
    assert others == set()
    assert expected <= built
    assert site_paths.front_page(2) == "page/2/index.html"
    assert site_paths.term_page("companies", "acme", 2) == "companies/acme/page/2/index.html"
    assert site_paths.absolute_url("https://x.example/b/", site_paths.posting("a")) == "https://x.example/b/jobs/a/"
    assert site_paths.site_url(None, site_paths.term_feed("locations", "b"), site_paths.posting("a")) == (
        "../../jobs/a/index.html"
    )
