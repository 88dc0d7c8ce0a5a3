"""`sitemap.xml` (open postings and the lists that show them) and `robots.txt`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator import site_paths
from generator.render.pages import PageRenderer
from generator.site_paths import absolute_url, site_url
from generator.write.output import SiteWriter

SITEMAP_FILE = site_paths.SITEMAP


@dataclass(frozen=True)
class SitemapUrl:
    loc: str
    lastmod: dt.date | None = None


def sitemap_urls(renderer: PageRenderer) -> list[SitemapUrl]:
    """Front page, the term lists, every term page and every open posting; closed ones never."""
    site = renderer.site
    base = renderer.config.base_url

    def url(path: str, lastmod: dt.date | None = None) -> SitemapUrl:
        return SitemapUrl(site_url(base, SITEMAP_FILE, path), lastmod)

    newest = site.postings[0].date_posted if site.postings else None
    urls = [url(site_paths.front_page(), newest)]
    for taxonomy in site.taxonomies.values():
        urls.append(url(site_paths.taxonomy_index(taxonomy.key), newest))
        for term in taxonomy.terms:
            latest = term.postings[0].date_posted if term.postings else None
            urls.append(url(site_paths.term_page(taxonomy.key, term.slug), latest))
    urls.extend(url(site_paths.posting(p.slug), p.date_posted) for p in site.postings)
    return urls


def render_sitemap(renderer: PageRenderer, writer: SiteWriter) -> None:
    writer.write(SITEMAP_FILE, renderer.render(SITEMAP_FILE, SITEMAP_FILE, urls=sitemap_urls(renderer)))


def render_robots(renderer: PageRenderer, writer: SiteWriter) -> None:
    """Points at the sitemap when a base URL is known (robots.txt needs an absolute URL)."""
    base = renderer.config.base_url
    sitemap_url = absolute_url(base, SITEMAP_FILE) if base else None
    robots = site_paths.ROBOTS
    writer.write(robots, renderer.render(robots, robots, sitemap_url=sitemap_url))
