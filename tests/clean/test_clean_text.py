"""Tests for generator.clean.text.repair_text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.clean import text as text_module
from generator.clean.text import repair_text

ROOT = Path(__file__).resolve().parents[2]
SEED_000 = ROOT / "seeds" / "000_f66ede7c308a1e54.txt"
MOJIBAKE_MARKERS = ("â€", "Ã", "ðŸ", "ï»¿", "Â\u00a0", "\ufeff")


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("donâ€™t", "don’t"),
        ("cafÃ©", "café"),
        ("ðŸ’° ~0k", "💰 ~0k"),
        ("Ã¼ber", "über"),
        ("WeÃ¢â‚¬â„¢re", "We’re"),  # encoded twice
        ("â€œquotedâ€\x9d", "“quoted”"),
        ("l'Ã©quipe â€“ Paris", "l'équipe – Paris"),
        ("ðŸŒŽ Israel", "🌎 Israel"),
        ("ï»¿Salesforce welcomes all.", "Salesforce welcomes all."),
        ("itâ€¦", "it…"),
    ],
)
def test_mojibake_is_repaired(broken: str, fixed: str) -> None:
    assert repair_text(broken) == fixed


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        ("plain ascii\nWeÃ¢â‚¬â„¢re here\nmore ascii", "plain ascii\nWe’re here\nmore ascii"),
        ("a\ncafÃ©\nb\nÃ¼ber\n", "a\ncafé\nb\nüber\n"),
    ],
)
def test_mojibake_lines_between_ascii_lines(line: str, fixed: str) -> None:
    assert repair_text(line) == fixed


def test_seed_000_comes_out_clean() -> None:
    out = repair_text(SEED_000.read_text(encoding="utf-8"))
    for marker in MOJIBAKE_MARKERS:
        assert marker not in out, marker
    lines = out.splitlines()
    assert lines[2].startswith("#### `💰 ~0k` `🌎 Israel,Tel Aviv, Israel,Remote`")
    assert "We’re Salesforce, the Customer Company" in out
    assert "too — driving your performance" in out
    assert "doing good – you’ve come to the right place." in out
    assert "\nSalesforce welcomes all.\n" in out


def test_correct_text_is_untouched() -> None:
    good = "Zürich, São Paulo, Tel Aviv – “quotes” stay curly; naïve café 💰 日本語 עברית"
    assert repair_text(good) == good


def test_ascii_is_returned_as_is() -> None:
    src = "# Title\n\n* one\n* two &amp; three <b>x</b>\n\ttabbed\n"
    assert repair_text(src) == src


def test_boms_anywhere_are_removed() -> None:
    assert repair_text("\ufeffHello\n\ufeffworld \ufeffok") == "Hello\nworld ok"


def test_zero_width_characters_are_removed() -> None:
    assert repair_text("zero\u200bwidth\u2060join\u200cer\u200dx") == "zerowidthjoinerx"


def test_joiners_inside_emoji_and_scripts_are_kept() -> None:
    family = "👩\u200d💻 developer"
    persian = "می\u200cخواهم"
    assert repair_text(family) == family
    assert repair_text(persian) == persian


def test_control_characters_are_removed_but_tab_and_newline_kept() -> None:
    src = "a\x00b\x07c\x0bd\x0ce\x1bf\x7fg\tt\nn"
    assert repair_text(src) == "abcdefg\tt\nn"


def test_c1_controls_become_cp1252_characters_or_go() -> None:
    assert repair_text("it\x92s \x93here\x94") == "it’s “here”"
    assert repair_text("x\x81y") == "xy"


def test_line_ends_are_normalised() -> None:
    assert repair_text("a\r\nb\rc\n") == "a\nb\nc\n"
    assert repair_text("caf\u00c3\u00a9\r\nb") == "café\nb"


def test_terminal_escapes_are_removed() -> None:
    assert repair_text("\x1b[31mred\x1b[0m text") == "red text"


def test_html_entities_are_left_for_the_renderer() -> None:
    assert repair_text("&lt;script&gt; &amp; caf\u00e9") == "&lt;script&gt; &amp; café"


def test_fast_path_does_not_call_ftfy_for_ascii(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> str:
        raise AssertionError("ftfy called")

    monkeypatch.setattr(text_module.ftfy, "fix_text", boom)
    assert repair_text("just ascii\nlines\n") == "just ascii\nlines\n"
    with pytest.raises(AssertionError):
        repair_text("ascii\ncafÃ©\n")


MOJIBAKE_PIECES = [
    "â€™", "â€œ", "â€\x9d", "Ã©", "Ã¼", "ðŸ’°", "ðŸŒŽ", "Ã¢â‚¬â„¢", "ï»¿", "Â ", "Â",
    "â€“", "â€”", "\x92", "\x85", "\ufeff", "\u200b", "\u200d", "\r\n", "\r", "\x1b[1m",
    "&amp;", "<b>", "ﬁ", "ＬＯＵＤ", "\u2028", "e\u0301",
]
mixed_text = st.lists(
    st.one_of(st.sampled_from(MOJIBAKE_PIECES), st.text(max_size=8)), max_size=30
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), mixed_text))
@example("We\u00c3\u00a2\u00e2\u201a\u00ac\u00e2\u201e\u00a2re\nplain\n\u00c3\u00a9")
@example("a\x1b[31mb\nc")
def test_fast_path_never_changes_the_outcome(text: str) -> None:
    assert repair_text(text) == text_module._repair_text_slow(text)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), mixed_text))
def test_output_has_no_invisible_or_control_characters(text: str) -> None:
    out = repair_text(text)
    assert "\ufeff" not in out and "\u200b" not in out and "\r" not in out
    assert not any(
        (ord(ch) < 0x20 and ch not in "\t\n") or 0x7F <= ord(ch) <= 0x9F for ch in out
    )


def test_bidi_overrides_embeddings_and_isolates_are_removed_from_every_shape() -> None:
    # U+202E makes "Engineer" render reversed wherever the title is shown; right-to-left
    # scripts need none of these (the marks U+200E/U+200F are kept).
    assert repair_text("Data \u202eEngineer\u202c \u2067x\u2069 \u202ay\u202b") == "Data Engineer x y"
    assert repair_text("שלום \u200fעולם") == "שלום \u200fעולם"
    import datetime as dt

    from generator.pipeline import process_text

    for text in (
        "<html><body><h1>Data \u202eEngineer</h1><p>Company: Acme\u202e</p><p>We build it.</p></body></html>",
        "# Data \u202eEngineer\n### Acme\u202e\n#### `Berlin`\n\nWe build \u202eit every day.\n",
    ):
        posting = process_text(text, source="x", fallback_date=dt.date(2026, 1, 1))
        shown = posting.title + (posting.company or "") + posting.body_html
        assert "\u202e" not in shown and "Engineer" in posting.title
