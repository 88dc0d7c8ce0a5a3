"""The preview's own pages: the error page and the banner naming skipped postings.

They live beside this module, not in templates/, so a broken user template cannot break them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import jinja2

from generator.preview.live_site import Problem
from generator.reading import Skip

_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def live_script() -> bytes:
    """The snippet livereload injects before `</head>`: it loads livereload.js from the page's own
    host and port (so it works whichever name the page was opened by)."""
    return (Path(__file__).parent / "templates" / "live_script.html").read_bytes().strip()


def error_page(problem: Problem) -> bytes:
    return _environment().get_template("error.html").render(problem=problem).encode("utf-8")


def with_banner(html: bytes, skips: Sequence[Skip], content: str) -> bytes:
    """The page with a banner listing the skipped posting files just after `<body>`."""
    if not skips:
        return html
    banner = _environment().get_template("banner.html").render(skips=skips, content=content)
    match = _BODY.search(html)
    at = match.end() if match else 0
    return html[:at] + banner.encode("utf-8") + html[at:]
