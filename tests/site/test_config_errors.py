"""jobboard.toml errors: each with its line, a did-you-mean where one is close, printed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.config import ConfigError, key_lines, load_config


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "jobboard.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    lines = str(err.value).splitlines()
    assert all(line.startswith(f"{path}:") for line in lines)
    return [line.removeprefix(f"{path}:") for line in lines]


def test_an_unknown_key_has_its_line_and_the_closest_known_key(tmp_path: Path) -> None:
    text = '# my board\ntitle = "Rust Jobs"\n\nper_pgae = 20\n'
    assert _problems(tmp_path, text) == ["4: unknown key 'per_pgae': did you mean 'per_page'?"]


def test_an_unknown_key_like_no_known_one_lists_the_known_keys(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, "zzz = 1\n")
    assert problem.startswith("1: unknown key 'zzz' (known: aliases, base_url, ")
    assert "did you mean" not in problem


def test_a_value_of_the_wrong_type_has_its_line_and_how_to_write_it(tmp_path: Path) -> None:
    text = 'title = "x"\nper_page = "10"\nbase_url = 3\nmax_read_seconds = true\n'
    assert _problems(tmp_path, text) == [
        "2: 'per_page' must be an integer, not str (write it without quotes: 10)",
        "3: 'base_url' must be a string, not int (write it in quotes: \"3\")",
        "4: 'max_read_seconds' must be a number, not bool",
    ]


def test_a_value_out_of_range_has_its_line(tmp_path: Path) -> None:
    assert _problems(tmp_path, "\nper_page = 0\n") == ["2: 'per_page' must be at least 1, not 0"]


def test_a_misspelt_choice_gets_the_closest_choice(tmp_path: Path) -> None:
    assert _problems(tmp_path, 'feed_content = "sumary"\n') == [
        "1: 'feed_content' must be \"summary\" or \"full\", not 'sumary': did you mean 'summary'?"
    ]


def test_alias_tables_have_their_lines(tmp_path: Path) -> None:
    text = '[aliases.company]\n"Sfdc" = "Salesforce"\n\n[aliases.locations]\n"NYC" = "New York"\n"LA" = 3\n'
    assert _problems(tmp_path, text) == [
        "1: unknown alias table 'aliases.company': did you mean 'companies'?",
        "6: 'aliases.locations' must map names to names",
    ]


def test_every_problem_is_reported_in_the_files_order(tmp_path: Path) -> None:
    problems = _problems(tmp_path, 'colour = "red"\ntitel = "x"\nper_page = "ten"\n')
    assert [p.split(":")[0] for p in problems] == ["1", "2", "3"]
    assert "did you mean 'title'?" in problems[1]
    assert problems[2] == "3: 'per_page' must be an integer, not str"


def test_broken_toml_has_its_line(tmp_path: Path) -> None:
    problems = _problems(tmp_path, 'title = "x"\nper_page =\n')
    assert problems == ["2: not valid TOML: invalid value (column 11)"]


def test_a_file_that_is_not_utf8_is_one_problem(tmp_path: Path) -> None:
    (problem,) = _problems_bytes(tmp_path, b'title = "caf\xe9"\n')
    assert problem.startswith(" not UTF-8 text")


def _problems_bytes(tmp_path: Path, data: bytes) -> list[str]:
    path = tmp_path / "jobboard.toml"
    path.write_bytes(data)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(err.value).startswith(f"{path}:")
    return [str(err.value).removeprefix(f"{path}:")]


def test_the_message_without_the_path_keeps_the_lines(tmp_path: Path) -> None:
    path = tmp_path / "jobboard.toml"
    path.write_text('title = "x"\ntitel = "y"\n')
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert err.value.path == path
    assert err.value.message == "line 2: unknown key 'titel': did you mean 'title'?"
    assert str(path) not in err.value.message


def test_the_command_line_prints_each_problem_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "jobboard.toml").write_text('titel = "x"\n')
    for command in (["build"], ["check"]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert err == "error: jobboard.toml:1: unknown key 'titel': did you mean 'title'?\n"


def test_key_lines_of_tables_dotted_keys_and_multiline_strings() -> None:
    text = (
        'description = """\nfake = 1\n"""\n'
        "title = 'x'  # comment\n"
        "aliases.companies.Acme = 'ACME'\n"
        '[aliases . "locations"]\n'
        '"Big Apple" = "New York"\n'
    )
    lines = key_lines(text)
    assert lines == {
        "description": 1,
        "title": 4,
        "aliases.companies.Acme": 5,
        "aliases.locations": 6,
        "aliases.locations.Big Apple": 7,
    }


def test_an_empty_base_url_is_relative_on_purpose(tmp_path: Path) -> None:
    path = tmp_path / "jobboard.toml"
    path.write_text('base_url = ""\n')
    assert load_config(path).base_url == ""
    path.write_text('title = "x"\n')
    assert load_config(path).base_url is None
