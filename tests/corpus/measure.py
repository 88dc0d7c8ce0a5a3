"""Per-source extraction quality on the real-postings corpus (../shared/corpus).

Run as a script to print the table: `python -m tests.corpus.measure`.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.config import Config
from generator.model.posting import Posting
from generator.reading import Skip, read_postings

# Typical UTF-8-read-as-cp1252 sequences, stray BOMs and replacement characters.
MOJIBAKE = re.compile("â€|Ã[\u0080-\u00bf]|ðŸ|ï»¿|Â[\u00a0-\u00bf]|\ufffd|\ufeff")


@dataclass
class SourceStats:
    files: int = 0
    skipped: int = 0
    title: int = 0
    company: int = 0
    location: int = 0
    mojibake: int = 0

    def share(self, count: int) -> float:
        return count / self.files if self.files else 0.0


def has_mojibake(posting: Posting) -> bool:
    text = " ".join([posting.title, posting.company or "", *posting.locations, posting.body_text])
    return MOJIBAKE.search(text) is not None


def measure(content: Path) -> tuple[dict[str, SourceStats], list[Posting], list[Skip]]:
    """Read every posting below `content`; statistics by first folder (the source)."""
    postings, skipped = read_postings(content, Config(), log=lambda _message: None)
    stats: dict[str, SourceStats] = {}
    for path in content.rglob("*"):
        if path.is_file() and len(path.relative_to(content).parts) > 1:
            stats.setdefault(path.relative_to(content).parts[0], SourceStats()).files += 1
    for skip in skipped:
        stats[skip.source.split("/")[0]].skipped += 1
    for posting in postings:
        s = stats[posting.source.split("/")[0]]
        s.title += bool(posting.title.strip())
        s.company += bool(posting.company)
        s.location += bool(posting.locations)
        s.mojibake += has_mojibake(posting)
    return stats, postings, skipped


def table(stats: dict[str, SourceStats]) -> str:
    rows = [
        "| source | files | skipped | title | company | location | mojibake |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, s in sorted(stats.items()):
        rows.append(
            f"| {name} | {s.files} | {s.skipped} | {s.share(s.title):.2f} | {s.share(s.company):.2f} "
            f"| {s.share(s.location):.2f} | {s.share(s.mojibake):.2f} |"
        )
    return "\n".join(rows)


def copy_corpus(corpus: Path, content: Path) -> None:
    """The posting folders of the corpus (not MANIFEST.tsv / SOURCES.md) into `content`."""
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir() and not p.name.startswith(".")):
        shutil.copytree(folder, content / folder.name, symlinks=True)


if __name__ == "__main__":
    import sys
    import tempfile

    from tests.conftest import CORPUS

    with tempfile.TemporaryDirectory() as tmp:
        copy_corpus(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS, Path(tmp))
        print(table(measure(Path(tmp))[0]))
