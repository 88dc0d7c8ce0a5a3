"""Front-matter values that must not break or leak into a built site (issue 14 items 1, 13, 14)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import EPOCH
from tests.site.board import front_matter, json_ld, make_board

BODY = "We bake bread every night for three shops in the old town, and we are hiring. " * 3


def test_unusable_salaries_are_warnings_and_every_posting_builds(tmp_path: Path) -> None:
    values = {
        "inf": "salary_min: .inf",
        "nan": "salary_min: .nan\nsalary_max: 60000",
        "minus-inf": "salary_max: -.inf",
        "negative": "salary_min: -40000\nsalary_max: 50000",
        "absurd": "salary_min: 5.0e+12",
        "plain-inf": "salary: .inf",
        "huge-text": "salary: $9,000,000,000,000",
    }
    files = {
        f"{name}.md": f"---\ntitle: Baker {name}\ncompany: Crumb\n{front}\n---\n\n{BODY}\n"
        for name, front in values.items()
    }
    files["fine.md"] = f"---\ntitle: Fine baker\nsalary: 30k-40k GBP\n---\n\n{BODY}\n"
    board = make_board(tmp_path, files)
    assert not board.result.skipped
    assert len(board.result.site.postings) == len(files)
    for posting in board.result.site.postings:
        data = json_ld(board.page(f"jobs/{posting.slug}/index.html"))
        if posting.source == "fine.md":
            assert data["baseSalary"]["value"]["minValue"] == 30_000
        else:
            assert "baseSalary" not in data, posting.source
            assert any(w.startswith("salary not understood") for w in posting.warnings)
    assert "Infinity" not in (board.out / "jobs.json").read_text("utf-8")


HOSTILE = ["\x00", "\x01", "\x1b", "\u202e", "\u202d", "\u2066", "\x7f", "\x9b"]
# How each could appear in an output file: itself, or escaped in JSON or as an HTML character reference.
_LEAKS = re.compile(
    "[\x00\x01\x1b\u202e\u202d\u2066\x7f\x9b]"
    r"|\\u00(?:00|01|1b|7f|9b)|\\u202[de]|\\u2066|&#x?0*(?:0|1|27|1b|127|7f|155|9b|8238|202e|8237|202d|8294|2066);",
    re.I,
)


def test_control_and_bidi_characters_reach_no_output(tmp_path: Path) -> None:
    escaped = {"\x00": "\\0", "\x01": "\\x01", "\x1b": "\\e", "\x7f": "\\x7F", "\x9b": "\\x9B"}
    files = {}
    for number, char in enumerate(HOSTILE):
        c = escaped.get(char, char)  # YAML escapes for what cannot stand in a file as it is
        files[f"p{number}.md"] = (
            f'---\ntitle: "Night{c} baker {number}"\ncompany: "Crumb{c} Co"\nlocation: "Leeds{c}, UK"\n'
            f'tags: ["rye{c}", "spelt"]\nemployment_type: "full{c} time"\nsalary: "£30{c},000"\n'
            f'apply_url: "https://crumb.example/jobs/{number}{c}"\ncompany_url: "https://crumb.example{c}"\n'
            f'date: "2025-12-0{number + 1}"\n---\n\n{BODY}\n'
        )
    board = make_board(tmp_path, files, epoch=EPOCH)
    assert not board.result.skipped
    assert len(board.result.site.postings) == len(HOSTILE)
    checked = 0
    for path in sorted(board.out.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt"):
            text = path.read_text("utf-8")
            leak = _LEAKS.search(text)
            assert leak is None, f"{path.relative_to(board.out)}: {leak.group()!r}"
            checked += 1
    assert checked > 20
    jobs = json.loads((board.out / "jobs.json").read_text("utf-8"))
    assert {job["company"] for job in jobs["jobs"]} == {"Crumb Co"}, jobs["jobs"][0]


def _build(tmp_path: Path, name: str, seed: str) -> Path:
    out = tmp_path / name
    env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": EPOCH}
    subprocess.run(
        [sys.executable, "-m", "generator", "build", "--content", str(tmp_path / "content"),
         "--output", str(out), "--no-cache"],
        cwd=tmp_path, env=env, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return out


def _tree(folder: Path) -> dict[str, bytes]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def test_sets_give_the_same_site_under_any_hash_seed(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "set-title.md").write_text(
        "---\ntitle: !!set {alpha, beta, gamma, delta, epsilon}\ncompany: Crumb\n"
        "tags: !!set {rye, spelt, barley, oats, wheat}\nlocation: !!set {Leeds, York, Hull}\n"
        f"---\n\n{BODY}\n"
    )
    (content / "plain.md").write_text(front_matter("Day baker", BODY, company="Crumb"))
    first, second = _build(tmp_path, "out-1", "1"), _build(tmp_path, "out-2", "4242")
    one, two = _tree(first), _tree(second)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    assert "jobs/set-title-crumb/index.html" in one  # the file name: a set is not a title


def test_check_shows_unknown_keys_and_ambiguous_dates_and_build_does_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    content.mkdir()
    (content / "typos.md").write_text(
        f"---\ntitle: Baker\ncompany: Crumb\nloaction: Leeds\nsalery: 30k\nlayout: job\n"
        f"compensation: gratis\ndate: 05/11/2025\n---\n\n{BODY}\n"
    )
    (content / "only-keys.md").write_text("---\ntitle: Pastry chef\ncompany: Crumb\nlocation: York\n---\n")
    assert main(["check", "--no-cache"]) == 0  # warnings only: nothing that cannot be built
    out = capsys.readouterr().out
    assert "warning: unknown front-matter key 'loaction': did you mean 'location'? (line 4)" in out
    assert "warning: unknown front-matter key 'salery': did you mean 'salary'? (line 5)" in out
    assert "layout" not in out and "gratis" not in out
    assert "warning: ambiguous date '05/11/2025': read as 2025-05-11 (month first), not 2025-11-05" in out
    assert main(["check", "--no-cache", "--json"]) == 0
    problems = [p for f in json.loads(capsys.readouterr().out)["files"] for p in f["problems"]]
    assert [p["line"] for p in problems if p["code"] == "unknown-key"] == [4, 5]
    assert [p["severity"] for p in problems if p["code"] == "ambiguous-date"] == ["warning"]
    assert main(["build", "--no-cache"]) == 0
    built = capsys.readouterr()
    assert "loaction" not in built.out + built.err and "ambiguous" not in built.out + built.err
    assert (tmp_path / "output" / "jobs").is_dir()
