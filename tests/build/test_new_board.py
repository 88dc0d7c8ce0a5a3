"""`jobboard new DIR`: the board folder it writes, and a board made and built with the installed wheel."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.commands import new as new_module
from generator.commands.build import build
from generator.commands.new import BoardRefused, new_board
from generator.config import _TYPES, load_config
from tests.build._boards import options, tree
from tests.conftest import ROOT

# Keys other parts of the config add; the commented jobboard.toml names them too.
_KEYS_ELSEWHERE = ("strings", "date_format", "max_age_days")


def test_new_writes_the_board_folder(tmp_path: Path) -> None:
    board = new_board(tmp_path / "myboard")
    assert board.written == [
        ".github/workflows/pages.yml",
        ".gitignore",
        "content/example-backend-engineer.md",
        "content/example-support-specialist.txt",
        "jobboard.toml",
        "pages/about.md",
        "requirements.txt",
        "templates/README.md",
    ]
    folder = tmp_path / "myboard"
    assert (folder / "static").is_dir() and not any((folder / "static").iterdir())
    assert (folder / ".gitignore").read_text().split() == ["/output/", "/.jobboard-cache/"]
    lines = (folder / "requirements.txt").read_text().splitlines()
    requirement = [line for line in lines if not line.startswith("#")]
    # Where the generator came from (here: an editable install, so the placeholder), never the
    # bare name, which on PyPI could be another package.
    assert requirement == [new_module.PLACEHOLDER]
    readme = (folder / "templates" / "README.md").read_text()
    assert "replaces the built-in template of the same name" in readme


def test_the_config_names_every_key_commented_and_each_line_is_valid(tmp_path: Path) -> None:
    new_board(tmp_path / "b")
    path = tmp_path / "b" / "jobboard.toml"
    text = path.read_text()
    assert tomllib.loads(text) == {}  # every key commented: the defaults
    for key in [*_TYPES, *_KEYS_ELSEWHERE]:
        assert re.search(rf"^# (\[{key}[.\]]|{key} = )", text, re.M), key
    for line in re.findall(r"^# (\w+ = .*)$", text, re.M):
        key = line.split()[0]
        if key in _TYPES:  # uncommented alone, each known line is a valid config
            path.write_text(line + "\n")
            load_config(path)
    aliases = "\n".join(re.findall(r"^# (\[aliases\.\w+\]|\".*\" = \".*\")$", text, re.M))
    path.write_text(aliases + "\n")
    assert load_config(path).aliases["locations"]["Leeds, UK"] == "Leeds, United Kingdom"


def test_the_pages_workflow_installs_the_package_and_caches_pip_and_the_build_cache(tmp_path: Path) -> None:
    new_board(tmp_path / "b")
    workflow = yaml.safe_load((tmp_path / "b" / ".github" / "workflows" / "pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    assert _step(steps, "actions/setup-python")["with"]["cache"] == "pip"
    assert any("pip install -r requirements.txt" in s.get("run", "") for s in steps)
    assert _step(steps, "actions/cache")["with"]["path"] == ".jobboard-cache"
    assert _step(workflow["jobs"]["deploy"]["steps"], "actions/deploy-pages")


def test_the_project_workflow_caches_pip_and_the_build_cache_too() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    assert _step(steps, "actions/setup-python")["with"]["cache"] == "pip"
    assert _step(steps, "actions/cache")["with"]["path"] == ".jobboard-cache"


def _step(steps: list[dict], action: str) -> dict:
    return next(s for s in steps if s.get("uses", "").startswith(action + "@"))


def test_a_new_board_builds_with_its_example_postings_and_page(tmp_path: Path) -> None:
    root = tmp_path / "b"
    new_board(root)
    log: list[str] = []
    result = build(options(root), load_config(root / "jobboard.toml"), log=log.append)
    assert result.skipped == [] and len(result.site.postings) == 2
    site = tree(root / "out")
    assert '<a href="about/index.html">About</a>' in site["index.html"].decode()
    assert "mailto:jobs@example.org" in site["about/index.html"].decode()


@pytest.mark.parametrize("existing", ["file.txt", ".hidden"])
def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path, existing: str, capsys) -> None:
    (tmp_path / existing).write_text("mine")
    with pytest.raises(BoardRefused):
        new_board(tmp_path)
    assert main(["new", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"error: {tmp_path} is not empty; give a new or empty folder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [existing]


def test_new_refuses_a_file(tmp_path: Path, capsys) -> None:
    (tmp_path / "board").write_text("x")
    assert main(["new", str(tmp_path / "board")]) == 2
    assert "exists and is not a folder" in capsys.readouterr().err


def test_new_accepts_an_empty_folder(tmp_path: Path, capsys) -> None:
    assert main(["new", str(tmp_path)]) == 0
    assert (tmp_path / "jobboard.toml").is_file()
    assert "jobboard serve" in capsys.readouterr().out


# -- the installed wheel ------------------------------------------------------------


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"{command}: {done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def test_a_board_made_and_built_with_the_installed_wheel(tmp_path: Path) -> None:
    """The wheel, installed into a fresh venv, is all the board needs: run from the board's
    folder, nothing of the source tree is imported."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)], ROOT, env)
    (wheel,) = wheels.glob("jobboard-*.whl")
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], tmp_path, env)
    python, jobboard = venv / "bin" / "python", venv / "bin" / "jobboard"
    _run([str(python), "-m", "pip", "install", "-q", str(wheel)], tmp_path, env)

    _run([str(jobboard), "new", "myboard"], tmp_path, env)
    board = tmp_path / "myboard"
    (board / "templates" / "404.html").write_text("<p>Lost? This 404 is the board's own.</p>\n")
    (board / "static" / "CNAME").write_text("jobs.example.org\n")
    (board / "pages" / "post-a-job.md").write_text("---\ntitle: Post a job\n---\nWrite to us.\n")
    out = _run([str(jobboard), "build", "--base-url", "https://jobs.example.org/"], board, env)
    assert "2 postings" in out and "0 skipped" in out

    site = board / "output"
    assert (site / "404.html").read_text() == "<p>Lost? This 404 is the board's own.</p>\n"
    assert (site / "CNAME").read_text() == "jobs.example.org\n"
    assert "<p>Write to us.</p>" in (site / "post-a-job" / "index.html").read_text()
    front = (site / "index.html").read_text()
    assert '<a href="post-a-job/index.html">Post a job</a>' in front and "About" in front
    assert (site / "static" / "style.css").is_file()  # the built-in assets, from the wheel
    assert (board / ".jobboard-cache").is_dir()
    where = _run([str(python), "-c", "import generator; print(generator.__file__)"], board, env)
    assert Path(where.strip()).is_relative_to(venv) and not Path(where.strip()).is_relative_to(ROOT)
    assert (Path(where.strip()).parent / "py.typed").is_file()  # PEP 561: its type hints ship


@pytest.mark.parametrize(
    ("recorded", "expected"),
    [
        (
            {"url": "https://github.com/acme/jobboard", "vcs_info": {"vcs": "git", "commit_id": "abc123"}},
            "jobboard @ git+https://github.com/acme/jobboard@abc123",
        ),
        ({"url": "file:///home/me/jobboard", "dir_info": {"editable": True}}, new_module.PLACEHOLDER),
        (None, new_module.PLACEHOLDER),
    ],
)
def test_the_workflow_installs_the_generator_from_where_it_came(
    monkeypatch: pytest.MonkeyPatch, recorded: dict[str, object] | None, expected: str
) -> None:
    import json

    class Installed:
        def read_text(self, name: str) -> str | None:
            return json.dumps(recorded) if recorded is not None and name == "direct_url.json" else None

    monkeypatch.setattr(new_module.metadata, "distribution", lambda name: Installed())
    assert new_module.generator_requirement() == expected
