"""File-name-like first lines (seed 001) and title casing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.extract.filename_title import looks_like_file_name, parse_file_name_line, title_case

SEED = Path(__file__).parents[2] / "seeds" / "001_f794cf863d927829.txt"
EXPECTED = ("Salesforce", "Senior/Lead Distributed Systems Software Engineer - Salesforce IoT")


def test_seed_001_first_line() -> None:
    first = SEED.read_text(encoding="utf-8").splitlines()[0]
    assert "\u00a0" in first
    assert parse_file_name_line(first) == EXPECTED


@pytest.mark.parametrize("space", ["\u00a0", "\u00c2\u00a0", "\u00c2 ", " ", ""])
def test_space_variants(space: str) -> None:
    line = f"Salesforce 26--Senior_Lead-Distributed-Systems-Software-Engineer--{space}Salesforce-Iot.Txt"
    assert parse_file_name_line(line) == EXPECTED


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Acme 3--Backend-Engineer.txt", ("Acme", "Backend Engineer")),
        ("acme-corp 12-backend-engineer.md", ("Acme Corp", "Backend Engineer")),
        ("Initech 7--vp-of-engineering--aws-and-ml.md", ("Initech", "VP of Engineering - AWS and ML")),
        ("senior-python-developer--remote.txt", ("", "Senior Python Developer - Remote")),
    ],
)
def test_other_file_names(line: str, expected: tuple[str, str]) -> None:
    assert parse_file_name_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "We are looking for a senior engineer to join our team.",
        "senior/lead distributed systems software engineer - salesforce iot",
        "# [Backend Software Engineer](https://example.com/apply)",
        "Hello",
        "README.md",
        "",
        "Location: Remote",
        "https://example.com/jobs/senior-engineer--remote.html",
    ],
)
def test_not_file_names(line: str) -> None:
    assert not looks_like_file_name(line)
    assert parse_file_name_line(line) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "senior/lead distributed systems software engineer - salesforce iot",
            "Senior/Lead Distributed Systems Software Engineer - Salesforce IoT",
        ),
        ("SENIOR SOFTWARE ENGINEER, AWS", "Senior Software Engineer, AWS"),
        ("vp of engineering at acme", "VP of Engineering at Acme"),
        ("c# .net developer", "C# .NET Developer"),
        ("ios developer (phd) for the api team", "iOS Developer (PhD) for the API Team"),
        ("IT Support Engineer", "IT Support Engineer"),
        ("the lead of the team", "The Lead of the Team"),
        ("data engineer - the platform", "Data Engineer - The Platform"),
        ("software engineer ii, sre", "Software Engineer II, SRE"),
        ("ui/ux designer", "UI/UX Designer"),
        ("iPhone Developer at McKinsey", "iPhone Developer at McKinsey"),
    ],
)
def test_title_case(text: str, expected: str) -> None:
    assert title_case(text) == expected


@given(st.text())
def test_never_raises(text: str) -> None:
    title_case(text)
    looks_like_file_name(text)
    result = parse_file_name_line(text)
    if result is not None:
        assert result[1]
