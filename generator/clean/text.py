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


# The characters of _ALWAYS_INVISIBLE in UTF-8 (a lead byte always starts a character):
# searching bytes for them is several times faster than the character class on `str`.
_C0_AND_DEL = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
# U+200B, U+202A-U+202E, U+2060, U+2066-U+2069
_FORMAT_UTF8 = re.compile(rb"\xe2(?:\x80[\x8b\xaa-\xae]|\x81[\xa0\xa6-\xa9])")


def _has_always_invisible(text: str) -> bool:
    """True when `text` has a character `_ALWAYS_INVISIBLE` matches."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data.translate(None, _C0_AND_DEL)) != len(data):
        return True
    if text.isascii():
        return False
    return b"\xef\xbb\xbf" in data or bool(_C1_UTF8.search(data) or _FORMAT_UTF8.search(data))


def _strip_invisible(text: str) -> str:
    if _has_always_invisible(text):
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
    lines = text.split("\n")  # each line with its "\n" is one of ftfy's segments
    runs: list[list[int]] = []  # [first, end) of consecutive lines that need ftfy
    for i, line in enumerate(lines):
        if not line.isascii() or "\x1b" in line:  # _needs_ftfy
            if runs and runs[-1][1] == i:
                runs[-1][1] = i + 1
            else:
                runs.append([i, i + 1])
    out: list[str] = []
    done = 0  # the lines before this one are in `out`
    for first, end in runs:
        if done < first:
            out.append("\n".join(lines[done:first]) + "\n")
        run = "\n".join(lines[first:end]) + ("\n" if end < len(lines) else "")
        out.append(ftfy.fix_text(run, _FTFY_CONFIG))  # one call for the run
        done = end
    out.append("\n".join(lines[done:]))
    return repair_leftover_mojibake(_strip_invisible("".join(out)))
