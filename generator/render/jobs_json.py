"""`jobs.json`: every open posting's metadata, for other tools."""

from __future__ import annotations

import json
from typing import Any

from generator import site_paths
from generator.model.place import Place
from generator.model.posting import Posting
from generator.model.site import Site
from generator.render.jsonld import number
from generator.site_paths import site_url
from generator.write.output import SiteWriter

JOBS_FILE = site_paths.JOBS_JSON


def place_record(place: Place) -> dict[str, Any]:
    """A place as extraction found it: its text, address parts (ISO country code) and, for
    the remote entry, the areas applicants must live in."""
    record: dict[str, Any] = {
        "name": place.label,
        "locality": place.locality,
        "region": place.region,
        "country": place.country_code,
        "remote": place.remote,
    }
    if place.remote:
        record["applicants"] = [area.name for area in place.applicants]
    return record


def posting_record(posting: Posting, site: Site, base_url: str | None) -> dict[str, Any]:
    """One posting's metadata. Company and locations are the grouped names (aliases applied);
    `source` is the path relative to the content folder."""
    companies = [t.name for t in site.taxonomies["companies"].terms_of(posting) if t.known]
    places = [t.name for t in site.taxonomies["locations"].terms_of(posting) if t.known]
    salary = posting.salary
    return {
        "title": posting.title,
        "slug": posting.slug,
        "url": site_url(base_url, JOBS_FILE, site_paths.posting(posting.slug)),
        "company": companies[0] if companies else posting.company,
        "company_url": posting.company_url,
        "locations": places or list(posting.locations),
        "places": [place_record(place) for place in posting.places],
        "remote": posting.remote,
        "applicant_countries": list(posting.applicant_countries),
        "employment_type": posting.employment_type,
        "salary": None
        if salary is None or not salary.known
        else {
            "min": number(salary.min) if salary.min else None,
            "max": number(salary.max) if salary.max else None,
            "currency": salary.currency,
            "period": salary.period,
        },
        "date_posted": posting.date_posted.isoformat(),
        "valid_through": posting.valid_through.isoformat() if posting.valid_through else None,
        "apply_url": posting.apply_url,
        "tags": list(posting.tags),
        "source": posting.source,
    }


def jobs_document(site: Site, title: str, base_url: str | None) -> dict[str, Any]:
    jobs = [posting_record(p, site, base_url) for p in site.postings]
    return {"title": title, "count": len(jobs), "jobs": jobs}


def render_jobs_json(site: Site, title: str, base_url: str | None, writer: SiteWriter) -> None:
    """One job per line: readable and diffable, and written by json's fast (C) encoder, which
    `indent` would turn off."""
    document = jobs_document(site, title, base_url)
    jobs = ",\n".join(json.dumps(job, ensure_ascii=False) for job in document.pop("jobs"))
    head = json.dumps(document, ensure_ascii=False)[:-1]
    writer.write(JOBS_FILE, f'{head}, "jobs": [\n{jobs}\n]}}\n' if jobs else f'{head}, "jobs": []}}\n')
