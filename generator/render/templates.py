"""The Jinja2 environment: autoescaping, StrictUndefined, user overrides first."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from generator.config import Config
from generator.display import human_date
from generator.extract.employment import employment_label
from generator.model.posting import Posting
from generator.model.salary_text import SalaryWords, salary_text
from generator.ui_strings import Strings, strings_for

_SOURCE_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
_INSTALLED_TEMPLATES = Path(__file__).resolve().parents[1] / "_templates"


def builtin_templates() -> Path:
    """`templates/` of a source checkout, or the copy packaged into the wheel."""
    return _SOURCE_TEMPLATES if _SOURCE_TEMPLATES.is_dir() else _INSTALLED_TEMPLATES


def template_folders(user_folder: Path | None) -> list[Path]:
    """The user's folder (when it exists and is not the built-in one), then the built-in one."""
    folders = [builtin_templates()]
    if user_folder is not None and user_folder.is_dir() and user_folder.resolve() != folders[0].resolve():
        folders.insert(0, user_folder)
    return folders


class _Loader(jinja2.FileSystemLoader):
    """jinja2's file loader, naming the file and line of a template that is not UTF-8 text
    (jinja2 itself lets a bare UnicodeDecodeError through, which names neither)."""

    def get_source(self, environment: jinja2.Environment, template: str) -> Any:
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as err:
            pieces = jinja2.loaders.split_template_path(template)
            for folder in self.searchpath:
                filename = posixpath.join(folder, *pieces)
                if Path(filename).is_file():
                    raise _not_utf8(template, filename, err) from err
            raise


def _not_utf8(template: str, filename: str, err: UnicodeDecodeError) -> jinja2.TemplateSyntaxError:
    """The error for a template file that does not decode: its line, and the byte found there."""
    data = Path(filename).read_bytes()
    try:
        data.decode("utf-8")
        start, bad = err.start, err.object[err.start : err.start + 1]
    except UnicodeDecodeError as exact:  # the position in the whole file, not in a chunk of it
        start, bad = exact.start, data[exact.start : exact.start + 1]
    line = data.count(b"\n", 0, start) + 1
    message = f"not UTF-8 text (byte 0x{bad.hex()} cannot be decoded); save the file as UTF-8"
    return jinja2.TemplateSyntaxError(message, line, template, filename)


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates shared by every environment of the process (the preview makes one per
    rebuild). jinja2 checks each entry against the template source's checksum, so an edited
    template is compiled again."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_BYTECODE_CACHE = _MemoryBytecodeCache()


def make_environment(user_folder: Path | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=_Loader([str(f) for f in template_folders(user_folder)]),
        bytecode_cache=_BYTECODE_CACHE,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # One environment per build: no need to stat every template file on every page
        # (an edit during the preview makes a new environment for the next build).
        auto_reload=False,
    )
    env.filters["salary"] = salary_text  # the one salary formatter
    env.filters["employment"] = employment_label
    env.filters["human_date"] = human_date
    return env


def card_places(posting: Posting) -> list[str]:
    """The posting's places without `Remote`, which the card shows as its own badge."""
    return [place.label for place in posting.places if not place.remote]


def salary_words(strings: Strings) -> SalaryWords:
    """The words around a salary's amounts, in the board's language."""
    periods = {period: strings(f"salary.{period}") for period in SalaryWords().periods}
    return SalaryWords(periods, strings.table["salary.from"], strings.table["salary.up_to"])


def install_strings(env: jinja2.Environment, config: Config) -> Strings:
    """The board's UI strings into the templates: `t(key, n=...)`, `script_strings` (JSON for
    search.js), and filters that speak the board's language (dates, ages, salaries, types)."""
    strings = Strings(strings_for(config.language, config.strings))
    env.globals.update(
        t=strings,
        script_strings=json.dumps(
            strings.for_script(), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        ),
        card_places=card_places,
    )
    env.filters["human_date"] = lambda value: strings.date(value, config.date_format)
    # `posting.date_posted | age(today)`: today stays in the page key. A date after the build
    # clock (a posting dated ahead) shows the date, not "today".
    env.filters["age"] = lambda value, today: (
        strings.age(value, today) if value <= today else strings.date(value, config.date_format)
    )
    words = salary_words(strings)
    env.filters["salary"] = lambda salary: salary_text(salary, words)  # the one salary formatter
    env.filters["employment"] = lambda code: strings.get(
        f"employment.{str(code).upper()}", strings("employment.OTHER")
    )
    return strings
