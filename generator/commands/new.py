"""`jobboard new DIR`: a new board folder, ready for `jobboard serve`.

The files come from the package data in `generator/board_template/` (shipped in the wheel).
Names there that would start with a dot are stored with a `dot_` prefix instead
(`dot_gitignore`, `dot_github/`), so that no packaging tool treats them as its own files;
`{requirement}` in `requirements.txt` becomes where this generator was installed from, when
pip recorded a repository (PEP 610), else a placeholder the workflow fails on until it is
replaced: never the bare name, which on PyPI may be someone else's package. Empty folders the
board needs (`static/`) are made here, since a wheel holds no empty folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import metadata
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

TEMPLATE_PACKAGE = "generator"
TEMPLATE_FOLDER = "board_template"
EMPTY_FOLDERS = ("static",)
_FILLED = {"requirements.txt"}  # files where `{requirement}` is replaced
PLACEHOLDER = "jobboard @ git+https://github.com/OWNER/REPO@TAG"
_DOT = "dot_"


class BoardRefused(Exception):
    """The folder cannot become a new board (it holds files already, or is not a folder)."""


@dataclass
class NewBoard:
    folder: Path
    written: list[str] = field(default_factory=list)  # paths relative to the folder, forward slashes


def board_files() -> dict[str, bytes]:
    """The board's files by their path in the new folder (`.gitignore`, `content/...`)."""
    found: dict[str, bytes] = {}
    todo: list[tuple[Traversable, str]] = [(files(TEMPLATE_PACKAGE) / TEMPLATE_FOLDER, "")]
    while todo:
        folder, prefix = todo.pop()
        for entry in folder.iterdir():
            if entry.name == "__pycache__":
                continue
            name = "." + entry.name[len(_DOT) :] if entry.name.startswith(_DOT) else entry.name
            if entry.is_dir():
                todo.append((entry, f"{prefix}{name}/"))
            else:
                data = entry.read_bytes()
                if name in _FILLED:
                    data = data.replace(b"{requirement}", generator_requirement().encode())
                found[prefix + name] = data
    return dict(sorted(found.items()))


def generator_requirement() -> str:
    """A pip requirement for this generator: its repository and commit when it was installed
    from one (pip's direct_url.json), else PLACEHOLDER."""
    try:
        recorded = metadata.distribution("jobboard").read_text("direct_url.json")
        origin = json.loads(recorded) if recorded else {}
    except (metadata.PackageNotFoundError, ValueError):
        return PLACEHOLDER
    vcs = origin.get("vcs_info") if isinstance(origin, dict) else None
    url = origin.get("url") if isinstance(origin, dict) else None
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and isinstance(url, str) and url.startswith("https://"):
        commit = vcs.get("commit_id")
        return f"jobboard @ git+{url}@{commit}" if isinstance(commit, str) else f"jobboard @ git+{url}"
    return PLACEHOLDER


def new_board(folder: Path) -> NewBoard:
    """Write a new board into `folder` (made when missing); BoardRefused when it is not empty."""
    if folder.exists() and not folder.is_dir():
        raise BoardRefused(f"{folder} exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise BoardRefused(f"{folder} is not empty; give a new or empty folder")
    content = board_files()
    folder.mkdir(parents=True, exist_ok=True)
    board = NewBoard(folder)
    for rel, data in content.items():
        path = folder.joinpath(*rel.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        board.written.append(rel)
    for name in EMPTY_FOLDERS:
        (folder / name).mkdir(exist_ok=True)
    return board
