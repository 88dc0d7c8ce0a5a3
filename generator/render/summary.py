"""A posting's summary: the start of its plain text, cut at a word boundary.

`summary` for the `<summary>` of feed entries; `description` for the meta description of a
posting's page, which starts at the first real sentence, not at a heading or a label.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser as HTMLParser

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


DESCRIPTION_LENGTH = 155  # characters: what search results and link previews show
_BLOCKS = "p, li, td, dd, blockquote, pre"
_MIN_WORDS = 6  # fewer, with no closing punctuation: a label such as "About the role"
# Labels that open many bodies, glued to the first sentence when the body was plain text:
# taken off when a colon or dash follows them, or a word starting with a capital letter.
_LABELS = re.compile(
    r"^[#*>\s]*(?:(?:job|company|position|role)\s+(?:description|summary|overview)|description|overview|"
    r"summary|about\s+(?:the\s+)?(?:role|job|position|company|us|team)|the\s+role|the\s+opportunity|"
    r"(?:key\s+)?responsibilities|requirements|qualifications|"
    r"stellenbeschreibung|über\s+uns|ihre\s+aufgaben)(?:\s*[:\-–—]\s*|\s+(?=[A-ZÄÖÜ0-9]))",
    re.IGNORECASE,
)
_MARKERS = re.compile(r"^[#*>\s]+")  # Markdown left in the text: `# Job Description`
_LABELLED_LINE = re.compile(r"^[\w /&-]{1,30}:\s")  # `Position: Senior Engineer`
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9\"'(])")


@lru_cache(maxsize=16)  # a page shows it three times (meta, og: and twitter: descriptions)
def description(body_html: str, length: int = DESCRIPTION_LENGTH) -> str:
    """The meta description of a posting: its first real sentence (headings, labels such as
    "Company Description" and one-line label paragraphs skipped), then the sentences after it
    while they fit, cut as `summary` cuts."""
    for text in _block_texts(body_html):  # lazily: the text of the blocks after it is not made
        text = _LABELS.sub("", _MARKERS.sub("", text), count=1).strip()
        if not _is_label(text):
            sentences = _SENTENCE_END.split(text)
            kept = sentences[0]
            for sentence in sentences[1:]:
                if len(kept) + 1 + len(sentence) > length:
                    break
                kept = f"{kept} {sentence}"
            return summary(kept, length)
    return summary(" ".join(_block_texts(body_html)), length)


def _block_texts(body_html: str) -> Iterator[str]:
    """The text of each paragraph-like block, in order; headings are not among them."""
    tree = HTMLParser(body_html)
    found = False
    for node in tree.css(_BLOCKS):
        if node.tag == "li" and node.css_first("p, ul, ol") is not None:
            continue  # its paragraphs come on their own
        text = " ".join(node.text(separator=" ").split())
        if text:
            found = True
            yield text
    if not found and tree.body is not None:  # a body of bare text
        text = " ".join(tree.body.text(separator=" ").split())
        if text:
            yield text


def _is_label(text: str) -> bool:
    """A heading or a label written as a paragraph: too short for a sentence, ending with a
    colon, `Label: value`, or a few words all capitalised (`What Need Can You Fill?`)."""
    words = text.split()
    if len(words) < 3 or text.endswith(":") or (len(words) < _MIN_WORDS and text[-1] not in ".!?"):
        return True
    if len(words) < 12 and _LABELLED_LINE.match(text):
        return True
    headline = len(words) <= 8 and text[-1] != "."
    return headline and all(not w[0].isalpha() or w[0].isupper() for w in words)
