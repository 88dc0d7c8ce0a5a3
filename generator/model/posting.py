"""The Posting model: everything the site knows about one job posting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from generator.model.place import Place


class Origin(StrEnum):
    """Where a metadata field came from; `jobboard check` shows it."""

    FRONT_MATTER = "front matter"
    HEADING = "heading"
    LABEL = "label"
    FILE_NAME = "file name"
    HTML_META = "html meta"
    JSON_LD = "json-ld"
    GUESS = "guess"
    BUILD = "build"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Salary:
    """A salary range. `period` is a schema.org unitText: HOUR, DAY, WEEK, MONTH or YEAR."""

    min: float | None
    max: float | None
    currency: str | None
    period: str | None
    text: str = ""

    @property
    def known(self) -> bool:
        return bool(self.min or self.max)


EMPLOYMENT_TYPES = ("FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "OTHER")


@dataclass
class Metadata:
    """Every metadata field of a posting, typed, plus each field's origin."""

    title: str
    company: str | None = None
    company_url: str | None = None
    places: list[Place] = field(default_factory=list)
    remote: bool = False
    employment_type: str | None = None
    salary: Salary | None = None
    date_posted: dt.date | None = None
    valid_through: dt.date | None = None
    apply_url: str | None = None
    source_url: str | None = None
    tags: list[str] = field(default_factory=list)
    draft: bool = False
    origins: dict[str, Origin] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def locations(self) -> list[str]:
        """The places as text (`Tel Aviv, Israel`, `Remote`), for lists and `check`."""
        return [place.label for place in self.places]

    @property
    def applicant_countries(self) -> list[str]:
        """Names of the areas applicants must live in (`US`, `Europe`), from the remote entry."""
        names = (area.name for place in self.places for area in place.applicants)
        return list(dict.fromkeys(names))


@dataclass(kw_only=True)
class Posting(Metadata):
    """One posting after reading, cleaning and extraction: its metadata and its body."""

    source: str  # path relative to the content folder, with forward slashes
    date_posted: dt.date  # always known: front matter, file name, or the build clock
    body_html: str
    body_text: str
    slug: str = ""
    language: str | None = None  # detected from the text (BCP 47, e.g. "de"); None: the board's

    def is_expired(self, today: dt.date) -> bool:
        return self.valid_through is not None and self.valid_through < today
