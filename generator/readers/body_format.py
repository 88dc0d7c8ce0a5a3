"""Is an HTML-looking body really Markdown? `.html` postings written in Markdown with a few
`<br>` and `<a>` tags were sanitized as HTML, showing `# Job Description` and `- item`
literally. Markdown wins when its block markers (ATX headings, list items) outnumber the
block-level HTML tags and there is at least one heading or three list items.
"""

from __future__ import annotations

import re

_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)
_MD_ITEM = re.compile(r"^ {0,3}[-*+][ \t]+\S", re.M)
_BLOCK_TAG = re.compile(r"<(?:p|div|ul|ol|li|h[1-6]|table|tr|td|section|article|blockquote|pre)\b", re.I)


def written_as_markdown(body: str) -> bool:
    """True when a body that has HTML tags is Markdown with some inline HTML."""
    headings, items = len(_MD_HEADING.findall(body)), len(_MD_ITEM.findall(body))
    if headings == 0 and items < 3:
        return False
    return len(_BLOCK_TAG.findall(body)) < headings + items
