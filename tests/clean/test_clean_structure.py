"""Tests for generator.clean.structure.tidy_markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from generator.clean.structure import tidy_markdown
from generator.clean.text import repair_text

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "clean" / "structure"
SEED_000 = ROOT / "seeds" / "000_f66ede7c308a1e54.txt"
SEED_000_APPLY = "https://www.remotewlb.com/apply/backend-software-engineer-senior-lead"


def _tokens(md: str) -> list[str]:
    return [t.type for t in MarkdownIt("commonmark").parse(md)]


def test_seed_000_matches_expected() -> None:
    raw = repair_text(SEED_000.read_text(encoding="utf-8"))
    out = tidy_markdown(raw, apply_url=SEED_000_APPLY)
    expected = (FIXTURES / "seed_000.expected.md").read_text(encoding="utf-8")
    assert out + "\n" == expected


def test_seed_000_has_no_junk_left() -> None:
    out = tidy_markdown(repair_text(SEED_000.read_text(encoding="utf-8")), apply_url=SEED_000_APPLY)
    lines = out.split("\n")
    assert "CLICK TO" not in out
    assert "###\n" not in out + "\n" and not any(line.strip("# ") == "" and line for line in lines)
    assert "* ## " not in out and "****" not in out
    assert not any(line != line.rstrip() for line in lines)
    assert "\n\n\n" not in out
    assert "**About Salesforce**" in lines
    assert "* Build new and exciting components" in out
    assert "## Required Skills" in lines and "## Desired Skills" in lines
    assert any(line.startswith("Note: By applying") for line in lines)
    # the bullet lists render as lists, with no heading inside
    tokens = _tokens(out)
    assert tokens.count("bullet_list_open") == 3
    # 3 metadata headings, Required/Desired Skills, Benefits, and 4 promoted labels
    # (Description, Your Impact, Accommodations, Posting Statement)
    assert tokens.count("heading_open") == 10


def test_scraped_junk_fixture() -> None:
    src = (FIXTURES / "scraped_junk.input.md").read_text(encoding="utf-8")
    expected = (FIXTURES / "scraped_junk.expected.md").read_text(encoding="utf-8")
    out = tidy_markdown(src, apply_url="https://example.com/apply/data-engineer")
    assert out + "\n" == expected


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("###\n\ntext", "text"),
        ("text\n\n##  \n\n###\n", "text"),
        ("#", ""),
        ("##Job Description\nx", "## Job Description\nx"),
        ("##Responsibilities:", "## Responsibilities"),
        ("#LI-Remote", "#LI-Remote"),
        ("#1 DSP on G2", "#1 DSP on G2"),
        ("  * ## Build new things.", "* Build new things."),
        ("1. ### First step", "1. First step"),
        ("* * A commitment to equal pay", "* A commitment to equal pay"),
        ("- - dash doubled", "- dash doubled"),
        ("* * *", "* * *"),
        ("---", "---"),
        ("*emphasis* at line start", "*emphasis* at line start"),
        ("* *emphasised item*", "* *emphasised item*"),
        (" ** **About Salesforce****", "**About Salesforce**"),
        ("x ** **What you do:**** y", "x **What you do:** y"),
        ("**About the role:** **", "**About the role:**"),
        ("a **** b", "a b"),
        (" ****", ""),
        ("### **Company Description**", "### Company Description"),
        ("## Title ##", "## Title"),
        ("line one  \nline two", "line one\nline two"),
        ("a\n   \n\t\n\n\nb", "a\n\nb"),
        ("\n\n\na\n\n\n", "a"),
        ("## Extra credit if you...", "## Extra credit if you..."),
        ("## What we offer.", "## What we offer."),
        (
            "## Note: By applying to the posting, recruiters will review your resume.",
            "Note: By applying to the posting, recruiters will review your resume.",
        ),
        ("## " + "long heading " * 10, ("long heading " * 10).strip()),
        ("##  \nRequired Skills:\n\n* a", "## Required Skills\n\n* a"),
        ("##  \nBenefits & Perks:  \nCheck out our site.", "## Benefits & Perks\n\nCheck out our site."),
        ("  * a\n  * b\n\n    * c", "* a\n* b\n\n  * c"),
        (" **Position:** X\n\n  * a", "**Position:** X\n\n* a"),
        ("* a\n\n  continued", "* a\n\n  continued"),
    ],
)
def test_cleanups(src: str, expected: str) -> None:
    assert tidy_markdown(src) == expected


def test_indented_list_after_paragraph_becomes_a_list() -> None:
    src = "**Get ready to:**\n\n    * Be part of a team\n\n    * Participate\n\n **Next:**"
    out = tidy_markdown(src)
    assert out == "**Get ready to:**\n\n* Be part of a team\n* Participate\n\n**Next:**"
    assert "code_block" not in _tokens(out)


def test_fenced_code_is_left_alone() -> None:
    src = "Intro\n\n```python\n##not heading   \n  * ## x  \n\n\n\n* * y\n```\n\n~~~\n###\n~~~"
    assert tidy_markdown(src) == src


APPLY = "https://board.example/apply/123"


@pytest.mark.parametrize(
    "footer",
    [
        f"## CLICK TO [APPLY]({APPLY})",
        f"**[Click to apply]({APPLY})**",
        f"[Click here to apply]({APPLY}/)",
        "Click to apply",
        "**Apply now!**",
        f"# Apply [here]({APPLY})",
    ],
)
def test_apply_footer_removed_when_apply_url_known(footer: str) -> None:
    src = f"Body text.\n\n  \n{footer}\n\n"
    assert tidy_markdown(src, apply_url=APPLY) == "Body text."


@pytest.mark.parametrize(
    "line",
    [
        "## CLICK TO [APPLY](https://elsewhere.example/form)",
        "Apply here: [http://goo.gl/forms/x](http://goo.gl/forms/x)",
        "If you are interested in becoming a part of what we do, apply now!",
        "Read [our blog](https://board.example/blog)",
    ],
)
def test_unrelated_lines_and_links_are_kept(line: str) -> None:
    assert tidy_markdown(f"Body.\n\n{line}", apply_url=APPLY) == f"Body.\n\n{line}"


def test_footer_kept_without_apply_url() -> None:
    src = f"Body.\n\n## CLICK TO [APPLY]({APPLY})"
    assert tidy_markdown(src) == src


def test_idempotent_on_fixtures() -> None:
    for path in FIXTURES.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        once = tidy_markdown(text, apply_url=APPLY)
        assert tidy_markdown(once, apply_url=APPLY) == once, path.name


def test_no_words_are_lost_from_seed() -> None:
    import re
    from collections import Counter

    raw = repair_text(SEED_000.read_text(encoding="utf-8"))
    out = tidy_markdown(raw, apply_url=SEED_000_APPLY)
    lost = Counter(re.findall(r"\w+", raw)) - Counter(re.findall(r"\w+", out))
    footer = Counter(re.findall(r"\w+", f"CLICK TO APPLY {SEED_000_APPLY}"))
    assert lost == footer


def test_front_matter_is_left_alone() -> None:
    src = "---\ntitle: X  \ntags:\n  - python\n---\n\n##Role:\n\n\n* * a"
    assert tidy_markdown(src) == "---\ntitle: X  \ntags:\n  - python\n---\n\n## Role\n\n* a"
