"""`jobboard.toml`: optional site settings, validated all at once."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_FILE = "jobboard.toml"
FEED_CONTENT = ("summary", "full")  # the values of `feed_content`
# Folders found next to jobboard.toml without a config key (as Hugo does): `templates/`
# overrides built-in templates file by file, `static/` is copied to the site root, and each
# `pages/*.md` becomes a page of the site (see generator.render.site_pages).
TEMPLATES_FOLDER, STATIC_FOLDER, PAGES_FOLDER = "templates", "static", "pages"
# Files in the content folder that are not postings: images and office files (a logo, a
# brochure). Glob patterns, case-insensitive; a pattern with `/` matches the path below the
# content folder, one without matches the file name. `ignore` in jobboard.toml replaces them.
DEFAULT_IGNORE: tuple[str, ...] = tuple(
    f"*.{ext}"
    for ext in (
        "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "ico", "tif", "tiff", "heic",
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp",
    )
)

# Built-in aliases; `[aliases.companies]` / `[aliases.locations]` in jobboard.toml extend them.
DEFAULT_ALIASES: dict[str, dict[str, str]] = {
    "companies": {},
    "locations": {
        "NYC": "New York, NY, USA",
        "New York City": "New York, NY, USA",
        "SF": "San Francisco, CA, USA",
        "Bay Area": "San Francisco Bay Area, CA, USA",
        "London, UK": "London, United Kingdom",
    },
}


class ConfigError(Exception):
    """Every problem in the config file: `str()` is one `path:line: problem` line each."""

    def __init__(self, path: Path, problems: list[tuple[int | None, str]]) -> None:
        self.path = path
        self.problems = problems  # (line or None, problem), in the file's order
        super().__init__("\n".join(f"{path}{_at(line)}: {problem}" for line, problem in problems))

    @property
    def message(self) -> str:
        """The problems without the path (for a caller that shows the path apart), lines kept."""
        return "\n".join(f"line {line}: {p}" if line else p for line, p in self.problems)


def _at(line: int | None) -> str:
    return f":{line}" if line else ""


@dataclass
class Config:
    title: str = "Job Board"
    description: str = "Current job openings."
    base_url: str | None = None
    per_page: int = 50
    templates: Path | None = None
    max_file_size: int = 5_000_000
    # A posting's budget while it is read (see generator.budget): past it, it is skipped.
    max_read_seconds: float = 10.0  # CPU time
    max_read_memory_mib: int = 1024  # memory, in MiB
    language: str = "en"  # the board's language: its UI strings (see ui_strings) and <html lang>
    date_format: str | None = None  # strftime-like (%-d %b %Y); None: the language's own
    strings: dict[str, str] = field(default_factory=dict)  # [strings]: single UI strings overridden
    # What company and location feeds carry: "summary" (each posting's summary) or "full"
    # (its whole body too). The board's main feed always carries the whole body.
    feed_content: str = "summary"
    # A posting that states no end date is closed once it is older than this (0: never).
    max_age_days: int = 60
    aliases: dict[str, dict[str, str]] = field(
        default_factory=lambda: {kind: dict(table) for kind, table in DEFAULT_ALIASES.items()}
    )
    ignore: list[str] = field(default_factory=lambda: list(DEFAULT_IGNORE))
    static: Path | None = None  # `static/` next to jobboard.toml (copied to the site root when it exists)
    pages: Path | None = None  # `pages/` next to jobboard.toml (one page per .md file when it exists)


_TYPES: dict[str, type | tuple[type, ...]] = {
    "title": str,
    "description": str,
    "base_url": str,
    "per_page": int,
    "templates": str,
    "max_file_size": int,
    "max_read_seconds": (int, float),
    "max_read_memory_mib": int,
    "language": str,
    "date_format": str,
    "strings": dict,
    "feed_content": str,
    "max_age_days": int,
    "aliases": dict,
    "ignore": list,
}
# Keys whose value is one of a few words (a wrong one gets a did-you-mean).
_CHOICES: dict[str, tuple[str, ...]] = {
    "feed_content": FEED_CONTENT,
}
_ALIAS_TABLES = tuple(DEFAULT_ALIASES)


def load_config(path: Path) -> Config:
    """Read `path` if it exists; raise ConfigError naming every bad key, with its line."""
    config = Config()
    _folders_by_convention(config, path.parent)
    if not path.is_file():
        return config
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as err:
        raise ConfigError(path, [(None, f"not UTF-8 text ({err.reason} at byte {err.start})")]) from err
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(path, [_toml_problem(err)]) from err
    problems = _problems(data, key_lines(text))
    if problems:
        raise ConfigError(path, sorted(problems, key=lambda p: p[0] or 0))
    for key, value in data.items():
        if key == "templates":
            config.templates = (path.parent / value).resolve()
        elif key == "aliases":
            for kind, table in value.items():
                config.aliases[kind].update(table)
        elif key == "base_url":
            # "" is a relative site on purpose (no warning about it); absent is None.
            config.base_url = value.rstrip("/") + "/" if value else ""
        else:
            setattr(config, key, value)
    return config


def _folders_by_convention(config: Config, folder: Path) -> None:
    """The board's own folders next to the config file, whether or not it exists yet."""
    board = folder.resolve()
    if (board / TEMPLATES_FOLDER).is_dir():
        config.templates = board / TEMPLATES_FOLDER  # the `templates` key, when set, wins
    config.static = board / STATIC_FOLDER
    config.pages = board / PAGES_FOLDER


_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _toml_problem(err: tomllib.TOMLDecodeError) -> tuple[int | None, str]:
    """tomllib's `Invalid value (at line 3, column 9)` as (3, `not valid TOML: invalid value (column 9)`)."""
    message = str(err)
    at = _TOML_AT.search(message)
    if at is None:
        return None, f"not valid TOML: {message}"
    what = message[: at.start()]
    return int(at.group(1)), f"not valid TOML: {what[:1].lower()}{what[1:]} (column {at.group(2)})"


def _problems(data: dict[str, Any], lines: dict[str, int]) -> list[tuple[int | None, str]]:
    problems: list[tuple[int | None, str]] = []

    def say(key: str, problem: str) -> None:
        problems.append((lines.get(key), problem))

    for key, value in data.items():
        expected = _TYPES.get(key)
        if expected is None:
            hint = _did_you_mean(key, _TYPES) or f" (known: {', '.join(sorted(_TYPES))})"
            say(key, f"unknown key {key!r}{hint}")
        elif _wrong_type(value, expected):
            hint = _literal_hint(value, expected)
            say(key, f"{key!r} must be {_type_name(expected)}, not {type(value).__name__}{hint}")
        elif key == "per_page" and value < 1:
            say(key, f"'per_page' must be at least 1, not {value}")
        elif key == "max_age_days" and value < 0:
            say(key, f"'max_age_days' must be 0 (no limit) or more, not {value}")
        elif key in ("max_read_seconds", "max_read_memory_mib") and not 0 < value < 1e12:
            say(key, f"{key!r} must be a number more than 0, not {value}")
        elif key in _CHOICES and value not in _CHOICES[key]:
            choices = " or ".join(f'"{c}"' for c in _CHOICES[key])
            say(key, f"{key!r} must be {choices}, not {value!r}{_did_you_mean(value, _CHOICES[key])}")
        elif key in ("strings", "date_format"):
            for problem in _string_problems(key, value):
                say(key, problem)
        elif key == "aliases":
            for kind, table in value.items():
                name = f"aliases.{kind}"
                if kind not in DEFAULT_ALIASES:
                    hint = _did_you_mean(kind, _ALIAS_TABLES) or " (use companies or locations)"
                    say(name, f"unknown alias table {name!r}{hint}")
                elif not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
                    items = table.items() if isinstance(table, dict) else ()
                    bad = [k for k, v in items if not isinstance(v, str)]
                    where = f"{name}.{bad[0]}" if bad and f"{name}.{bad[0]}" in lines else name
                    say(where, f"{name!r} must map names to names")
        elif key == "ignore" and not _patterns(value):
            say(key, "'ignore' must be a list of glob patterns (strings such as \"*.png\")")
    return problems


def _patterns(value: object) -> bool:
    """Is `value` a list of glob patterns (non-empty strings)?"""
    return isinstance(value, list) and all(isinstance(p, str) and p for p in value)


def _wrong_type(value: object, expected: type | tuple[type, ...]) -> bool:
    """Not of the type wanted (true/false is not a number, though Python's bool is an int)."""
    return not isinstance(value, expected) or (isinstance(value, bool) and expected in (int, (int, float)))


def _did_you_mean(word: str, known: Iterable[str]) -> str:
    """`: did you mean 'title'?` for the closest known word (difflib), else ""."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(word.lower(), list(known), n=1, cutoff=0.6)
    return f": did you mean {close[0]!r}?" if close else ""


def _literal_hint(value: object, expected: type | tuple[type, ...]) -> str:
    """`per_page = "10"`: the same value written as the type wanted, when it is one."""
    if isinstance(value, str) and expected in (int, (int, float)):
        try:
            number = int(value) if expected is int else float(value)
        except ValueError:
            return ""
        return f" (write it without quotes: {value.strip()})" if number == number else ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and expected is str:
        return f' (write it in quotes: "{value}")'
    return ""


def _string_problems(key: str, value: Any) -> list[str]:
    """What is wrong with `[strings]` or `date_format`."""
    from generator.ui_strings import bad_date_format, unknown_keys

    if key == "date_format":
        bad = bad_date_format(value)
        return [f"'date_format' has {bad!r}, which is not one of %d %-d %m %-m %b %B %Y %y %%"] if bad else []
    if not all(isinstance(v, str) for v in value.values()):
        return ["'strings' must map string keys to text"]
    return [f"unknown key 'strings.{k}' (see generator/ui_strings.py)" for k in unknown_keys(value)]


def _type_name(expected: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", dict: "a table", list: "a list"}
    if expected == (int, float):
        return "a number"
    return names.get(expected, str(expected)) if isinstance(expected, type) else "valid"


_TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_PART_PATTERN = r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'"""
_PART = re.compile(_PART_PATTERN)
_KEY = re.compile(rf"^\s*((?:{_PART_PATTERN})(?:\s*\.\s*(?:{_PART_PATTERN}))*)\s*=")


def key_lines(text: str) -> dict[str, int]:
    """The line of each key and table of a TOML text, by dotted name (`aliases.companies.Sfdc`);
    the first, when repeated. Lines inside multi-line strings are skipped."""
    lines: dict[str, int] = {}
    table: list[str] = []
    in_string: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string is not None:
            if line.count(in_string) % 2:
                in_string = None
            continue
        header = _TABLE.match(line)
        if header:
            table = _parts(header.group(1))
            lines.setdefault(".".join(table), number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault(".".join([*table, *_parts(key.group(1))]), number)
        for quotes in ('"""', "'''"):
            if line.count(quotes) % 2:
                in_string = quotes
                break
    return lines


def _parts(dotted: str) -> list[str]:
    return [part.strip("\"'") for part in _PART.findall(dotted)]
