"""`jobboard check`, `jobboard import` and duplicate detection, through the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import SEEDS

BODY = (
    "We are looking for a backend engineer to build our payment APIs in Python and Go. "
    "You will own services end to end, from design reviews to on-call, and work with a small "
    "team across Europe. We offer a learning budget, flexible hours and a yearly team trip.\n"
)


@pytest.fixture
def board(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    shutil.copytree(SEEDS, content)
    (content / "ok.md").write_text(
        "---\ntitle: Payments Engineer\ncompany: Paylane\nlocation: Berlin, Germany\n"
        "date: 2025-11-02\nsalary: 6 figures\nexpires: 2025-12-01\n---\n\n" + BODY
    )
    (content / "nothing.txt").write_text("Barista wanted\n\nMake coffee for our team every morning.\n")
    (content / "broken.md").write_text("---\ntitle: Broken\ncompany: [oops\n---\nbody\n")
    # The same job from two scrapers: scraped Markdown and HTML.
    (content / "scraper-a.md").write_text(
        "# [Backend Engineer](https://paylane.example/jobs/1)\n### Paylane\n#### `🌎 Berlin, Germany`\n\n"
        + BODY
    )
    (content / "scraper-b.html").write_text(
        '<html><head><meta property="og:site_name" content="Paylane, Inc."></head><body>'
        "<h1>Backend Engineer</h1><p>" + BODY.strip() + "</p></body></html>"
    )
    return tmp_path


def run_check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().out


def test_check_lists_problems_with_origins(board: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_check(capsys)
    assert code == 1  # broken.md cannot be built
    blocks = {}
    current = None
    for line in out.splitlines():
        if not line.startswith("  "):
            current = line.split(":", 1)[0]
            blocks[current] = [line]
        else:
            blocks[current].append(line)
    assert any("error:" in line and "YAML" in line for line in blocks["broken.md"])
    ok = "\n".join(blocks["ok.md"])
    assert "title: front matter" in ok and "company: front matter" in ok
    assert "warning: salary not understood: '6 figures'" in ok
    assert "note: expired on 2025-12-01" in ok
    nothing = "\n".join(blocks["nothing.txt"])
    assert "title: guess" in nothing
    assert "warning: no company stated" in nothing
    assert "warning: no location stated" in nothing
    assert "warning: date not stated; using first seen " in nothing
    dup = "\n".join(blocks["scraper-b.html"])
    assert "warning: duplicate of scraper-a.md" in dup
    assert "company: html meta" in dup
    assert out.splitlines()[-1].startswith("8 files: 1 errors,")


def test_check_json_is_for_programs(board: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_check(capsys, "--json")
    data = json.loads(out)
    assert code == 1
    files = {f["source"]: f for f in data["files"]}
    assert data["summary"]["errors"] == 1
    assert {p["code"] for p in files["nothing.txt"]["problems"]} == {
        "missing-company",
        "missing-location",
        "no-date",
        "no-apply",
    }
    assert files["ok.md"]["fields"]["locations"] == {"value": ["Berlin, Germany"], "origin": "front matter"}
    assert {p["code"] for p in files["scraper-b.html"]["problems"]} == {
        "duplicate",
        "missing-location",
        "no-date",
        "no-apply",
    }


def test_check_exits_0_without_errors(board: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (board / "content" / "broken.md").unlink()
    code, out = run_check(capsys)
    assert code == 0
    assert "0 errors" in out


def test_build_keeps_one_duplicate_and_names_the_other(
    board: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build"]) == 0
    out, err = capsys.readouterr()
    assert "duplicate scraper-b.html: same job as scraper-a.md, not built" in err
    assert "1 duplicates dropped" in out
    pages = [p.read_text() for p in (board / "output" / "jobs").glob("*/index.html")]
    assert sum("<h1>Backend Engineer</h1>" in page for page in pages) == 1


def test_different_bodies_are_not_duplicates(board: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (board / "content" / "scraper-b.html").write_text(
        "<html><body><h1>Backend Engineer</h1><p>Paylane needs a backend engineer for its fraud team: "
        "Kotlin, Kafka and a lot of statistics. Office in Munich, three days a week.</p></body></html>"
    )
    (board / "content" / "broken.md").unlink()
    assert main(["build"]) == 0
    assert "duplicate" not in capsys.readouterr().err


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_import_writes_complete_front_matter(board: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "content", "--to", "imported"]) == 1  # broken.md is skipped
    written = files_of(board / "imported")
    assert "broken.md" not in written and len(written) == 7
    text = written["000-f66ede7c308a1e54.md"].decode()
    keys = [line.split(":")[0] for line in text.split("---\n")[1].splitlines() if not line.startswith("- ")]
    assert keys == [
        "title", "company", "company_url", "locations", "remote", "employment_type", "salary_min",
        "salary_max", "currency", "salary_period", "date_posted", "valid_through", "apply_url",
        "source_url", "tags", "draft",
    ]  # fmt: skip
    assert "company: Salesforce\n" in text
    assert "- Tel Aviv, Israel\n- Remote\n" in text
    assert "â€" not in text and "\ufeff" not in text
    assert "date_posted: null" in written["nothing-txt.md".replace("-txt", "")].decode()


def test_import_is_idempotent(board: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["import", "content", "--to", "once"])
    assert main(["import", "once", "--to", "twice"]) == 0
    assert files_of(board / "once") == files_of(board / "twice")
    before = files_of(board / "once")
    assert main(["import", "once", "--to", "once", "--force"]) == 0
    assert files_of(board / "once") == before


def test_import_never_overwrites_without_force(board: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = board / "imported"
    target.mkdir()
    (target / "ok.md").write_text("my hand edits")
    assert main(["import", "content/ok.md", "--to", "imported"]) == 1
    assert (target / "ok.md").read_text() == "my hand edits"
    assert "use --force" in capsys.readouterr().err
    assert main(["import", "content/ok.md", "--to", "imported", "--force"]) == 0
    assert (target / "ok.md").read_text().startswith("---\ntitle: Payments Engineer\n")


def test_imported_files_build_to_the_same_metadata(board: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (board / "content" / "broken.md").unlink()
    main(["import", "content", "--to", "imported"])
    capsys.readouterr()
    assert main(["check", "--json"]) == 0
    original = {f["title"]: f["fields"] for f in json.loads(capsys.readouterr().out)["files"]}
    assert main(["check", "--json", "--content", "imported"]) == 0
    again = {f["title"]: f["fields"] for f in json.loads(capsys.readouterr().out)["files"]}
    for title, fields in original.items():
        for name in ("company", "locations", "remote", "employment_type", "salary", "apply_url"):
            assert again[title].get(name, {}).get("value") == fields.get(name, {}).get("value"), (title, name)


def test_import_of_the_corpus_is_idempotent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import CORPUS

    if not CORPUS.is_dir():
        pytest.skip("corpus not found")
    src = tmp_path / "src"
    for folder in (p for p in CORPUS.iterdir() if p.is_dir()):
        shutil.copytree(folder, src / folder.name)
    main(["import", str(src), "--to", str(tmp_path / "once")])
    assert main(["import", str(tmp_path / "once"), "--to", str(tmp_path / "twice")]) == 0
    once = files_of(tmp_path / "once")
    assert len(once) >= 305
    assert once == files_of(tmp_path / "twice")


def test_check_reads_through_the_build_cache(
    board: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.reading as reading

    unread = [run_check(capsys, "--no-cache"), run_check(capsys, "--no-cache", "--json")]
    assert not (board / ".jobboard-cache").exists()
    assert run_check(capsys) == unread[0]  # reads every file, and fills the cache
    assert (board / ".jobboard-cache").is_dir()

    def no_reading(*args: object) -> None:
        raise AssertionError("read a posting the cache has")

    with monkeypatch.context() as patch:
        patch.setattr(reading, "_read_one", no_reading)
        assert [run_check(capsys), run_check(capsys, "--json")] == unread
