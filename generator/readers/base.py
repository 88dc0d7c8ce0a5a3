"""The one small interface every posting reader implements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from generator.model.posting import Origin

BodyFormat = Literal["markdown", "html"]


class PostingError(Exception):
    """A posting that cannot be built. Rendered as one line: `file:line: message`."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Found:
    """A raw field value as a reader found it, with where it came from."""

    value: Any
    origin: Origin


@dataclass
class RawPosting:
    """What a reader returns: raw field values (strings, lists, dates) and the body."""

    reader: str
    fields: dict[str, Found] = field(default_factory=dict)
    body: str = ""
    body_format: BodyFormat = "markdown"
    # What a person should look at (an unknown front-matter key ...), shown by `check`.
    warnings: list[str] = field(default_factory=list)

    def set(self, name: str, value: Any, origin: Origin) -> None:
        """Record a field unless it is empty or already known (first source wins)."""
        if value is None or value == "" or value == []:
            return
        if name not in self.fields:
            self.fields[name] = Found(value, origin)

    def get(self, name: str) -> Any:
        found = self.fields.get(name)
        return None if found is None else found.value


class Reader(Protocol):
    """Reads one shape of posting. `accepts` must be cheap; `read` may raise PostingError."""

    name: str

    def accepts(self, text: str) -> bool: ...

    def read(self, text: str) -> RawPosting: ...
