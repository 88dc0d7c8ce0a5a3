"""Served from a sub-path (/board/), every page loads cleanly and every link and asset resolves."""

from __future__ import annotations

from collections import deque
from urllib.parse import urldefrag, urlsplit

from tests.browser.conftest import BuiltSite, NewPage
from tests.browser.server import SiteServer

# Every URL-bearing attribute, resolved by the browser against the page's own URL.
_URLS_OF_PAGE = """() => {
  const out = [];
  const add = (el, attr, raw) => out.push(
    {tag: el.tagName.toLowerCase(), attr, raw, url: new URL(raw, document.baseURI).href});
  for (const el of document.querySelectorAll('[href], [src], [srcset], [poster], [action]')) {
    for (const attr of ['href', 'src', 'poster', 'action']) {
      const raw = el.getAttribute(attr);
      if (raw !== null) add(el, attr, raw);
    }
    for (const part of (el.getAttribute('srcset') || '').split(',')) {
      const raw = part.trim().split(/\\s+/)[0];
      if (raw) add(el, 'srcset', raw);
    }
  }
  return out;
}"""

_IDS_OF_PAGE = "() => Array.from(document.querySelectorAll('[id]'), el => el.id)"


def _is_page(path: str) -> bool:
    return path.endswith((".html", "/"))


def test_every_link_and_asset_resolves_under_a_sub_path(
    built_site: BuiltSite, server: SiteServer, new_page: NewPage
) -> None:
    page = new_page()
    origin = server.origin
    # Crawl from the front page; also open every HTML file (closed postings are deliberately
    # linked from nowhere), so every page's own links get checked. Not 404.html: a host shows it
    # at any depth, so its links start at the site's root (the base URL's path, else `/`);
    # test_seeker_pages opens it at deep URLs, with and without a base URL.
    pages = [p for p in built_site.html_pages if p != "404.html"]
    queue = deque([server.url("index.html")] + [server.url(p) for p in pages])
    opened: set[str] = set()
    reached_by_links: set[str] = set()
    checked: dict[str, int] = {}
    broken: list[str] = []
    external: set[str] = set()

    def status_of(url: str) -> int:
        if url not in checked:
            checked[url] = page.request.get(url, max_redirects=0).status
        return checked[url]

    while queue:
        url = queue.popleft()
        if url in opened:
            continue
        opened.add(url)
        page.problems.clear()
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, f"{url}: {response and response.status}"
        ids = set(page.evaluate(_IDS_OF_PAGE))
        # Without a declared icon a browser asks for /favicon.ico at the domain root: outside /board/.
        if not page.locator("head link[rel~='icon'][href]").count():
            broken.append(f"{url.removeprefix(server.base)}: no <link rel=icon>")
        for link in page.evaluate(_URLS_OF_PAGE):
            target, fragment = urldefrag(link["url"])
            where = f"{url.removeprefix(server.base)}: <{link['tag']} {link['attr']}={link['raw']!r}>"
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https"):
                continue  # mailto:, tel:
            if f"{parts.scheme}://{parts.netloc}" != origin:
                external.add(target)
                continue
            if not parts.path.startswith("/board/"):
                broken.append(f"{where} leaves the sub-path: {parts.path}")
                continue
            if target == url and fragment and fragment not in ids:
                broken.append(f"{where}: no element with id {fragment!r} on the page")
            status = status_of(target)
            if status != 200:
                broken.append(f"{where} -> HTTP {status}")
            elif _is_page(parts.path) and link["tag"] == "a":
                reached_by_links.add(target)
                queue.append(target)
        # Assets the page loaded by itself (CSS, scripts, the search index) must load too.
        broken.extend(f"{url.removeprefix(server.base)}: {problem}" for problem in page.problems)

    assert not broken, "\n".join(broken)
    # The crawl reached the whole site through links, not only through the file list.
    site = built_site.result.site
    for posting in site.postings:
        assert server.url(f"jobs/{posting.slug}/index.html") in reached_by_links, posting.slug
    for key, taxonomy in site.taxonomies.items():
        for term in taxonomy.terms:
            assert server.url(f"{key}/{term.slug}/index.html") in reached_by_links, (key, term.slug)
    assert len(opened) >= len(pages)

