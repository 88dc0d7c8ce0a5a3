"""The Jinja2 environment: autoescaping, StrictUndefined, user overrides first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2

from generator.extract.employment import employment_label
from generator.model.posting import Salary

_SOURCE_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
_INSTALLED_TEMPLATES = Path(__file__).resolve().parents[1] / "_templates"


def builtin_templates() -> Path:
    """`templates/` of a source checkout, or the copy packaged into the wheel."""
    return _SOURCE_TEMPLATES if _SOURCE_TEMPLATES.is_dir() else _INSTALLED_TEMPLATES


def template_folders(user_folder: Path | None) -> list[Path]:
    folders = [builtin_templates()]
    if user_folder is not None and user_folder.is_dir():
        folders.insert(0, user_folder)
    return folders


def make_environment(user_folder: Path | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(f) for f in template_folders(user_folder)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["salary"] = format_salary
    env.filters["employment"] = employment_label
    env.filters["human_date"] = human_date
    return env


_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "INR": "₹"}
_PERIODS = {"HOUR": "an hour", "DAY": "a day", "WEEK": "a week", "MONTH": "a month", "YEAR": "a year"}


def format_salary(salary: Salary | None) -> str:
    """`$95,000 – $125,000 a year`; empty for unknown salaries."""
    if salary is None or not salary.known:
        return ""
    symbol = _SYMBOLS.get(salary.currency or "", "")
    code = "" if symbol or not salary.currency else f" {salary.currency}"

    def amount(value: float) -> str:
        return f"{symbol}{value:,.0f}" if value == int(value) else f"{symbol}{value:,.2f}"

    values = [v for v in (salary.min, salary.max) if v]
    text = " – ".join(amount(v) for v in values)
    if salary.min and not salary.max:
        text = f"from {text}"
    elif salary.max and not salary.min:
        text = f"up to {text}"
    period = _PERIODS.get(salary.period or "", "")
    return f"{text}{code} {period}".strip()


def human_date(value: dt.date) -> str:
    """`22 Nov 2026`."""
    return f"{value.day} {value:%b %Y}"
