"""schema.org `JobPosting` JSON-LD for a posting page: a dict, serialized safely for a script.

Google's required and recommended properties, from what the posting states. Nothing is
invented (SPEC "Details decided"): an unknown company leaves `hiringOrganization` out, an
unknown place leaves `jobLocation` out, no base URL leaves `url` out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from generator.extract.locations import REMOTE, country_code, parse_place
from generator.model.posting import Posting, Salary
from generator.model.site import Site

JsonDict = dict[str, Any]

# Characters that could end the script element or start markup inside it, and the two line
# separators JavaScript once disallowed in strings. (Replaced one by one: str.translate with a
# table looks up every character in Python and took 0.7 ms of each posting page.)
_SCRIPT_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def number(value: float) -> int | float:
    """Whole numbers as ints (`95000`, not `95000.0`)."""
    return int(value) if float(value).is_integer() else value


def job_posting(
    posting: Posting,
    *,
    company: str | None = None,
    locations: Sequence[str] | None = None,
    url: str | None = None,
    publisher: str | None = None,
) -> JsonDict:
    """The JobPosting dict. `company` and `locations` are the grouped display names when
    known (aliases applied); they default to the posting's own values."""
    company = company if company is not None else posting.company
    places = list(locations if locations is not None else posting.locations)
    data: JsonDict = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": posting.body_html,
        "datePosted": posting.date_posted.isoformat(),
    }
    if posting.valid_through:
        data["validThrough"] = posting.valid_through.isoformat()
    if company:
        organization: JsonDict = {"@type": "Organization", "name": company}
        if posting.company_url:
            organization["sameAs"] = posting.company_url
        data["hiringOrganization"] = organization
    job_locations = [loc for loc in (_job_location(p) for p in places if p != REMOTE) if loc]
    if job_locations:
        data["jobLocation"] = job_locations if len(job_locations) > 1 else job_locations[0]
    if posting.remote:
        data["jobLocationType"] = "TELECOMMUTE"
        requirements = [_applicant_area(name) for name in posting.applicant_countries]
        if requirements:
            data["applicantLocationRequirements"] = (
                requirements if len(requirements) > 1 else requirements[0]
            )
    if posting.employment_type:
        data["employmentType"] = posting.employment_type
    salary = base_salary(posting.salary)
    if salary:
        data["baseSalary"] = salary
    data["identifier"] = {
        "@type": "PropertyValue",
        "name": company or publisher or "jobboard",
        "value": posting.slug,
    }
    if url:
        data["url"] = url
    if posting.apply_url:
        data["directApply"] = False
    return data


def posting_script(posting: Posting, site: Site, url: str | None, publisher: str | None) -> Markup:
    """The page's JSON-LD, with company and places as grouped on the site (aliases applied)."""
    companies = [t.name for t in site.taxonomies["companies"].terms_of(posting) if t.known]
    places = [t.name for t in site.taxonomies["locations"].terms_of(posting) if t.known]
    data = job_posting(
        posting,
        company=companies[0] if companies else None,
        locations=places or None,
        url=url,
        publisher=publisher,
    )
    return script_json(data)


def _job_location(name: str) -> JsonDict | None:
    place = parse_place(name)
    if place is None:
        return None
    address: JsonDict = {"@type": "PostalAddress"}
    if place.locality:
        address["addressLocality"] = place.locality
    if place.region:
        address["addressRegion"] = place.region
    if place.country_code:  # ISO 3166-1 alpha-2, from the gazetteer when not written
        address["addressCountry"] = place.country_code
    if len(address) == 1:
        return None
    return {"@type": "Place", "address": address}


def _applicant_area(name: str) -> JsonDict:
    kind = "Country" if country_code(name) else "AdministrativeArea"
    return {"@type": kind, "name": name}


def base_salary(salary: Salary | None) -> JsonDict | None:
    """MonetaryAmount with a QuantitativeValue; None unless the amount and currency are known."""
    if salary is None or not salary.known or not salary.currency:
        return None
    value: JsonDict = {"@type": "QuantitativeValue"}
    low, high = salary.min or None, salary.max or None
    if low and high and low != high:
        value["minValue"], value["maxValue"] = number(low), number(high)
    elif low and high:
        value["value"] = number(low)
    elif low:
        value["minValue"] = number(low)
    elif high:
        value["maxValue"] = number(high)
    if salary.period:
        value["unitText"] = salary.period
    return {"@type": "MonetaryAmount", "currency": salary.currency, "value": value}


def script_json(data: JsonDict) -> Markup:
    """JSON for inside `<script type="application/ld+json">`: `<`, `>`, `&` as \\u escapes,
    so no posting text can close the script element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)
    for char, escape in _SCRIPT_ESCAPES:
        text = text.replace(char, escape)
    return Markup(text)  # noqa: S704 - every markup character is escaped above
