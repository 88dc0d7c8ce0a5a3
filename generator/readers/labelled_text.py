"""Shape 5: plain-text exports made of `Label: value` lines (`Title:`, `Company:`, ...)."""

from __future__ import annotations

import re

from generator.model.posting import Origin
from generator.readers.base import RawPosting
from generator.readers.labels import find_labels

_BODY_LABEL = re.compile(
    r"^[ \t]*(?:description|job description|details|body|text|beschreibung)[ \t]*:[ \t]*", re.I | re.M
)
_ANY_LABEL = re.compile(r"^[ \t]*[^\W\d_][\w '/-]{0,29}:[ \t]*\S", re.M)


class LabelledTextReader:
    """Starts with a `Title:` line; the body follows `Description:` or the label block."""

    name = "labelled text"

    def accepts(self, text: str) -> bool:
        head = text.lstrip()[:2000]
        labels = find_labels(head, limit=12)
        if labels.get("title", ("", 0))[1] != 1:  # `Title:`, `Job title:`, `Position:` ...
            return False
        return len(labels) >= 2 or _BODY_LABEL.search(head) is not None

    def read(self, text: str) -> RawPosting:
        raw = RawPosting(reader=self.name)
        labels = find_labels(text, limit=40)
        for name, (value, _line) in labels.items():
            raw.set(name, value, Origin.LABEL)
        body_label = _BODY_LABEL.search(text)
        if body_label:
            raw.body = text[body_label.end() :].strip()
        else:
            lines = text.strip().split("\n")
            rest = 0
            while rest < len(lines) and (_ANY_LABEL.match(lines[rest]) or not lines[rest].strip()):
                rest += 1
            raw.body = "\n".join(lines[rest:]).strip()
        return raw
