"""Front matter whose opening `---` is missing: `key: value` lines at the top, then `---`."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.pipeline import process_text
from generator.readers import reader_for
from generator.readers.fence import fenceless_front_matter

DAY = dt.date(2026, 1, 1)
BODY = "# The role\n\nWe look after the orchard's irrigation software and its sensors.\n"

# Empty values (`url:`), a nested mapping (`contact:` then indented keys), a comment, a list.
NESTED = (
    "title: Orchard Software Developer\n"
    "company: Pear Tree Systems\n"
    "url:\n"
    "location: Hereford, UK\n"
    "# pick one of: permanent, contract\n"
    "contract: permanent\n"
    "contact:\n"
    "    name: Ada Quince\n"
    "    email: ada@peartree.example.org\n"
    "\n"
    "created: 2024-03-05\n"
    "tags:\n"
    "  - python\n"
    "  - sensors\n"
    "---\n\n" + BODY
)


def test_keys_without_an_opening_fence_are_front_matter() -> None:
    assert reader_for(NESTED).name == "front matter"
    posting = process_text(NESTED, source="orchard", fallback_date=DAY)
    assert posting.title == "Orchard Software Developer"
    assert posting.company == "Pear Tree Systems"
    assert posting.date_posted == dt.date(2024, 3, 5)
    assert posting.date_stated
    assert "created:" not in posting.body_text and "Ada Quince" not in posting.body_text
    assert "irrigation software" in posting.body_text
    assert any("opening `---`" in w for w in posting.warnings)


def test_a_fenced_file_has_no_such_warning() -> None:
    posting = process_text("---\n" + NESTED, source="orchard", fallback_date=DAY)
    assert not any("opening `---`" in w for w in posting.warnings)


@pytest.mark.parametrize(
    "text",
    [
        "Title: Baker\nCompany: Crumb\n\nWe bake.\n\n---\n\nMore text.\n",  # labels, a blank, prose
        "Note: we bake bread every night in the old mill by the river.\n---\nMore.\n",
        "title: Baker\n---\n",  # nothing after the fence
        "# Heading: not a key\n---\nText\n",
        "---\ntitle: Baker\n---\nText\n",  # fenced: not this function's case
    ],
)
def test_other_shapes_are_not_taken_for_fenceless_front_matter(text: str) -> None:
    assert fenceless_front_matter(text) is None


def test_the_split_gives_the_yaml_and_the_body() -> None:
    found = fenceless_front_matter("title: Baker\nurl:\n---\n\nWe bake.\n")
    assert found is not None
    head, body = found
    assert head == "title: Baker\nurl:\n"
    assert body.strip() == "We bake."


def test_fenceless_keys_that_are_not_yaml_are_left_to_the_other_readers() -> None:
    broken = "Title: Baker\nCompany: Crumb: Bakery: Ltd\n  - odd: [\n---\n\nWe bake bread at night.\n"
    assert reader_for(broken).name != "front matter"
    posting = process_text(broken, source="baker.txt", fallback_date=DAY)
    assert posting.title
