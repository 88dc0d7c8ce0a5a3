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
    FIRST_SEEN = "first seen"  # no date stated: the date the build first saw the file

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
    date_posted: dt.date  # always known: stated, else first seen, else the build clock
    body_html: str
    body_text: str
    slug: str = ""
    language: str | None = None  # detected from the text (BCP 47, e.g. "de"); None: the board's

    @property
    def date_stated(self) -> bool:
        """Does the posting state its date? Else `date_posted` is when the file was first seen
        (or the build clock), shown as "date not stated" and sorted after dated postings."""
        return self.origins.get("date_posted") not in (Origin.BUILD, Origin.FIRST_SEEN)

    def is_expired(self, today: dt.date, max_age_days: int = 0) -> bool:
        """Closed: its end date has passed, or, stating no end date, it is older than
        `max_age_days` (0: no limit) counted from its date (or first seen)."""
        if self.valid_through is not None:
            return self.valid_through < today
        return max_age_days > 0 and (today - self.date_posted).days > max_age_days

    def aged_out(self, today: dt.date, max_age_days: int) -> bool:
        """Closed by `max_age_days` only (no end date stated)."""
        return self.valid_through is None and self.is_expired(today, max_age_days)
