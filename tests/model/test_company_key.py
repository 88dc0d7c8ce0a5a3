"""Company keys: case and punctuation do not split a company; `+` and `#` in a name do."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model.posting import Posting
from generator.model.site import COMPANIES
from generator.model.taxonomy import build_taxonomy, company_key


def _posting(n: int, company: str) -> Posting:
    p = Posting(
        source=f"p{n}.md",
        title=f"Job {n}",
        body_html=f"<p>Body {n}</p>",
        body_text=f"Body {n}",
        date_posted=dt.date(2026, 1, n),
        company=company,
    )
    p.slug = f"job-{n}"
    return p


def test_cpp_and_csharp_companies_are_two_companies() -> None:
    terms = build_taxonomy(COMPANIES, [_posting(1, "C++ Co"), _posting(2, "C# Co")]).terms
    assert sorted(t.name for t in terms) == ["C# Co", "C++ Co"]
    assert len({t.slug for t in terms}) == 2


@pytest.mark.parametrize(
    ("a", "b"),
    [("C++ Co", "C# Co"), ("C++ Co", "C Co"), ("F# Labs", "F Labs"), ("Notepad++", "Notepad")],
)
def test_plus_and_hash_after_a_letter_are_part_of_the_name(a: str, b: str) -> None:
    assert company_key(a) != company_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Salesforce, Inc.", "Salesforce"),
        ("SALESFORCE", "Salesforce"),
        ("c++ co.", "C++ Co"),
        ("C# Co, Inc.", "C# Co"),
        ("Foo + Bar", "Foo & Bar"),
        ("Foo+Bar", "Foo Bar"),
        ("#Hashtag Labs", "Hashtag Labs"),
    ],
)
def test_case_punctuation_and_legal_suffixes_do_not_split_a_company(a: str, b: str) -> None:
    assert company_key(a) == company_key(b)
