"""Remote stated in one word (`remote: yes`, `workplace_type: Hybrid`, `Remote: No`)."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.extract.remote import remote_flag
from generator.model.posting import Posting
from generator.pipeline import process_text

BODY = "We bake bread every night for three shops in the old town.\n"


@pytest.mark.parametrize(
    ("value", "flag"),
    [
        (True, True),
        (False, False),
        ("yes", True),
        ("Yes", True),
        ("true", True),
        ("Remote", True),
        ("fully-remote", True),
        ("remote_first", True),
        ("no", False),
        ("On-site", False),
        ("onsite", False),
        ("In office", False),
        ("hybrid", False),
        ("Hybrid (2 days in the office)", False),
        ("Remote or hybrid", False),
        ("Full-time", None),
        ("", None),
        (3, None),
        (["remote"], None),
    ],
)
def test_remote_flag(value: object, flag: bool | None) -> None:
    assert remote_flag(value) is flag


def posting(front: str, body: str = BODY) -> Posting:
    return process_text(
        f"---\ntitle: Baker\n{front}---\n\n{body}", source="a.md", fallback_date=dt.date(2026, 1, 1)
    )


def test_remote_yes_makes_the_posting_remote() -> None:
    found = posting("location: Leeds, UK\nremote: yes\n")
    assert found.remote and found.locations == ["Leeds, UK", "Remote"]


@pytest.mark.parametrize("key", ["remote_ok", "work_type", "workplace", "workplace_type", "Remote-OK"])
def test_remote_synonyms(key: str) -> None:
    assert posting(f"{key}: remote\n").remote


def test_hybrid_is_not_remote() -> None:
    found = posting("location: Remote, Leeds, UK\nworkplace_type: Hybrid\n")
    assert not found.remote and found.locations == ["Leeds, UK"]
    assert not posting("location: Leeds, UK\nremote: hybrid\n").remote


def test_a_guessed_remote_label_does_not_override_front_matter() -> None:
    found = posting("location: Remote, Leeds, UK\n", body="Remote: no\n\n" + BODY)
    assert found.remote


def test_remote_with_requirements() -> None:
    found = posting("remote: Remote (US only)\n")
    assert found.remote and found.applicant_countries == ["US"]


def test_employment_type_written_as_work_type() -> None:
    found = posting("work_type: Full-time\n")
    assert found.employment_type == "FULL_TIME" and not found.remote and found.warnings == []


def test_unclear_remote_is_a_warning() -> None:
    assert posting("remote: sometimes\n").warnings == ["remote not understood: 'sometimes'"]


def test_remote_label_in_a_text_export() -> None:
    text = "Title: Night Baker\nCompany: Crumb\nRemote: Yes\nJob URL: https://crumb.example/7\n\n" + BODY
    found = process_text(text, source="a.txt", fallback_date=dt.date(2026, 1, 1))
    assert found.remote and found.apply_url == "https://crumb.example/7"
