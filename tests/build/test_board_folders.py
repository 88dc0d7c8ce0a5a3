"""Convention over configuration: templates/, static/ and pages/ next to jobboard.toml, and `ignore`."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.commands.build import build
from generator.config import ConfigError, load_config
from generator.engine import Engine
from generator.render.site_pages import SiteFileError, load_site_pages
from tests.build._boards import make_board, options, tree


def _board(tmp_path: Path, config: str = "") -> Path:
    root = make_board(tmp_path / "board", count=3)
    (root / "jobboard.toml").write_text(config, encoding="utf-8")
    return root


def _build(root: Path, log: list[str] | None = None, cache: bool = True) -> dict[str, bytes]:
    build(options(root, cache=cache), load_config(root / "jobboard.toml"), log=(log or []).append)
    return tree(root / "out")


def _page(root: Path, name: str, text: str) -> None:
    (root / "pages").mkdir(exist_ok=True)
    (root / "pages" / name).write_text(text, encoding="utf-8")


# -- templates/ -------------------------------------------------------------------


def test_a_templates_folder_next_to_the_config_overrides_one_template_without_a_key(tmp_path: Path) -> None:
    root = _board(tmp_path)
    (root / "templates").mkdir()
    (root / "templates" / "404.html").write_text("<p>Nothing here, from the board's own folder</p>\n")
    site = _build(root)
    assert site["404.html"] == b"<p>Nothing here, from the board's own folder</p>\n"
    assert b"<nav" in site["index.html"]  # the other templates stay built-in


def test_the_templates_key_still_wins_over_the_folder_by_convention(tmp_path: Path) -> None:
    root = _board(tmp_path, 'templates = "theme"\n')
    for folder, text in (("templates", "convention"), ("theme", "key")):
        (root / folder).mkdir()
        (root / folder / "404.html").write_text(text)
    assert _build(root)["404.html"] == b"key"


# -- static/ ----------------------------------------------------------------------


def test_static_files_go_to_the_site_root_dotted_folders_included(tmp_path: Path) -> None:
    root = _board(tmp_path)
    static = root / "static"
    (static / ".well-known").mkdir(parents=True)
    (static / "CNAME").write_text("jobs.example.org\n")
    (static / "favicon.ico").write_bytes(b"\0\1icon")
    (static / ".well-known" / "security.txt").write_text("Contact: mailto:security@example.org\n")
    site = _build(root)
    assert site["CNAME"] == b"jobs.example.org\n"
    assert site["favicon.ico"] == b"\0\1icon"
    assert site[".well-known/security.txt"].startswith(b"Contact:")


@pytest.mark.parametrize("rel", ["index.html", "static/style.css", "feed.xml"])
def test_a_static_file_never_replaces_a_generated_one(tmp_path: Path, rel: str) -> None:
    root = _board(tmp_path)
    build(options(root), load_config(root / "jobboard.toml"), log=lambda _m: None)
    before = tree(root / "out")
    target = root / "static" / rel
    target.parent.mkdir(parents=True)
    target.write_text("mine")
    with pytest.raises(SiteFileError) as err:
        build(options(root), load_config(root / "jobboard.toml"), log=lambda _m: None)
    assert str(err.value) == f"static/{rel}: the site generates {rel} itself; rename or remove the file"
    assert tree(root / "out") == before  # the previous site is untouched


def test_the_clash_is_one_error_line_from_the_command(tmp_path: Path, capsys, monkeypatch) -> None:
    root = _board(tmp_path)
    (root / "static").mkdir()
    (root / "static" / "robots.txt").write_text("mine")
    monkeypatch.chdir(root)
    assert main(["build", "--output", "out", "--no-cache"]) == 1
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error == (
        "error: static/robots.txt: the site generates robots.txt itself; rename or remove the file"
    )


# -- pages/ -----------------------------------------------------------------------


def test_pages_use_the_site_layout_are_sanitized_and_listed_in_the_navigation(tmp_path: Path) -> None:
    root = _board(tmp_path)
    about = "---\ntitle: About this board\n---\nWe list **small** jobs.<script>x()</script>\n"
    _page(root, "about.md", about)
    _page(root, "imprint.md", "---\ntitle: Imprint\nnav: false\n---\nKept out of the menu.\n")
    _page(root, "post-a-job.md", "Write to [us](mailto:jobs@example.org).\n")  # no front matter
    site = _build(root)
    about = site["about/index.html"].decode()
    assert "<h1>About this board</h1>" in about and "<strong>small</strong>" in about
    assert "<script>x()" not in about and "x()" not in about
    assert '<link rel="stylesheet" href="../static/style.css">' in about  # the site's layout
    assert '<a href="../about/index.html" aria-current="page">About this board</a>' in about
    assert "Post a job" in site["post-a-job/index.html"].decode()
    assert "Kept out of the menu." in site["imprint/index.html"].decode()
    front = site["index.html"].decode()
    assert '<a href="about/index.html">About this board</a>' in front
    assert '<a href="post-a-job/index.html">Post a job</a>' in front
    assert "imprint/index.html" not in front


def test_a_page_template_in_the_board_folder_renders_the_pages(tmp_path: Path) -> None:
    root = _board(tmp_path)
    _page(root, "about.md", "---\ntitle: About\n---\nHello.\n")
    (root / "templates").mkdir()
    (root / "templates" / "page.html").write_text("[{{ page.title }}]{{ page.body | safe }}")
    assert _build(root)["about/index.html"] == b"[About]<p>Hello.</p>\n"


@pytest.mark.parametrize(
    ("name", "text", "error"),
    [
        ("about.md", "---\ntitle: [broken\n---\nx\n", "pages/about.md:3: broken YAML front matter"),
        ("about.md", "---\ntilte: About\n---\nx\n", "pages/about.md: unknown front matter key 'tilte'"),
        ("about.md", "---\nnav: maybe\n---\nx\n", "pages/about.md: front matter 'nav' must be true or false"),
        ("companies.md", "x\n", "pages/companies.md: the site generates companies/index.html itself"),
        ("jobs.md", "x\n", "pages/jobs.md: jobs/ is a folder of the generated site"),
    ],
)
def test_a_bad_page_is_one_line_naming_the_file(tmp_path: Path, name: str, text: str, error: str) -> None:
    root = _board(tmp_path)
    _page(root, name, text)
    with pytest.raises(SiteFileError) as err:
        _build(root)
    assert str(err.value).startswith(error) and "\n" not in str(err.value)


def test_two_pages_with_one_name_are_refused(tmp_path: Path) -> None:
    _page(tmp_path, "About.md", "a\n")
    _page(tmp_path, "about.md", "b\n")
    with pytest.raises(SiteFileError, match=r"pages/about.md: gives the same page as pages/About.md"):
        load_site_pages(tmp_path / "pages")


def test_editing_a_page_or_a_static_file_rebuilds_only_what_depends_on_it(tmp_path: Path) -> None:
    root = _board(tmp_path)
    _page(root, "about.md", "---\ntitle: About\n---\nFirst text.\n")
    (root / "static").mkdir()
    (root / "static" / "CNAME").write_text("a.example.org\n")
    with Engine(options(root), load_config(root / "jobboard.toml"), log=lambda _m: None) as builder:
        builder.update()
        assert builder.update().changed == []
        _page(root, "about.md", "---\ntitle: About\n---\nSecond text.\n")
        assert builder.update().changed == ["about/index.html"]  # the title, in every menu, is the same
        (root / "static" / "CNAME").write_text("b.example.org\n")
        assert builder.update().changed == ["CNAME"]
        _page(root, "about.md", "---\ntitle: About us\n---\nSecond text.\n")
        changed = builder.update().changed
        assert "about/index.html" in changed and "index.html" in changed  # the menu changed
        (root / "static" / "CNAME").unlink()
        assert builder.update().changed == ["CNAME"]
    assert (root / "out" / "about" / "index.html").read_text().count("About us") >= 2


# -- ignore -----------------------------------------------------------------------


def test_images_and_office_files_in_content_are_ignored_with_one_note(tmp_path: Path) -> None:
    root = _board(tmp_path)
    content = root / "content"
    (content / "logo.PNG").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    (content / "brochure.pdf").write_bytes(b"%PDF-1.7\n\0\0")
    (content / "old").mkdir()
    (content / "old" / "team.jpg").write_bytes(b"\xff\xd8\xff\0")
    log: list[str] = []
    result = build(options(root), load_config(root / "jobboard.toml"), log=log.append)
    assert result.skipped == [] and len(result.site.postings) == 3
    notes = [line for line in log if "not read as postings" in line]
    assert notes == [
        f"note: 3 files in {content} not read as postings (they match `ignore`): "
        "brochure.pdf, logo.PNG, old/team.jpg"
    ]


def test_the_ignore_key_replaces_the_default_patterns(tmp_path: Path) -> None:
    root = _board(tmp_path, 'ignore = ["drafts/", "*.bak"]\n')
    content = root / "content"
    (content / "drafts").mkdir()
    (content / "drafts" / "p9.md").write_text((content / "p0.md").read_text())
    (content / "p0.md.bak").write_text((content / "p1.md").read_text())
    (content / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    log: list[str] = []
    result = build(options(root), load_config(root / "jobboard.toml"), log=log.append)
    assert [skip.source for skip in result.skipped] == ["logo.png"]  # no longer ignored: an error
    assert len(result.site.postings) == 3
    assert any(line.endswith("(they match `ignore`): drafts/, p0.md.bak") for line in log)


@pytest.mark.parametrize("value", ['"*.png"', "[1]", '[""]'])
def test_a_bad_ignore_value_is_a_config_error(tmp_path: Path, value: str) -> None:
    (tmp_path / "jobboard.toml").write_text(f"ignore = {value}\n")
    with pytest.raises(ConfigError, match="'ignore' must be a list"):
        load_config(tmp_path / "jobboard.toml")
