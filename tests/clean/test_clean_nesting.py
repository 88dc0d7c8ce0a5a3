"""HTML nested deeper than the sanitizer's limit loses its extra tags, never its text."""

from __future__ import annotations

from generator.clean.sanitize import MAX_NESTING, cap_nesting, sanitize_html


def test_shallow_markup_is_untouched() -> None:
    html = "<div><ul><li>one<li>two</ul><p>text<p>more</div>" * 50
    assert cap_nesting(html) == html


def test_deep_nesting_keeps_the_limit_and_the_text() -> None:
    depth = MAX_NESTING * 3
    html = "<div>" * depth + "deep text" + "</div>" * depth + "<p>after</p>"
    capped = cap_nesting(html)
    assert capped == "<div>" * MAX_NESTING + "deep text" + "</div>" * MAX_NESTING + "<p>after</p>"


def test_end_tags_close_what_a_browser_closes() -> None:
    html = "<section>" + "<div><span>" * 60 + "x" + "</section>" + "<em>after</em>" * 10
    capped = cap_nesting(html)
    # `</section>` closed everything inside it: the depth after it is 0 again.
    assert capped.endswith("</section>" + "<em>after</em>" * 10)
    assert capped.count("<span>") + capped.count("<div>") == MAX_NESTING - 1


def test_unclosed_list_items_and_paragraphs_do_not_count_as_depth() -> None:
    html = "<ul>" + "<li>item" * 500 + "</ul>" + "<p>line" * 500
    assert cap_nesting(html) == html


def test_the_sanitizer_output_of_deep_nesting_is_bounded() -> None:
    out = sanitize_html("<blockquote>" * 5000 + "deep" + "</blockquote>" * 5000)
    assert out.count("<blockquote>") == MAX_NESTING
    assert "deep" in out
