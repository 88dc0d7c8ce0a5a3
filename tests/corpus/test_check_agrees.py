"""`jobboard check` and `jobboard build` agree on which files are errors, on every real file."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from generator.commands.build import BuildOptions, build
from generator.commands.check import check_content
from generator.config import Config
from tests.conftest import SHARED
from tests.corpus.measure import copy_corpus

CORPORA = ("corpus", "corpus-pages")


def _corpora() -> list[Path]:
    found = [SHARED / name for name in CORPORA if (SHARED / name).is_dir()]
    if len(found) < len(CORPORA):
        missing = ", ".join(name for name in CORPORA if not (SHARED / name).is_dir())
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing} missing under {SHARED} (CI must provide ../shared/{missing})")
        if not found:
            pytest.skip(f"{missing} not found under {SHARED}")
    return found


def errors_and_skips(content: Path, tmp_path: Path) -> tuple[set[str], set[str]]:
    """(files `check` reports an error for, files `build` skips) of one content folder."""
    today = dt.date(2026, 1, 1)
    report = check_content(content, Config(), today)
    errors = {f.source for f in report.files if any(p.severity == "error" for p in f.problems)}
    options = BuildOptions(content=content, output=tmp_path / "output", project_root=tmp_path)
    result = build(options, Config(), log=lambda _line: None)
    return errors, {skip.source for skip in result.skipped}


def test_check_errors_are_the_files_build_skips(tmp_path: Path) -> None:
    content = tmp_path / "content"
    for corpus in _corpora():
        copy_corpus(corpus, content / corpus.name)
    errors, skipped = errors_and_skips(content, tmp_path)
    assert errors == skipped


def test_front_matter_only_file_is_no_error(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "only-keys.md").write_text(
        "---\ntitle: Night Baker\ncompany: Crumb & Co\nlocation: Leeds, UK\n---\n"
    )
    (content / "empty.md").write_text("")
    errors, skipped = errors_and_skips(content, tmp_path)
    assert "only-keys.md" not in skipped
    assert errors == skipped
