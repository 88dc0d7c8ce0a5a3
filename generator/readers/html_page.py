"""Shape 4: an HTML fragment or page copied from a careers site or a job board."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from generator.model.posting import Origin
from generator.readers.base import RawPosting
from generator.readers.page_content import job_content
from generator.readers.page_dom import APPLY_WORDS, PageWalk, cap_nesting, walk_page
from generator.readers.page_fields import read_fields
from generator.readers.structured_data import set_structured_fields

_STARTS_WITH_TAG = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype|html|head|body|[a-z][a-z0-9]*)\b", re.I | re.S
)
_TAG = re.compile(r"<[a-zA-Z][^>]*>")


class HtmlReader:
    """A page read as a person reads it: the job's heading, the employer and place under it,
    the visible date and labels, and the job's own content without the site's furniture."""

    name = "html"

    def accepts(self, text: str) -> bool:
        head = text[:4000]
        # Tags end at a `>`: counted up to the last one, each `<a` of `<a<a<a...` is not
        # scanned to the end of the head (quadratic).
        return bool(_STARTS_WITH_TAG.match(head)) and len(_TAG.findall(head, 0, head.rfind(">") + 1)) >= 2

    def read(self, text: str) -> RawPosting:
        text = cap_nesting(text)
        tree = LexborHTMLParser(text)
        meta = page_meta(tree)
        body = tree.body
        walk = walk_page(body) if body is not None else PageWalk()
        page = read_fields(walk, meta)
        raw = RawPosting(reader=self.name, body_format="html")
        # Sources best first: a field keeps the first value it is given. Structured data in the
        # page (JSON-LD, microdata) first; then what a person sees on the page.
        set_structured_fields(raw, text)
        for name, values in page.found.items():
            for found in values:
                raw.set(name, found.value, _ORIGINS[found.source])
        raw.set("source_url", meta.get("og:url") or meta.get("canonical"), Origin.HTML_META)
        raw.set("apply_url", _apply_link(walk), Origin.GUESS)
        apply_url = raw.get("apply_url")
        raw.body = job_content(body, walk, page, apply_url=apply_url) if body is not None else ""
        if not raw.body and body is not None:
            # Nothing but the header: keep its lines rather than lose the posting.
            again = LexborHTMLParser(text).body
            assert again is not None  # the same text parsed again has its body again
            walk = walk_page(again)
            page = read_fields(walk, meta)
            raw.body = job_content(again, walk, page, apply_url=apply_url, keep_shown=True)
        return raw


_ORIGINS = {"heading": Origin.HEADING, "label": Origin.LABEL, "meta": Origin.HTML_META}


def page_meta(tree: LexborHTMLParser) -> dict[str, str]:
    """`<meta>` properties and names (lower case), `title` and `canonical`; first value wins."""
    meta: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = (attrs.get("property") or attrs.get("name") or "").strip().lower()
        content = " ".join((attrs.get("content") or "").split())
        if key and content:
            meta.setdefault(key, content)
    title = tree.css_first("title")
    if title is not None and " ".join(title.text().split()):
        meta.setdefault("title", " ".join(title.text().split()))
    for node in tree.css("link[rel]"):
        if "canonical" in (node.attributes.get("rel") or "").lower() and node.attributes.get("href"):
            meta.setdefault("canonical", (node.attributes.get("href") or "").strip())
    return meta


def _apply_link(walk: PageWalk) -> str | None:
    """The first link whose text says "apply" (in any of a few languages)."""
    for href, node in walk.links:
        label = node.text(deep=True).lower()
        if any(word in label for word in APPLY_WORDS):
            return href
    return None
