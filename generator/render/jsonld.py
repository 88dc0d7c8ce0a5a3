"""schema.org `JobPosting` JSON-LD for a posting page: a dict, serialized safely for a script.

Google's required and recommended properties, from what the posting states. Nothing is
invented (SPEC "Details decided"): an unknown company leaves `hiringOrganization` out, an
unknown place leaves `jobLocation` out, no base URL leaves `url` out.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

from markupsafe import Markup

from generator.model.place import Area, Place
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
    url: str | None = None,
    publisher: str | None = None,
) -> JsonDict:
    """The JobPosting dict. `company` is the grouped display name when known (aliases
    applied); it defaults to the posting's own. Places are the posting's typed places."""
    company = company if company is not None else posting.company
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
    job_locations = [loc for loc in map(_job_location, posting.places) if loc]
    if job_locations:
        data["jobLocation"] = job_locations if len(job_locations) > 1 else job_locations[0]
    if posting.remote:
        data["jobLocationType"] = "TELECOMMUTE"
        areas = {area.name: area for place in posting.places for area in place.applicants}
        requirements = [_applicant_area(area) for area in areas.values()]
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
    """The page's JSON-LD, with the company as grouped on the site (aliases applied)."""
    companies = [t.name for t in site.taxonomies["companies"].terms_of(posting) if t.known]
    data = job_posting(posting, company=companies[0] if companies else None, url=url, publisher=publisher)
    return script_json(data)


def _job_location(place: Place) -> JsonDict | None:
    """A schema.org Place with the address parts extraction found; None for the remote
    entry and for a place with no known part."""
    if place.remote or not place.located:
        return None
    address: JsonDict = {"@type": "PostalAddress"}
    if place.locality:
        address["addressLocality"] = place.locality
    if place.region:
        address["addressRegion"] = place.region
    if place.country_code:  # ISO 3166-1 alpha-2, from the gazetteer when not written
        address["addressCountry"] = place.country_code
    return {"@type": "Place", "address": address}


def _applicant_area(area: Area) -> JsonDict:
    kind = "Country" if area.country_code else "AdministrativeArea"
    return {"@type": kind, "name": area.name}


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
    text = indented_json(data)
    for char, escape in _SCRIPT_ESCAPES:
        text = text.replace(char, escape)
    return Markup(text)  # noqa: S704 - every markup character is escaped above


def indented_json(value: Any, indent: str = "\n") -> str:
    """`json.dumps(value, ensure_ascii=False, indent=1)`, byte for byte, for the values a
    JobPosting holds (dicts with string keys, lists, strings, numbers, booleans, None). With
    an indent the json module encodes in Python, one generator step per token; this makes
    each container in one join (a third of the time)."""
    if isinstance(value, str):
        return str(encode_basestring(value))
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return json.dumps(value)
    inner = indent + " "
    if isinstance(value, dict):
        if not value:
            return "{}"
        if not all(isinstance(key, str) for key in value):
            return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", indent)
        items = [f"{encode_basestring(key)}: {indented_json(item, inner)}" for key, item in value.items()]
        return "{" + inner + ("," + inner).join(items) + indent + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return "[" + inner + ("," + inner).join([indented_json(item, inner) for item in value]) + indent + "]"
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
