"""The UI strings of the site: built-in English and German tables, the board's overrides.

Every word a visitor reads that is not part of a posting comes from here: templates call
`t("key", n=...)`, the front page hands the `search.*` (and `age.*`, `month.*`) strings to
search.js as JSON. `language` in jobboard.toml picks a built-in table (English fills any key a
table lacks) and `[strings]` overrides single keys. `{name}` in a string is a value the page
fills in; a key with a `_one` twin uses the twin when `n` is 1.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

EN: dict[str, str] = {
    "site.skip": "Skip to content",
    "nav.label": "Main",
    "nav.jobs": "Jobs",
    "companies.title": "Companies",
    "companies.singular": "company",
    "companies.unknown": "Company not stated",
    "companies.lead": "{n} companies with open postings.",
    "companies.lead_one": "1 company with open postings.",
    "locations.title": "Locations",
    "locations.singular": "location",
    "locations.unknown": "Location not stated",
    "locations.lead": "{n} locations with open postings.",
    "locations.lead_one": "1 location with open postings.",
    "front.title_page": "{title} – page {n}",
    "front.lead": "{n} open postings, newest first.",
    "front.lead_one": "1 open posting.",
    "front.browse": "Browse by",
    "front.or": "or",
    "front.postings": "Postings",
    "term.lead": "{n} open postings.",
    "term.lead_one": "1 open posting.",
    "term.description": "{n} open postings: {name}.",
    "term.description_one": "1 open posting: {name}.",
    "term.feed": "Atom feed",
    "list.empty": "No open postings right now.",
    "pager.label": "Pages",
    "pager.newer": "← Newer",
    "pager.older": "Older →",
    "pager.page": "Page {n} of {count}",
    "card.remote": "Remote",
    "card.remote_only": "Remote · {region} only",
    "posting.title_at": "{title} at {company}",
    "posting.closed": "This posting is closed: applications are no longer accepted.",
    "posting.company": "Company",
    "posting.location": "Location",
    "posting.type": "Type",
    "posting.salary": "Salary",
    "posting.posted": "Posted",
    "posting.date_not_stated": "Date not stated",
    "posting.apply_by": "Apply by",
    "posting.closed_on": "Closed",
    "posting.website": "website",
    "posting.applicants_from": "(applicants from {countries})",
    "posting.apply": "Apply for this job",
    "posting.tags": "Tags",
    "not_found.title": "Page not found",
    "not_found.text": "This page does not exist, or the posting was removed.",
    "not_found.link": "See all open jobs",
    "search.label": "Search postings",
    "search.placeholder": "Skill, title or company",
    "search.company": "Company",
    "search.all_companies": "All companies",
    "search.location": "Location",
    "search.all_locations": "All locations",
    "search.type": "Type",
    "search.all_types": "All types",
    "search.remote_only": "Remote only",
    "search.clear": "Clear",
    "search.heading": "Search results",
    "search.more": "Show more",
    "search.results": "{n} postings match.",
    "search.results_one": "1 posting matches.",
    "search.no_results": "No open postings match.",
    "search.did_you_mean": "Did you mean {suggestion}?",
    "search.unavailable": "Search is not available right now.",
    "search.option_count": "{value} ({n})",
    "age.today": "today",
    "age.yesterday": "yesterday",
    "age.days": "{n} days ago",
    "age.weeks": "{n} weeks ago",
    "age.weeks_one": "1 week ago",
    "age.months": "{n} months ago",
    "age.months_one": "1 month ago",
    "age.years": "{n} years ago",
    "age.years_one": "1 year ago",
    "salary.from": "from {amount}",
    "salary.up_to": "up to {amount}",
    "salary.HOUR": "an hour",
    "salary.DAY": "a day",
    "salary.WEEK": "a week",
    "salary.MONTH": "a month",
    "salary.YEAR": "a year",
    "employment.FULL_TIME": "Full time",
    "employment.PART_TIME": "Part time",
    "employment.CONTRACTOR": "Contract",
    "employment.TEMPORARY": "Temporary",
    "employment.INTERN": "Internship",
    "employment.OTHER": "Other",
    "date.format": "%-d %b %Y",
    **{f"month.{i}": name for i, name in enumerate(
        "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), start=1)},
    **{f"month.long.{i}": name for i, name in enumerate(
        "January February March April May June July August September October November December".split(),
        start=1)},
}

DE: dict[str, str] = {
    "site.skip": "Zum Inhalt springen",
    "nav.label": "Hauptmenü",
    "nav.jobs": "Jobs",
    "companies.title": "Firmen",
    "companies.singular": "Firma",
    "companies.unknown": "Firma nicht angegeben",
    "companies.lead": "{n} Firmen mit offenen Stellen.",
    "companies.lead_one": "1 Firma mit offenen Stellen.",
    "locations.title": "Orte",
    "locations.singular": "Ort",
    "locations.unknown": "Ort nicht angegeben",
    "locations.lead": "{n} Orte mit offenen Stellen.",
    "locations.lead_one": "1 Ort mit offenen Stellen.",
    "front.title_page": "{title} – Seite {n}",
    "front.lead": "{n} offene Stellen, die neuesten zuerst.",
    "front.lead_one": "1 offene Stelle.",
    "front.browse": "Stöbern nach",
    "front.or": "oder",
    "front.postings": "Stellen",
    "term.lead": "{n} offene Stellen.",
    "term.lead_one": "1 offene Stelle.",
    "term.description": "{n} offene Stellen: {name}.",
    "term.description_one": "1 offene Stelle: {name}.",
    "term.feed": "Atom-Feed",
    "list.empty": "Zurzeit keine offenen Stellen.",
    "pager.label": "Seiten",
    "pager.newer": "← Neuere",
    "pager.older": "Ältere →",
    "pager.page": "Seite {n} von {count}",
    "card.remote": "Remote",
    "card.remote_only": "Remote · nur {region}",
    "posting.title_at": "{title} bei {company}",
    "posting.closed": "Diese Stelle ist geschlossen: Bewerbungen werden nicht mehr angenommen.",
    "posting.company": "Firma",
    "posting.location": "Ort",
    "posting.type": "Art",
    "posting.salary": "Gehalt",
    "posting.posted": "Veröffentlicht",
    "posting.date_not_stated": "Datum nicht angegeben",
    "posting.apply_by": "Bewerben bis",
    "posting.closed_on": "Geschlossen",
    "posting.website": "Website",
    "posting.applicants_from": "(Bewerbungen aus {countries})",
    "posting.apply": "Jetzt bewerben",
    "posting.tags": "Schlagwörter",
    "not_found.title": "Seite nicht gefunden",
    "not_found.text": "Diese Seite gibt es nicht, oder die Stelle wurde entfernt.",
    "not_found.link": "Alle offenen Stellen ansehen",
    "search.label": "Stellen durchsuchen",
    "search.placeholder": "Fähigkeit, Titel oder Firma",
    "search.company": "Firma",
    "search.all_companies": "Alle Firmen",
    "search.location": "Ort",
    "search.all_locations": "Alle Orte",
    "search.type": "Art",
    "search.all_types": "Alle Arten",
    "search.remote_only": "Nur remote",
    "search.clear": "Zurücksetzen",
    "search.heading": "Suchergebnisse",
    "search.more": "Mehr anzeigen",
    "search.results": "{n} Stellen gefunden.",
    "search.results_one": "1 Stelle gefunden.",
    "search.no_results": "Keine offene Stelle passt.",
    "search.did_you_mean": "Meinten Sie {suggestion}?",
    "search.unavailable": "Die Suche ist gerade nicht verfügbar.",
    "search.option_count": "{value} ({n})",
    "age.today": "heute",
    "age.yesterday": "gestern",
    "age.days": "vor {n} Tagen",
    "age.weeks": "vor {n} Wochen",
    "age.weeks_one": "vor 1 Woche",
    "age.months": "vor {n} Monaten",
    "age.months_one": "vor 1 Monat",
    "age.years": "vor {n} Jahren",
    "age.years_one": "vor 1 Jahr",
    "salary.from": "ab {amount}",
    "salary.up_to": "bis {amount}",
    "salary.HOUR": "pro Stunde",
    "salary.DAY": "pro Tag",
    "salary.WEEK": "pro Woche",
    "salary.MONTH": "pro Monat",
    "salary.YEAR": "pro Jahr",
    "employment.FULL_TIME": "Vollzeit",
    "employment.PART_TIME": "Teilzeit",
    "employment.CONTRACTOR": "Freiberuflich",
    "employment.TEMPORARY": "Befristet",
    "employment.INTERN": "Praktikum",
    "employment.OTHER": "Sonstiges",
    "date.format": "%-d. %b %Y",
    **{f"month.{i}": name for i, name in enumerate(
        "Jan. Feb. März Apr. Mai Juni Juli Aug. Sept. Okt. Nov. Dez.".split(), start=1)},
    **{f"month.long.{i}": name for i, name in enumerate(
        "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
        start=1)},
}

BUILTIN: dict[str, dict[str, str]] = {"en": EN, "de": DE}
# The keys search.js reads from the form's data-strings attribute.
SCRIPT_PREFIXES = ("search.", "age.", "month.", "date.")

_FIELD = re.compile(r"\{(\w+)\}")


def strings_for(language: str, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """English, then the built-in table of `language` (`de`, `de-AT` -> `de`), then overrides."""
    table = dict(EN)
    table.update(BUILTIN.get(language.split("-")[0].lower(), {}))
    table.update(overrides or {})
    return table


def unknown_keys(overrides: Mapping[str, str]) -> list[str]:
    """Override keys that name no string (a typo would otherwise be silently ignored)."""
    return [key for key in overrides if key not in EN]


class Strings:
    """One board's strings: `strings("age.days", n=3)` -> `3 days ago`."""

    def __init__(self, table: Mapping[str, str]) -> None:
        self.table = dict(table)

    def __call__(self, key: str, n: int | None = None, **values: object) -> str:
        text = self.table.get(f"{key}_one") if n == 1 else None
        if text is None:
            text = self.table[key]
        if n is not None:
            values["n"] = n
        return _FIELD.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], text)

    def get(self, key: str, fallback: str) -> str:
        """The string `key`, or `fallback` when the table has none (a taxonomy of a user's own)."""
        return self(key) if key in self.table else fallback

    def for_script(self) -> dict[str, str]:
        """The strings search.js uses, for the JSON of the form's data-strings attribute."""
        return {k: v for k, v in sorted(self.table.items()) if k.startswith(SCRIPT_PREFIXES)}

    def date(self, value: dt.date, pattern: str | None = None) -> str:
        """`value` in the board's date format (see format_date)."""
        return format_date(value, pattern or self.table["date.format"], self.table)

    def age(self, value: dt.date, today: dt.date) -> str:
        """`3 days ago`, `1 week ago`, `2 months ago`: how long before `today` the date was."""
        days = max((today - value).days, 0)
        if days == 0:
            return self("age.today")
        if days == 1:
            return self("age.yesterday")
        if days < 14:
            return self("age.days", n=days)
        if days < 60:
            return self("age.weeks", n=days // 7)
        if days < 365:
            return self("age.months", n=days // 30)
        return self("age.years", n=days // 365)


_DIRECTIVE = re.compile(r"%(-?)([a-zA-Z%])")
DATE_DIRECTIVES = "dmbBYy%"  # what format_date understands (`%-d`, `%-m` without the zero)


def format_date(value: dt.date, pattern: str, table: Mapping[str, str]) -> str:
    """strftime-like: %d %-d %m %-m %b %B %Y %y %%, month names from the strings table."""

    def field(m: re.Match[str]) -> str:
        bare, code = m[1] == "-", m[2]
        if code == "d":
            return str(value.day) if bare else f"{value.day:02d}"
        if code == "m":
            return str(value.month) if bare else f"{value.month:02d}"
        if code == "b":
            return table[f"month.{value.month}"]
        if code == "B":
            return table[f"month.long.{value.month}"]
        if code == "Y":
            return str(value.year)
        if code == "y":
            return f"{value.year % 100:02d}"
        if code == "%":
            return "%"
        return m[0]

    return _DIRECTIVE.sub(field, pattern)


def bad_date_format(pattern: str) -> str | None:
    """The first directive format_date does not know, or None."""
    for m in _DIRECTIVE.finditer(pattern):
        if m[2] not in DATE_DIRECTIVES:
            return m[0]
    return None
