"""Shape 1: Markdown (or HTML) with YAML front matter.

Keys are matched loosely against the names in field_names (`Apply-URL`, `applyUrl`,
`how_to_apply`); every value is cleaned first (field_values: mojibake, control and
bidi characters, sets in a stable order). Unknown keys become warnings that
`jobboard check` shows, with a did-you-mean; the build is silent about them.

The file is split and its YAML loaded by python-frontmatter, through a handler that knows
this reader's fences (`_Fences`) and loads with the hardened loader (yaml_safe).
"""

from __future__ import annotations

import re
from typing import Any

import frontmatter

from generator.model.posting import Origin
from generator.readers.base import PostingError, RawPosting
from generator.readers.fence import MISSING_FENCE_WARNING, fenceless_front_matter
from generator.readers.field_names import by_field, did_you_mean, is_known_key, normalise
from generator.readers.field_values import clean_text, clean_value
from generator.readers.structured_data import remove_json_ld, set_structured_fields
from generator.readers.yaml_safe import HardenedYAMLHandler, load_front_matter

_OPEN = re.compile(r"\A\ufeff?---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


class FrontMatterReader:
    """YAML front matter between `---` fences (the opening fence may be missing)."""

    name = "front matter"

    def accepts(self, text: str) -> bool:
        return self._split(text) is not None

    def read(self, text: str) -> RawPosting:
        fences = _Fences()
        if not fences.detect(text):
            raise PostingError("no front matter: no `---` fence closes the `key: value` block")
        metadata, body = frontmatter.parse(text, handler=fences)
        data = clean_value(metadata)
        raw = RawPosting(reader=self.name, body=body)
        if fences.first_line == 1:
            raw.warnings.append(MISSING_FENCE_WARNING)
        fill_fields(raw, data, key_lines(fences.yaml_text, fences.first_line))
        if looks_like_html(raw.body):
            raw.body_format = "html"
        # A JSON-LD block in the body: its fields after the front matter's, then out of the body.
        set_structured_fields(raw, raw.body)
        raw.body = remove_json_ld(raw.body)
        return raw

    @staticmethod
    def _split(text: str) -> tuple[str, str, int] | None:
        opening = _OPEN.match(text)
        if opening:
            close = _CLOSE.search(text, opening.end())
            if close is None:
                return None
            return text[opening.end() : close.start()], text[close.end() :], 2
        fenceless = fenceless_front_matter(text)
        if fenceless is not None and _loads(fenceless[0]):
            return *fenceless, 1
        return None


class _Fences(HardenedYAMLHandler):
    """The handler python-frontmatter splits a file with: this reader's fences (`_split`)."""

    yaml_text = ""

    def detect(self, text: str) -> bool:
        return FrontMatterReader._split(text) is not None

    def split(self, text: str) -> tuple[str, str]:
        split = FrontMatterReader._split(text)
        if split is None:
            raise ValueError("no front matter")
        self.yaml_text, body, self.first_line = split
        return self.yaml_text, body


def _loads(yaml_text: str) -> bool:
    """Is this block (front matter without its opening fence) YAML? Else the text is left
    to the other readers, as it was before such blocks were recognised."""
    try:
        load_front_matter(yaml_text, first_line=1)
    except PostingError:
        return False
    return True


def fill_fields(raw: RawPosting, data: dict[str, Any], lines: dict[str, int]) -> None:
    """Set the raw fields that front-matter keys state (see field_names); a warning for each
    unknown key, with a did-you-mean and its line when known."""
    found = by_field(data.items())
    for name, (_key, value) in found.items():
        raw.set(name, _scheme_joined(data, name, value), Origin.FRONT_MATTER)
    _join_city_and_country(raw, data, found)
    if not raw.body.strip():
        summary = next((v for k, v in data.items() if normalise(k) == "description"), None)
        if isinstance(summary, str):
            raw.body = summary.strip()  # a front-matter-only file: its description is the body
    for key in data:
        if not is_known_key(key):
            guess = did_you_mean(key)
            hint = f": did you mean {guess!r}?" if guess else ""
            line = lines.get(key)
            where = f" (line {line})" if line else ""
            raw.warnings.append(f"unknown front-matter key {key[:40]!r}{hint}{where}")


def _join_city_and_country(raw: RawPosting, data: dict[str, Any], found: dict[str, tuple[str, Any]]) -> None:
    """`city: Leeds` and `country: UK` are one place, `Leeds, UK`."""
    key, value = found.get("locations", ("", None))
    if normalise(key) not in ("city", "office", "office location") or not isinstance(value, str):
        return
    country = next((v for k, v in data.items() if normalise(k) == "country"), None)
    if isinstance(country, str) and country.strip() and country.casefold() not in value.casefold():
        raw.fields["locations"].value = f"{value.strip()}, {country.strip()}"


def key_lines(yaml_text: str, first_line: int) -> dict[str, int]:
    """The line of each top-level key of a front-matter block (the first, when repeated)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(yaml_text.split("\n"), start=first_line):
        if line[:1] not in ("", " ", "\t", "#", "-", "?") and ":" in line:
            key = clean_text(line.split(":", 1)[0]).strip().strip("\"'").strip()
            lines.setdefault(key, number)
    return lines


def _scheme_joined(data: dict[str, Any], name: str, value: Any) -> Any:
    """work-creative style `http: http` + `apply: example.com/job` gives a full URL; a bare
    e-mail address to apply to is a `mailto:` link."""
    if name in ("apply_url", "source_url", "company_url") and isinstance(value, str) and "://" not in value:
        text = value.strip()
        if name == "apply_url" and "@" in text and " " not in text:
            return "mailto:" + text.removeprefix("mailto:")
        scheme = next((v for k, v in data.items() if normalise(k) == "http"), None)
        if isinstance(scheme, str) and scheme.strip() in ("http", "https") and " " not in text:
            return f"{scheme.strip()}://{text}"
        if re.match(r"^[\w.-]+\.[a-z]{2,}(/\S*)?$", text):
            return "https://" + text
    return value


_HTML_BLOCK = re.compile(r"<(p|div|ul|ol|li|h[1-6]|br|table|strong|span)\b[^>]*>", re.I)


def looks_like_html(body: str) -> bool:
    """An HTML body (many tags, few Markdown markers) is sanitized, not Markdown-rendered."""
    # Only up to the last `>`: a tag cannot end after it, and without the limit every
    # `<p` of a run such as `<p<p<p...` scanned to the end of the text (quadratic).
    tags = len(_HTML_BLOCK.findall(body, 0, body.rfind(">") + 1))
    return tags >= 3 and tags * 3 > body.count("\n\n")
