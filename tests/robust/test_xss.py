"""OWASP XSS filter-evasion vectors in every place a posting can carry them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from generator.commands.build import BuildOptions, build
from generator.config import Config
from generator.pipeline import process_text
from tests.conftest import FIXTURES
from tests.robust.active_content import bad_url, html_problems, output_problems


def vectors() -> list[str]:
    lines = (FIXTURES / "clean" / "xss_vectors.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("# ")]


def test_there_are_enough_vectors() -> None:
    assert len(vectors()) >= 70


def test_the_checker_finds_active_content() -> None:
    assert html_problems('<a href=" jav&#x09;ascript:alert(1)">x</a>')
    assert html_problems("<img src=x onerror=alert(1)>")
    assert html_problems("<iframe src=https://x.example></iframe>")
    assert html_problems('<script type="application/ld+json">{"a": "</b>"}</script>')
    assert html_problems('<script type="application/ld+json">{"url": "javascript:alert(1)"}</script>')
    assert not html_problems('<script type="application/ld+json">{"a": "\\u003c/b\\u003e"}</script>')
    assert bad_url("\tJaVaScRiPt:alert(1)") and bad_url("data:text/html,x") and not bad_url("https://x")


def write_board(content: Path) -> int:
    """One posting per vector and place: Markdown body, HTML body, every front-matter field."""
    count = 0
    for i, vector in enumerate(vectors()):
        (content / f"md-{i:03}.md").write_text(
            f"---\ntitle: Markdown job {i}\ncompany: Acme\n---\n\nIntro text.\n\n{vector}\n\n"
            f"[apply]({vector}) and <a href='{vector}'>link</a>\n",
            encoding="utf-8",
        )
        (content / f"html-{i:03}.html").write_text(
            f"<html><head><title>HTML job {i}</title></head><body><h1>HTML job {i}</h1>"
            f'<p>Intro text.</p><div>{vector}</div><p><a href="{vector}">Apply</a></p></body></html>',
            encoding="utf-8",
        )
        fields = {
            "title": f"{vector} {i}",
            "company": f"{vector} Corp {i}",
            "location": vector,
            "apply_url": vector,
            "company_url": vector,
            "source_url": vector,
            "tags": [vector],
        }
        (content / f"fm-{i:03}.md").write_text(
            "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n\nA job with hostile metadata.\n",
            encoding="utf-8",
        )
        count += 3
    return count


def test_no_vector_survives_anywhere_in_the_output(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    files = write_board(content)
    config = Config(base_url="https://jobs.example.com/")
    result = build(
        BuildOptions(content=content, output=tmp_path / "output", project_root=tmp_path),
        config,
        log=lambda _m: None,
    )
    built = len(result.site.pages) + len(result.skipped) + len(result.site.duplicates)
    assert built == files
    assert len(result.site.pages) >= files * 0.9
    problems = output_problems(tmp_path / "output")
    assert problems == {}


@pytest.mark.parametrize("field", ["apply_url", "company_url", "source_url"])
@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "/relative/path",
        "ftp://files.example/x",
    ],
)
def test_non_http_urls_are_dropped(field: str, url: str) -> None:
    text = "---\n" + yaml.safe_dump({"title": "Dev", field: url}) + "---\nBody.\n"
    posting = process_text(text, source="x.md", fallback_date=dt.date(2026, 1, 1))
    assert getattr(posting, field) is None


@pytest.mark.parametrize(
    "url", ["https://jobs.example/1", "http://jobs.example/1", "mailto:jobs@example.com"]
)
def test_http_and_mailto_urls_are_kept(url: str) -> None:
    text = "---\n" + yaml.safe_dump({"title": "Dev", "apply_url": url, "company_url": url}) + "---\nBody.\n"
    posting = process_text(text, source="x.md", fallback_date=dt.date(2026, 1, 1))
    assert posting.apply_url == url and posting.company_url == url
