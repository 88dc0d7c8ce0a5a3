"""Leftover junk that survives reading and the Markdown tidy-up, each shape in one function.

- `** Key duties**` / `**Key duties **`: bold with a space inside its markers, which Markdown
  shows as literal asterisks (`fix_spaced_emphasis`, one line at a time).
- `Be Kind * Ship Often * Own It * Learn`: a list whose items a scraper glued into one line
  with ` * ` or ` • ` between them (`split_glued_list`).
- `Nearshoreâ„¢`: a UTF-8 symbol read as Windows-1252 that ftfy leaves alone, because the
  sequence also reads as plausible text (`repair_leftover_mojibake`, after ftfy).
- `<p>&nbsp;</p>`: empty paragraphs used as spacing (`drop_empty_paragraphs`, on HTML).
- `[https://x](https://x)` as text in an HTML body: Markdown link syntax that no Markdown
  renderer saw (`link_markdown_in_html`, before sanitizing, outside code).
"""

from __future__ import annotations

import re

# An opening `**` followed by spaces, or a closing one preceded by them; `****` (redacted
# numbers in some exports) and `2 ** 8` are left alone.
_OPEN_SPACED = re.compile(r"(?<![*\w])\*\*[ \t]++([^\s*](?:[^*\n]*[^\s*])?)\*\*(?![*\w])")
_CLOSE_SPACED = re.compile(r"(?<![*\w])\*\*([^\s*](?:[^*\n]*[^\s*])?)[ \t]++\*\*(?!\*)(?=(\w)?)")


def fix_spaced_emphasis(line: str) -> str:
    """`** Key duties**` and `**Key duties **` -> `**Key duties**`."""
    if "** " not in line and " **" not in line:
        return line
    line = _OPEN_SPACED.sub(r"**\1**", line)
    return _CLOSE_SPACED.sub(lambda m: f"**{m[1]}**" + (" " if m[2] else ""), line)


# Only from the start of a run of spaces, and without backtracking into it (a long run
# of spaces would be quadratic).
_GLUE = re.compile(r"(?<![ \t])[ \t]++[*•·][ \t]++")
_MIN_ITEMS = 4
_MAX_ITEM_CHARS = 60
_ITEM_START = re.compile(r"[A-Z0-9ÄÖÜ]")


def split_glued_list(line: str) -> str:
    """`Values: Be Kind * Ship Often * Own It * Learn` -> a lead-in and a Markdown list.

    Only for at least four short items that each start with a capital letter or a digit;
    a line that is already a list item, a heading, code or a table is left alone."""
    stripped = line.lstrip()
    if not stripped or stripped[0] in "*-+#|>`" or line.startswith(("    ", "\t")) or "**" in line:
        return line
    if line.count("*") + line.count("•") + line.count("·") < _MIN_ITEMS - 1:
        return line  # each separator has one of them
    parts = _GLUE.split(line.strip())
    if len(parts) < _MIN_ITEMS:
        return line
    lead, first = "", parts[0]
    if ":" in first:
        lead, _, first = first.rpartition(":")
        lead, first = lead + ":", first.strip()
    items = [first, *parts[1:]]
    if not all(0 < len(i) <= _MAX_ITEM_CHARS and _ITEM_START.match(i) for i in items):
        return line
    listed = "\n".join(f"- {item}" for item in items)
    return f"{lead}\n\n{listed}" if lead else listed


# A UTF-8 sequence of three bytes starting E2 (punctuation, ™, €) read as Windows-1252.
_CP1252 = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")  # what 0x80-0x9F read as
_E2_SEQUENCE = re.compile(f"\u00e2[{_CP1252}\u0080-\u00bf]{{2}}")


def _decoded(match: re.Match[str]) -> str:
    try:
        char = match.group().encode("cp1252").decode("utf-8")
    except UnicodeError:
        return match.group()
    # Only punctuation, symbols and currency signs (U+2000-U+214F): never letters.
    return char if len(char) == 1 and "\u2000" <= char <= "\u214f" else match.group()


def repair_leftover_mojibake(text: str) -> str:
    """`Nearshoreâ„¢` -> `Nearshore™`, `itâ€™s` -> `it’s`, where ftfy left them."""
    return _E2_SEQUENCE.sub(_decoded, text) if "\u00e2" in text else text


_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|&#160;|&#xa0;|\u00a0|<br\s*/?>)*+</p>\s*", re.I)


def drop_empty_paragraphs(html: str) -> str:
    """`<p>&nbsp;</p>`, `<p> </p>`, `<p><br></p>`: spacing, not content."""
    return _EMPTY_PARAGRAPH.sub("", html) if "<p>" in html else html


_MD_LINK = re.compile(r"\[([^\[\]<>\n]{1,300})\]\((https?://[^\s()<>\"']{1,2000})\)")
_CODE = re.compile(r"(<(pre|code)\b[^<>]*>.*?</\2\s*>)", re.I | re.S)


def link_markdown_in_html(html: str) -> str:
    """`[text](https://...)` written as text in an HTML body -> an `<a>` (to be sanitized)."""
    if "](" not in html:
        return html
    pieces = _CODE.split(html)
    out = []
    for index, piece in enumerate(pieces):
        kind = index % 3  # 0: text around code, 1: a code element, 2: its tag name
        if kind == 0:
            piece = _MD_LINK.sub(lambda m: f'<a href="{m[2]}">{m[1]}</a>', piece)
        if kind != 2:
            out.append(piece)
    return "".join(out)
