"""A page's `<title>` / `og:title` split as a person reads it, and whether a site name is an employer.

Real pages title themselves `Senior Analyst at Bare - Melbourne, Australia | Some Job Board`,
`Senior Engineer - Initech | Careers`, `Acme - Backend Engineer`, `Initech is hiring a Data
Engineer` or `Initech hiring Data Engineer in Berlin, Germany | LinkedIn`. The `| Site` tail is
never part of the job title. Only string operations are used (no backtracking regexes), so a
long title costs linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.locations import is_remote, parse_place

_MAX_TITLE = 300
_DASHES = (" - ", " – ", " — ")
# Names of sites that list many employers' jobs: job boards, aggregators, ATS hosts.
_BOARD_NAMES = frozenset(
    {
        "linkedin",
        "indeed",
        "glassdoor",
        "monster",
        "stepstone",
        "xing",
        "ziprecruiter",
        "dice",
        "simplyhired",
        "careerbuilder",
        "seek",
        "reed",
        "totaljobs",
        "jooble",
        "adzuna",
        "wellfound",
        "angellist",
        "otta",
        "hired",
        "remoteok",
        "remote ok",
        "remotive",
        "stack overflow",
        "stackoverflow",
        "we work remotely",
        "weworkremotely",
        "welcome to the jungle",
        "builtin",
        "built in",
        "greenhouse",
        "lever",
        "workday",
        "workable",
        "smartrecruiters",
        "ashby",
        "personio",
        "recruitee",
        "teamtailor",
        "bamboohr",
        "jobvite",
        "icims",
        "breezy hr",
        "jazzhr",
        "arbeitnow",
        "honeypot",
        "join",
    }
)
# Words that make a site name a board's, not one employer's ("International Student Job Board").
_BOARD_WORDS = re.compile(
    r"\b(?:job ?boards?|jobboard|board|jobs?|careers?|karriere|stellen\w*|vacanc(?:y|ies)|recruit\w*"
    r"|talent|hiring|emplois?|empleos?|portal|marketplace|listings?|openings|opportunities)\b",
    re.I,
)
_EMPLOYER_SITE = (
    re.compile(r"^(?:careers?|jobs?|karriere|work|working) (?:at|@|bei|with|for) (?P<name>.+)$", re.I),
    re.compile(r"^(?P<name>.+?)(?: -| \||:)? (?:careers?|jobs?|karriere|job openings|open positions)$", re.I),
)
# `Job Application for Data Engineer at Initech`: the form's wording, not the job's.
_APPLICATION_FOR = re.compile(
    r"^(?:job application for|application for|apply for|apply now:|bewerbung als) ", re.I
)


@dataclass(frozen=True)
class TitleParts:
    """What a page title names; any part may be missing."""

    title: str | None = None
    company: str | None = None
    place: str | None = None
    site: str | None = None


def same_text(a: str | None, b: str | None) -> bool:
    """Equal when case, spacing and punctuation are ignored."""
    if not a or not b:
        return False
    return _key(a) == _key(b)


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def looks_like_place(text: str) -> bool:
    """`Berlin, Germany`, `Austin, TX`, `Remote (US)`, or a known city or country on its own."""
    text = text.strip()
    if not text or len(text) > 80:
        return False
    if is_remote(text):
        return not text.lower().startswith("hybrid")  # a way of working, not a place
    place = parse_place(text)
    return place is not None and place.country_code is not None


def is_board_name(name: str) -> bool:
    """True for a site that lists many employers' jobs (a job board, aggregator or ATS host)."""
    key = _key(name).replace(" com", "")
    if key in _BOARD_NAMES or key.replace(" ", "") in _BOARD_NAMES:
        return True
    return bool(_BOARD_WORDS.search(name)) and employer_in_site_name(name) is None


def employer_in_site_name(name: str | None) -> str | None:
    """The employer a site name stands for (`Initech Careers` -> `Initech`), None for a board's."""
    if not name:
        return None
    name = " ".join(name.split())
    for pattern in _EMPLOYER_SITE:
        m = pattern.match(name)
        if m and not _BOARD_WORDS.search(m["name"]) and _key(m["name"]) not in _BOARD_NAMES:
            return m["name"].strip(" -|:")
    if _BOARD_WORDS.search(name) or _key(name).replace(" com", "") in _BOARD_NAMES:
        return None
    return name


def split_page_title(text: str | None, *, heading: str | None = None) -> TitleParts:
    """Title, company, place and site named by a page title.

    `heading` is the page's visible job title when known: it settles which side of a
    `A - B` title is the job (`Acme - Backend Engineer` with heading `Backend Engineer`).
    """
    if not text:
        return TitleParts()
    text = " ".join(text.split())
    if len(text) > _MAX_TITLE:
        return TitleParts(title=text)
    segments = [s.strip() for s in text.split(" | ") if s.strip()]
    if not segments:
        return TitleParts()
    main, tail = _APPLICATION_FOR.sub("", segments[0]) or segments[0], segments[1:]
    site = tail[-1] if tail else None
    tail_company = None
    if tail and not is_board_name(tail[0]):
        tail_company = employer_in_site_name(tail[0])
    if heading and same_text(heading, main):
        return TitleParts(title=main, company=tail_company, site=site)
    parts = _split_hiring(main) or _split_at(main) or _split_dashes(main, heading, bool(tail))
    if parts is None:
        return TitleParts(title=main, company=tail_company, site=site)
    title, company, place = parts
    if company and is_board_name(company):
        site, company = site or company, None
    return TitleParts(title=title, company=company or tail_company, place=place, site=site)


def _split_hiring(main: str) -> tuple[str, str | None, str | None] | None:
    """`Initech is hiring a Data Engineer in Berlin` -> (Data Engineer, Initech, Berlin)."""
    lower = main.lower()
    for marker in (" is hiring ", " hiring "):
        at = lower.find(marker)
        if at > 0:
            company, rest = main[:at], main[at + len(marker) :]
            for article in ("a ", "an "):
                if rest.lower().startswith(article):
                    rest = rest[len(article) :]
            title, place = _place_after(rest, " in ")
            return (title, company, place) if title else None
    return None


def _split_at(main: str) -> tuple[str, str | None, str | None] | None:
    """`Analyst at Bare - Melbourne, Australia` -> (Analyst, Bare, Melbourne, Australia)."""
    for marker in (" at ", " @ "):
        at = main.rfind(marker)
        if at > 0:
            title, rest = main[:at].strip(), main[at + len(marker) :].strip()
            company, place = rest, None
            for dash in _DASHES:
                if dash in rest:
                    company, after = rest.split(dash, 1)
                    place = after if looks_like_place(after) else None
                    break
            if title and company:
                return title, company.strip(), place
    return None


def _place_after(text: str, marker: str) -> tuple[str, str | None]:
    at = text.rfind(marker)
    if at > 0 and looks_like_place(text[at + len(marker) :]):
        return text[:at].strip(), text[at + len(marker) :].strip()
    return text.strip(), None


def _split_dashes(
    main: str, heading: str | None, has_site: bool
) -> tuple[str, str | None, str | None] | None:
    """`Backend Engineer - Initech - Berlin`, `Acme - Backend Engineer`, `Engineer - Remote`."""
    parts = [main]
    for dash in _DASHES:
        parts = [p for part in parts for p in part.split(dash)]
    parts = [p.strip() for p in parts if p.strip()]
    if len(parts) < 2:
        return None
    if is_board_name(parts[-1]):  # `Engineer - Berlin - Indeed.com`
        parts = parts[:-1]
    if heading:
        for n in range(len(parts), 0, -1):
            if same_text(" - ".join(parts[:n]), heading):
                return _title_then_rest(" - ".join(parts[:n]), parts[n:])
            if same_text(" - ".join(parts[-n:]), heading) and n < len(parts):
                company = " - ".join(parts[:-n])
                if looks_like_place(company) or is_board_name(company):
                    return " - ".join(parts[-n:]), None, None
                return " - ".join(parts[-n:]), company, None
    # No heading settles it: a trailing place is split off; the part before it (or the last
    # part before a `| Site` tail) is the employer only when it reads like a name.
    place = parts[-1] if looks_like_place(parts[-1]) else None
    rest = parts[:-1] if place else parts
    employer = None
    if len(rest) >= 2 and (place or has_site) and _reads_like_name(rest[-1]) and not is_board_name(rest[-1]):
        employer, rest = rest[-1], rest[:-1]
    return " - ".join(rest), employer, place


def _title_then_rest(title: str, rest: list[str]) -> tuple[str, str | None, str | None]:
    company = place = None
    for part in rest:
        if place is None and looks_like_place(part):
            place = part
        elif company is None and _reads_like_name(part) and not is_board_name(part):
            company = part
    return title, company, place


def _reads_like_name(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 5 and (text[0].isupper() or text[0].isdigit()) and not is_remote(text)
