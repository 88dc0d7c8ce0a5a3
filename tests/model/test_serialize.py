"""The build cache's posting JSON: exact round trip, and anything else refused with BadEntry."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from generator.model.place import Area, Place, remote_place
from generator.model.posting import Origin, Posting, Salary
from generator.model.serialize import BadEntry, posting_from_json, posting_to_json


def _posting(**changes: object) -> Posting:
    fields: dict[str, object] = {
        "title": "Backend Engineer",
        "company": "Acme",
        "company_url": "https://acme.example",
        "places": [
            Place("Tel Aviv, Israel", "Tel Aviv", None, "IL", key="tel aviv | | il"),
            remote_place((Area("IL", "IL"), Area("Europe"))),
        ],
        "remote": True,
        "employment_type": "FULL_TIME",
        "salary": Salary(95000.0, 125000.0, "USD", "YEAR", "$95k-$125k"),
        "date_posted": dt.date(2025, 12, 1),
        "valid_through": dt.date(2026, 2, 1),
        "apply_url": "https://acme.example/apply",
        "source_url": None,
        "tags": ["python", "go"],
        "draft": False,
        "origins": {"title": Origin.FRONT_MATTER, "company": Origin.GUESS},
        "warnings": ["no date"],
        "source": "jobs/acme.md",
        "body_html": "<p>Caf\u00e9 \u2028 \U0001f600 &amp; \"quotes\"</p>",
        "body_text": "Caf\u00e9 \U0001f600 & \"quotes\"",
    }
    fields.update(changes)
    return Posting(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "posting",
    [
        _posting(),
        _posting(salary=None, valid_through=None, company=None, places=[], origins={}),
        _posting(salary=Salary(None, 50, None, None)),
    ],
)
def test_round_trip(posting: Posting) -> None:
    text = posting_to_json(posting)
    back = posting_from_json(text)
    assert back == posting
    assert type(back.date_posted) is dt.date
    assert all(type(origin) is Origin for origin in back.origins.values())
    assert posting_to_json(back) == text


def test_encoding_is_stable() -> None:
    text = posting_to_json(_posting(salary=None, warnings=[], origins={"title": Origin.HEADING}))
    assert text.startswith('{"apply_url":"https://acme.example/apply",')
    tel_aviv = '{"$place":["Tel Aviv, Israel","Tel Aviv",null,"IL",false,"tel aviv | | il",[]]}'
    assert f'"places":[{tel_aviv},' in text
    assert '{"$place":["Remote",null,null,null,true,"remote",[["IL","IL"],["Europe",null]]]}]' in text
    assert '"date_posted":{"$date":"2025-12-01"}' in text
    assert '"origins":{"title":"heading"}' in text


def _broken(**changes: object) -> str:
    data = json.loads(posting_to_json(_posting()))
    for key, value in changes.items():
        if value is KeyError:
            del data[key]
        else:
            data[key] = value
    return json.dumps(data)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[]",
        "null",
        '{"title": "x"}',
        _broken(extra=1),
        _broken(title=KeyError),
        _broken(title=None),
        _broken(body_html=["x"]),
        _broken(company=5),
        _broken(company={"$date": "2025-01-01"}),
        _broken(apply_url=["https://x.example"]),
        _broken(locations=["Remote"]),
        _broken(places="Remote"),
        _broken(places=["Remote"]),
        _broken(places=[{"$place": ["Remote", None, None, None, True, "remote"]}]),
        _broken(places=[{"$place": ["Remote", None, None, None, "yes", "remote", []]}]),
        _broken(places=[{"$place": [None, None, None, None, True, "remote", []]}]),
        _broken(places=[{"$place": ["Remote", None, None, 5, True, "remote", []]}]),
        _broken(places=[{"$place": ["Remote", None, None, None, True, "remote", [["US"]]]}]),
        _broken(places=[{"$place": ["Remote", None, None, None, True, "remote", [[1, None]]]}]),
        _broken(places=[{"$place": ["Remote", None, None, None, True, "remote", []], "x": 1}]),
        _broken(tags=[1]),
        _broken(warnings=None),
        _broken(remote="yes"),
        _broken(draft=None),
        _broken(date_posted=None),
        _broken(date_posted="2025-01-01"),
        _broken(date_posted={"$date": "2025-13-01"}),
        _broken(date_posted={"$date": 20250101}),
        _broken(date_posted={"$date": "2025-01-01", "x": 1}),
        _broken(valid_through={"$date": "nope"}),
        _broken(valid_through="2025-01-01"),
        _broken(salary={"$salary": [1, 2]}),
        _broken(salary={"$salary": "1-2"}),
        _broken(salary=[1, 2, "USD", "YEAR", ""]),
        _broken(origins=[]),
        _broken(origins={"title": "somewhere"}),
        _broken(origins={"title": ["front matter"]}),
    ],
)
def test_anything_else_is_a_bad_entry(text: str) -> None:
    with pytest.raises(BadEntry):
        posting_from_json(text)


def test_a_place_decoded_before_does_not_vouch_for_a_look_alike() -> None:
    """Places decoded once are reused (the same few hundred recur over a board); an entry that
    equals one in Python's eyes but not in type (`1` for `true`) or holds a list is refused."""
    valid = ["Tel Aviv, Israel", "Tel Aviv", None, "IL", False, "tel aviv | | il", []]
    first = posting_from_json(_broken(places=[{"$place": valid}]))
    again = posting_from_json(_broken(places=[{"$place": list(valid)}]))
    assert again.places == first.places
    for look_alike in (
        ["Tel Aviv, Israel", "Tel Aviv", None, "IL", 0, "tel aviv | | il", []],
        ["Tel Aviv, Israel", "Tel Aviv", None, ["IL"], False, "tel aviv | | il", []],
        ["Tel Aviv, Israel", "Tel Aviv", None, "IL", False, "tel aviv | | il"],
    ):
        with pytest.raises(BadEntry):
            posting_from_json(_broken(places=[{"$place": look_alike}]))
