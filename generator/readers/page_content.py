"""The job's own content of an HTML page: no site furniture, no lines the metadata block shows.

Drops what `page_dom.walk_page` found to be furniture (navigation, header, footer, aside,
cookie and share bars, forms, scripts, "similar jobs" boxes, breadcrumbs) and the header lines
`page_fields.read_fields` turned into fields (the title heading, the `Employer — tagline`
line, the `City, Country · Category` line, `Posted ...`, `Location:` / `Type:` labels). Of
what is left it keeps `<main>` (or `[role=main]`, or the page's one `<article>`), and inside it
the element named as the job description when that holds most of the text. The result is
still HTML: `generator.clean.sanitize` cleans it later.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from generator.readers.page_dom import APPLY_WORDS, Line, PageWalk, clean_text
from generator.readers.page_fields import PageFields

# Elements named as the job's description or content.
_DESCRIPTION = (
    ", ".join(
        f"[{attr}*={word} i]"
        for attr in ("class", "id", "data-automation-id", "data-testid", "data-qa", "data-ui")
        for word in ("description", "job-body", "job-content", "jobcontent", "job-details", "posting-content")
    )
    + ", [itemprop=description]"
)
_MOST = 0.6  # a description element holding this share of the text stands for the whole


def job_content(
    body: LexborNode,
    walk: PageWalk,
    fields: PageFields,
    *,
    apply_url: str | None = None,
    keep_shown: bool = False,
) -> str:
    """The body's job content as HTML (empty when nothing is left). Changes the tree.

    Apply buttons go too: the posting page shows its own, next to the metadata block.
    """
    removals = [node for href, node in walk.links if _is_apply_button(href, node, apply_url)]
    if not keep_shown:
        removals.extend(_details_box(walk.lines[i].node) for i in fields.label_lines if i < len(walk.lines))
        for index in sorted(fields.shown_lines):
            if index < len(walk.lines):
                removals.extend(_holders(walk, walk.lines[index]))
        removals.extend(_row_of(node) for node in fields.shown_nodes)
    if fields.title_node is not None:
        removals.append(fields.title_node)
    removals.extend(line.node for line in walk.lines if _only_links(walk, line))
    removals.extend(walk.furniture)
    removals.extend(walk.body_only)
    for node in removals:
        node.remove()  # unlinks without freeing, so nested removals stay safe
    root = _main_of(body)
    return (root.inner_html or "").strip() if _text(root) else ""  # selectolax: str | None


_BUTTON_TEXT = 40
_DETAIL_TEXT = 80  # one `Label / value` box of a details list


def _is_apply_button(href: str, node: LexborNode, apply_url: str | None) -> bool:
    text = _text(node)
    if not text or len(text) > _BUTTON_TEXT:
        return False
    lower = text.lower()
    return href == apply_url or any(word in lower for word in APPLY_WORDS)


def _holders(walk: PageWalk, line: Line) -> list[LexborNode]:
    """The elements that hold exactly this line: its block, or the inline element around it."""
    if line.node.tag not in _KEEP and _text(line.node) == line.text:
        return [line.node]
    if not line.chips:
        return []
    node: LexborNode | None = walk.chips[line.chips[0]].node
    while node is not None and node.mem_id != line.node.mem_id and node.tag not in _KEEP:
        if _text(node) == line.text:
            return [node]
        node = node.parent
    # The line shares its element with other text: drop the elements that hold just its pieces.
    pieces = (walk.chips[i] for i in line.chips)
    return [c.node for c in pieces if c.node.tag not in _KEEP and _text(c.node) == c.text]


def _only_links(walk: PageWalk, line: Line) -> bool:
    """A line of two or more links and nothing else (a menu or a top bar)."""
    if len(line.chips) < 2 or line.node.tag in _KEEP or _text(line.node) != line.text:
        return False
    for index in line.chips:
        node = walk.chips[index].node
        if node.tag != "a" and (node.parent is None or node.parent.tag != "a"):
            return False
    return True


def _details_box(node: LexborNode) -> LexborNode:
    """A labelled line's box, or the whole details list (`Location / Lyon`, `Type / Full time`, ...)."""
    box = node.parent if node.tag in ("dt", "dd", "p", "h2", "h3", "h4", "span", "div") else node
    if box is None or box.tag in _KEEP or len(_text(box)) > _DETAIL_TEXT:
        return node
    listing = box.parent
    if listing is None or listing.tag in _KEEP:
        return box
    boxes = [child for child in listing.iter() if child.tag and not child.tag.startswith("-")]
    if len(boxes) >= 2 and all(len(_text(child)) <= _DETAIL_TEXT for child in boxes):
        return listing
    return box


_ROW_TEXT = 200  # a box of short metadata pieces (`Berlin · Engineering · Full-time`)
_KEEP = frozenset({"body", "main", "article"})


def _row_of(node: LexborNode) -> LexborNode:
    """The row of metadata pieces a shown element sits in, when it is one; else the element."""
    parent = node.parent
    if parent is None or parent.tag in _KEEP or len(_text(parent)) > _ROW_TEXT:
        return node
    elements = sum(1 for child in parent.iter() if child.tag and not child.tag.startswith("-"))
    return parent if elements >= 2 else node


def _text(node: LexborNode) -> str:
    return clean_text(node.text(deep=True))


def _main_of(body: LexborNode) -> LexborNode:
    """`<main>`, `[role=main]`, the one `<article>`, or the body; narrowed to its description."""
    root = body.css_first("main, [role=main]")
    if root is None or not _text(root):
        articles = [a for a in body.css("article") if _text(a)]
        root = articles[0] if len(articles) == 1 else body
    total = len(_text(root))
    if not total:
        return root
    for node in root.css(_DESCRIPTION):
        if len(_text(node)) >= _MOST * total:
            return node
    return root
