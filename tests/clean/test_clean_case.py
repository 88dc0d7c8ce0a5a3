"""Tests for generator.clean.case: is_all_lower and restore_case."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.clean.case import CONTEXT_TERMS, KNOWN_TERMS, is_all_lower, restore_case
from generator.clean.text import repair_text

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "clean" / "case"
SEED_001 = ROOT / "seeds" / "001_f794cf863d927829.txt"
SEED_002 = ROOT / "seeds" / "002_b4a7d08fb20e0be7.txt"

LOWER_BODY = "we are hiring engineers to build things. " * 7  # 231 letters


def _seed_001() -> str:
    return repair_text(SEED_001.read_text(encoding="utf-8"))


def test_seed_001_is_all_lower_and_seed_002_is_not() -> None:
    assert is_all_lower(_seed_001())
    assert not is_all_lower(repair_text(SEED_002.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title Line\n" + LOWER_BODY, True),  # capitals allowed on the first line
        (LOWER_BODY, True),  # one line: checked as a whole
        ("Title\n" + LOWER_BODY + "\nthen one Capital", False),
        ("Title\n" + "short text. " * 5, False),  # fewer than 200 letters
        ("Title\n" + "a" * 199, False),
        ("Title\n" + "a" * 200, True),
        ("Title\n" + LOWER_BODY + " see https://Example.com/Jobs", True),  # URL ignored
        ("Title\n" + "über straße café " * 15, True),
        ("Title\n" + "Über straße café " * 15, False),
        ("ALL CAPS TITLE\n\n\n" + "1234 !!! " * 50, False),
        ("", False),
    ],
)
def test_is_all_lower(text: str, expected: bool) -> None:
    assert is_all_lower(text) is expected


def test_seed_001_gets_its_case_back() -> None:
    body = _seed_001().split("\n", 1)[1]
    out = restore_case(body, names=["Salesforce", "IoT"])
    assert "At Salesforce, data driven decisions are at the heart of all our products." in out
    assert out.count("IoT") == body.count("iot") == 3
    assert "on top of Apache Kafka, Spark, Storm and Cassandra." in out
    assert "Java, C++ or Scala" in out
    assert "BS/MS/PhD in computer science" in out
    assert "## The opportunity\n" in out
    assert "## What you will do\n" in out
    assert "## Who we're looking for\n" in out
    assert "Our team culture empowers you" in out
    assert "used by global Fortune 500." in out
    assert "named one of Forbes's" in out
    assert "grow a career at Salesforce." in out
    # every sentence and paragraph starts with a capital letter
    for para in out.split("\n\n"):
        para = para.strip()
        if para and para[0].isalpha():
            assert para[0].isupper(), para[:40]


def test_fixture_pair() -> None:
    src = (FIXTURES / "lower.input.txt").read_text(encoding="utf-8")
    expected = (FIXTURES / "lower.expected.txt").read_text(encoding="utf-8")
    assert restore_case(src) == expected


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("hello. world! yes? no", "Hello. World! Yes? No"),
        (
            "i'm here, i've been, i'd go, i'll stay; i.e. fine",
            "I'm here, I've been, I'd go, I'll stay; i.e. fine",
        ),
        ("it’s me: i’m", "It’s me: I’m"),
        ("ask wi-fi or pi or i/o", "Ask wi-fi or pi or i/o"),
        ('he said "great job." then left', 'He said "great job." Then left'),
        ("* first item\n* second item\n1. third", "* First item\n* Second item\n1. Third"),
        ("para one\n\npara two", "Para one\n\nPara two"),
        ("join us. let us know.", "Join us. Let us know."),
        ("us citizens only", "US citizens only"),
        ("we go to the office", "We go to the office"),
        ("java, go, and ruby", "Java, Go, and Ruby"),
        ("we react fast; react and redux", "We react fast; react and redux"),
        ("react/typescript", "React/TypeScript"),
        ("in may we start", "In may we start"),
        ("from monday to friday", "From Monday to Friday"),
        ("english and german speakers", "English and German speakers"),
        ("scala's type system", "Scala's type system"),
        ("javascript not java", "JavaScript not Java"),
        ("a javabean", "A javabean"),
        ("experience: 5 years", "Experience: 5 years"),
    ],
)
def test_restore_case_rules(src: str, expected: str) -> None:
    assert restore_case(src) == expected


def test_names_are_written_as_given_on_word_boundaries() -> None:
    src = "join salesforce iot. salesforces and iotas stay. SALESFORCE? no: salesforce's team."
    out = restore_case(src, names=["Salesforce", "IoT"])
    assert out == "Join Salesforce IoT. Salesforces and iotas stay. Salesforce? No: Salesforce's team."


def test_multi_word_names_keep_their_spacing() -> None:
    out = restore_case("offices in tel\naviv and new  york for acme corp", names=["Acme Corp"])
    assert out == "Offices in Tel\nAviv and New  York for Acme Corp"


def test_names_override_built_in_spelling() -> None:
    assert restore_case("we love github", names=["Github"]) == "We love Github"


@pytest.mark.parametrize(
    "protected",
    [
        "https://www.salesforce.com/java/careers?team=iot",
        "http://example.com/I/am",
        "www.python.org/jobs",
        "jobs@salesforce.com",
        "first.last@python-jobs.example.org",
        "`pip install kafka`",
        "salesforcebenefits.com",
    ],
)
def test_urls_emails_and_code_are_untouched(protected: str) -> None:
    out = restore_case(f"see {protected} for java and i", names=["Salesforce", "IoT"])
    assert out == f"See {protected} for Java and I"


def test_markdown_link_target_untouched_but_text_fixed() -> None:
    out = restore_case("read [the python guide](https://docs.example/python) now")
    assert out == "Read [the Python guide](https://docs.example/python) now"


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("the opportunity:\n\ntext", "## The opportunity\n\nText"),
        ("intro\n\nwho we're looking for:\n\ntext", "Intro\n\n## Who we're looking for\n\nText"),
        ("what you will do:", "## What you will do"),
        ("requirements:\n* one", "Requirements:\n* One"),  # not alone: a list follows directly
        ("this label has far too many words to be a heading:\n\nx",
         "This label has far too many words to be a heading:\n\nX"),
        ("* item label:\n\nx", "* Item label:\n\nX"),
    ],
)
def test_labels_become_headings(src: str, expected: str) -> None:
    assert restore_case(src) == expected


def test_term_lists_are_clean_data() -> None:
    for term in (*KNOWN_TERMS, *CONTEXT_TERMS):
        assert term == term.strip() and term
    lowered = {t.casefold() for t in KNOWN_TERMS}
    assert "may" not in lowered and "go" not in lowered and "us" not in lowered
    assert len(lowered) == len(KNOWN_TERMS)
    assert not lowered & {t.casefold() for t in CONTEXT_TERMS}


def test_case_of_already_cased_text_is_kept() -> None:
    src = "We use Go. The AWS team uses Python, iOS and macOS."
    assert restore_case(src) == src
