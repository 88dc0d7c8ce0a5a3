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

from generator.readers.page_dom import PageWalk, clean_text
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


def job_content(body: LexborNode, walk: PageWalk, fields: PageFields, *, keep_shown: bool = False) -> str:
    """The body's job content as HTML (empty when nothing is left). Changes the tree."""
    removals: list[LexborNode] = []
    if not keep_shown:
        for index in sorted(fields.shown_lines):
            if index < len(walk.lines):
                line = walk.lines[index]
                if line.node.tag not in ("body", "main", "article") and _text(line.node) == line.text:
                    removals.append(line.node)
                else:  # the line shares its block: drop the elements that hold just its pieces
                    for chip_index in line.chips:
                        chip = walk.chips[chip_index]
                        if chip.node.tag not in ("body", "main", "article") and _text(chip.node) == chip.text:
                            removals.append(chip.node)
        removals.extend(fields.shown_nodes)
    if fields.title_node is not None:
        removals.append(fields.title_node)
    removals.extend(walk.furniture)
    removals.extend(walk.body_only)
    for node in removals:
        node.remove()  # unlinks without freeing, so nested removals stay safe
    root = _main_of(body)
    return root.inner_html.strip() if _text(root) else ""


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
