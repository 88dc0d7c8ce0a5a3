"""Shape 3 (and the fallback for anything else): plain text or Markdown without metadata.

The title comes from a file-name-like first line (seed 001), a leading `# Heading`,
or a short first line.
"""

from __future__ import annotations

import re

from generator.extract.filename_title import parse_file_name_line
from generator.model.posting import Origin
from generator.readers.base import RawPosting

# The title ends at its last character that is not a space, tab or `#`; written so
# that it cannot backtrack (`\\S.*?[ \\t#]*$` was quadratic in a long first line).
_H1 = re.compile(r"^#{1,2}[ \t]++(?P<title>\S(?:[ \t#]*+[^ \t#\n])*+)[ \t#]*$")
# A link `[text](target)`, or (second branch) a `[` that cannot start one: consumed up
# to where every later `[` before it would fail too, so no start is tried twice.
_LINK = re.compile(r"\[([^\]]*+)\]\([^)]*+\)|\[[^\]]*+(?:\]\([^)]*+)?")
_MAX_TITLE = 120


class PlainTextReader:
    """Accepts any text: it is the last reader tried."""

    name = "plain text"

    def accepts(self, text: str) -> bool:
        return True

    def read(self, text: str) -> RawPosting:
        lines = text.strip("\n").split("\n")
        first = lines[0].strip()
        rest = lines[1:]
        raw = RawPosting(reader=self.name)
        parsed = parse_file_name_line(first)
        heading = _H1.match(first)
        if parsed:
            company, title = parsed
            raw.set("company", company, Origin.FILE_NAME)
            raw.set("title", title, Origin.FILE_NAME)
            rest = _drop_repeated_title(rest, title)
        elif heading:
            raw.set("title", _strip_markup(heading["title"]), Origin.HEADING)
        elif len(first) <= _MAX_TITLE and not first.endswith((".", ",", ";")):
            raw.set("title", _strip_markup(first), Origin.GUESS)
        else:
            rest = lines
        raw.body = "\n".join(rest).strip("\n")
        return raw


def _drop_repeated_title(lines: list[str], title: str) -> list[str]:
    """Seed 001 repeats its title in lower case as the first body line."""
    for i, line in enumerate(lines):
        if line.strip():
            if _words(line) == _words(title):
                return lines[i + 1 :]
            break
    return lines


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _strip_markup(text: str) -> str:
    text = _LINK.sub(lambda m: m.group(0) if m.group(1) is None else m.group(1), text)
    return text.strip("*_` ").strip()
