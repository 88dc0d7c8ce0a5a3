"""Which file a request path names: only files inside the site folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.preview.handler import site_file


@pytest.fixture
def root(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "jobs" / "a").mkdir(parents=True)
    (site / "jobs" / "a" / "index.html").write_text("a")
    (site / "%2e%2e").mkdir()  # a folder literally named like an encoded `..`
    (tmp_path / "secret.txt").write_text("secret")
    (site / "link").symlink_to(tmp_path / "secret.txt")
    (site / "linked-dir").symlink_to(tmp_path)
    return site.resolve()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", ""),
        ("/jobs/a/index.html", "jobs/a/index.html"),
        ("/jobs/a/", "jobs/a"),
        ("//jobs//a/index.html", "jobs/a/index.html"),
        ("/jobs/%61/index.html", "jobs/a/index.html"),
        ("/%252e%252e/", "%2e%2e"),  # decoded once only: the literal name, inside the site
    ],
)
def test_paths_inside_the_site(root: Path, path: str, expected: str) -> None:
    assert site_file(root, path) == root.joinpath(*expected.split("/")) if expected else root


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/jobs/../../secret.txt",
        "/jobs/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/.hidden",
        "/link",
        "/linked-dir/secret.txt",
        "/jobs/a/index.html%00.txt",
    ],
)
def test_paths_leaving_the_site_are_refused(root: Path, path: str) -> None:
    assert site_file(root, path) is None
