"""Finds active content (anything a browser would run) in built output files."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

FORBIDDEN_ELEMENTS = {
    "iframe", "object", "embed", "form", "base", "style", "frame", "frameset", "applet",
    "svg", "math", "template", "input", "button", "textarea", "select", "isindex", "xss",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background",
                  "lowsrc", "dynsrc", "srcset", "cite", "longdesc", "ping"}  # fmt: skip
BAD_SCHEMES = ("javascript", "data", "vbscript", "livescript", "mocha")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)


def bad_url(value: str) -> bool:
    """A URL a browser would run: javascript:/data:/vbscript:, however it is disguised."""
    text = re.sub(r"[\x00-\x20\x7f]+", "", value)
    match = _SCHEME.match(text)
    return bool(match) and match.group(1).lower() in BAD_SCHEMES


# The theme's own active parts, which no posting can produce: the front page's search script
# (relative links to static/search-engine.js and static/search.js), its search form with its controls
# and the `<template id="job-card">` its results are made from.
_THEME_SCRIPT = re.compile(r"^(?:\.\./)*static/search(?:-engine)?\.js$")
_SEARCH_FORM_ID = "job-search"
_FORM_CONTROLS = {"input", "select", "button"}
_SEARCH_FORM_ATTRIBUTES = {
    "id", "class", "role", "aria-label", "data-root", "data-today", "data-strings", "hidden"
}


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.scripts: list[str] = []
        self._in_ld = False
        self._in_search_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        theme_form = tag == "form" and a.get("id") == _SEARCH_FORM_ID and set(a) <= _SEARCH_FORM_ATTRIBUTES
        if theme_form:
            self._in_search_form = True
        elif tag in FORBIDDEN_ELEMENTS and not (self._in_search_form and tag in _FORM_CONTROLS) and not (
            tag == "button" and a.get("id") == "search-more"
        ) and not (tag == "template" and a == {"id": "job-card"}):  # the empty card for search results
            self.problems.append(f"<{tag}> element")
        if tag == "script":
            if a.get("type") == "application/ld+json" and "src" not in a:
                self._in_ld = True
                self.scripts.append("")
            elif not (_THEME_SCRIPT.match(a.get("src", "")) and set(a) <= {"src", "defer"}):
                self.problems.append(f"<script {a}>")
        if tag == "meta" and a.get("http-equiv", "").lower() in ("refresh", "set-cookie"):
            self.problems.append(f"<meta http-equiv={a['http-equiv']}>")
        if tag == "link" and a.get("rel") not in ("stylesheet", "canonical", "alternate", "icon"):
            self.problems.append(f"<link {a}>")
        for name, value in a.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler")
            if name == "style":
                self.problems.append(f"<{tag} style=...> attribute")
            if name in URL_ATTRIBUTES and bad_url(value):
                self.problems.append(f"<{tag} {name}={value[:60]!r}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._in_ld = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_ld = False
        if tag == "form":
            self._in_search_form = False

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.scripts[-1] += data


def html_problems(text: str) -> list[str]:
    finder = _Finder()
    finder.feed(text)
    finder.close()
    problems = finder.problems
    for script in finder.scripts:
        try:
            problems += json_problems(json.loads(script))
        except ValueError:
            problems.append("JSON-LD that is not JSON")
        if "<" in script or ">" in script:
            problems.append("JSON-LD with a raw < or > (must be \\u003c / \\u003e)")
    return problems


def _url_key(key: str) -> bool:
    key = key.lower()
    return key.endswith("url") or key in ("sameas", "href", "logo", "image", "@id", "link", "src")


def json_problems(data: object) -> list[str]:
    """URL-valued strings (keys like `url`, `apply_url`, `sameAs`) with a bad scheme."""
    problems: list[str] = []
    stack: list[tuple[str, object]] = [("", data)]
    while stack:
        key, item = stack.pop()
        if isinstance(item, dict):
            stack.extend((str(k), v) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((key, v) for v in item)
        elif isinstance(item, str) and _url_key(key) and bad_url(item):
            problems.append(f"JSON {key}: {item[:60]!r}")
    return problems


def xml_problems(text: str) -> list[str]:
    """Feeds and sitemaps: bad link URLs; escaped HTML content checked as HTML."""
    problems: list[str] = []
    root = ET.fromstring(text)
    for element in root.iter():
        for name, value in element.attrib.items():
            if name in ("href", "src") and bad_url(value):
                problems.append(f"feed link {value[:60]!r}")
        if element.text and element.tag.endswith("loc") and bad_url(element.text):
            problems.append(f"sitemap URL {element.text[:60]!r}")
        if element.text and element.get("type") in ("html", "xhtml"):
            problems += html_problems(element.text)
    return problems


def output_problems(output: Path) -> dict[str, list[str]]:
    """Every problem in every page, feed and JSON file of a built site, by file."""
    found: dict[str, list[str]] = {}
    for path in sorted(output.rglob("*")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            problems = html_problems(text)
        elif path.suffix == ".xml":
            problems = xml_problems(text)
        elif path.suffix == ".json":
            problems = json_problems(json.loads(text))
        else:
            continue
        if problems:
            found[path.relative_to(output).as_posix()] = problems
    return found
