"""The seeker's relevance table: a small board of postings written for it, and at least 40
queries with the results a job seeker expects first (tests/site/test_search_relevance.py).

Each row: (query, filters, expected, exact). `expected` are posting files, best first; with
`exact` the results must be exactly these, otherwise they must be the first results.
`suggest` rows expect no result and that "Did you mean" offers the given query.
"""

from __future__ import annotations

from typing import Any

from tests.site.board import front_matter


def _posting(title: str, company: str, location: str, date: str, body: str, **meta: Any) -> str:
    return front_matter(title, (body + " ") * 3, company=company, location=location, date=date, **meta)


POSTINGS = {
    "csharp.md": _posting(
        "Senior C# Developer", "Contoso", "Munich, Germany", "2025-12-20",
        "You will build services on .NET 8 and ASP.NET Core, hosted on Azure, with SQL Server.",
    ),
    "cpp.md": _posting(
        "C++ Engineer (Embedded)", "Initech", "Stuttgart, Germany", "2025-12-18",
        "Modern C++ for real-time systems: sensors, firmware and Linux drivers.",
    ),
    "c-firmware.md": _posting(
        "Firmware Engineer – C", "Umbrella Robotics", "Remote (US only)", "2025-12-15",
        "We write C for microcontrollers. Knowledge of assembly and an RTOS helps.",
    ),
    "fsharp.md": _posting(
        "F# Functional Programmer", "Northwind Trading", "London, UK", "2025-12-10",
        "F# and some C# on .NET: type providers for trading desks.",
    ),
    "network.md": _posting(
        "Network Administrator", "Globex", "Chicago, IL", "2025-12-12",
        "Cisco routers, firewalls, VPN tunnels and monitoring of our networks.",
    ),
    "node.md": _posting(
        "Backend Developer (Node.js)", "Hooli", "Berlin, Germany", "2025-12-19",
        "Node.js with TypeScript, PostgreSQL and REST interfaces, deployed on Kubernetes.",
    ),
    "vue.md": _posting(
        "Frontend Engineer – Vue.js", "Pied Piper", "Amsterdam, Netherlands", "2025-12-17",
        "Vue.js 3, Pinia and Vite; CSS, accessibility and front-end testing.",
    ),
    "react-frontend.md": _posting(
        "Front End Developer (React)", "Stark Industries", "New York, NY", "2025-12-05",
        "React and TypeScript; you will grow our design systems.",
    ),
    "fullstack.md": _posting(
        "Full-Stack Engineer", "Wayne Enterprises", "Remote", "2025-12-01",
        "Both front-end and back-end work, with React and Django.",
    ),
    "k8s.md": _posting(
        "Site Reliability Engineer", "Cyberdyne", "Zürich, Switzerland", "2025-12-16",
        "Kubernetes, Terraform and Prometheus; a fair on-call rotation.",
    ),
    "k8s-title.md": _posting(
        "Kubernetes Platform Engineer", "Soylent", "Remote (EU)", "2025-11-28",
        "Operators, Helm charts and GitOps for every team.",
    ),
    "python-data.md": _posting(
        "Data Engineer", "Acme Analytics", "Paris, France", "2025-12-14",
        "Python, Airflow and Spark pipelines; dbt models.",
    ),
    "python-title.md": _posting(
        "Senior Python Developer", "Initech", "Berlin, Germany", "2025-11-20",
        "Django, FastAPI and Celery for our booking platform.",
    ),
    "ml.md": _posting(
        "Machine Learning Engineer", "Tyrell Corp", "Toronto, Canada", "2025-12-11",
        "PyTorch and Python; serving models on GPUs.",
    ),
    "de-entwickler.md": _posting(
        "Softwareentwicklerin / Softwareentwickler Java", "Kontor GmbH", "München", "2025-12-13",
        "Wir suchen Entwicklerinnen und Entwickler mit Kenntnissen in Java und Spring. "
        "Anforderungen: Erfahrung mit relationalen Datenbanken.",
    ),
    "de-kunden.md": _posting(
        "Kundenberater (m/w/d)", "Rheinland Energie", "Köln, Deutschland", "2025-12-09",
        "Sie betreuen unsere Kunden am Telefon und im Kundenservice.",
    ),
    "go.md": _posting(
        "Go Developer", "Gopher Works", "Remote", "2025-12-08",
        "Go services with gRPC and Kafka.",
    ),
    "good-food.md": _posting(
        "Backend Engineer", "Good Food Co", "Austin, TX", "2025-12-21",
        "Our good team runs on Google Cloud and Java.",
    ),
    "rust.md": _posting(
        "Rust Systems Engineer", "Ferrous Labs", "Remote (US only)", "2025-12-07",
        "Rust, async and Tokio; earn the trust of our users.",
    ),
    "sales.md": _posting(
        "Sales Manager", "Globex", "Chicago, IL", "2025-12-06",
        "Salary negotiable; yearly targets and managing key accounts.",
    ),
    "support.md": _posting(
        "Customer Support Specialist", "Hooli", "Dublin, Ireland", "2025-12-04",
        "E-mail and chat support for our customers.",
    ),
    "qa.md": _posting(
        "QA Automation Engineer", "Contoso", "Warsaw, Poland", "2025-12-03",
        "Selenium, Playwright and test automation in Java.",
    ),
    "javascript.md": _posting(
        "JavaScript Developer", "Pied Piper", "Remote", "2025-12-02",
        "JavaScript in the browser, some Node.js.",
    ),
    "java.md": _posting(
        "Java Developer", "Northwind Trading", "London, UK", "2025-11-30",
        "Java 21, Spring Boot and Maven.",
    ),
    "designer.md": _posting(
        "Product Designer", "Stark Industries", "New York, NY", "2025-11-25",
        "Figma, user research and design systems.",
    ),
    "ai.md": _posting(
        "AI Researcher", "Tyrell Corp", "Toronto, Canada", "2025-11-22",
        "Large language models and their safety.",
    ),
    "eng-manager.md": _posting(
        "Engineering Manager", "Cyberdyne", "Zürich, Switzerland", "2025-11-26",
        "Manage a team of engineers and lead hiring.",
    ),
}

ENGINEER = ["good-food.md", "cpp.md", "vue.md"]
DEVELOPER = ["csharp.md", "node.md", "go.md"]
FRONTEND = ["vue.md", "react-frontend.md", "fullstack.md"]
KUBERNETES = ["k8s-title.md", "node.md", "k8s.md"]
MUNICH = ["csharp.md", "de-entwickler.md"]
GERMANY = ["csharp.md", "node.md", "cpp.md"]
BACKEND = ["good-food.md", "node.md"]

# (query, filters, expected, exact)
TABLE: list[tuple[str, dict[str, str], list[str], bool]] = [
    ("c#", {}, ["csharp.md", "fsharp.md"], True),
    ("c++", {}, ["cpp.md"], True),
    ("c", {}, ["c-firmware.md"], True),
    ("f#", {}, ["fsharp.md"], True),
    (".net", {}, ["csharp.md", "fsharp.md"], True),
    ("network", {}, ["network.md"], True),
    ("node.js", {}, ["node.md", "javascript.md"], True),
    ("vue.js", {}, ["vue.md"], True),
    ("vue", {}, ["vue.md"], True),
    ("frontend", {}, FRONTEND, True),
    ("front end", {}, FRONTEND, True),
    ("front-end", {}, FRONTEND, True),
    ("backend", {}, BACKEND, False),
    ("back end", {}, BACKEND, False),
    ("full stack", {}, ["fullstack.md"], True),
    ("fullstack", {}, ["fullstack.md"], True),
    ("kubernetes", {}, KUBERNETES, True),
    ("kubernets", {}, KUBERNETES, True),
    ("engineer", {}, ENGINEER, False),
    ("engineers", {}, ENGINEER, False),
    ("developer", {}, DEVELOPER, False),
    ("developers", {}, DEVELOPER, False),
    ("go", {}, ["go.md"], True),
    ("rust", {}, ["rust.md"], True),
    ("java", {}, ["de-entwickler.md", "java.md", "javascript.md"], False),
    ("javascript", {}, ["javascript.md"], True),
    ("python", {}, ["python-title.md", "python-data.md", "ml.md"], True),
    ("senior python", {}, ["python-title.md"], True),
    ("python developer", {}, ["python-title.md"], True),
    ("data engineer", {}, ["python-data.md"], False),
    ("machine learning", {}, ["ml.md"], True),
    ("munich", {}, MUNICH, True),
    ("München", {}, MUNICH, True),
    ("cologne", {}, ["de-kunden.md"], True),
    ("deutschland", {}, GERMANY, False),
    ("germany", {}, GERMANY, False),
    ("zurich", {}, ["k8s.md", "eng-manager.md"], True),
    ("entwickler", {}, ["de-entwickler.md"], True),
    ("Entwicklerin", {}, ["de-entwickler.md"], True),
    ("kenntnisse", {}, ["de-entwickler.md"], True),
    ("kunden", {}, ["de-kunden.md"], True),
    ("sales", {}, ["sales.md"], True),
    ("salary", {}, ["sales.md"], True),
    ("remote", {}, ["c-firmware.md", "go.md", "rust.md"], False),
    ("email", {}, ["support.md"], True),
    ("e-mail", {}, ["support.md"], True),
    ("manager", {}, ["sales.md", "eng-manager.md"], True),
    ("design", {}, ["designer.md", "react-frontend.md"], True),
    ("qa", {}, ["qa.md"], True),
    ("ai", {}, ["ai.md"], True),
    ("c# azure", {}, ["csharp.md"], True),
    ("kubernetes remote", {}, ["k8s-title.md"], True),
    ("engineer", {"company": "Contoso"}, ["qa.md"], True),
    ("", {"location": "London, United Kingdom"}, ["fsharp.md", "java.md"], True),
    ("developer", {"remote": "Remote"}, ["go.md", "javascript.md"], True),
]

# (query, the query "Did you mean" offers): no result for the typo.
SUGGEST = [
    ("kuberntes", "kubernetes"),
    ("pyhton", "python"),
    ("javscript", "javascript"),
    ("entwicklr", "entwickler"),
]
