"""A company's web domain, from its company URL: two spellings of one company share it.

`https://jobs.octopus.energy/` and `https://octopus.energy` give `octopus.energy`: the host
without the labels that name a part of the company's own site (`www`, `jobs`, `careers`),
never shorter than the registrable domain (by the Public Suffix List, so `acme.co.uk` and
`acme.github.io` are whole). Other subdomains are kept: `acme.example.com` and
`globex.example.com` are two companies. Domains that host many companies' pages (job
boards, applicant tracking systems, social networks, site builders) say nothing about which
company it is and give None.
"""

from __future__ import annotations

from functools import cache, lru_cache
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

# Registrable domains shared by many employers.
# fmt: off
SHARED_HOSTS = frozenset({
    "linkedin.com", "indeed.com", "glassdoor.com", "greenhouse.io", "lever.co", "workable.com",
    "ashbyhq.com", "smartrecruiters.com", "myworkdayjobs.com", "workday.com", "bamboohr.com",
    "breezy.hr", "recruitee.com", "jobvite.com", "icims.com", "teamtailor.com", "personio.de",
    "personio.com", "jazzhr.com", "applytojob.com", "taleo.net", "successfactors.com",
    "wellfound.com", "angel.co", "ycombinator.com", "stackoverflow.com", "github.com",
    "gitlab.com", "facebook.com", "twitter.com", "x.com", "instagram.com", "youtube.com",
    "medium.com", "google.com", "notion.site", "wixsite.com", "squarespace.com", "wordpress.com",
    "crunchbase.com", "weworkremotely.com", "remoteok.com", "remotewlb.com", "remotive.com",
    "remote.co", "builtin.com", "dice.com", "monster.com", "ziprecruiter.com", "reed.co.uk",
    "totaljobs.com", "cv-library.co.uk", "jobs.ac.uk", "b.co.uk", "python.org",
})
# fmt: on
# Leading labels that name a part of the company's own site, not another company.
_SITE_PARTS = frozenset(
    {"www", "www2", "jobs", "careers", "career", "apply", "join", "work", "about", "en", "corp"}
)


@cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()  # the list packaged with the library: nothing is fetched


@lru_cache(maxsize=8192)
def company_domain(url: str | None) -> str | None:
    """The registrable domain of a company URL, or None (no URL, an e-mail address, a shared host)."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host or host.replace(".", "").isdigit():
        return None
    try:
        domain = _suffixes().privatesuffix(host.rstrip("."))
    except (ValueError, UnicodeError):
        return None
    if domain is None or domain in SHARED_HOSTS:
        return None
    # `jobs.octopus.energy` is octopus.energy; `acme.someats.com` and `globex.someats.com`
    # (tenants of a host not listed above) stay two.
    labels = host.rstrip(".").split(".")
    while len(labels) > domain.count(".") + 1 and labels[0] in _SITE_PARTS:
        labels = labels[1:]
    return ".".join(labels)
