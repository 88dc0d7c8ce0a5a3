"""File-name-like first lines -> (company, title), and title casing with acronyms kept.

SPEC: `Salesforce 26--Senior_Lead-Distributed-Systems-Software-Engineer-- Salesforce-Iot.Txt`
gives company `Salesforce` (the words before the number) and title
`Senior/Lead Distributed Systems Software Engineer - Salesforce IoT`:
`_` = `/`, `--` = ` - `, `-` = space, extension dropped, Title Case with known acronyms.
"""

from __future__ import annotations

import re

# Lower-case word -> how it is written in a title.
# fmt: off
ACRONYMS: dict[str, str] = {w.lower(): w for w in (
    "IoT", "AWS", "GCP", "API", "APIs", "SQL", "NoSQL", "MySQL", "PostgreSQL", "GraphQL",
    "UI", "UX", "QA", "QC", "SRE", "ML", "AI", "NLP", "LLM", "MLOps", "DevOps", "DevSecOps",
    "SecOps", "iOS", "macOS", "tvOS", ".NET", "ASP.NET", "C#", "C++", "F#", "PhD", "MSc",
    "BSc", "MBA", "VP", "SVP", "EVP", "AVP", "CTO", "CEO", "CFO", "COO", "CIO", "CISO", "CPO",
    "CMO", "HR", "IT", "SaaS", "PaaS", "IaaS", "B2B", "B2C", "R&D", "CRM", "ERP", "SEO", "SEM",
    "PHP", "HTML", "HTML5", "CSS", "CSS3", "JSON", "XML", "REST", "ETL", "BI", "SDK", "SDET",
    "CI", "CD", "CI/CD", "JavaScript", "TypeScript", "Node.js", "NodeJS", "Vue.js", "React.js",
    "AngularJS", "GIS", "GPU", "CPU", "FPGA", "ASIC", "RF", "3D", "2D", "AR", "VR", "XR",
    "TV", "US", "USA", "UK", "EU", "EMEA", "APAC", "LATAM", "NYC", "SF", "II", "III", "IV",
    "VI", "VII", "VIII", "IX", "RoR", "WordPress", "GitHub", "GitLab", "OCaml", "IT/OT",
    "SoC", "HPC", "DSP", "ASP", "JVM", "K8s", "PKI", "IAM", "SOC", "NOC", "PM", "PMO", "GTM",
    "SMB", "SME", "LLC", "GmbH", "AG", "SA", "Inc.", "eCommerce", "E-commerce", "FinTech",
    "HealthTech", "EdTech", "AdTech", "MarTech", "InsurTech", "PropTech", "YouTube", "iPhone",
    "iPad", "Android", "Java", "Python", "Kafka", "Kubernetes", "Salesforce", "Go", "Rust",
)}
# fmt: on
# "Go" and similar are only recased inside titles, never lower-cased as small words.
# fmt: off
_SMALL_WORDS = {"a", "an", "and", "or", "of", "the", "for", "to", "in", "with", "at", "on",
                "by", "as", "via", "vs", "nor", "per", "from", "into"}
# fmt: on
_EXTENSION = re.compile(r"\.(?:txt|md|markdown|html?|docx?|pdf|rtf|odt|text)$", re.I)
_SPACES = re.compile(r"(?:\u00c2\u00a0|\u00c2 |\u00a0|\s)+")


def _case_word(word: str, *, start: bool, all_caps: bool) -> str:
    """One word (no spaces, no slashes) in title case."""
    match = re.fullmatch(r"([(\[\"'“‘]*)(.*?)([)\]\"'”’.,:;!?]*)", word)
    if not match:
        return word
    lead, core, trail = match.groups()
    if not core:
        return word
    key = core.lower()
    if key in ACRONYMS:
        return lead + ACRONYMS[key] + trail
    if key + trail[:1] in ACRONYMS and trail[:1] == ".":  # "Inc."
        return lead + ACRONYMS[key + "."] + trail[1:]
    if not start and key in _SMALL_WORDS:
        return lead + key + trail
    letters = [c for c in core if c.isalpha()]
    if not letters:
        return word
    if not all_caps and core.isupper() and len(letters) <= 5:
        return word  # an acronym we do not know: keep it (`IT`, `KMS`)
    if all_caps or core.islower() or core.isupper():
        if "-" in core:
            core = "-".join(p[:1].upper() + p[1:].lower() for p in core.split("-"))
        else:
            core = core[:1].upper() + core[1:].lower()
        return lead + core + trail
    return word  # mixed case as written: "iPhone", "McDonald"


def title_case(text: str) -> str:
    """Title Case with known acronyms kept (IoT, AWS, C#, PhD) and small words lower inside.

    Words already in mixed case are kept; all-caps or all-lower input is recased.
    """
    text = " ".join(str(text).split())
    letters = [c for c in text if c.isalpha()]
    all_caps = bool(letters) and all(c.isupper() for c in letters) and len(letters) > 5
    out: list[str] = []
    start = True
    for piece in re.split(r"(\s+|/)", text):
        if not piece or piece.isspace() or piece == "/":
            out.append(piece)
            if piece == "/":
                start = True
            continue
        out.append(_case_word(piece, start=start, all_caps=all_caps))
        start = piece in ("-", "–", "—", ":", "|") or piece.endswith(":")
    return "".join(out)


def _clean_line(line: str) -> str:
    return _SPACES.sub(" ", str(line)).strip().lstrip("\ufeff")


def looks_like_file_name(line: str) -> bool:
    """True for lines like `Acme 12--Senior_Engineer--Acme-Iot.Txt`, not for sentences."""
    text = _clean_line(line)
    if not text or len(text) > 200 or "://" in text:
        return False
    has_extension = bool(_EXTENSION.search(text))
    stem = _EXTENSION.sub("", text)
    joined = len(re.findall(r"[A-Za-z0-9][-_][A-Za-z0-9]|--", stem))
    spaces = stem.count(" ")
    if re.search(r"[.!?,;:]\s", stem) or re.search(r"[<>{}\[\]`#*|]", stem):
        return False
    if has_extension:
        return spaces <= 4 and joined >= 1
    return joined >= 3 and spaces <= 3 and "--" in stem


def _title_from_stem(stem: str) -> str:
    stem = stem.strip(" -_")
    stem = re.sub(r"\s*--+\s*", "\x00", stem)
    stem = stem.replace("_", "/")
    stem = re.sub(r"\s*-\s*", " ", stem)
    stem = stem.replace("\x00", " - ")
    stem = " ".join(stem.split()).strip(" -/")
    return title_case(stem)


def parse_file_name_line(line: str) -> tuple[str, str] | None:
    """(company, title) from a file-name-like line, or None when it is not one.

    The company is "" when no number separates it from the title.
    """
    if not looks_like_file_name(line):
        return None
    stem = _EXTENSION.sub("", _clean_line(line))
    match = re.match(r"^(?P<company>[^\d_]*?[A-Za-z][^\d_]*?)[\s_-]+\d+(?=[\s_-])(?P<rest>.*)$", stem)
    if match:
        company = " ".join(match.group("company").replace("-", " ").split())
        if company.islower():
            company = title_case(company)
        title = _title_from_stem(match.group("rest"))
    else:
        company = ""
        title = _title_from_stem(stem)
    if not title:
        return None
    return company, title
