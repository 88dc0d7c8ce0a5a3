"""Shape 2: scraped Markdown with the metadata in its first lines (seed 000).

# [Title](apply-url)
### Company
#### `💰 salary` `🌎 locations`
"""

from __future__ import annotations

import re

from generator.model.posting import Origin
from generator.readers.base import PostingError, RawPosting

_TITLE_MARK = re.compile(r"#[ \t]+")
_URL_TAIL = re.compile(r"[^)\s]*")
# The company ends at its last character that is not a space or tab; written so that
# it cannot backtrack (`\\S.*?[ \\t]*$` was quadratic in a long line).
_COMPANY = re.compile(r"^#{2,3}(?:[ \t]++(?P<company>\S(?:[ \t]*+[^ \t\n])*+))?[ \t]*$")
_META = re.compile(r"^#{2,5}[ \t]*(?P<spans>(?:`[^`\n]*`[ \t]*)*)$")
_SPAN = re.compile(r"`([^`\n]*)`")
_SALARY_MARK = ("💰", "💵", "💲")
_LOCATION_MARK = ("🌎", "🌍", "🌏", "📍")
_DIGIT = re.compile(r"\d")


class ScrapedMarkdownReader:
    """A linked or plain H1, then an H2/H3 company line, then a heading of code spans."""

    name = "scraped markdown"

    def accepts(self, text: str) -> bool:
        return _head(text) is not None

    def read(self, text: str) -> RawPosting:
        head = _head(text)
        if head is None:
            raise PostingError("not scraped Markdown: no `# Title`, `### Company`, `#### `spans`` head")
        (title, url), company_m, meta_m, body_start = head
        raw = RawPosting(reader=self.name, body=text[body_start:].strip("\n"))
        raw.set("title", title.strip(), Origin.HEADING)
        raw.set("apply_url", url, Origin.HEADING)
        raw.set("company", company_m["company"], Origin.HEADING)
        for span in _SPAN.findall(meta_m["spans"]):
            value = span.strip()
            if value.startswith(_SALARY_MARK):
                raw.set("salary", _unmark(value), Origin.HEADING)
            elif value.startswith(_LOCATION_MARK):
                raw.set("locations", _unmark(value), Origin.HEADING)
            elif _DIGIT.search(value):
                raw.set("salary", value, Origin.GUESS)
            elif value:
                raw.set("locations", value, Origin.GUESS)
        return raw


_Head = tuple[tuple[str, str | None], re.Match[str], re.Match[str], int]


def _head(text: str) -> _Head | None:
    """The title, company and code-span lines (the first three non-blank lines, whole),
    and where the body starts; None when the text does not open that way.

    `accepts` and `read` both use this, so they always agree.  Only those three lines
    are looked at, however long the text is.
    """
    lines: list[str] = []
    pos = 0
    while len(lines) < 3 and pos <= len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end].strip()
        pos = end + 1
        if line:
            lines.append(line)
            if len(lines) == 1 and _title(line) is None:
                return None
    if len(lines) < 3:
        return None
    title, company_m, meta_m = _title(lines[0]), _COMPANY.match(lines[1]), _META.match(lines[2])
    if title is None or company_m is None or meta_m is None:
        return None
    return title, company_m, meta_m, min(pos, len(text))


def _title(line: str) -> tuple[str, str | None] | None:
    """(title, apply URL) of a stripped `# [Title](url)` or `# Title` line, else None.

    The same as matching ``^#[ \\t]+(?:\\[(.+?)\\]\\(([^)\\s]+)\\)|(.+?))[ \\t]*$``, in
    linear time (that regex retried its lazy parts from every `](` and every space).
    A linked title is the shortest text before a `](` after which the rest of the line
    is a URL without `)` or white space, then `)`.
    """
    mark = _TITLE_MARK.match(line)
    if mark is None or mark.end() == len(line):
        return None
    rest = line[mark.end() :]
    if rest.startswith("[") and rest.endswith(")"):
        inner = rest[:-1]
        tail = _URL_TAIL.match(inner[::-1])
        assert tail is not None  # `[^)\s]*` matches the empty string too
        url_start = len(inner) - tail.end()
        split = inner.find("](", max(2, url_start - 2))
        if split >= 0 and split + 2 < len(inner):
            return rest[1:split], inner[split + 2 :]
    return rest, None


def _unmark(value: str) -> str:
    return value[1:].lstrip("\ufe0f").strip()
