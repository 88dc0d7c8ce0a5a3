"""A YAML loader for untrusted front matter: safe types only, no anchors or aliases.

Most front matter has no anchor (`&`) and no alias (`*`) character at all; it is
loaded with libyaml (`yaml.CSafeLoader`, same resolver and constructor as
`yaml.SafeLoader`, much faster).  Whatever libyaml refuses, and any result nested
deeper than MAX_DEPTH, goes through the pure-Python loader below, so errors and
their messages are exactly the pure loader's.  libyaml itself stops at 1000
levels of nesting, so it cannot recurse without bound.

`HardenedYAMLHandler` is python-frontmatter's YAML handler with this loader in place of
PyYAML's SafeLoader, for readers that split front matter through python-frontmatter.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast

import yaml
from frontmatter.default_handlers import YAMLHandler
from yaml.events import AliasEvent

from generator.readers.base import PostingError

MAX_DEPTH = 20


class _UntrustedLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases (billion-laughs bombs) and deep nesting."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(AliasEvent):
            event = self._next_event()
            raise yaml.composer.ComposerError(
                None, None, "YAML aliases are not allowed in front matter", event.start_mark
            )
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, "front matter is nested too deeply", self._next_event().start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _next_event(self) -> Any:
        return cast(Any, self).peek_event()  # PyYAML's parser is untyped


_C_LOADER: type | None = getattr(yaml, "CSafeLoader", None)
# libyaml and the pure loader disagree on a few rare inputs (a tab after `key:`, an
# empty `!` tag, ...): text with any of these characters goes to the pure loader.
# `&` and `*` are anchors and aliases, which the pure loader refuses.
_PURE_ONLY = re.compile("[&*!%\t\x85\u2028\u2029\ufeff]|[|>][-+0-9]*#")


def _too_deep(value: object, level: int = 1) -> bool:
    """Whether the pure loader would count more than MAX_DEPTH nested nodes (a scalar is one)."""
    if level > MAX_DEPTH:
        return True
    if isinstance(value, dict):
        return any(_too_deep(v, level + 1) for v in (*value.keys(), *value.values()))
    if isinstance(value, (list, tuple, set)):
        return any(_too_deep(v, level + 1) for v in value)
    return False


def _load_fast(text: str) -> tuple[bool, Any]:
    """(True, data) when libyaml loads `text` as the pure loader would; else (False, None)."""
    if _C_LOADER is None or _PURE_ONLY.search(text):
        return False, None
    try:
        data = yaml.load(text, Loader=_C_LOADER)  # noqa: S506 - CSafeLoader
    except Exception:  # the pure loader decides, and explains the error
        return False, None
    if _too_deep(data):
        return False, None
    return True, data


def _load_pure(text: str) -> Any:
    return yaml.load(text, Loader=_UntrustedLoader)  # noqa: S506 - SafeLoader subclass


def load_front_matter(text: str, first_line: int = 1) -> dict[str, Any]:
    """Parse a front-matter block into a mapping, or raise PostingError with its line."""
    try:
        ok, data = _load_fast(text)
        if not ok:
            data = _load_pure(text)
    except yaml.MarkedYAMLError as err:
        line = first_line + err.problem_mark.line if err.problem_mark else None
        problem = err.problem or err.context or "invalid YAML"
        raise PostingError(f"broken YAML front matter: {problem}", line=line) from err
    except yaml.YAMLError as err:
        raise PostingError(f"broken YAML front matter: {err}") from err
    except RecursionError as err:
        raise PostingError("front matter is nested too deeply") from err
    except ValueError as err:  # a date YAML reads but the calendar has not (2024-02-30)
        line = _impossible_date_line(text)
        raise PostingError(
            f"broken YAML front matter: impossible date ({err})",
            line=first_line + line if line is not None else None,
        ) from err
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PostingError("front matter is not a mapping of keys to values", line=first_line)
    return {_key_text(k): v for k, v in data.items()}


class HardenedYAMLHandler(YAMLHandler):
    """python-frontmatter's YAML handler, loading through `load_front_matter`: no aliases, the
    depth limit, and PostingError with the line in the file (`first_line` is the file line
    of the block's first line; a splitting subclass sets it)."""

    first_line = 1

    def load(self, fm: str, **kwargs: object) -> dict[str, Any]:
        if kwargs:  # a Loader of the caller's would bypass the hardening
            raise TypeError(f"the hardened front-matter loader takes no options ({', '.join(kwargs)})")
        return load_front_matter(fm, first_line=self.first_line)


def _key_text(key: object) -> str:
    """A key as written, case kept (`applyUrl`); `yes:` / `true:` (YAML booleans) in lower case."""
    if isinstance(key, bool):
        return str(key).lower()
    return str(key).strip()


_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")


def _impossible_date_line(text: str) -> int | None:
    """The 0-based line of the first date-like value that is not a calendar date."""
    for number, line in enumerate(text.splitlines()):
        for match in _DATE.finditer(line):
            try:
                dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return number
    return None
