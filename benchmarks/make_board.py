"""A deterministic synthetic job board for benchmarks: `python benchmarks/make_board.py N DIR`.

N postings (bodies of 600-900 words with headings, lists and links), about N/20
companies, about 200 locations including Remote, a few percent with mojibake, in the
shapes the generator reads: mostly Markdown with front matter, some scraped Markdown,
some plain text, some HTML. The same N always gives the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

WORDS = (
    "build design scale maintain services platform team customers data pipelines reliable secure "
    "distributed systems cloud infrastructure product engineers collaborate review code quality "
    "testing deploy monitor performance latency throughput observability incidents roadmap "
    "architecture migrate legacy modern api backend frontend mobile growth mentor hiring "
    "ownership impact users millions requests events streaming storage database queries "
    "caching search ranking billing payments identity access compliance privacy automation "
    "tooling developer experience documentation open source community remote async written "
    "communication feedback planning estimates iterate ship improve measure learn support "
    "on-call rotation runbooks capacity cost efficiency kubernetes containers terraform "
    "python go rust java typescript postgres kafka redis graphql grpc microservices"
).split()
HEADINGS = (
    "About the role",
    "What you will do",
    "What you bring",
    "Nice to have",
    "About us",
    "Benefits",
    "How we work",
    "Our stack",
    "Interview process",
    "Why join us",
)
TITLES = (
    "Backend Engineer",
    "Senior Backend Engineer",
    "Staff Software Engineer",
    "Platform Engineer",
    "Site Reliability Engineer",
    "Data Engineer",
    "Senior Data Engineer",
    "Machine Learning Engineer",
    "Frontend Engineer",
    "Full Stack Developer",
    "DevOps Engineer",
    "Security Engineer",
    "Engineering Manager",
    "Python Developer",
    "Go Developer",
    "Rust Engineer",
    "Database Reliability Engineer",
    "Infrastructure Engineer",
    "Mobile Engineer",
    "Solutions Architect",
    "QA Automation Engineer",
    "Technical Writer",
    "Developer Advocate",
    "Product Engineer",
    "Analytics Engineer",
)
SENIORITY = ("", "Junior ", "Senior ", "Lead ", "Principal ")
COMPANY_PARTS_A = (
    "Blue",
    "Bright",
    "Cloud",
    "Data",
    "Deep",
    "Fast",
    "Green",
    "Hyper",
    "Iron",
    "Light",
    "Meta",
    "North",
    "Open",
    "Pixel",
    "Quantum",
    "Red",
    "Silver",
    "Smart",
    "Stack",
    "Swift",
    "Terra",
    "True",
    "Vector",
    "Wave",
    "Zen",
)
COMPANY_PARTS_B = (
    "Labs",
    "Works",
    "Systems",
    "Analytics",
    "Bank",
    "Health",
    "Logistics",
    "Robotics",
    "Software",
    "Networks",
    "Foods",
    "Energy",
    "Media",
    "Pay",
    "Forge",
    "Mind",
    "Ops",
    "Ware",
)
COMPANY_SUFFIX = ("", "", "", ", Inc.", " GmbH", " Ltd", " LLC")
CITIES = (
    "Tel Aviv, Israel",
    "Berlin, Germany",
    "Munich, Germany",
    "Hamburg, Germany",
    "London, United Kingdom",
    "Manchester, United Kingdom",
    "Edinburgh, United Kingdom",
    "Paris, France",
    "Lyon, France",
    "Amsterdam, Netherlands",
    "Rotterdam, Netherlands",
    "Madrid, Spain",
    "Barcelona, Spain",
    "Lisbon, Portugal",
    "Porto, Portugal",
    "Dublin, Ireland",
    "Stockholm, Sweden",
    "Oslo, Norway",
    "Copenhagen, Denmark",
    "Helsinki, Finland",
    "Warsaw, Poland",
    "Krakow, Poland",
    "Prague, Czechia",
    "Vienna, Austria",
    "Zurich, Switzerland",
    "Milan, Italy",
    "Rome, Italy",
    "Athens, Greece",
    "Bucharest, Romania",
    "Sofia, Bulgaria",
    "Tallinn, Estonia",
    "Riga, Latvia",
    "Vilnius, Lithuania",
    "New York, NY, USA",
    "San Francisco, CA, USA",
    "Seattle, WA, USA",
    "Austin, TX, USA",
    "Boston, MA, USA",
    "Chicago, IL, USA",
    "Denver, CO, USA",
    "Atlanta, GA, USA",
    "Miami, FL, USA",
    "Los Angeles, CA, USA",
    "Portland, OR, USA",
    "Toronto, Canada",
    "Vancouver, Canada",
    "Montreal, Canada",
    "Mexico City, Mexico",
    "Sao Paulo, Brazil",
    "Buenos Aires, Argentina",
    "Bogota, Colombia",
    "Santiago, Chile",
    "Lima, Peru",
    "Bangalore, India",
    "Pune, India",
    "Hyderabad, India",
    "Singapore, Singapore",
    "Tokyo, Japan",
    "Seoul, South Korea",
    "Sydney, Australia",
    "Melbourne, Australia",
    "Auckland, New Zealand",
    "Cape Town, South Africa",
    "Lagos, Nigeria",
    "Nairobi, Kenya",
    "Cairo, Egypt",
    "Dubai, United Arab Emirates",
    "Istanbul, Turkey",
)
REGIONS = ("North", "South", "East", "West", "Central")
MOJIBAKE_CHARS = "’—é💰"
EPOCH = dt.date(2026, 1, 1)


def locations() -> list[str]:
    """About 200 places: the cities above, region variants of them, and Remote."""
    places = ["Remote", "Remote (US only)", "Remote (EU only)"]
    places += CITIES
    rng = random.Random(7)
    while len(places) < 200:
        city, _, country = rng.choice(CITIES).partition(", ")
        places.append(f"{rng.choice(REGIONS)} {city}, {country}")
    return places


def companies(n: int, rng: random.Random) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    i = 0
    while len(names) < n:
        a, b = COMPANY_PARTS_A, COMPANY_PARTS_B
        base = f"{a[i % len(a)]}{b[(i // len(a)) % len(b)]}"
        if i >= len(COMPANY_PARTS_A) * len(COMPANY_PARTS_B):
            base += f" {i // (len(COMPANY_PARTS_A) * len(COMPANY_PARTS_B)) + 1}"
        i += 1
        if base not in seen:
            seen.add(base)
            names.append(base + rng.choice(COMPANY_SUFFIX))
    return names


def sentence(rng: random.Random, low: int = 8, high: int = 18) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def body_markdown(rng: random.Random, company: str, words_target: int) -> str:
    parts: list[str] = []
    count = 0
    sections = rng.sample(HEADINGS, k=len(HEADINGS))
    for heading in sections:
        if count >= words_target:
            break
        parts.append(f"## {heading}")
        for _ in range(rng.randint(1, 2)):
            paragraph = " ".join(sentence(rng) for _ in range(rng.randint(3, 5)))
            if rng.random() < 0.4:
                host = company.split()[0].lower()
                paragraph += f" Read more on [our blog](https://{host}.example.com/b/{rng.randint(1, 999)})."
            if rng.random() < 0.3:
                paragraph = paragraph.replace(" we ", " **we** ", 1).replace(" the ", " *the* ", 1)
            parts.append(paragraph)
            count += len(paragraph.split())
        items = [sentence(rng, 5, 12) for _ in range(rng.randint(3, 7))]
        parts.append("\n".join(f"- {item}" for item in items))
        count += sum(len(i.split()) for i in items)
    return "\n\n".join(parts) + "\n"


def body_plain(markdown: str) -> str:
    lines = []
    for line in markdown.splitlines():
        if line.startswith("## "):
            line = line[3:] + ":"
        elif line.startswith("- "):
            line = line[2:]
        lines.append(line.replace("**", "").replace("*", ""))
    return "\n".join(lines)


def body_html(markdown: str) -> str:
    out = []
    for block in markdown.split("\n\n"):
        if block.startswith("## "):
            out.append(f"<h2>{block[3:]}</h2>")
        elif block.startswith("- "):
            out.append("<ul>" + "".join(f"<li>{i[2:]}</li>" for i in block.splitlines()) + "</ul>")
        elif block.strip():
            out.append(f"<p>{block}</p>")
    return "\n".join(out)


def mojibake(text: str) -> str:
    return text.encode("utf-8").decode("cp1252", errors="replace")


def posting(i: int, n_companies: list[str], places: list[str]) -> tuple[str, bytes]:
    """File name and bytes of posting number i."""
    rng = random.Random(i * 7919 + 17)
    company = n_companies[rng.randrange(len(n_companies))]
    title = rng.choice(SENIORITY) + rng.choice(TITLES)
    locs = rng.sample(places, k=rng.choice((1, 1, 1, 2, 3)))
    posted = EPOCH - dt.timedelta(days=rng.randint(0, 120))
    salary = rng.choice((None, None, f"${rng.randint(60, 140)}k-${rng.randint(150, 220)}k", "65k-95k USD"))
    words = rng.randint(600, 900)
    md = body_markdown(rng, company, words - 20)
    if rng.random() < 0.5:
        md = (
            md.replace("We ", "We’re ", 1).replace(" - ", " — ", 1) + "\nCafé benefits — we’re 💰 friendly.\n"
        )
    shape = rng.random()
    slug = f"{i:06d}"
    if shape < 0.80:
        fm = [f"title: {title}", f"company: {company}"]
        fm.append(
            "location: " + (locs[0] if len(locs) == 1 else "[" + ", ".join(f'"{loc}"' for loc in locs) + "]")
        )
        fm.append(f"date: {posted.isoformat()}")
        fm.append(f"apply_url: https://jobs.example.com/{slug}/apply")
        fm.append(f"type: {rng.choice(('Full Time', 'Part Time', 'Contract', 'Full-time'))}")
        if salary:
            fm.append(f'salary: "{salary}"')
        if rng.random() < 0.1:
            fm.append(f"expires: {(posted + dt.timedelta(days=rng.randint(10, 200))).isoformat()}")
        if rng.random() < 0.3:
            fm.append("tags: [" + ", ".join(rng.sample(WORDS, 3)) + "]")
        text = "---\n" + "\n".join(fm) + "\n---\n\n" + md
        name = f"jobs/{slug[:3]}/{slug}.md"
    elif shape < 0.88:
        loc_line = ",".join(locs)
        text = (
            f"# [{title}](https://jobs.example.com/{slug}/apply)  \n### {company}  \n"
            f"#### `💰 {salary or '~0k'}` `🌎 {loc_line}`  \n\n" + md
        )
        name = f"scraped/{slug}.txt"
    elif shape < 0.94:
        text = f"{title}\n\nCompany: {company}\nLocation: {'; '.join(locs)}\n\n" + body_plain(md)
        name = f"text/{slug}.txt"
    else:
        text = (
            f'<html><head><meta property="og:title" content="{title}">'
            f'<meta property="og:site_name" content="{company}"></head><body>'
            f"<h1>{title}</h1><p>Location: {locs[0]}</p>"
            f'<p><a href="https://jobs.example.com/{slug}/apply">Apply now</a></p>\n'
            + body_html(md)
            + "</body></html>\n"
        )
        name = f"html/{slug}.html"
    if rng.random() < 0.04:
        text = mojibake(text)
    return name, text.encode("utf-8")


def make_board(n: int, folder: Path) -> None:
    """Write N postings into `folder` (emptied first)."""
    if folder.exists():
        shutil.rmtree(folder)
    rng = random.Random(n)
    names = companies(max(1, n // 20), rng)
    places = locations()
    for i in range(n):
        name, data = posting(i, names, places)
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    make_board(args.n, args.folder)


if __name__ == "__main__":
    main()
