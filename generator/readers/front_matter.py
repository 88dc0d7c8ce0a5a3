"""Shape 1: Markdown (or HTML) with YAML front matter."""

from __future__ import annotations

import re
from typing import Any

from generator.model.posting import Origin
from generator.readers.base import PostingError, RawPosting
from generator.readers.yaml_safe import load_front_matter

# Every accepted key, by the field it fills. The first key present wins.
KEY_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "job_title", "position", "role"),
    "company": ("company", "company_name", "organization", "organisation", "employer", "hiring_organization"),
    "locations": ("locations", "location", "city", "place"),
    "apply_url": ("apply_url", "apply", "application_url", "url", "source_url"),
    "source_url": ("source_url", "url"),
    "company_url": ("company_url", "company_website", "website"),
    "employment_type": ("employment_type", "type", "contract", "job_type"),
    "date": ("date_posted", "date", "posted", "created", "post-date", "post_date", "published"),
    "salary": ("salary", "compensation", "pay"),
    "salary_min": ("salary_min", "min_salary"),
    "salary_max": ("salary_max", "max_salary"),
    "currency": ("currency", "salary_currency"),
    "salary_period": ("salary_period", "period"),
    "valid_through": ("valid_through", "expires", "expiry", "deadline", "closes"),
    "tags": ("tags", "keywords", "skills"),
    "draft": ("draft",),
    "remote": ("remote",),
}

_OPEN = re.compile(r"\A\ufeff?---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
# Some exports omit the opening fence: `key: value` lines, then `---`.
_BARE_KEY = re.compile(r"\A[A-Za-z_][\w-]*:[ \t]")


class FrontMatterReader:
    """YAML front matter between `---` fences (the opening fence may be missing)."""

    name = "front matter"

    def accepts(self, text: str) -> bool:
        return self._split(text) is not None

    def read(self, text: str) -> RawPosting:
        split = self._split(text)
        if split is None:
            raise PostingError("no front matter: no `---` fence closes the `key: value` block")
        yaml_text, body, first_line = split
        data = load_front_matter(yaml_text, first_line=first_line)
        raw = RawPosting(reader=self.name, body=body.strip("\n"))
        for name, keys in KEY_ALIASES.items():
            for key in keys:
                if key in data and data[key] not in (None, "", []):
                    raw.set(name, _scheme_joined(data, key, data[key]), Origin.FRONT_MATTER)
                    break
        if looks_like_html(raw.body):
            raw.body_format = "html"
        return raw

    @staticmethod
    def _split(text: str) -> tuple[str, str, int] | None:
        opening = _OPEN.match(text)
        if opening:
            close = _CLOSE.search(text, opening.end())
            if close is None:
                return None
            return text[opening.end() : close.start()], text[close.end() :], 2
        if _BARE_KEY.match(text):
            close = _CLOSE.search(text)
            if close is not None and close.start() > 0:
                head = text[: close.start()]
                if all(
                    _BARE_KEY.match(line) or line[:1] in " \t-#" or not line.strip()
                    for line in head.splitlines()
                ):
                    return head, text[close.end() :], 1
        return None


def _scheme_joined(data: dict[str, Any], key: str, value: Any) -> Any:
    """work-creative style `http: http` + `apply: example.com/job` gives a full URL."""
    if key in ("apply", "url") and isinstance(value, str) and "://" not in value:
        if "@" in value and " " not in value.strip():
            return "mailto:" + value.strip().removeprefix("mailto:")
        scheme = data.get("http")
        if isinstance(scheme, str) and scheme.strip() in ("http", "https"):
            return f"{scheme.strip()}://{value.strip()}"
        if re.match(r"^[\w.-]+\.[a-z]{2,}(/|$)", value.strip()):
            return "https://" + value.strip()
    return value


_HTML_BLOCK = re.compile(r"<(p|div|ul|ol|li|h[1-6]|br|table|strong|span)\b[^>]*>", re.I)


def looks_like_html(body: str) -> bool:
    """An HTML body (many tags, few Markdown markers) is sanitized, not Markdown-rendered."""
    # Only up to the last `>`: a tag cannot end after it, and without the limit every
    # `<p` of a run such as `<p<p<p...` scanned to the end of the text (quadratic).
    tags = len(_HTML_BLOCK.findall(body, 0, body.rfind(">") + 1))
    return tags >= 3 and tags * 3 > body.count("\n\n")
