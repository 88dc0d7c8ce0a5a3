"""A posting's summary: the start of its plain text, cut at a word boundary.

One function for every place that shows a posting in short: the meta description of its
page and the `<summary>` of its feed entries.
"""

from __future__ import annotations

SUMMARY_LENGTH = 300  # characters, as Hugo's feeds give about the first 70 words
ELLIPSIS = "…"
_TRAILING = " \t,;:.-–—"


def summary(text: str, length: int = SUMMARY_LENGTH) -> str:
    """`text` with its whitespace collapsed; past `length` characters, cut after the last whole
    word that fits and ended with an ellipsis (at most `length` characters in all)."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[: max(length - len(ELLIPSIS), 1)]
    if text[len(cut)] != " " and " " in cut:  # the cut fell inside a word: leave that word out
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(_TRAILING) + ELLIPSIS
