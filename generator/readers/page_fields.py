"""Title, company, place, date and type of a job page, from what a person sees on it.

Works on a `PageWalk` (see page_dom). Each finder returns the value and where on the page it
was (line indexes and elements), so that the body can leave out what the metadata block
already shows. Every rule is one a reader of the page would use: the big heading is the job,
the line under it that reads `Name — tagline` or `at Name` is the employer, a `City, Country ·
Category` line holds the place, `Posted ...` is the date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from generator.extract.employment import match_employment_type
from generator.extract.locations import parse_locations
from generator.readers.field_names import label_field
from generator.readers.labels import find_labels
from generator.readers.page_dom import PageWalk, clean_text
from generator.readers.page_title import (
    TitleParts,
    employer_in_site_name,
    is_board_name,
    looks_like_place,
    same_text,
    split_page_title,
)

_BLOCKS_IN_HEADING = "p, div, ul, ol, li, table, section, article, br"
_MAX_LINE = 160  # longer lines are prose, not header lines
_HEADER_BEFORE, _HEADER_AFTER = 3, 8  # lines around the title that form the page's header
_PARTS = re.compile(r" [·•|] | / (?=\S)")
_TAGLINE = (" — ", " – ", " | ", ": ")
_AT_NAME = re.compile(r"^(?:at|by|@|bei|chez)\s+(?P<name>\S.*)$", re.I)
_GENERIC_HEADING = re.compile(
    r"^(?:careers?|jobs?|join us|join our team|open (?:positions|roles)|work with us|karriere|stellenangebote"
    r"|we(?:'|’)re hiring|current openings|job details?|apply)\b",
    re.I,
)
_POSTED = re.compile(
    r"^(?:posted|published|listed|date posted|posting date|veröffentlicht|publié|publicado|online seit)"
    r"(?: on| am| le)?:? (?P<value>\S.{0,40})$",
    re.I,
)
_RELATIVE = re.compile(
    r"^(?:(?:\d{1,3}\+?|an?|one) (?:minute|hour|day|week|month|year)s? ago"
    r"|today|yesterday|just now|just posted"
    r"|vor (?:\d{1,3}|einem|einer|1) (?:minuten?|stunden?|tag|tagen|woche|wochen|monat|monaten)|heute|gestern"
    r"|il y a \d{1,3} jours?|aujourd'hui|hace \d{1,3} días?|hoy)$",
    re.I,
)
_NOT_POSTED = re.compile(r"clos|deadline|expire|valid|apply by|bewerbungsfrist|bis zum|ends?\b|until", re.I)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# Fields whose label may stand on its own line above its value (`<dt>Location</dt><dd>Lyon</dd>`).
_PAIR_FIELDS = frozenset({"locations", "employment_type", "date", "company", "salary", "valid_through"})
_LABEL_ONLY = re.compile(r"^(?:locations?|standort|arbeitsort)\s*:?\s*", re.I)
# Label lines whose field the page's metadata block shows, so the body need not repeat them.
_SHOWN_LABELS = frozenset({"locations", "employment_type", "date", "company", "salary", "valid_through"})


@dataclass
class Seen:
    """A value seen on the page, where it was, and which kind of source gave it."""

    value: str | list[str]
    source: str  # "heading", "label" or "meta"


@dataclass
class PageFields:
    """Fields read from the visible page, and the page parts that only repeat them."""

    found: dict[str, list[Seen]] = field(default_factory=dict)  # field -> candidates, best first
    shown_lines: set[int] = field(default_factory=set)  # line indexes the metadata block shows
    shown_nodes: list[LexborNode] = field(default_factory=list)
    label_lines: set[int] = field(default_factory=set)  # those of shown_lines that are labels
    title_node: LexborNode | None = None

    def add(self, name: str, value: str | list[str] | None, source: str) -> None:
        if value:
            self.found.setdefault(name, []).append(Seen(value, source))


def read_fields(walk: PageWalk, meta: dict[str, str]) -> PageFields:
    """Everything a person reads off the page's header, labels and title bar."""
    fields = PageFields()
    page_title = meta.get("og:title") or meta.get("twitter:title") or meta.get("title")
    site_name = meta.get("og:site_name")
    title_line = _find_title(walk, fields, page_title, site_name)
    heading = _first(fields, "title")
    parts = split_page_title(page_title, heading=heading)
    if meta.get("title") and meta.get("title") != page_title:
        # og:title often holds the bare job title, <title> the pattern with the employer.
        other = split_page_title(meta.get("title"), heading=heading)
        parts = TitleParts(
            title=parts.title or other.title,
            company=parts.company or other.company,
            place=parts.place or other.place,
            site=parts.site or other.site,
        )
    fields.add("title", parts.title, "meta")
    header = _header_lines(walk, title_line)
    _find_company(walk, fields, title_line, parts)
    labels = _labels(walk, fields)
    for name, value in labels.items():
        fields.add(name, value, "label")
    fields.add("company", parts.company, "meta")
    _find_company_in_site_name(fields, site_name)
    _find_place(walk, fields, header)
    fields.add("locations", parts.place, "meta")
    _find_date(walk, fields)
    _find_employment_type(walk, fields, header)
    return fields


def _first(fields: PageFields, name: str) -> str | None:
    values = fields.found.get(name)
    return str(values[0].value) if values else None


def _node_text(node: LexborNode, limit: int = 400) -> str:
    return clean_text(node.text(deep=True))[:limit]


def _find_title(
    walk: PageWalk, fields: PageFields, page_title: str | None, site_name: str | None
) -> int | None:
    """The job title heading, as its line index; fields get it with source "heading"."""
    meta_parts = split_page_title(page_title)
    candidates: list[tuple[str, LexborNode, int]] = [
        (tag, node, line) for tag, node, line in walk.headings if tag in ("h1", "h2", "h3")
    ]
    marked = []
    for node, line in walk.marked.get("title", []):
        inner = node.css_first("h1, h2, h3")  # a marked header box: its heading is the title
        marked.append(("mark", inner if inner is not None else node, line))

    def usable(node: LexborNode, line: int, generic: bool) -> str | None:
        text = _node_text(node)
        if node.css_first(_BLOCKS_IN_HEADING) is not None and line < len(walk.lines):
            text = walk.lines[line].text  # an unclosed heading: its first line only
        if not text or len(text) > 200:
            return None
        if not generic and (
            _GENERIC_HEADING.match(text)
            or same_text(text, site_name)
            or same_text(text, employer_in_site_name(site_name))
        ):
            return None
        return text

    def pick(items: list[tuple[str, LexborNode, int]], generic: bool = False) -> int | None:
        for _tag, node, line in items:
            text = usable(node, line, generic)
            if text:
                fields.add("title", text, "heading")
                fields.title_node = node
                fields.shown_lines.add(line)
                return line
        return None

    wanted = (meta_parts.title, page_title, *_segments(page_title))
    agreeing = [c for c in candidates + marked if any(same_text(_node_text(c[1]), w) for w in wanted)]
    for group in (
        agreeing,
        marked,
        [c for c in candidates if c[0] == "h1"],
    ):
        chosen = pick(group)
        if chosen is not None:
            return chosen
    if meta_parts.title:
        return None
    # No page title either: the first h2, else any heading (`Jobs am Institut` on its own).
    chosen = pick([c for c in candidates if c[0] == "h2"])
    return chosen if chosen is not None else pick(candidates, generic=True)


def _segments(page_title: str | None) -> list[str]:
    """The pieces of a page title between ` | `, ` - `, ` at ` and ` @ ` (at most 12)."""
    if not page_title or len(page_title) > 300:
        return []
    pieces = [page_title]
    for sep in (" | ", " - ", " – ", " — ", " at ", " @ ", ": "):
        pieces = [p for piece in pieces for p in piece.split(sep)]
    return [p.strip() for p in pieces if p.strip()][:12]


def _header_lines(walk: PageWalk, title_line: int | None) -> list[int]:
    """Line indexes around the title (or the page's first lines): the page's header."""
    if title_line is None:
        return list(range(min(len(walk.lines), _HEADER_AFTER)))
    start = max(0, title_line - _HEADER_BEFORE)
    end = min(len(walk.lines), title_line + 1 + _HEADER_AFTER)
    before = list(range(title_line - 1, start - 1, -1))
    after = list(range(title_line + 1, end))
    return after + before


def _company_name(text: str, title: str | None) -> str | None:
    """`at Initech`, `Initech — We make TPS reports` -> `Initech`; None for what is no name."""
    text = clean_text(text)
    m = _AT_NAME.match(text)
    if m:
        text = m["name"]
    for sep in _TAGLINE:
        if sep in text:
            text = text.split(sep, 1)[0]
    for sep in (" · ", " • "):
        if sep in text:
            text = next((p for p in text.split(sep) if not looks_like_place(p)), "")
    text = text.strip(" -–—|·•,:")
    words = text.split()
    if not text or len(text) > 80 or len(words) > 8 or same_text(text, title):
        return None
    if looks_like_place(text) or _POSTED.match(text) or _RELATIVE.match(text) or not text[0].isalnum():
        return None
    return text


def _find_company(walk: PageWalk, fields: PageFields, title_line: int | None, parts: TitleParts) -> None:
    title = _first(fields, "title")
    for node, line in walk.marked.get("company", []):
        inner = node.css_first("h1, h2, h3, h4, a, strong")
        if inner is not None and _node_text(inner):
            node = inner
        text = _node_text(node, 200)
        name = _company_name(text, title) if len(text) <= 120 else None
        if name:
            fields.add("company", name, "heading")
            fields.shown_nodes.append(node)
            if walk.lines and line < len(walk.lines) and walk.lines[line].text == text:
                fields.shown_lines.add(line)
            break
    if title_line is None:
        return
    # The line right under the title: `at Initech` or `Initech — tagline`.
    index = title_line + 1
    if index >= len(walk.lines) or len(walk.lines[index].text) > 300:
        return
    text = walk.lines[index].text
    at_form = _AT_NAME.match(text)
    if at_form and not (at_form["name"][0].isupper() or at_form["name"][0].isdigit()):
        at_form = None
    name = _company_name(text, title) if at_form or _has_tagline(text) else None
    if name is None and same_text(text, parts.company):
        name = parts.company
    if name:
        fields.add("company", name, "heading")
        fields.shown_lines.add(index)


def _has_tagline(text: str) -> bool:
    """`Name — what the company does` (or `Name – City, Country`): a name, a dash, then words."""
    for sep in _TAGLINE[:2]:
        if sep in text:
            after = text.split(sep, 1)[1]
            return len(after.split()) >= 2 or looks_like_place(after)
    return False


def _find_company_in_site_name(fields: PageFields, site_name: str | None) -> None:
    """og:site_name is the employer only on the employer's own site."""
    employer = employer_in_site_name(site_name)
    if not employer or is_board_name(employer):
        return
    named = [str(f.value) for f in fields.found.get("company", [])]
    if named and not any(same_text(employer, n) for n in named):
        return  # the page names another employer: the site is a board
    fields.add("company", employer, "meta")


def _labels(walk: PageWalk, fields: PageFields) -> dict[str, str]:
    """`Label: value` lines, also a label on its own line followed by its value (`<dt>`/`<dd>`)."""
    texts: list[str] = []
    owners: list[list[int]] = []
    lines = walk.lines[:200]
    i = 0
    while i < len(lines):
        text = lines[i].text
        bare = text.rstrip(":").strip().lower()
        if (
            label_field(bare) in _PAIR_FIELDS
            and i + 1 < len(lines)
            and len(lines[i + 1].text) <= 120
            and label_field(lines[i + 1].text.rstrip(":").strip()) is None
        ):
            texts.append(f"{text.rstrip(':').strip()}: {lines[i + 1].text}")
            owners.append([i, i + 1])
            i += 2
            continue
        texts.append(text)
        owners.append([i])
        i += 1
    found: dict[str, str] = {}
    for name, (value, number) in find_labels("\n".join(texts), limit=200).items():
        found[name] = value
        if name in _SHOWN_LABELS and len(texts[number - 1]) <= _MAX_LINE:
            fields.shown_lines.update(owners[number - 1])
            fields.label_lines.update(owners[number - 1])
    return found


def _place_parts(text: str) -> list[str]:
    """The parts of a header line that are places (`Berlin, Germany · Engineering` -> the first)."""
    if len(text) > _MAX_LINE:
        return []
    text = _LABEL_ONLY.sub("", text)
    return [p.strip() for p in _PARTS.split(text) if looks_like_place(p.strip())]


def _find_place(walk: PageWalk, fields: PageFields, header: list[int]) -> None:
    places: list[str] = []
    for node, line in walk.marked.get("location", []):
        text = _LABEL_ONLY.sub("", _node_text(node, 200))
        if not text or len(text) > 100:
            continue
        found = _place_parts(text) or (text.split(" · ") if parse_locations(text)[0] else [])
        found = [p for p in found if not any(p in seen for seen in places)]
        if found:
            places.extend(p for p in found if p not in places)
            fields.shown_nodes.append(node)
            if line < len(walk.lines) and walk.lines[line].text == _node_text(node):
                fields.shown_lines.add(line)
        if len(places) >= 4:
            break
    if places:
        fields.add("locations", places, "heading")
        return
    for index in header:
        row = walk.lines[index]
        chips = [walk.chips[c].text for c in row.chips] if len(row.chips) > 1 else []
        found = [p for chip in chips for p in _place_parts(chip)] or _place_parts(row.text)
        if found:
            fields.add("locations", found, "heading")
            fields.shown_lines.add(index)
            return


def _date_in(text: str) -> str | None:
    if len(text) > 60:
        return None
    m = _POSTED.match(text)
    if m:
        value = m["value"].strip(" .")
        if any(c.isdigit() for c in value) or _RELATIVE.match(value):
            return value
        return None
    return text if _RELATIVE.match(text) else None


def _find_date(walk: PageWalk, fields: PageFields) -> None:
    for value, line in walk.times:
        text = walk.lines[line].text if line < len(walk.lines) else ""
        if _ISO_DATE.match(value) and not _NOT_POSTED.search(text):
            fields.add("date", value[:10], "heading")
            if _date_in(text) or len(text) <= 40:
                fields.shown_lines.add(line)
            return
    for index, row in enumerate(walk.lines[:150]):
        stated = _date_in(row.text)
        if stated is None and len(row.chips) > 1:
            stated = next((v for c in row.chips if (v := _date_in(walk.chips[c].text))), None)
            if stated:
                fields.add("date", stated, "heading")
                return
        if stated:
            fields.add("date", stated, "heading")
            fields.shown_lines.add(index)
            return


def _names_a_type(piece: str) -> bool:
    """`Full-time`, `Part time`, `Vollzeit`: a type on its own, not a phrase that mentions one."""
    words = piece.strip(" /·|•").split()
    return 0 < len(words) <= 2 and match_employment_type(piece) not in (None, "OTHER")


def _find_employment_type(walk: PageWalk, fields: PageFields, header: list[int]) -> None:
    for node, _line in walk.marked.get("employment_type", []):
        text = _node_text(node, 100)
        if text and len(text) <= 60 and match_employment_type(text):
            fields.add("employment_type", text, "heading")
            fields.shown_nodes.append(node)
            return
    for index in header:
        line = walk.lines[index]
        if len(line.text) > _MAX_LINE:
            continue
        for piece in _PARTS.split(line.text) + [walk.chips[c].text for c in line.chips]:
            if _names_a_type(piece):
                fields.add("employment_type", piece.strip(" /"), "heading")
                if piece == line.text:  # the line is just the type
                    fields.shown_lines.add(index)
                return
