"""Markdown to HTML with one reusable markdown-it-py parser per process."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # CommonMark plus tables and strikethrough. Raw HTML is allowed through here and
    # sanitized afterwards by clean.sanitize (an allow-list), never trusted.
    return MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False}).enable(
        ["table", "strikethrough"]
    )


def markdown_to_html(text: str) -> str:
    """Render Markdown to (unsanitized) HTML."""
    return _parser().render(text)
