"""The language a posting is written in, for its page's `<html lang>`.

CLD2 (pycld2) reads the title and the start of the body: a table lookup in C++, deterministic,
about 0.04 ms for the 1,000 characters it is given, and no model to load. When it is not sure
(too little text, a mix) the answer is None and the page keeps the board's language.
"""

from __future__ import annotations

import pycld2

SAMPLE = 1000  # characters: as good as the whole text on the corpus, and 6 times faster


def detect_language(text: str) -> str | None:
    """A BCP 47 code such as `de`, `zh` or `zh-Hant`; None when unknown or unsure."""
    sample = text[:SAMPLE].encode("utf-8", "replace")  # lone surrogates are not UTF-8
    try:
        reliable, _, details = pycld2.detect(sample)
    except pycld2.error:  # bytes CLD2 refuses (some control characters)
        return None
    code: str = details[0][1]  # pycld2 is untyped: details are (name, code, percent, score) tuples
    if not reliable or code in ("un", "xxx"):
        return None
    return code
