"""`jobboard.toml`: optional site settings, validated all at once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_FILE = "jobboard.toml"
FEED_CONTENT = ("summary", "full")  # the values of `feed_content`

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
    """Every problem in the config file, one per line."""


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
    language: str = "en"
    # What company and location feeds carry: "summary" (each posting's summary) or "full"
    # (its whole body too). The board's main feed always carries the whole body.
    feed_content: str = "summary"
    # A posting that states no end date is closed once it is older than this (0: never).
    max_age_days: int = 60
    aliases: dict[str, dict[str, str]] = field(
        default_factory=lambda: {kind: dict(table) for kind, table in DEFAULT_ALIASES.items()}
    )


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
    "feed_content": str,
    "max_age_days": int,
    "aliases": dict,
}


def load_config(path: Path) -> Config:
    """Read `path` if it exists; raise ConfigError naming every bad key."""
    config = Config()
    if not path.is_file():
        return config
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: {err}") from err
    problems = [f"{path}: {p}" for p in _problems(data)]
    if problems:
        raise ConfigError("\n".join(problems))
    for key, value in data.items():
        if key == "templates":
            config.templates = (path.parent / value).resolve()
        elif key == "feed_content" and value not in FEED_CONTENT:
            problems.append(f"'feed_content' must be \"summary\" or \"full\", not {value!r}")
        elif key == "aliases":
            for kind, table in value.items():
                config.aliases[kind].update(table)
        elif key == "base_url":
            config.base_url = value.rstrip("/") + "/" if value else None
        else:
            setattr(config, key, value)
    return config


def _problems(data: dict[str, Any]) -> list[str]:
    problems = []
    for key, value in data.items():
        expected = _TYPES.get(key)
        if expected is None:
            problems.append(f"unknown key {key!r} (known: {', '.join(sorted(_TYPES))})")
        elif not isinstance(value, expected) or (isinstance(value, bool) and expected in (int, (int, float))):
            problems.append(f"{key!r} must be {_type_name(expected)}, not {type(value).__name__}")
        elif key == "per_page" and value < 1:
            problems.append("'per_page' must be at least 1")
        elif key == "max_age_days" and value < 0:
            problems.append("'max_age_days' must be 0 (no limit) or more")
        elif key in ("max_read_seconds", "max_read_memory_mib") and not 0 < value < 1e12:
            problems.append(f"{key!r} must be a number more than 0")
        elif key == "feed_content" and value not in FEED_CONTENT:
            problems.append(f"'feed_content' must be \"summary\" or \"full\", not {value!r}")
        elif key == "aliases":
            for kind, table in value.items():
                if kind not in DEFAULT_ALIASES:
                    problems.append(f"unknown alias table 'aliases.{kind}' (use companies or locations)")
                elif not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
                    problems.append(f"'aliases.{kind}' must map names to names")
    return problems


def _type_name(expected: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", dict: "a table"}
    if expected == (int, float):
        return "a number"
    return names.get(expected, str(expected)) if isinstance(expected, type) else "valid"
