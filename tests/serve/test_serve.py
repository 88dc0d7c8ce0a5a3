"""`jobboard serve` end to end: a real server in a subprocess, real HTTP requests, real file edits."""

from __future__ import annotations

import http.client
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from tests.serve.conftest import STARTUP_SECONDS, Preview, start_preview, stop

SEED = "002_b4a7d08fb20e0be7.txt"  # Markdown with front matter: "Lead Software Engineer" at Heroku


def posting_path(preview: Preview, title_word: str) -> str:
    status, html = preview.request("/")
    assert status == 200
    paths = re.findall(r'href="(jobs/[^"]+/index\.html)"', html)
    return "/" + next(p for p in paths if title_word in p)


def test_an_edited_posting_is_served_within_seconds(preview: Preview) -> None:
    path = posting_path(preview, "lead-software-engineer")
    status, html = preview.request(path)
    assert status == 200 and "Heroku" in html
    assert "livereload.js" in html  # the preview injects its script into responses

    source = preview.content / SEED
    text = source.read_text(encoding="utf-8")
    assert "This posting is for a server-side developer position" in text
    source.write_text(text.replace("This posting is for", "Freshly edited: this posting is for"), "utf-8")

    preview.wait_for(lambda: "Freshly edited" in preview.request(path)[1], "the edited text is served")
    match = preview.wait_for_line(r"changed: rebuilt in (\d+\.\d+)s \(1 posting read", 5)
    assert f"content/{SEED}" in match.string


@pytest.mark.parametrize(
    "path",
    [
        "/../pyproject.toml",
        "/%2e%2e/pyproject.toml",
        "/%2E%2E/pyproject.toml",
        "/..%2fpyproject.toml",
        "/..%2Fpyproject.toml",
        "/%2e%2e%2fpyproject.toml",
        "/%252e%252e/pyproject.toml",
        "/%252e%252e%252fpyproject.toml",
        "/..%252fpyproject.toml",
        "/..%5cpyproject.toml",
        "/jobs/../../pyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/../../pyproject.toml",
        "/%2e%2e/%2e%2e/pyproject.toml",
        "/.jobboard-output",
        "/%00/index.html",
    ],
)
def test_nothing_outside_the_site_is_served(preview: Preview, path: str) -> None:
    # A file one and two levels above the served folder, where a traversal would land.
    site = next(preview.tmpdir.glob("jobboard-serve-*/site"))
    for folder in (site.parent, preview.tmpdir):
        (folder / "pyproject.toml").write_text("SECRET = true\n")
    status, body = preview.request(path)
    assert status == 404
    assert "SECRET" not in body


def test_the_old_url_of_a_renamed_posting_redirects_to_the_new_one(preview: Preview) -> None:
    old = posting_path(preview, "lead-software-engineer")
    source = preview.content / SEED
    source.write_text(source.read_text(encoding="utf-8").replace("title: Lead", "title: Head"), "utf-8")
    preview.wait_for(lambda: preview.request(old)[0] == 302, "a redirect from the old URL")
    conn = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
    conn.request("GET", old)
    location = conn.getresponse().getheader("Location")
    conn.close()
    assert location == old.replace("lead-software-engineer", "head-software-engineer")
    status, html = preview.request(location)
    assert status == 200 and "Head Software Engineer" in html


def test_site_files_are_served_and_folders_redirect(preview: Preview) -> None:
    assert preview.request("/static/style.css")[0] == 200
    assert preview.request("/companies/")[0] == 200
    assert preview.request("/companies")[0] == 302
    status, body = preview.request("/no/such/page.html")
    assert status == 404 and "<html" in body  # the site's own 404.html


def test_output_folder_never_gets_the_live_reload_script(preview: Preview) -> None:
    assert "livereload.js" in preview.request("/")[1]
    assert not (preview.project / "output").exists()  # serve builds elsewhere
    output = preview.project / "output"
    assert main(["build", "--content", str(preview.content), "--output", str(output)]) == 0
    pages = list((preview.project / "output").rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        assert "livereload" not in page.read_text(encoding="utf-8"), page


def test_broken_front_matter_shows_a_banner_and_a_fixed_save_recovers(preview: Preview) -> None:
    broken = preview.content / "broken.md"
    broken.write_text("---\ntitle: Staff Gardener\ncompany: [oops\n---\nDig.\n", encoding="utf-8")

    def banner_names_the_file() -> bool:
        status, html = preview.request("/")
        return status == 200 and "jobboard-preview-skips" in html and "content/broken.md:" in html

    preview.wait_for(banner_names_the_file, "a banner naming content/broken.md")
    assert "YAML" in preview.request("/")[1]
    preview.wait_for_line(r"skipped content/broken\.md:\d+: broken YAML", 5)

    broken.write_text("---\ntitle: Staff Gardener\ncompany: Oops Inc\n---\nDig.\n", encoding="utf-8")

    def recovered() -> bool:
        html = preview.request("/")[1]
        return "Staff Gardener" in html and "jobboard-preview-skips" not in html

    preview.wait_for(recovered, "the fixed posting listed and no banner")


def test_broken_template_gives_an_error_page_naming_it_until_fixed(preview: Preview) -> None:
    templates = preview.project / "my-templates"
    templates.mkdir()
    template = templates / "posting.html"
    template.write_text('{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}\n')
    (preview.project / "jobboard.toml").write_text('templates = "my-templates"\n')

    def error_page() -> bool:
        status, html = preview.request("/")
        return status == 500 and "my-templates/posting.html:3" in html

    preview.wait_for(error_page, "an error page naming my-templates/posting.html:3")
    status, html = preview.request("/static/style.css")
    assert status == 500 and "Template error" in html  # every request, while it is broken
    assert "livereload.js" in html  # so the page reloads itself once fixed

    fixed = "{% extends 'base.html' %}\n{% block main %}<h1>{{ posting.title }}!</h1>{% endblock %}\n"
    template.write_text(fixed)
    preview.wait_for(lambda: preview.request("/")[0] == 200, "the site back once the template is fixed")
    status, html = preview.request(posting_path(preview, "lead-software-engineer"))
    assert status == 200 and "Engineer!</h1>" in html
    preview.wait_for_line(r"the site is back", 5)


def test_sigterm_stops_the_server_and_removes_its_folder(preview: Preview) -> None:
    assert list(preview.tmpdir.glob("jobboard-serve-*"))
    preview.process.terminate()
    assert preview.process.wait(timeout=10) == 0
    assert not list(preview.tmpdir.glob("jobboard-serve-*"))


def test_a_port_in_use_is_a_clear_error(project: Path, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        running = start_preview(project, tmp_path, "--port", str(port))
        try:
            assert running.process.wait(timeout=30) == 1
        finally:
            stop(running.process)
    running.wait_for_line(rf"error: port {port} on 127\.0\.0\.1 is already in use", 5)


def test_another_host_is_warned_about(project: Path, tmp_path: Path) -> None:
    running = start_preview(project, tmp_path, "--host", "127.0.0.2")
    try:
        running.wait_for_line(r"warning: listening on 127\.0\.0\.2: anyone who can reach", 30)
        running.wait_for_line(r"serving http://127\.0\.0\.2:\d+/", 60)
    finally:
        stop(running.process)


def test_a_missing_content_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "serve", "--content", "nope", "--port", "0"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "content folder nope does not exist" in result.stderr


@pytest.mark.parametrize("no_cache", [False, True])
def test_the_first_build_reads_through_the_build_cache_unless_told_not_to(
    project: Path, tmp_path: Path, no_cache: bool
) -> None:
    running = start_preview(project, tmp_path, *(["--no-cache"] if no_cache else []))
    try:
        running.wait_for_line(r"serving http://127\.0\.0\.1:\d+/", STARTUP_SECONDS)
    finally:
        stop(running.process)
    assert (project / ".jobboard-cache").exists() is not no_cache
