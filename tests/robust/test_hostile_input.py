"""Broken and hostile posting files: never a crash, always a named skip, nothing outside output/."""

from __future__ import annotations

import string
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.commands.build import BuildOptions, BuildResult, build
from generator.config import Config


def build_folder(content: Path, output: Path, config: Config | None = None) -> tuple[BuildResult, list[str]]:
    lines: list[str] = []
    result = build(
        BuildOptions(content=content, output=output, project_root=content.parent),
        config or Config(),
        log=lines.append,
    )
    return result, lines


def accounted(result: BuildResult) -> int:
    site = result.site
    return len(site.pages) + len(site.drafts) + len(site.duplicates) + len(result.skipped)


FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def build_files(files: dict[str, bytes]) -> None:
    """Build a board of these files; every file is a page, a draft, a duplicate or a named skip."""
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        content.mkdir()
        for name, data in files.items():
            (content / name).write_bytes(data)
        result, lines = build_folder(content, Path(tmp) / "output")
        assert accounted(result) == len(files)
        for skip in result.skipped:
            assert skip.source in files and skip.message
            assert any(line.startswith(f"skipped {skip.source}") for line in lines)


@FUZZ
@given(st.lists(st.binary(max_size=2000), min_size=1, max_size=4))
def test_random_bytes(blobs: list[bytes]) -> None:
    build_files({f"f{i}.txt": blob for i, blob in enumerate(blobs)})


markdown_text = st.text(
    alphabet=st.sampled_from(
        list("#*_-`[]()<>!|>~=:\n \t") + list(string.ascii_letters[:10]) + ["\u00e9", "🚀"]
    ),
    max_size=600,
)


@FUZZ
@given(st.lists(markdown_text, min_size=1, max_size=4))
def test_random_markdown(texts: list[str]) -> None:
    build_files({f"f{i}.md": text.encode("utf-8") for i, text in enumerate(texts)})


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40) | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
keys = st.sampled_from(
    ["title", "company", "location", "locations", "apply_url", "company_url", "date", "expires", "salary",
     "salary_min", "salary_max", "currency", "type", "tags", "draft", "remote", "url", "created"]
)  # fmt: skip


@FUZZ
@given(
    st.lists(st.dictionaries(keys, yaml_values, max_size=8), min_size=1, max_size=3), st.text(max_size=200)
)
def test_random_front_matter(matters: list[dict], body: str) -> None:
    files = {}
    for i, data in enumerate(matters):
        front = yaml.safe_dump(data, allow_unicode=True)
        files[f"f{i}.md"] = f"---\n{front}---\n{body}\n".encode("utf-8", "surrogatepass")
    build_files(files)


@FUZZ
@given(st.text(max_size=300))
def test_random_raw_front_matter_text(front: str) -> None:
    build_files({"f.md": f"---\n{front}\n---\nBody text.\n".encode("utf-8", "surrogatepass")})


HOSTILE_TITLES = [
    "../../../etc/passwd",
    "/",
    "/etc/passwd",
    "..",
    ".",
    "a\x00b",
    "CON",
    "index",
    "index.html",
    "NUL.txt",
    "x" * 5000,
    "工程师",
    "!!!",
    "jobs/../../escape",
    "%2e%2e%2f",
]


def test_hostile_titles_and_file_names_stay_inside_output(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    names = ["CON", "index.html", "a..b.md", "x" * 240 + ".md", "aux.txt", "-rf", " space .md", "a:b.md"]
    for i, title in enumerate(HOSTILE_TITLES):
        front = yaml.safe_dump({"title": title, "company": title, "location": title})
        (content / f"t{i}.md").write_text(f"---\n{front}---\nBody {i} of a hostile posting.\n")
    for i, name in enumerate(names):
        (content / name).write_text(f"---\ntitle: {HOSTILE_TITLES[i]!r}\n---\nBody of file {i}.\n")
    output = tmp_path / "site" / "output"
    result, _ = build_folder(content, output)
    assert accounted(result) == len(HOSTILE_TITLES) + len(names)
    slugs = [p.slug for p in result.site.pages]
    assert len(slugs) == len(set(slugs))
    for slug in slugs:
        assert slug and "/" not in slug and ".." not in slug and "\x00" not in slug and len(slug) < 100
    for path in output.rglob("*"):
        assert path.resolve().is_relative_to(output.resolve())
    siblings = sorted(p.name for p in output.parent.iterdir())
    assert siblings == ["output"]
    assert not (tmp_path / "etc").exists()
    assert len(list((output / "jobs").iterdir())) == len(slugs)


def test_symlinks_in_content_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("---\ntitle: Secret posting\n---\nTOP-SECRET-TEXT\n")
    content = tmp_path / "content"
    content.mkdir()
    (content / "real.md").write_text("---\ntitle: Real posting\n---\nA real job.\n")
    (content / "link.md").symlink_to(outside / "secret.md")
    (content / "folder").symlink_to(outside, target_is_directory=True)
    output = tmp_path / "output"
    result, lines = build_folder(content, output)
    assert [p.title for p in result.site.pages] == ["Real posting"]
    assert "skipped link.md: symbolic link, not followed" in lines
    assert "skipped folder: symbolic link, not followed" in lines
    for path in output.rglob("*"):
        if path.is_file():
            assert b"TOP-SECRET-TEXT" not in path.read_bytes()


def test_file_over_the_size_limit_is_skipped(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "huge.md").write_bytes(b"---\ntitle: Huge\n---\n" + b"word " * 1_000_001)
    (content / "small.md").write_text("---\ntitle: Small\n---\nA small job.\n")
    result, lines = build_folder(content, tmp_path / "output")
    assert [p.title for p in result.site.pages] == ["Small"]
    assert [line for line in lines if line.startswith("skipped ")] == [
        "skipped huge.md: file is 5,000,025 bytes, over the 5,000,000-byte limit"
    ]


def test_size_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("---\ntitle: A\n---\n" + "text " * 400)
    (tmp_path / "jobboard.toml").write_text("max_file_size = 1000\n")
    assert main(["build", "--strict"]) == 1


def test_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:
    bomb = "---\na: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n"
    for i in range(1, 9):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]\n"
    bomb += "title: Bomb\n---\nbody\n"
    content = tmp_path / "content"
    content.mkdir()
    (content / "bomb.md").write_text(bomb)
    result, lines = build_folder(content, tmp_path / "output")
    assert not result.site.pages
    assert any("bomb.md" in line and "aliases are not allowed" in line for line in lines)
