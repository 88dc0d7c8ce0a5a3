"""Removal of junk structure from scraped Markdown.

Works line by line and never touches fenced code blocks.  Decisions:

- ``** **About Salesforce****`` becomes bold text ``**About Salesforce**`` (never a
  heading), wherever it appears.
- A heading is really a paragraph when its visible text is longer than 100
  characters, or ends with a single full stop and has more than six words.
- An empty heading directly followed by a short line of text (``##`` then
  ``Required Skills:``) gives that line the heading; other empty headings go.
- A list indented by one to seven spaces (scrapers do that; four or more would
  read as code) is moved to the left margin, nesting kept.
- YAML front matter at the very start is left as it is.
- A trailing colon is dropped from headings (`## Required Skills:` -> `## Required Skills`).
- A short stand-alone line (at most four words, capitalised, no closing punctuation)
  followed by a long paragraph or a list becomes a `##` heading: scrapers flatten
  headings like `Job Details` or `Your Impact` into plain lines.
- Blank lines between the items of a list go, so the list renders tight.
- The result has no leading or trailing blank lines and no final newline.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from generator.clean.leftovers import fix_spaced_emphasis, split_glued_list

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# The heading text ends at its last character that is not a space or tab; the group
# is written so that it cannot backtrack (`(.*?)[ \t]*$` is quadratic in a long line).
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]++((?:[ \t]*+[^ \t\n])*+))?[ \t]*$")
_HEADING_NO_SPACE = re.compile(r"^( {0,3})(#{2,6})(?=[^\s#])")
# Tried only where a run of spaces starts (the look-behind): a match from inside the
# run would start at its first space anyway, and each failed start rescanned the run.
_CLOSING_HASHES = re.compile(r"(?:^|(?<![ \t])[ \t]++)#++[ \t]*+$")
_LIST_ITEM = re.compile(r"^( *)([*+-]|\d{1,9}[.)])(?=[ \t]|$)")
_LIST_HEADING = re.compile(r"^( *(?:[*+-]|\d{1,9}[.)]))[ \t]+#{1,6}[ \t]+(?=\S)")
_DOUBLE_BULLET = re.compile(r"^( *)([*+-])[ \t]+[*+-][ \t]+(?=[^\s*_-])")
_THEMATIC_BREAK = re.compile(r"^ {0,3}([*_-])(?:[ \t]*+\1){2,}+[ \t]*+$")
_BROKEN_BOLD = re.compile(r"\*\*[ \t]+\*\*(\S(?:[^*]*?\S)?)\*\*\*\*")
_EMPTY_BOLD = re.compile(r"(?:(?<=\s)|^)\*\*\*\*(?=\s|$)")
_LONE_BREAK = re.compile(r"^ {0,3}<br\s*/?>\s*$", re.I)
_WRAPPED_BOLD = re.compile(r"^\*\*([^*]+)\*\*$")
# A link's target and title after `](`, and a title alone after white space.
_LINK_END = re.compile(r'>?(?:\s++"[^"]*+")?\s*+\)')
_LINK_TITLE_ONLY = re.compile(r'\s++"[^"]*+"\s*+\)')
_LINK_STOP = re.compile(r"[)\s>]")
_SPACES = re.compile(r"\s*+")
_TRAILING_COLON = re.compile(r"(?<![ \t])[ \t]*+:$")
_FOOTER_SPACE = re.compile(r"[\s*_]+")
# Decoration around a footer line: what `^[ \t>#*+_-]++|(?<![ \t*_])[ \t*_]++$` removes.
_LEADING_DECORATION = " \t>#*+_-"
_TRAILING_DECORATION = " \t*_"
_APPLY_FOOTERS = frozenset(
    {
        "click to apply",
        "click here to apply",
        "click to apply now",
        "click here to apply now",
        "apply",
        "apply now",
        "apply here",
        "apply online",
        "apply for this job",
        "apply for this position",
        "apply for this role",
    }
)

_MAX_HEADING_CHARS = 100
_MAX_SENTENCE_HEADING_WORDS = 6
_MAX_PROMOTED_LINE_CHARS = 80
# Scrapers indent lists by 2-6 spaces; outside a list such a line would be read as
# code, which is never what the posting meant.
_MAX_LIST_SHIFT = 7


def _links(text: str) -> list[tuple[int, int, str, str]]:
    """Each Markdown link or image in `text`: (start, end, label, target).

    The matches of ``!?\\[([^\\]]*)\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+"[^"]*")?\\s*\\)``, found
    left to right without overlap, in linear time: that regex retried the rest of the
    line from every `[` and every space, which is quadratic in a long line.  Here a
    failed `[` skips to its `]` (every `[` before it fails there the same way), and the
    scan of a target is shared by the links that start inside it.
    """
    found: list[tuple[int, int, str, str]] = []
    pos, close = 0, -1
    run = (-1, -1)  # text[run[0]:run[1]] holds no `)`, space or `>`; text[run[1]] does
    ends: dict[int, int | None] = {}  # where a target stopping at this index ends the link
    while (start := text.find("[", pos)) >= 0:
        if close <= start:
            close = text.find("]", start + 1)
        if close < 0:
            break
        first = start - 1 if start > pos and text[start - 1] == "!" else start
        if text.startswith("(", close + 1):
            after = close + 2
            spaces = _SPACES.match(text, after)
            assert spaces is not None  # `\s*+` matches the empty string too
            spaced = spaces.end()
            target = spaced + 1 if text.startswith("<", spaced) else spaced
            if not run[0] <= target <= run[1]:
                stop = _LINK_STOP.search(text, target)
                run = (target, stop.start() if stop else len(text))
            stop_at = run[1]
            if stop_at not in ends:
                tail = _LINK_END.match(text, stop_at)
                ends[stop_at] = tail.end() if tail else None
            end: int | None = ends[stop_at]
            url = text[target:stop_at]
            if end is None and spaced > after:
                title_only = _LINK_TITLE_ONLY.match(text, after)
                end, url = (title_only.end(), "") if title_only else (None, url)
            if end is not None:
                found.append((first, end, text[start + 1 : close], url))
                pos = end
                continue
        pos = close
    return found


def _visible(text: str) -> str:
    """Text as a reader sees it: links reduced to their text."""
    if "[" not in text:
        return text
    out: list[str] = []
    pos = 0
    for start, end, label, _target in _links(text):
        out += [text[pos:start], label]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _same_url(a: str, b: str) -> bool:
    def norm(url: str) -> str:
        parts = urlsplit(url.strip().strip("<>"))
        return urlunsplit(
            (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, "")
        )

    return norm(a) == norm(b)


def _is_apply_footer(line: str, apply_url: str | None) -> bool:
    if apply_url is None:
        return False
    if "[" not in line and "apply" not in line.casefold():
        # Without a link the footer's words are the line's own (casefold works
        # character by character), and every footer has the word "apply".
        return False
    # The decoration pattern on one line: the leading run, then the trailing run of its
    # second set (a subset of the first, so it cannot reach into the leading run).
    words = _visible(line).lstrip(_LEADING_DECORATION).rstrip(_TRAILING_DECORATION)
    if "apply" not in words.casefold():
        return False  # every footer has it, and the steps below only add spaces and trim
    words = _FOOTER_SPACE.sub(" ", words).strip(" .!:").casefold()
    if words not in _APPLY_FOOTERS:
        return False
    targets = [target for _start, _end, _label, target in _links(line)]
    return all(_same_url(target, apply_url) for target in targets)


def _fix_heading(line: str) -> str:
    """Normalise a heading line; turn a sentence posing as a heading into a paragraph."""
    match = _HEADING.match(line)
    if match is None:
        return line
    hashes, text = match.group(1), match.group(2) or ""
    if "#" in text:
        text = _CLOSING_HASHES.sub("", text)
    text = text.strip()
    bold = _WRAPPED_BOLD.match(text)
    if bold:
        text = bold.group(1).strip()
    if text.endswith(":"):  # the text is one line: `$` is its end
        text = _TRAILING_COLON.sub("", text)
    if not text:
        return hashes
    visible = _visible(text)
    ends_sentence = visible.endswith(".") and not visible.endswith("..")
    if len(visible) > _MAX_HEADING_CHARS or (
        ends_sentence and len(visible.split()) > _MAX_SENTENCE_HEADING_WORDS
    ):
        return text
    return f"{hashes} {text}"


def _fix_emphasis(line: str) -> str:
    if "** " in line or "**\t" in line:
        line = _BROKEN_BOLD.sub(r"**\1**", line)
    line = fix_spaced_emphasis(line)
    if "****" in line:
        line = _EMPTY_BOLD.sub("", line)
        line = re.sub(r"(?<=\S)[ \t]{2,}(?=\S)", " ", line)
    if line.count("**") % 2 == 1 and re.search(r"\S[ \t]+\*\*$", line):
        line = line[:-2]  # orphan opener at the end: "**About the role:** **"
    return line.rstrip()


def _fix_line(line: str) -> str:
    line = line.rstrip()
    if not line.strip() or ("<" in line and _LONE_BREAK.match(line)):
        # A `<br>` alone on a line would start an HTML block that shows the Markdown
        # after it literally (`[url](url)`): it stands for a paragraph break.
        return ""
    if "#" not in line and "*" not in line and line.lstrip()[0] not in "+-_":
        # Nothing below can apply: headings need '#', emphasis fixes '*', and
        # thematic breaks and bullets start with one of '*+-_'.
        return line
    if line.strip() == "****":
        return ""  # empty bold, not a thematic break
    if _THEMATIC_BREAK.match(line):
        return line
    # Each of the three patterns is anchored at the line start, after spaces; none of
    # their substitutions changes the first character after those spaces.
    first = line.lstrip(" ")[0]
    if "#" in line:
        if first == "#":
            line = _HEADING_NO_SPACE.sub(r"\1\2 ", line)
        elif first in "*+-" or first.isdecimal():  # `\d` is `str.isdecimal`
            line = _LIST_HEADING.sub(r"\1 ", line)
    if first in "*+-" and (bullets := _DOUBLE_BULLET.match(line)):
        line = f"{bullets[1]}{bullets[2]} {line[bullets.end():]}"
    if "*" in line:
        line = _fix_emphasis(line)
    return _fix_heading(line) if line.lstrip().startswith("#") else line


def _is_plain_text(line: str) -> bool:
    return bool(line.strip()) and not (
        _HEADING.match(line) or _LIST_ITEM.match(line) or _FENCE.match(line)
        or _THEMATIC_BREAK.match(line) or line.startswith(("    ", "\t", ">", "|"))
    )


_EMPTY_HEADING = re.compile(r"#{1,6}")


def _resolve_empty_headings(lines: list[str | None]) -> None:
    """`None` stands for code lines. Empty headings take the next short line or go."""
    for i, line in enumerate(lines):
        if line is None or not line.startswith("#") or not _EMPTY_HEADING.fullmatch(line):
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (
            nxt is not None
            and _is_plain_text(nxt)
            and len(_visible(nxt).strip()) <= _MAX_PROMOTED_LINE_CHARS
        ):
            lines[i], lines[i + 1] = _fix_heading(f"{line} {nxt.strip()}"), ""
        else:
            lines[i] = ""


def _list_item(line: str | None) -> re.Match[str] | None:
    """The list marker opening the line (None for a thematic break such as `- - -`)."""
    if not line:
        return None
    item = _LIST_ITEM.match(line)
    if item is None or _THEMATIC_BREAK.match(line):
        return None
    return item


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _dedent_lists(lines: list[str | None]) -> None:
    """Move lists indented by 1-3 spaces to the margin, keeping relative nesting."""
    i = 0
    while i < len(lines):
        line = lines[i]
        start = _list_item(line)
        if start is None or (i > 0 and _list_item(lines[i - 1])):
            i += 1
            continue
        end, indents = i, []
        while end < len(lines):
            cur = lines[end]
            if cur is None:
                break
            item = _list_item(cur)
            if _THEMATIC_BREAK.match(cur):
                break
            if item:
                indents.append(len(item.group(1)))
            elif cur and not lines[end - 1] and _indent(cur) < indents[0] + 2:
                break  # a paragraph after a blank line, left of the item text, ends the list
            elif cur and _HEADING.match(cur):
                break
            end += 1
        shift = min(indents)
        if 0 < shift <= _MAX_LIST_SHIFT:
            for j in range(i, end):
                text = lines[j] or ""
                lines[j] = text[min(shift, _indent(text)):]
        i = max(end, i + 1)


def _unindent_paragraphs(lines: list[str | None]) -> None:
    """Drop the 1-3 insignificant leading spaces of paragraph lines outside lists."""
    item_indent: int | None = None  # marker indent of the list we are in, if any
    for i, line in enumerate(lines):
        if not line:
            continue
        item = _list_item(line)
        after_blank = i > 0 and lines[i - 1] == ""
        if item:
            item_indent = len(item.group(1))
        elif item_indent is not None and (
            not line[0].isspace() or (after_blank and _indent(line) < item_indent + 2)
        ):
            item_indent = None
        if item is None and item_indent is None and 0 < _indent(line) < 4:
            lines[i] = line.lstrip(" ")


_MAX_LABEL_WORDS = 4
_MAX_LABEL_CHARS = 40
_MIN_PARAGRAPH_WORDS = 8
_LABEL = re.compile(r"^[A-Z][\w&'’/ -]*:?$")


def _next_block(lines: list[str | None], i: int) -> str | None:
    """The first non-blank line after line i (None for code or the end)."""
    for line in lines[i + 1 :]:
        if line is None:
            return None
        if line:
            return line
    return None


def _promote_short_labels(lines: list[str | None]) -> None:
    """`Your Impact` alone between blank lines, before a paragraph or list: a heading."""
    for i, line in enumerate(lines):
        if not line or len(line) > _MAX_LABEL_CHARS or not "A" <= line[0] <= "Z":
            continue  # (the cheap tests first; all of them only skip the line)
        if not _LABEL.match(line) or not _is_plain_text(line):
            continue
        if (i > 0 and lines[i - 1]) or (i + 1 < len(lines) and lines[i + 1]):
            continue  # part of a longer paragraph
        words = line.rstrip(":").split()
        if len(words) > _MAX_LABEL_WORDS:
            continue
        nxt = _next_block(lines, i)
        if nxt is None:
            continue
        if _list_item(nxt) or (_is_plain_text(nxt) and len(nxt.split()) >= _MIN_PARAGRAPH_WORDS):
            lines[i] = "## " + line.rstrip(":").strip()


def _tighten_lists(lines: list[str | None]) -> None:
    """Drop blank lines between one-line items of the same list."""
    for i in range(1, len(lines) - 1):
        if lines[i] != "":
            continue
        before, after = _list_item(lines[i - 1]), _list_item(lines[i + 1])
        if before and after and len(before.group(1)) == len(after.group(1)):
            lines[i] = "\0drop"


def tidy_markdown(md: str, *, apply_url: str | None = None) -> str:
    """Remove junk structure from scraped Markdown; see the module docstring.

    When `apply_url` is given, a "Click to apply" footer line whose links (if any)
    all point to `apply_url` is dropped, since the page has its own apply button.
    """
    raw = md.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[str | None] = []  # None marks a line inside a fenced code block
    code: dict[int, str] = {}
    fence: str | None = None
    if raw[0] == "---" and "---" in raw[1:]:  # YAML front matter stays as it is
        fence = "---"
    for line in raw:
        opener = _FENCE.match(line) if "```" in line or "~~~" in line else None
        if fence == "---":
            code[len(lines)] = line
            lines.append(None)
            if line == "---" and len(lines) > 1:
                fence = None
        elif fence is not None:
            code[len(lines)] = line
            lines.append(None)
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence) \
                    and not line.strip().strip(fence[0]):
                fence = None
        elif opener and not (opener.group(1)[0] == "`" and "`" in line[opener.end():]):
            fence = opener.group(1)
            code[len(lines)] = line
            lines.append(None)
        else:
            fixed = _fix_line(line)
            if apply_url is not None and _is_apply_footer(fixed, apply_url):
                lines.append("")
            elif " " not in fixed or (listed := split_glued_list(fixed)) is fixed:
                lines.append(fixed)  # (a line has no "\n"; an unchanged one is returned as it is)
            else:
                lines.extend(listed.split("\n"))

    _resolve_empty_headings(lines)
    if any(line and line[0] == " " for line in lines):
        # Both change only lines that open with a space (and no step adds one).
        _dedent_lists(lines)
        _unindent_paragraphs(lines)
    _promote_short_labels(lines)
    _tighten_lists(lines)

    out: list[str] = []
    last_blank = True  # drops leading blank lines and collapses runs
    for i, kept in enumerate(lines):
        if kept is None:
            out.append(code[i])
            last_blank = False
        elif kept == "\0drop":
            continue
        elif kept or not last_blank:
            out.append(kept)
            last_blank = not kept
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out)


# `disabilities?Do you` / `experience.The role`: sentences glued when a scraper dropped
# line breaks. Only after two lower-case letters and before a capitalised word, so
# `ASP.NET`, `e.g.` and `Node.js` stay as written; lines with URLs or code are left alone.
# The look-behind comes after the punctuation (and checks it again), so a search only
# stops at `.`, `?` and `!` instead of trying the look-behind at every character.
_GLUED = re.compile(r"([.?!])(?<=[a-z]{2}[.?!])(?=[A-Z][a-z])")


def unglue_sentences(md: str) -> str:
    """Put the missing space back between glued sentences."""
    if not _GLUED.search(md):
        return md
    return "\n".join(
        line if "://" in line or "`" in line or "](" in line or "@" in line else _GLUED.sub(r"\1 ", line)
        for line in md.split("\n")
    )
