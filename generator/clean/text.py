"""Repair of broken text: mojibake, BOMs, zero-width and control characters.

`repair_text` runs ftfy only on the lines that need it.  ftfy itself fixes text
line by line (each segment ends after a ``"\\n"``), so skipping a line can only
change the outcome if ftfy would have changed that line.  With the configuration
below, ftfy never changes a line that is pure ASCII without an ESC character
(ASCII cannot hold mojibake; HTML unescaping is switched off; line breaks are
normalised before ftfy runs; every ASCII control character ftfy removes is
removed by `_strip_invisible` anyway).  So ASCII lines are passed through and
only lines with other characters pay for ftfy.  `tests/clean/test_text.py`
checks with Hypothesis that this never differs from running ftfy on everything.
"""

from __future__ import annotations

import re

import ftfy

from generator.clean.leftovers import repair_leftover_mojibake

# unescape_html is off on purpose: entities belong to the Markdown/HTML renderer,
# and turning "&lt;script&gt;" into "<script>" here would make escaped markup live.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    normalization="NFC",
    explain=False,
)

# BOM and word joiner / zero-width space anywhere; C0 controls except \t and \n;
# DEL; C1 controls (ftfy has already mapped the ones that stand for cp1252 chars);
# bidi embeddings, overrides and isolates (U+202A-E, U+2066-9), which can make a title
# read backwards on every page that shows it (right-to-left text needs none of them).
_ALWAYS_INVISIBLE = re.compile("[\ufeff\u200b\u2060\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]+")
# Zero-width (non-)joiners are real spelling in emoji sequences and in scripts such
# as Persian or Devanagari: keep them between two non-Latin, non-space characters.
_JOINER = re.compile("[\u200c\u200d]")


def _keep_joiner(text: str, index: int) -> bool:
    if index == 0 or index + 1 >= len(text):
        return False
    before, after = text[index - 1], text[index + 1]
    return all(ord(ch) > 0x24F and not ch.isspace() for ch in (before, after))


def _strip_invisible(text: str) -> str:
    text = _ALWAYS_INVISIBLE.sub("", text)
    if "\u200c" in text or "\u200d" in text:
        text = _JOINER.sub(
            lambda m: m.group() if _keep_joiner(m.string, m.start()) else "", text
        )
    return text


def _normalize_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _needs_ftfy(segment: str) -> bool:
    return not segment.isascii() or "\x1b" in segment


def _repair_text_slow(text: str) -> str:
    """Reference path: ftfy over the whole text. Same result as `repair_text`."""
    text = _normalize_newlines(text)
    return repair_leftover_mojibake(_strip_invisible(ftfy.fix_text(text, _FTFY_CONFIG)))


def repair_text(text: str) -> str:
    """Repair mojibake and remove BOMs, zero-width and control characters.

    Line ends become ``\\n``; tabs and newlines are kept.
    """
    text = _normalize_newlines(text)
    if not _needs_ftfy(text):
        return _strip_invisible(text)
    out: list[str] = []
    pending: list[str] = []  # consecutive lines that need ftfy, fixed in one call
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos) + 1 or len(text)
        segment = text[pos:end]
        if _needs_ftfy(segment):
            pending.append(segment)
        else:
            if pending:
                out.append(ftfy.fix_text("".join(pending), _FTFY_CONFIG))
                pending = []
            out.append(segment)
        pos = end
    if pending:
        out.append(ftfy.fix_text("".join(pending), _FTFY_CONFIG))
    return repair_leftover_mojibake(_strip_invisible("".join(out)))
