"""Allow-list HTML sanitizing of posting bodies (nh3 / ammonia).

1. nh3 cleans with the allow-list; its attribute filter resolves relative links
   against `base_url` (or drops them) and drops unsafe schemes once more.
2. A small pass over nh3's output unlinks ``<a>`` left without ``href``, demotes
   ``<h1>`` to ``<h2>`` and puts ``rel="nofollow noopener"`` on http(s) links.  nh3
   serializes a DOM, so its output is regular: lower-case tags, attribute values in
   double quotes with ``"`` escaped, and no raw ``<`` outside a tag.  A regex over
   the tags is enough; anything unexpected falls back to a real parser (html.parser).
3. nh3 cleans the result again, so whatever step 2 does, the output is allow-listed.

Before step 1, elements nested deeper than `MAX_NESTING` lose their tags (the text
stays): html5ever's tree building takes time quadratic in the nesting depth (1 MB of
`<div>` took nearly a minute).  The scan is linear, and a fragment that cannot hold
more start tags than the limit (counted with `str.count`) is passed on untouched.
"""

from __future__ import annotations

import html
import re
from contextvars import ContextVar
from html.parser import HTMLParser
from urllib.parse import urljoin

import nh3

from generator.clean.leftovers import drop_empty_paragraphs

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
        "strong", "b", "em", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark",
        "blockquote", "pre", "code", "kbd", "ul", "ol", "li", "dl", "dt", "dd", "a",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
        "span", "div", "section", "article", "abbr", "cite", "q", "figure", "figcaption",
    }
)
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "abbr": {"title"},
    "ol": {"start"},
}
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
EXTERNAL_REL = "nofollow noopener"
# Removed together with their content (the rest keep their text, minus the tag).
_DROP_WITH_CONTENT = {
    "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object",
    "embed", "applet", "svg", "math", "textarea", "select", "title", "xmp", "noembed",
    "noframes", "plaintext",
}
_VOID = {"br", "hr"}
MAX_NESTING = 100
# Elements that never nest in the tree: void elements, and those whose end tag is
# optional (a new `<p>` or `<li>` closes the open one), so they do not count as depth.
_FLAT = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "thead",
        "tbody", "tfoot", "option", "optgroup", "colgroup", "caption", "rb", "rt", "rtc", "rp",
        "html", "head", "body",
    }
)
_TAG_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*+)[^<>]*+(>?)")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_IGNORED_IN_URL = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL


# Start tags of elements that never count as depth, as Markdown renders them.
_FLAT_START_TAGS = ("<p>", "<li>", "<br>", "<br />", "<hr>", "<hr />", "<td>", "<tr>", "<th>")


def _start_tags_at_most(fragment: str) -> int:
    """No fewer than the start tags `cap_nesting` counts as depth, by counting substrings.

    Each `<` begins a token of its own (a token never runs over a `<`): one after `</`
    is an end tag, one of `_FLAT_START_TAGS` a flat element.
    """
    count = fragment.count("<") - fragment.count("</")
    if count <= MAX_NESTING:
        return count
    return count - sum(fragment.count(tag) for tag in _FLAT_START_TAGS)


def cap_nesting(fragment: str, limit: int = MAX_NESTING) -> str:
    """`fragment` with the tags of elements nested deeper than `limit` removed.

    A start tag that would open element number `limit + 1` is dropped, and so is the end
    tag that closes it; the text inside stays.  End tags close what they close in a
    browser (the innermost open element of that name and everything inside it).
    """
    if _start_tags_at_most(fragment) <= limit:
        return fragment
    out: list[str] = []
    pos = 0
    open_names: list[str] = []
    dropped: dict[str, int] = {}
    for tag in _TAG_TOKEN.finditer(fragment):
        closing, name, ends = tag.group(1), tag.group(2).lower(), tag.group(3)
        if not ends or name in _FLAT:
            continue
        drop = False
        if not closing:
            drop = len(open_names) >= limit
            if drop:
                dropped[name] = dropped.get(name, 0) + 1
            else:
                open_names.append(name)
        elif dropped.get(name):
            dropped[name] -= 1
            drop = True
        elif name in open_names:
            del open_names[len(open_names) - 1 - open_names[::-1].index(name) :]
        if drop:
            out.append(fragment[pos : tag.start()])
            pos = tag.end()
    if not out:
        return fragment
    out.append(fragment[pos:])
    return "".join(out)


def _scheme(url: str) -> str | None:
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", url).lstrip("\x00- "))
    return match.group(1).lower() if match else None


def _resolve_href(value: str, base_url: str | None) -> str | None:
    url = value.strip()
    if not url or url.startswith("#"):
        return None  # in-page anchor: ids are not kept, so it has no target
    scheme = _scheme(url)
    if scheme is not None:
        return url if scheme in URL_SCHEMES else None
    if base_url is None:
        return None
    joined = urljoin(base_url, url)
    return joined if _scheme(joined) in {"http", "https"} else None


# The first pass's link filter reads the posting's base URL from here (each thread, and
# each context, has its own): one cleaner is built once instead of one per body.
_BASE_URL: ContextVar[str | None] = ContextVar("sanitize_base_url", default=None)


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if tag == "a" and attr == "href":
        return _resolve_href(value, _BASE_URL.get())
    return value


_FIRST_PASS = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=_DROP_WITH_CONTENT,
    attributes=ALLOWED_ATTRIBUTES,
    attribute_filter=_attribute_filter,
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    strip_comments=True,
)
_FINAL_PASS = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=_DROP_WITH_CONTENT,
    attributes=ALLOWED_ATTRIBUTES,
    tag_attribute_values={"a": {"rel": {EXTERNAL_REL}}},
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    strip_comments=True,
)


def _first_pass(fragment: str, base_url: str | None) -> str:
    token = _BASE_URL.set(base_url)
    try:
        return _FIRST_PASS.clean(fragment)
    finally:
        _BASE_URL.reset(token)


def _final_pass(fragment: str) -> str:
    return _FINAL_PASS.clean(fragment)


# One tag of nh3's output is `<(/?)([a-z][a-z0-9]*)({_ATTRS})\s*/?>`: start or end tag,
# attribute values always double-quoted.  `_TAG_TO_REWRITE` matches each `<a>`, `<h1>`
# (and their end tags) and each `<` that starts no tag, after the text and the other
# tags before it (group 1; the last match ends at the end of the fragment), so a body
# without links is one match instead of one per tag.  Other tags are the tags whose
# name is not `a` or `h1` (a name runs to its end: `<abbr>` is not `<a`).  Nothing can
# backtrack (white space, names and values are disjoint), so it stays linear.
_ATTRS = r'(?:\s+[^\s"\'<>/=]+(?:="[^"]*")?)*'
_OTHER_TAG = r'<(?!/?(?:a|h1)[\s/>])/?[a-z][a-z0-9]*+(?:\s++[^\s"\'<>/=]++(?:="[^"]*+")?)*+\s*+/?>'
_TAG_TO_REWRITE = re.compile(
    rf"((?:[^<]++|{_OTHER_TAG})*+)(?:(<(/?)(a|h1)({_ATTRS})\s*/?>)|(<)|\Z)"
)
_ATTR = re.compile(r'\s+([^\s"\'<>/=]+)(?:="([^"]*)")?')


class _Irregular(Exception):
    """nh3's output did not look as expected: use the html.parser pass instead."""


def _rewrite(fragment: str) -> str:
    """Unlink ``<a>`` without href, ``<h1>`` to ``<h2>``, rel on http(s) links.

    Works on the tags of nh3's serialized output only; text is left byte for byte.
    Gives the same DOM as `_Rewriter`, so the final nh3 pass gives the same bytes.
    """
    if "<a" not in fragment and "<h1" not in fragment:
        return fragment
    links: list[bool] = []  # for each open <a>: is it kept?

    def tag(match: re.Match[str]) -> str:
        before, whole, closing, name, attrs, stray = match.group(1, 2, 3, 4, 5, 6)
        if stray is not None:
            raise _Irregular  # a '<' that does not start a tag
        if name is None:
            return before  # the end of the fragment
        if name == "a":
            if closing:
                return before if links and not links.pop() else before + whole
            values = dict(_ATTR.findall(attrs))
            href = html.unescape(values.get("href", ""))
            links.append(bool(href))
            if not href:
                return before
            if _scheme(href) in {"http", "https"}:
                return f'{before}<a{attrs} rel="{EXTERNAL_REL}">'
            return before + whole
        return f"{before}<{closing}h2{attrs}>"  # h1

    return _TAG_TO_REWRITE.sub(tag, fragment)


class _Rewriter(HTMLParser):
    """Re-serializes nh3's (well-formed, allow-listed) output with small changes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.links: list[bool] = []  # for each open <a>: is it kept?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a":
            href = values.get("href")
            self.links.append(bool(href))
            if not href:
                return
            if _scheme(href) in {"http", "https"}:
                attrs = [*attrs, ("rel", EXTERNAL_REL)]
        elif tag == "h1":
            tag = "h2"
        text = "".join(
            f' {name}="{html.escape(value or "", quote=True)}"' for name, value in attrs
        )
        self.out.append(f"<{tag}{text}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links and not self.links.pop():
            return
        if tag in _VOID:
            return
        self.out.append(f"</{'h2' if tag == 'h1' else tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))


def sanitize_html(html_text: str, *, base_url: str | None = None) -> str:
    """Sanitize an HTML fragment from a posting body with an explicit allow-list.

    Only http, https and mailto links survive; http(s) links get
    ``rel="nofollow noopener"``.  Relative links are made absolute against
    `base_url` (the posting's source URL) when given, else unlinked (text kept);
    ``#anchor`` links are always unlinked.  ``<h1>`` becomes ``<h2>``.
    """
    if base_url is not None and _scheme(base_url) not in {"http", "https"}:
        base_url = None
    cleaned = _first_pass(cap_nesting(html_text), base_url)
    try:
        rewritten = _rewrite(cleaned)
    except _Irregular:
        rewritten = _rewrite_with_parser(cleaned)
    return drop_empty_paragraphs(_final_pass(rewritten))


def _rewrite_with_parser(fragment: str) -> str:
    """The same rewrite as `_rewrite` with a real HTML parser (fallback and reference)."""
    rewriter = _Rewriter()
    rewriter.feed(fragment)
    rewriter.close()
    return "".join(rewriter.out)
