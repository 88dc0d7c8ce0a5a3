"""A YAML loader for untrusted front matter: safe types only, no anchors or aliases."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import AliasEvent

from generator.readers.base import PostingError

MAX_DEPTH = 20


class _UntrustedLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases (billion-laughs bombs) and deep nesting."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "YAML aliases are not allowed in front matter", event.start_mark
            )
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, "front matter is nested too deeply", self.peek_event().start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_front_matter(text: str, first_line: int = 1) -> dict[str, Any]:
    """Parse a front-matter block into a mapping, or raise PostingError with its line."""
    try:
        data = yaml.load(text, Loader=_UntrustedLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as err:
        line = first_line + err.problem_mark.line if err.problem_mark else None
        problem = err.problem or err.context or "invalid YAML"
        raise PostingError(f"broken YAML front matter: {problem}", line=line) from err
    except yaml.YAMLError as err:
        raise PostingError(f"broken YAML front matter: {err}") from err
    except RecursionError as err:
        raise PostingError("front matter is nested too deeply") from err
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PostingError("front matter is not a mapping of keys to values", line=first_line)
    return {str(k).strip().lower(): v for k, v in data.items()}
