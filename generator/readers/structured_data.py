"""schema.org JobPosting in a page (JSON-LD, microdata) -> the raw fields the readers use.

Careers sites and job aggregators embed the posting as structured data for search engines.
What it states is what the employer or the board meant, so readers set these fields before
anything they guess from the visible page (front matter still wins). Bad JSON, odd shapes and
hostile sizes never raise: whatever cannot be read is simply not a source. Work is bounded by
the caps below, whatever the page holds. See docs/structured-data.md.
"""

from __future__ import annotations

import html
import json
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from generator.extract.locations import country_name
from generator.model.posting import Origin
from generator.readers.base import RawPosting

# Caps that keep the work bounded on hostile pages.
_MAX_BLOCKS = 20  # JSON-LD script blocks read per page
_MAX_BLOCK_CHARS = 2_000_000  # characters of one block
_MAX_NODES = 2_000  # objects visited per block while looking for a JobPosting
_MAX_DEPTH = 12  # nesting followed while looking for a JobPosting or reading a value
_MAX_ITEMS = 20  # entries read from one list value (locations, types, skills)
_MAX_TEXT = 2_000  # characters of one scalar field (descriptions are not cut)

_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<json>.*?)(?:</script\s*>|\Z)", re.I | re.S)
_LD_JSON = re.compile(r"""\btype\s*=\s*["']?\s*application/ld\+json""", re.I)
_WRAPPERS = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:\]\]>|-->)\s*$")
_TRAILING_COMMA = re.compile(r",\s*(?=[}\]])")
_MICRODATA = re.compile(r"""itemtype\s*=\s*["']?[^"'>]*JobPosting""", re.I)
_TAG = re.compile(r"<[^>]+>")
_INVISIBLE = re.compile(r"<(script|style|template|noscript)\b.*?</\1\s*>", re.I | re.S)
_PERIODS = {
    "HOUR": "HOUR", "HOURLY": "HOUR", "DAY": "DAY", "DAILY": "DAY", "WEEK": "WEEK",
    "WEEKLY": "WEEK", "MONTH": "MONTH", "MONTHLY": "MONTH", "YEAR": "YEAR", "YEARLY": "YEAR",
    "ANNUAL": "YEAR", "ANNUALLY": "YEAR",
}  # fmt: skip

# Stashed on the RawPosting by the reader, used once the reader is done (see finish).
_URL_FALLBACK = "structured:url"
_DESCRIPTION = "structured:description"


@dataclass
class StructuredPosting:
    """The raw fields a JobPosting states, plus its description (HTML or text)."""

    fields: dict[str, Any] = field(default_factory=dict)
    description: str | None = None
    url: str | None = None  # the posting's own page (`url`): source, and apply URL of last resort


def has_structured_data(page: str) -> bool:
    """Cheap test: could this text hold a JSON-LD block or JobPosting microdata?"""
    return "ld+json" in page or ("itemtype" in page and "JobPosting" in page)


def read_structured_data(page: str) -> StructuredPosting | None:
    """The first JobPosting of the page (JSON-LD first, then microdata), or None."""
    if not has_structured_data(page):
        return None
    for node in json_ld_nodes(page):
        posting = _job_posting_in(node)
        if posting is not None:
            return map_job_posting(posting)
    if _MICRODATA.search(page):
        posting = microdata_job_posting(page)
        if posting is not None:
            return map_job_posting(posting)
    return None


def set_structured_fields(raw: RawPosting, page: str) -> None:
    """Set every field the page's JobPosting states (first value wins, as everywhere)."""
    found = read_structured_data(page)
    if found is None:
        return
    for name, value in found.fields.items():
        raw.set(name, value, Origin.JSON_LD)
    raw.set(_URL_FALLBACK, found.url, Origin.JSON_LD)
    raw.set(_DESCRIPTION, found.description, Origin.JSON_LD)


def finish_structured_fields(raw: RawPosting) -> None:
    """After the reader: the JSON-LD `url` as apply URL only when the page gave none,
    the JSON-LD description as the body only when the page has no visible text."""
    url = raw.fields.pop(_URL_FALLBACK, None)
    description = raw.fields.pop(_DESCRIPTION, None)
    if url is not None:
        raw.set("apply_url", url.value, Origin.JSON_LD)
    if description is not None and not visible_text(raw.body):
        text = str(description.value)
        if _TAG.search(text):
            raw.body, raw.body_format = text, "html"
        else:
            raw.body, raw.body_format = text, "markdown"


def visible_text(body: str) -> str:
    """The text a reader would see in a body (markup, scripts and styles removed)."""
    return " ".join(html.unescape(_TAG.sub(" ", _INVISIBLE.sub(" ", body))).split())


def remove_json_ld(text: str) -> str:
    """The text without its JSON-LD script blocks (for bodies that carry one)."""
    if "ld+json" not in text:
        return text
    return _SCRIPT.sub(lambda m: "" if _LD_JSON.search(m["attrs"]) else m[0], text)


# --- JSON-LD ---------------------------------------------------------------------------


def json_ld_nodes(page: str) -> Iterator[Any]:
    """The parsed value of each readable JSON-LD block of the page, in order, parsed only
    when asked for (unreadable blocks are left out)."""
    blocks = 0
    for m in _SCRIPT.finditer(page):
        if not _LD_JSON.search(m["attrs"]):
            continue
        blocks += 1
        if blocks > _MAX_BLOCKS:
            return
        value = parse_json_ld(m["json"][:_MAX_BLOCK_CHARS])
        if value is not None:
            yield value


def parse_json_ld(text: str) -> Any:
    """One block's JSON, forgiving what real pages do to it; None when it cannot be read.

    Tried in turn: as it is; without comment/CDATA wrappers; with HTML entities decoded
    (`&quot;`); without trailing commas; and finally the first complete value of the text
    (garbage after it ignored).
    """
    text = _WRAPPERS.sub("", text.strip()).strip()
    if not text:
        return None
    candidates = [text]
    if "&" in text:
        candidates.append(html.unescape(text))
    for candidate in list(candidates):
        if _TRAILING_COMMA.search(candidate):
            candidates.append(_TRAILING_COMMA.sub("", candidate))
    decoder = json.JSONDecoder(strict=False)
    for candidate in candidates:
        try:
            return decoder.decode(candidate)
        except (ValueError, RecursionError):
            pass
    for candidate in candidates:
        try:
            return decoder.raw_decode(candidate)[0]
        except (ValueError, RecursionError):
            pass
    return None


def _key(name: str) -> str:
    """`schema:title`, `http://schema.org/title` and `title` are one key."""
    if name.startswith("@"):
        return name
    return name.rsplit("/", 1)[-1].rsplit(":", 1)[-1].rsplit("#", 1)[-1]


def _normalised(node: dict[str, Any]) -> dict[str, Any]:
    """The node with prefixed or full-IRI keys shortened (the first spelling of a key wins)."""
    out: dict[str, Any] = {}
    for name, value in node.items():
        if isinstance(name, str):
            out.setdefault(_key(name), value)
    return out


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type", node.get("type"))
    names = value if isinstance(value, list) else [value]
    return {_key(n).lower() for n in names[:_MAX_ITEMS] if isinstance(n, str)}


def _job_posting_in(value: Any) -> dict[str, Any] | None:
    """The first JobPosting object in a parsed block (lists, `@graph`, nesting), breadth first.

    `@id` references inside the block (`"hiringOrganization": {"@id": "#org"}`) are resolved.
    """
    queue: deque[tuple[Any, int]] = deque([(value, 0)])
    by_id: dict[str, dict[str, Any]] = {}
    found: dict[str, Any] | None = None
    visited = 0
    while queue and visited < _MAX_NODES:
        item, depth = queue.popleft()
        visited += 1
        if depth >= _MAX_DEPTH:
            continue
        children = item[:_MAX_NODES] if isinstance(item, list) else []
        if isinstance(item, dict):
            node = _normalised(item)
            if isinstance(node.get("@id"), str) and len(node) > 1:
                by_id.setdefault(node["@id"], node)
            if found is None and "jobposting" in _types(node):
                found = node
            children = list(node.values())
        for child in children:
            if isinstance(child, dict | list) and len(queue) < _MAX_NODES:
                queue.append((child, depth + 1))
    if found is None:
        return None
    return _with_references(found, by_id)


def _with_references(node: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Top-level property values that are only `{"@id": ...}` replaced by the node they name."""
    if not by_id:
        return node
    out = dict(node)
    for name, value in node.items():
        if isinstance(value, dict) and set(value) == {"@id"} and value["@id"] in by_id:
            out[name] = by_id[value["@id"]]
    return out


# --- mapping ---------------------------------------------------------------------------


def map_job_posting(node: dict[str, Any]) -> StructuredPosting:
    """A JobPosting object (JSON-LD or microdata, as dicts) -> raw reader fields."""
    node = _normalised(node)
    out = StructuredPosting()
    f = out.fields
    f["title"] = _text(node.get("title")) or _text(node.get("name"))
    organization = _first(node.get("hiringOrganization"))
    if isinstance(organization, dict):
        organization = _normalised(organization)
        f["company"] = _text(organization.get("name")) or _text(organization.get("legalName"))
        f["company_url"] = _http_url(organization.get("sameAs")) or _http_url(organization.get("url"))
    else:
        f["company"] = _text(organization)
    remote = any(_text(t).upper() == "TELECOMMUTE" for t in _items(node.get("jobLocationType")))
    places = [p for p in (_place(v) for v in _items(node.get("jobLocation"))) if p]
    if remote:
        f["remote"] = True
        wanted = [c for c in (_place(v) for v in _items(node.get("applicantLocationRequirements"))) if c]
        places.insert(0, f"Remote ({', '.join(wanted)} only)" if wanted else "Remote")
    f["locations"] = list(dict.fromkeys(places))
    f["employment_type"] = _employment_type(node.get("employmentType"))
    _salary(node, f)
    f["date"] = _text(node.get("datePosted"))
    f["valid_through"] = _text(node.get("validThrough"))
    f["apply_url"] = _apply_url(node.get("potentialAction"))
    contact = _first(node.get("applicationContact"))
    f["contact"] = _normalised(contact) if isinstance(contact, dict) else _text(contact)
    out.url = _http_url(node.get("url"))
    f["source_url"] = out.url
    f["tags"] = _tags(node)
    description = _first(node.get("description"))
    if isinstance(description, dict):
        description = description.get("@value")
    if isinstance(description, str) and description.strip():
        text = description.strip()
        # Some sites escape the description's markup once more (`&lt;p&gt;`).
        out.description = html.unescape(text) if "&lt;" in text and "<" not in text else text
    out.fields = {k: v for k, v in f.items() if v not in (None, "", [])}
    return out


def _first(value: Any) -> Any:
    """A single value where one is expected: the first entry of a list."""
    while isinstance(value, list):
        value = value[0] if value else None
    return value


def _items(value: Any) -> list[Any]:
    """A list value (a single value is a list of one), capped."""
    if value is None:
        return []
    return (value if isinstance(value, list) else [value])[:_MAX_ITEMS]


def _text(value: Any) -> str:
    """A scalar as one line of text: `{"@value": ...}` unwrapped, entities decoded, capped."""
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("@value", value.get("name"))
        value = _first(value)
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        return ""
    text = html.unescape(str(value)) if "&" in str(value) else str(value)
    return " ".join(text[:_MAX_TEXT].split())


def _http_url(value: Any) -> str | None:
    for item in _items(value):
        text = _text(item if not isinstance(item, dict) else item.get("@id") or item.get("url"))
        if re.match(r"^https?://\S+$", text, re.I):
            return text
    return None


def _apply_url(action: Any) -> str | None:
    """`potentialAction: {"@type": "ApplyAction", "target": url or EntryPoint}`."""
    for item in _items(action):
        if isinstance(item, dict) and "applyaction" in _types(item):
            item = _normalised(item)
            target = _first(item.get("target"))
            if isinstance(target, dict):
                target = _normalised(target)
                target = target.get("urlTemplate") or target.get("url")
            url = _http_url(target) or _http_url(item.get("url"))
            if url:
                return url
    return None


def _country(value: Any) -> str:
    """addressCountry as a code (`AU`), a name, or a Country object -> a display name."""
    text = _text(value)
    if len(text) == 2 and text.isalpha():
        return country_name(text.upper()) or text
    return text


def _place(value: Any) -> str:
    """A Place, PostalAddress, Country or plain string -> `Locality, Region, Country`."""
    value = _first(value)
    if not isinstance(value, dict):
        return _text(value)
    node = _normalised(value)
    address = _first(node.get("address"))
    if isinstance(address, str):
        return _text(address)
    if isinstance(address, dict):
        node = _normalised(address)
    parts = [
        _text(node.get("addressLocality")),
        _text(node.get("addressRegion")),
        _country(node.get("addressCountry")),
    ]
    parts = [p for i, p in enumerate(parts) if p and p not in parts[:i]]
    if parts:
        return ", ".join(parts)
    return _country(node.get("name"))


def _employment_type(value: Any) -> str:
    """The first stated type (the model keeps one); `FULL_TIME, PART_TIME` in one string too."""
    items = [_text(v) for v in _items(value)]
    items = [part.strip() for item in items for part in item.split(",") if part.strip()]
    return items[0] if items else ""


def _number(value: Any) -> float | str | None:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("@value")
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value) if value == value and abs(value) < 1e12 else None
    return _text(value) or None


def _salary(node: dict[str, Any], f: dict[str, Any]) -> None:
    """baseSalary: a MonetaryAmount whose value is a number or a QuantitativeValue."""
    amount = _first(node.get("baseSalary"))
    if amount is None:
        return
    currency = _text(node.get("salaryCurrency"))
    if isinstance(amount, dict):
        amount = _normalised(amount)
        currency = _text(amount.get("currency")) or currency
        value = _first(amount.get("value"))
        unit = _text(amount.get("unitText"))
        if isinstance(value, dict) and "@value" not in value:
            value = _normalised(value)
            unit = _text(value.get("unitText")) or unit
            low, high = _number(value.get("minValue")), _number(value.get("maxValue"))
            if low is None and high is None:
                low = _number(value.get("value"))
        else:
            low, high = _number(value), None
    else:
        low, high, unit = _number(amount), None, ""
    if low is None and high is None:
        return
    f["salary_min"], f["salary_max"] = low, high
    f["currency"] = currency.upper() if re.fullmatch(r"[A-Za-z]{3}", currency) else None
    f["salary_period"] = _PERIODS.get(unit.upper().replace(" ", ""))


def _tags(node: dict[str, Any]) -> list[str]:
    """skills (text, list or DefinedTerm) and an occupationalCategory that is words, not a code."""
    tags: list[str] = []
    for item in _items(node.get("skills")):
        text = _text(item)
        tags.extend(t.strip() for t in re.split(r"[,;]", text) if t.strip())
    for item in _items(node.get("occupationalCategory")):
        text = _text(item)
        if text and not re.search(r"\d", text) and len(text) <= 60:
            tags.append(text)
    return [t for t in dict.fromkeys(tags) if len(t) <= 60][:_MAX_ITEMS]


# --- microdata -------------------------------------------------------------------------


def microdata_job_posting(page: str) -> dict[str, Any] | None:
    """The first `itemscope itemtype=".../JobPosting"` element as a JSON-LD-like dict."""
    parser = _Microdata()
    try:
        parser.feed(page)
        parser.close()
    except (AssertionError, ValueError):  # html.parser on pathological markup
        pass
    return parser.result


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_VALUE_ATTRS = {"a": "href", "link": "href", "area": "href", "img": "src", "time": "datetime",
                "meta": "content", "data": "value", "meter": "value", "object": "data"}  # fmt: skip


@dataclass
class _Text:
    """The text of an open element whose itemprop takes its text as the value."""

    prop: str
    depth: int
    chunks: list[str] = field(default_factory=list)
    size: int = 0

    def value(self) -> str:
        return " ".join("".join(self.chunks).split())


class _Microdata(HTMLParser):
    """Builds nested dicts from itemscope/itemprop, starting at the first JobPosting scope."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.result: dict[str, Any] | None = None
        self._scopes: list[tuple[dict[str, Any], int]] = []  # (item, element depth)
        self._texts: list[_Text] = []
        self._depth = 0
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.result is not None and not self._scopes:
            return  # the first JobPosting is complete
        a = {k: (v or "") for k, v in attrs}
        void = tag in _VOID
        if not void:
            self._depth += 1
        if tag in ("script", "style", "template"):
            self._skip += 1
        prop = a.get("itemprop", "").split()
        if "itemscope" in a:
            item: dict[str, Any] = {"@type": a.get("itemtype", "")}
            if self._scopes and prop:
                self._add(prop, item)
            if self._scopes or "jobposting" in a.get("itemtype", "").lower():
                if len(self._scopes) < _MAX_DEPTH and not void:
                    self._scopes.append((item, self._depth))
            return
        if not self._scopes or not prop:
            return
        attr = _VALUE_ATTRS.get(tag)
        if "content" in a:
            self._add(prop, a["content"])
        elif attr and attr in a:
            self._add(prop, a[attr])
        elif not void and len(self._texts) < _MAX_DEPTH:
            self._texts.append(_Text(prop[0], self._depth))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1
        while self._texts and self._texts[-1].depth >= self._depth:
            text = self._texts.pop()
            self._add([text.prop], text.value())
        while self._scopes and self._scopes[-1][1] >= self._depth:
            item, _depth = self._scopes.pop()
            if not self._scopes and self.result is None:
                self.result = item
        self._depth = max(0, self._depth - 1)

    def handle_data(self, data: str) -> None:
        if self._skip or not self._texts:
            return
        for text in self._texts:
            if text.size < _MAX_TEXT:
                text.chunks.append(data)
                text.size += len(data)

    def close(self) -> None:
        super().close()
        while self._texts:
            text = self._texts.pop()
            self._add([text.prop], text.value())
        if self._scopes and self.result is None:
            self.result = self._scopes[0][0]

    def _add(self, props: list[str], value: Any) -> None:
        if not self._scopes or value in ("", None):
            return
        item = self._scopes[-1][0]
        if isinstance(value, dict) and item is value:
            return
        for prop in props[:_MAX_ITEMS]:
            current = item.get(prop)
            if current is None:
                item[prop] = value
            elif isinstance(current, list):
                if len(current) < _MAX_ITEMS:
                    current.append(value)
            else:
                item[prop] = [current, value]
