"""The reading shortcuts give what the patterns they skip or replace give.

Each shortcut (a substring test before a pattern, a search of bytes instead of `str`, a
pattern that matches fewer places) is compared with the plain form it stands for.
"""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.clean import case, sanitize, structure
from generator.clean import text as text_module
from generator.extract.locations import parse_locations
from generator.extract.salary import parse_salary
from generator.readers import labels
from generator.render import markdown_guard


def pieces(*parts: str, size: int = 14) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(parts), st.text(max_size=3)), max_size=size).map("".join)


def test_invisible_characters_are_found_in_the_utf8_bytes_of_every_code_point() -> None:
    for code in range(0x110000):
        char = chr(code)
        found = text_module._has_always_invisible(f"a{char}b")
        assert found == bool(text_module._ALWAYS_INVISIBLE.search(char)), hex(code)


_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)


def _all_lower_reference(text: str) -> bool:
    text = _URL.sub(" ", text.strip())
    _first, sep, rest = text.partition("\n")
    body = rest if sep and rest.strip() else text
    if any(ch.isupper() and ch.isalpha() for ch in body):
        return False
    return sum(ch.isalpha() for ch in body) >= case.MIN_LETTERS


@settings(max_examples=500, deadline=None)
@given(pieces("a", "B", "\n", " ", "http://", "HTTPS://X", "WWW.", "www.", "\u017f", "\u0130", "\u01c5", "é"))
def test_is_all_lower_without_the_url_pass_agrees(text: str) -> None:
    old = case.MIN_LETTERS
    case.MIN_LETTERS = 3  # reach the letter count too
    try:
        assert case.is_all_lower(text) == _all_lower_reference(text)
    finally:
        case.MIN_LETTERS = old


_DECORATION = re.compile(r"^[ \t>#*+_-]++|(?<![ \t*_])[ \t*_]++$")


@settings(max_examples=500, deadline=None)
@given(pieces(" ", "\t", ">", "#", "*", "+", "_", "-", "x", "apply"))
def test_footer_decoration_strip_is_the_pattern(line: str) -> None:
    line = line.replace("\n", "")
    stripped = line.lstrip(structure._LEADING_DECORATION).rstrip(structure._TRAILING_DECORATION)
    assert stripped == _DECORATION.sub("", line)


_DEEP = re.compile(rf"^[ \t>*+\-.)\d]{{{markdown_guard.MAX_PREFIX + 1}}}", re.M)


@settings(max_examples=500, deadline=None)
@given(pieces(" ", "\t", ">", "1", "\n", "x", "-", "        ", "\u0663", ".", ")", "[", "*", "_", size=60))
def test_markdown_guard_shortcuts_agree_with_its_patterns(text: str) -> None:
    deep = bool(markdown_guard._DEEP_FIRST.match(text) or markdown_guard._DEEP.search(text))
    assert deep == bool(_DEEP.search(text))
    reference = not (
        (len(text) > markdown_guard.MAX_LINE and max(map(len, text.split("\n"))) > markdown_guard.MAX_LINE)
        or any(run in text for run in markdown_guard._RUNS)
        or _DEEP.search(text)
        or markdown_guard._INLINE.search(text)
    )
    assert markdown_guard.safe_for_native(text) == reference


def _labels_reference(text: str, limit: int) -> dict[str, tuple[str, int]]:
    found: dict[str, tuple[str, int]] = {}
    head = "\n".join(text.split("\n", limit)[:limit])
    for m in labels._LINE.finditer(head):
        name = labels.label_field(m["label"])
        if name and name not in found:
            value = labels.clean_text(m["value"].strip().strip("*_").strip())
            if value:
                found[name] = (value, head.count("\n", 0, m.start()) + 1)
    return found


@settings(max_examples=500, deadline=None)
@given(pieces("Location", "Company", ":", " ", "\n", "**", "_", "Berlin", "Title", "\t", "Remote: yes"))
def test_labels_matched_at_line_starts_are_finditer_s(text: str) -> None:
    for limit in (2, 60):
        assert labels.find_labels(text, limit=limit) == _labels_reference(text, limit)


_TAG = re.compile(rf"<(/?)([a-z][a-z0-9]*)({sanitize._ATTRS})\s*/?>|<")


def _rewrite_reference(fragment: str) -> str:
    """The tag pass with one match per tag (every tag goes through the function)."""
    links: list[bool] = []

    def tag(match: re.Match[str]) -> str:
        closing, name, attrs = match.group(1, 2, 3)
        if name is None:
            raise sanitize._Irregular
        if name == "a":
            if closing:
                return "" if links and not links.pop() else match.group()
            href = html.unescape(dict(sanitize._ATTR.findall(attrs)).get("href", ""))
            links.append(bool(href))
            if not href:
                return ""
            if sanitize._scheme(href) in {"http", "https"}:
                return f'<a{attrs} rel="{sanitize.EXTERNAL_REL}">'
            return match.group()
        if name == "h1":
            return f"<{closing}h2{attrs}>"
        return match.group()

    if "<a" not in fragment and "<h1" not in fragment:
        return fragment
    return _TAG.sub(tag, fragment)


def _outcome(rewrite: object, fragment: str) -> str:
    assert callable(rewrite)
    try:
        return str(rewrite(fragment))
    except sanitize._Irregular:
        return "irregular"


@settings(max_examples=1000, deadline=None)
@given(
    pieces(
        "<a", "<a ", "</a>", "<h1", "</h1>", "<h1>", "<abbr>", "<p>", "</p>", ">", "<", " ", "/", "/>",
        'href="http://x"', 'href=""', 'title="a<b"', '"', "=", "<h12>", "<br />", 'href="mailto:a"',
    )
)
def test_tag_pass_matches_only_links_and_h1_as_the_tag_by_tag_pass(fragment: str) -> None:
    assert _outcome(sanitize._rewrite, fragment) == _outcome(_rewrite_reference, fragment)


@settings(max_examples=500, deadline=None)
@given(pieces("<div>", "</div>", "<p>", "<li>", "<br>", "<br />", "<td>", "<span>", "<", "</", "<DIV>",
              size=80))
def test_start_tag_count_is_never_below_the_depth_counting_tags(fragment: str) -> None:
    counted = sum(
        1
        for tag in sanitize._TAG_TOKEN.finditer(fragment)
        if not tag.group(1) and tag.group(3) and tag.group(2).lower() not in sanitize._FLAT
    )
    assert sanitize._start_tags_at_most(fragment) >= counted


def test_cached_location_values_come_back_as_fresh_lists() -> None:
    locations, remote, applicants = parse_locations("Berlin, Germany; Remote (EU only)")
    expected = (list(locations), remote, list(applicants))
    locations.append("changed")
    applicants.clear()
    assert parse_locations("Berlin, Germany; Remote (EU only)") == expected
    assert expected[0] and expected[1]


def test_a_long_salary_text_is_parsed_without_the_cache() -> None:
    text = "$100k - $120k " + "x" * 2_000
    assert parse_salary(text) == parse_salary(text[:20]) is not None
