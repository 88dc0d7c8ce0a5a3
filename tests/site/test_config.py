"""jobboard.toml: all problems at once naming the key, template overrides, aliases."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.config import ConfigError, load_config
from tests.site.board import front_matter, make_board


def test_unknown_keys_and_wrong_types_are_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "jobboard.toml"
    path.write_text('titel = "x"\nper_page = "ten"\nbase_url = 3\ncolour = "red"\ndescription = "ok"\n')
    with pytest.raises(ConfigError) as err:
        load_config(path)
    lines = str(err.value).splitlines()
    assert len(lines) == 4
    assert any("'titel'" in line and "unknown" in line for line in lines)
    assert any("'colour'" in line and "unknown" in line for line in lines)
    assert any("'per_page'" in line and "integer" in line for line in lines)
    assert any("'base_url'" in line and "string" in line for line in lines)
    assert all(line.startswith(str(path)) for line in lines)


def test_config_errors_exit_2_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "jobboard.toml").write_text("per_page = true\nnope = 1\n")
    assert main(["build"]) == 2
    err = capsys.readouterr().err
    assert "'per_page'" in err and "'nope'" in err
    assert not (tmp_path / "output").exists()


def test_settings_reach_the_site(tmp_path: Path) -> None:
    path = tmp_path / "jobboard.toml"
    path.write_text('title = "Remote Rust Jobs"\nbase_url = "https://x.example.org/rust"\nper_page = 7\n')
    config = load_config(path)
    assert config.base_url == "https://x.example.org/rust/"
    board = make_board(tmp_path, {"a.md": front_matter("Job A")}, config)
    assert "<title>Remote Rust Jobs</title>" in board.page("index.html")


def test_template_folder_overrides_any_template_by_name(tmp_path: Path) -> None:
    mine = tmp_path / "my-templates"
    (mine / "static").mkdir(parents=True)
    (mine / "term.html").write_text(
        "{% extends 'base.html' %}{% block main %}<p class=mine>MY TERM {{ term.name }}</p>{% endblock %}"
    )
    (mine / "feed.xml").write_text('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>\n')
    (mine / "static" / "style.css").write_text("/* my style */\n")
    (tmp_path / "jobboard.toml").write_text('templates = "my-templates"\n')
    config = load_config(tmp_path / "jobboard.toml")
    board = make_board(tmp_path, {"a.md": front_matter("Job A", company="Acme")}, config)
    assert "MY TERM Acme" in board.page("companies/acme/index.html")
    assert board.page("feed.xml").startswith('<?xml version="1.0"?><feed')
    assert board.page("static/style.css") == "/* my style */\n"
    assert (board.out / "static" / "search.js").is_file(), "built-in files not overridden are kept"
    assert "Job A" in board.page("index.html"), "other templates are the built-in ones"


def test_aliases_merge_companies_and_locations(tmp_path: Path) -> None:
    (tmp_path / "jobboard.toml").write_text(
        '[aliases.companies]\n"Sfdc" = "Salesforce"\n[aliases.locations]\n"Big Apple" = "New York, NY, USA"\n'
    )
    config = load_config(tmp_path / "jobboard.toml")
    board = make_board(
        tmp_path,
        {
            "a.md": front_matter("Job A", company="Salesforce, Inc.", location="NYC"),
            "b.md": front_matter("Job B", company="Salesforce", location="New York, NY, USA"),
            "c.md": front_matter("Job C", company="SFDC", location="Big Apple"),
        },
        config,
    )
    companies = board.result.site.taxonomies["companies"].terms
    locations = board.result.site.taxonomies["locations"].terms
    assert [(t.name, len(t.postings)) for t in companies] == [("Salesforce", 3)]
    assert [(t.name, len(t.postings)) for t in locations] == [("New York, NY, USA", 3)]
    assert sorted(p.name for p in (board.out / "companies").iterdir() if p.is_dir()) == ["salesforce"]
