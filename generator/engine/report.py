"""What a build says about its content: the summary line's counts and the files it did not build.

A build keeps its report with the output's tree state (see `build._TreeState`), so a later
build of the same inputs, whose output still holds what was written, can say the same
without reading or assembling a single posting. A stored report is checked before use and
never trusted otherwise: anything but what `to_json` writes reads as no report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.display import shown_path
from generator.model.site import Site
from generator.reading import Skip

_COUNTS = ("postings", "companies", "locations", "closed", "aged", "drafts")


@dataclass(frozen=True)
class Report:
    postings: int  # open postings
    companies: int
    locations: int
    closed: int  # past their end date, or older than max_age_days
    drafts: int  # drafts not built
    skipped: list[Skip] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (dropped, kept) sources
    aged: int = 0  # of the closed: stating no end date, older than max_age_days

    @classmethod
    def of(cls, site: Site, skipped: list[Skip]) -> Report:
        return cls(
            postings=len(site.postings),
            companies=len(site.taxonomies["companies"].terms),
            locations=len(site.taxonomies["locations"].terms),
            closed=len(site.closed),
            aged=sum(1 for p in site.closed if p.valid_through is None),
            drafts=len(site.drafts),
            skipped=list(skipped),
            duplicates=[(d.dropped.source, d.kept.source) for d in site.duplicates],
        )

    def lines(self) -> list[str]:
        """What the build logs about single files, in the order it logs them."""
        return [skip.log_line() for skip in self.skipped] + self.duplicate_lines()

    def duplicate_lines(self) -> list[str]:
        return [
            f"duplicate {shown_path(dropped)}: same job as {shown_path(kept)}, not built"
            for dropped, kept in self.duplicates
        ]

    def summary(self, seconds: float) -> str:
        parts = [
            f"{self.postings} postings",
            f"{self.companies} companies",
            f"{self.locations} locations",
            f"{len(self.skipped)} skipped",
        ]
        extra = []
        if self.closed - self.aged:
            extra.append(f"{self.closed - self.aged} closed")
        if self.aged:
            extra.append(f"{self.aged} closed as older than max_age_days")
        if self.drafts:
            extra.append(f"{self.drafts} drafts not built")
        if self.duplicates:
            extra.append(f"{len(self.duplicates)} duplicates dropped")
        tail = f" ({', '.join(extra)})" if extra else ""
        return f"{', '.join(parts)}{tail} in {seconds:.2f}s"

    def to_json(self) -> dict[str, Any]:
        return {
            **{name: getattr(self, name) for name in _COUNTS},
            "skipped": [[s.source, s.message, s.line] for s in self.skipped],
            "duplicates": [list(pair) for pair in self.duplicates],
        }

    @classmethod
    def from_json(cls, value: Any) -> Report | None:
        """The report `to_json` wrote, or None for anything else."""
        if not isinstance(value, dict) or set(value) != {*_COUNTS, "skipped", "duplicates"}:
            return None
        if not all(type(value[name]) is int and value[name] >= 0 for name in _COUNTS):
            return None
        skipped, duplicates = value["skipped"], value["duplicates"]
        if not isinstance(skipped, list) or not all(_is_skip(s) for s in skipped):
            return None
        if not isinstance(duplicates, list) or not all(
            isinstance(d, list) and len(d) == 2 and all(isinstance(s, str) for s in d) for d in duplicates
        ):
            return None
        return cls(
            **{name: value[name] for name in _COUNTS},
            skipped=[Skip(*s) for s in skipped],
            duplicates=[(d[0], d[1]) for d in duplicates],
        )


def _is_skip(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 3
        and isinstance(value[0], str)
        and isinstance(value[1], str)
        and (value[2] is None or type(value[2]) is int)
    )
