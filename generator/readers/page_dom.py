"""One walk over a parsed HTML page: its visible lines, its furniture, its elements named as fields.

A person reads a saved job page as lines of text, skipping the site's navigation, footer,
cookie bar and "similar jobs" box. `walk_page` gives the readers those lines (each with the
block element it came from), the short text pieces (`chips`) that sit side by side in one
line, and the elements whose class/id/itemprop/data attributes name a job field
(`job-title`, `company-name`, `location`, ...). It never recurses, so deeply nested pages
cannot exhaust the stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

# Elements that end a line of text (a person sees them on their own line).
BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd details div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary table tbody td tfoot "
    "th thead tr ul".split()
)
# Never part of the posting, never read for fields.
FURNITURE_TAGS = frozenset(
    "button canvas dialog embed footer form head iframe input nav noscript object script select style "
    "svg template textarea title".split()
)
# Not part of the posting's body, but their text may name the job's fields (a page header).
BODY_ONLY_FURNITURE_TAGS = frozenset({"header", "aside"})
_FURNITURE_ROLES = frozenset({"navigation", "contentinfo", "search", "dialog", "alertdialog", "tablist"})
_BODY_ONLY_ROLES = frozenset({"banner", "complementary"})
# Words in class/id names that mark furniture: cookie and consent bars, share bars,
# breadcrumbs, newsletter boxes, "similar jobs" lists.
_FURNITURE_WORDS = frozenset(
    "share sharing social breadcrumb breadcrumbs similar related recommended recommendations "
    "newsletter subscribe modal popup skip-link footer navbar topnav".split()
)
_FURNITURE_PARTS = ("cookie", "consent", "gdpr", "onetrust", "breadcrumb")
_SEPARATORS = re.compile(r"[_-]+")
_SPLIT_NAME = re.compile(r"[\s_]+|(?<=[a-z])-(?=[a-z])|--")
# Headings that open a list of other jobs.
_OTHER_JOBS_HEADING = re.compile(
    r"^(?:similar|related|more|other|recommended|latest|recent|new)\s+(?:\w+\s+)?"
    r"(?:jobs|positions|roles|openings|vacancies|opportunities)\b"
    r"|^(?:jobs|roles) you (?:may|might) (?:also )?like|^people also viewed|^ähnliche (?:jobs|stellen)"
    r"|^weitere (?:jobs|stellen)",
    re.I,
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_OTHER_JOBS_BOXES = frozenset({"section", "aside", "div", "ul", "ol"})
# Link texts of apply buttons, in a few languages.
APPLY_WORDS = ("apply", "bewerben", "bewerbung", "postuler", "candidater", "solicitar", "candidatar")
# Attribute names whose values name what an element holds.
_NAMING_ATTRS = ("class", "id", "itemprop", "data-automation-id", "data-ui", "data-testid", "data-qa")

# Field markers, matched against an element's naming attributes (lower case). Checked in this
# order: `companyLocation` is a location, `company-description` is a description.
MARKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("date", re.compile(r"posted|date-?posted|posting-?date|publish|time-?ago")),
    ("location", re.compile(r"location|joblocation|addresslocality|workplace")),
    ("description", re.compile(r"description|job-?body|job-?content|posting-?content|job-?details")),
    (
        "title",
        re.compile(
            r"job-?title|jobtitle|posting-?title|posting-?headline|app-title|jobpostingheader|job-?header-?title"
            r"|top-card-layout-title|jobinfoheader-title|job-posting-heading|ip:title\b|job-?name"
        ),
    ),
    (
        "company",
        re.compile(r"company|employer|org-?name|organi[sz]ation|hiringorganization|hiring-?org|brand-?name"),
    ),
    ("employment_type", re.compile(r"commitment|employment-?type|job-?type|contract-?type|worktype")),
)


@dataclass
class Line:
    """One visible line: its text (spaces collapsed) and the block element it came from."""

    text: str
    node: LexborNode
    chips: list[int] = field(default_factory=list)  # indexes into PageWalk.chips


@dataclass
class Chip:
    """A run of text inside one element (a `<span>` in a header line), with that element."""

    text: str
    node: LexborNode
    line: int  # index of the line it belongs to


@dataclass
class PageWalk:
    """What `walk_page` found, in document order."""

    lines: list[Line] = field(default_factory=list)
    chips: list[Chip] = field(default_factory=list)
    furniture: list[LexborNode] = field(default_factory=list)
    body_only: list[LexborNode] = field(default_factory=list)
    marked: dict[str, list[tuple[LexborNode, int]]] = field(default_factory=dict)  # field -> (node, line)
    headings: list[tuple[str, LexborNode, int]] = field(default_factory=list)  # (tag, node, first line)
    times: list[tuple[str, int]] = field(default_factory=list)  # (datetime attribute, line)
    links: list[tuple[str, LexborNode]] = field(default_factory=list)  # (href, node)


# Nesting deeper than any real page: the HTML parser checks the open elements for every
# block start tag, so 20,000 nested `<div>` cost seconds. Deeper tags are dropped first.
MAX_DEPTH = 300
_ANY_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*>")
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_CHEAP_CHECK = 4 * MAX_DEPTH  # fewer tags than this cannot nest too deeply


def cap_nesting(text: str, limit: int = MAX_DEPTH) -> str:
    """The page with start and end tags beyond `limit` levels of nesting removed (linear time)."""
    if text.count("<") < _CHEAP_CHECK:
        return text
    out: list[str] = []
    depth = excess = last = 0
    for m in _ANY_TAG.finditer(text):
        name = m[2].lower()
        if name in _VOID_TAGS or m[0].endswith("/>"):
            continue
        if m[1]:  # an end tag
            if excess:
                excess -= 1
                out.append(text[last : m.start()])
                last = m.end()
            elif depth:
                depth -= 1
        elif depth >= limit:
            excess += 1
            out.append(text[last : m.start()])
            last = m.end()
        else:
            depth += 1
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def naming(node: LexborNode) -> str:
    """The element's naming attribute values, lower case, `itemprop` values as `ip:value`."""
    attrs = node.attributes
    if not attrs:
        return ""
    parts = []
    for name in _NAMING_ATTRS:
        value = attrs.get(name)
        if value:
            parts.append(f"ip:{value}" if name == "itemprop" else value)
    if "data-company-name" in attrs:
        parts.append("company")
    # `job__title`, `job_title` and `job-title` alike (BEM and snake case).
    return _SEPARATORS.sub("-", " ".join(parts).lower())


def _is_furniture_name(names: str) -> bool:
    if not names:
        return False
    if any(part in names for part in _FURNITURE_PARTS):
        return True
    return any(word in _FURNITURE_WORDS for word in _SPLIT_NAME.split(names))


def furniture_kind(node: LexborNode, names: str) -> str | None:
    """ "page" for furniture never read, "body" for furniture read only for fields, else None."""
    tag = node.tag
    if tag in FURNITURE_TAGS:
        return "page"
    role = (node.attributes.get("role") or "").lower() if node.attributes else ""
    if role in _FURNITURE_ROLES or (node.attributes and "hidden" in node.attributes):
        return "page"
    style = (node.attributes.get("style") or "").replace(" ", "").lower() if node.attributes else ""
    if "display:none" in style or tag in ("meta", "link"):
        return "page"
    if _is_furniture_name(names):
        return "page"
    if tag in BODY_ONLY_FURNITURE_TAGS or role in _BODY_ONLY_ROLES:
        return "body"
    return None


def clean_text(text: str) -> str:
    """Spaces collapsed, non-breaking spaces and zero-width characters as plain spaces."""
    return " ".join(text.replace("\u200b", " ").split())


def walk_page(root: LexborNode) -> PageWalk:
    """Lines, chips, furniture and marked elements of the page under `root`."""
    walk = PageWalk()
    text_parts: list[str] = []
    line_chips: list[int] = []
    line_node: list[LexborNode | None] = [None]

    def flush() -> None:
        text = clean_text("".join(text_parts))
        if text and line_node[0] is not None:
            walk.lines.append(Line(text, line_node[0], list(line_chips)))
        text_parts.clear()
        line_chips.clear()
        line_node[0] = None

    # Stack of (node, block it belongs to, closing marker).
    stack: list[tuple[LexborNode, LexborNode, bool]] = [(root, root, False)]
    while stack:
        node, block, closing = stack.pop()
        if closing:
            flush()
            continue
        if node.is_text_node:
            _add_text(walk, node, block, text_parts, line_chips, line_node)
            continue
        tag = node.tag
        if not tag or tag.startswith("-"):
            continue  # comments, doctype
        if node is not root:
            names = naming(node)
            kind = furniture_kind(node, names)
            if kind == "page" or _lists_other_jobs(node, tag):
                walk.furniture.append(node)
                if tag in BLOCK_TAGS or tag in _HEADINGS:
                    flush()
                continue
            if kind == "body":
                walk.body_only.append(node)
            if tag in BLOCK_TAGS:
                flush()
                stack.append((node, node, True))
                block = node
            _note(walk, node, tag, names)
        for child in reversed(list(node.iter(include_text=True))):
            stack.append((child, block, False))
    flush()
    return walk


def _lists_other_jobs(node: LexborNode, tag: str) -> bool:
    """A "Similar jobs" heading, or a box that opens with one."""
    if tag in _HEADINGS:
        return bool(_OTHER_JOBS_HEADING.match(clean_text(node.text())))
    if tag not in _OTHER_JOBS_BOXES:
        return False
    for child in node.iter():
        if child.tag in _HEADINGS:
            return bool(_OTHER_JOBS_HEADING.match(clean_text(child.text())))
        return False
    return False


def _add_text(
    walk: PageWalk,
    node: LexborNode,
    block: LexborNode,
    text_parts: list[str],
    line_chips: list[int],
    line_node: list[LexborNode | None],
) -> None:
    """Append one text node to the line being built, and to its element's chip."""
    value = node.text_content or ""
    if not value.strip():
        if value and text_parts:
            text_parts.append(" ")
        return
    if line_node[0] is None:
        line_node[0] = block
    text_parts.append(value)
    chip = clean_text(value)
    parent = node.parent
    if parent is None:
        return
    if line_chips and walk.chips[line_chips[-1]].node.mem_id == parent.mem_id:
        walk.chips[line_chips[-1]].text += " " + chip
    else:
        walk.chips.append(Chip(chip, parent, len(walk.lines)))
        line_chips.append(len(walk.chips) - 1)


def _note(walk: PageWalk, node: LexborNode, tag: str, names: str) -> None:
    """Remember headings, times, links and field-marked elements, with the line they start on."""
    position = len(walk.lines)
    if tag in _HEADINGS:
        walk.headings.append((tag, node, position))
    elif tag == "time":
        value = (node.attributes.get("datetime") or "").strip()
        if value:
            walk.times.append((value, position))
    elif tag == "a":
        href = (node.attributes.get("href") or "").strip()
        if href:
            walk.links.append((href, node))
    if names:
        for name, pattern in MARKS:
            if pattern.search(names):
                walk.marked.setdefault(name, []).append((node, position))
                break
