"""Shape 4: an HTML fragment or page copied from a careers site."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from generator.model.posting import Origin
from generator.readers.base import RawPosting
from generator.readers.labels import find_labels
from generator.readers.structured_data import set_structured_fields

_STARTS_WITH_TAG = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype|html|head|body|[a-z][a-z0-9]*)\b", re.I | re.S
)
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_APPLY_WORDS = ("apply", "bewerben", "bewerbung", "postuler", "candidater")


class HtmlReader:
    """Title from og:title or the first h1 (else h2); company from og:site_name."""

    name = "html"

    def accepts(self, text: str) -> bool:
        head = text[:4000]
        return bool(_STARTS_WITH_TAG.match(head)) and len(_TAG.findall(head)) >= 2

    def read(self, text: str) -> RawPosting:
        scan = _Scanner()
        scan.feed(text)
        scan.close()
        raw = RawPosting(reader=self.name, body_format="html")
        # Structured data first: it outranks everything read from the visible page.
        set_structured_fields(raw, text)
        raw.set("title", scan.meta.get("og:title"), Origin.HTML_META)
        raw.set("title", scan.headings.get("h1") or scan.headings.get("h2"), Origin.HEADING)
        raw.set("title", scan.meta.get("title"), Origin.HTML_META)
        raw.set("company", scan.meta.get("og:site_name"), Origin.HTML_META)
        raw.set("source_url", scan.meta.get("og:url") or scan.canonical, Origin.HTML_META)
        raw.set("apply_url", scan.apply_href, Origin.GUESS)
        for name, (value, _line) in find_labels(scan.text(), limit=200).items():
            raw.set(name, value, Origin.LABEL)
        raw.body = _body_of(text, raw.get("title"))
        return raw


class _Scanner(HTMLParser):
    """Collects meta tags, the first headings, the apply link and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.headings: dict[str, str] = {}
        self.canonical: str | None = None
        self.apply_href: str | None = None
        self._chunks: list[str] = []
        self._open: list[str] = []
        self._heading: tuple[str, list[str]] | None = None
        self._link: tuple[str, list[str]] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"].strip())
        elif tag == "link" and "canonical" in a.get("rel", "").lower():
            self.canonical = a.get("href") or None
        elif tag in ("script", "style", "template", "noscript"):
            self._skip += 1
        elif tag in ("h1", "h2") and tag not in self.headings and self._heading is None:
            self._heading = (tag, [])
        elif tag == "a" and a.get("href"):
            self._link = (a["href"], [])
        elif tag == "title":
            self._heading = ("title", [])
        if tag in ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd"):
            self._chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template", "noscript") and self._skip:
            self._skip -= 1
        elif self._heading and tag == self._heading[0]:
            name, parts = self._heading
            text = " ".join("".join(parts).split())
            if text:
                (self.meta if name == "title" else self.headings).setdefault(name, text)
            self._heading = None
        elif tag == "a" and self._link:
            href, parts = self._link
            label = "".join(parts).lower()
            if self.apply_href is None and any(w in label for w in _APPLY_WORDS):
                self.apply_href = href
            self._link = None
        if tag in ("p", "div", "li", "tr", "dd"):
            self._chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._heading:
            self._heading[1].append(data)
        if self._link:
            self._link[1].append(data)
        self._chunks.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self._chunks).split("\n"))
        return "\n".join(line for line in lines if line)


_BODY = re.compile(r"<body\b[^>]*>(?P<body>.*?)(?:</body\s*>|\Z)", re.I | re.S)
_HEAD = re.compile(r"<head\b.*?</head\s*>", re.I | re.S)


def _body_of(text: str, title: str | None) -> str:
    """The page's body markup, without the heading that became the title."""
    m = _BODY.search(text)
    body = m["body"] if m else _HEAD.sub("", text)
    if title:
        heading = re.compile(r"<h([12])\b[^>]*>(?P<inner>.*?)</h\1\s*>", re.I | re.S)
        for hm in heading.finditer(body):
            inner = " ".join(html.unescape(re.sub(r"<[^>]+>", "", hm["inner"])).split())
            if inner == title:
                body = body[: hm.start()] + body[hm.end() :]
                break
    return body.strip()
