"""Shape 2: scraped Markdown with the metadata in its first lines (seed 000).

# [Title](apply-url)
### Company
#### `💰 salary` `🌎 locations`
"""

from __future__ import annotations

import re

from generator.model.posting import Origin
from generator.readers.base import RawPosting

_TITLE = re.compile(r"^#[ \t]+(?:\[(?P<linked>.+?)\]\((?P<url>[^)\s]+)\)|(?P<plain>.+?))[ \t]*$")
_COMPANY = re.compile(r"^#{2,3}(?:[ \t]+(?P<company>\S.*?))?[ \t]*$")
_META = re.compile(r"^#{2,5}[ \t]*(?P<spans>(?:`[^`\n]*`[ \t]*)*)$")
_SPAN = re.compile(r"`([^`\n]*)`")
_SALARY_MARK = ("💰", "💵", "💲")
_LOCATION_MARK = ("🌎", "🌍", "🌏", "📍")
_DIGIT = re.compile(r"\d")


class ScrapedMarkdownReader:
    """A linked or plain H1, then an H2/H3 company line, then a heading of code spans."""

    name = "scraped markdown"

    def accepts(self, text: str) -> bool:
        lines = _head(text)
        return (
            len(lines) >= 3
            and _TITLE.match(lines[0]) is not None
            and _COMPANY.match(lines[1]) is not None
            and _META.match(lines[2]) is not None
        )

    def read(self, text: str) -> RawPosting:
        lines = text.split("\n")
        indexes = [i for i, line in enumerate(lines) if line.strip()][:3]
        title_m = _TITLE.match(lines[indexes[0]].strip())
        company_m = _COMPANY.match(lines[indexes[1]].strip())
        meta_m = _META.match(lines[indexes[2]].strip())
        assert title_m and company_m and meta_m, "accepts() was not called"
        raw = RawPosting(reader=self.name, body="\n".join(lines[indexes[2] + 1 :]).strip("\n"))
        raw.set("title", (title_m["linked"] or title_m["plain"]).strip(), Origin.HEADING)
        raw.set("apply_url", title_m["url"], Origin.HEADING)
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


def _head(text: str) -> list[str]:
    return [line.strip() for line in text[:4000].split("\n") if line.strip()][:3]



def _unmark(value: str) -> str:
    return value[1:].lstrip("\ufe0f").strip()
