"""Shape 4: an HTML fragment or page copied from a careers site."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser

from generator.model.posting import Origin
from generator.readers.base import PostingError, RawPosting
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
        # Tags end at a `>`: counted up to the last one, each `<a` of `<a<a<a...` is not
        # scanned to the end of the head (quadratic).
        return bool(_STARTS_WITH_TAG.match(head)) and len(_TAG.findall(head, 0, head.rfind(">") + 1)) >= 2

    def read(self, text: str) -> RawPosting:
        scan = _Scanner()
        # After the last `>` no tag, comment or declaration can end: html.parser would
        # retry each `<` there to the end of the text when it closes (quadratic in
        # `<a <a <a ...`), then keep it as text.  Given as text (`&lt;`), it is read once.
        last = text.rfind(">") + 1
        try:
            scan.feed(text[:last] + text[last:].replace("<", "&lt;"))
            scan.close()
        except AssertionError as err:  # Python 3.11's html.parser on `<![` without a name
            raise PostingError(f"HTML the parser cannot read: {err}") from err
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


# `<body ...>` up to the first `</body>` or the end; `<head>...</head>` removed.  Each is
# searched only up to the last `>` / `</head>`: no match can end later, and every
# start of `<body<body...` or `<head<head...` scanned to the end of the text.
_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.I)
_BODY_CLOSE = re.compile(r"</body\s*>", re.I)
_HEAD = re.compile(r"<head\b.*?</head\s*>", re.I | re.S)
_HEAD_CLOSE = re.compile(r"</head\s*>", re.I)


def _body_of(text: str, title: str | None) -> str:
    """The page's body markup, without the heading that became the title."""
    m = _BODY_OPEN.search(text, 0, text.rfind(">") + 1)
    if m:
        close = _BODY_CLOSE.search(text, m.end())
        body = text[m.end() : close.start() if close else len(text)]
    else:
        cut = max((c.end() for c in _HEAD_CLOSE.finditer(text)), default=0)
        body = _HEAD.sub("", text[:cut]) + text[cut:]
    if title:
        for start, end, inner_html in _headings(body):
            inner = " ".join(html.unescape(re.sub(r"<[^>]+>", "", inner_html)).split())
            if inner == title:
                body = body[:start] + body[end:]
                break
    return body.strip()


_HEADING_OPEN = re.compile(r"<h([12])\b[^>]*>", re.I)
_HEADING_CLOSE = {level: re.compile(rf"</h{level}\s*>", re.I) for level in "12"}


def _headings(body: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, inner markup) of each `<h1>`/`<h2>` element, left to right.

    The matches of ``<h([12])\\b[^>]*>(?P<inner>.*?)</h\\1\\s*>`` (re.I, re.S), found in
    linear time: the regex scanned to the end of the text from every unclosed `<h1`.
    """
    pos, last = 0, body.rfind(">") + 1
    closes: dict[str, tuple[int, re.Match[str] | None]] = {}  # level: (searched from, first close)
    while (opening := _HEADING_OPEN.search(body, pos, last)) is not None:
        level = opening[1]
        known = closes.get(level)
        if known is None or known[0] > opening.end() or (known[1] and known[1].start() < opening.end()):
            known = closes[level] = (opening.end(), _HEADING_CLOSE[level].search(body, opening.end()))
        close = known[1]
        if close is None:
            pos = opening.start() + 1
            continue
        yield opening.start(), close.end(), body[opening.end() : close.start()]
        pos = close.end()
