"""Read a built search index back (search/ of a built site), for the search tests."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

from generator.search.engine import Engine, folder_loader
from generator.search.index import shard_key
from tests.site.board import need_node

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "templates" / "static" / "search-engine.js"
NODE_SCRIPT = Path(__file__).with_name("search_node.js")


@dataclass
class Index:
    meta: dict[str, Any]
    terms: dict[str, dict[int, bool]]  # term -> {doc: head}
    shard_of: dict[str, str]  # term -> the shard holding it
    docs: list[dict[str, Any]]
    filters: dict[str, dict[str, list[int]]]  # kind -> value -> docs


def read_index(site: Path) -> Index:
    folder = site / "search"
    meta = json.loads((folder / "index.json").read_text("utf-8"))
    terms: dict[str, dict[int, bool]] = {}
    shard_of: dict[str, str] = {}
    for shard in meta["shards"]:
        for term, deltas in json.loads((folder / "terms" / f"{shard_key(shard)}.json").read_text()).items():
            assert term not in terms, f"{term!r} in two shards"
            terms[term] = {value >> 1: bool(value & 1) for value in accumulate(deltas)}
            shard_of[term] = shard
    docs: list[dict[str, Any]] = []
    for n in range(-(-meta["docs"] // meta["chunk"])):
        docs += json.loads((folder / "docs" / f"{n}.json").read_text("utf-8"))
    filters: dict[str, dict[str, list[int]]] = {}
    for kind, values in meta["filters"].items():
        of_doc = json.loads((folder / "filters" / f"{kind}.json").read_text())
        names = [name for name, _count in values]
        filters[kind] = {name: [d for d, ix in enumerate(of_doc) if i in ix] for i, name in enumerate(names)}
    return Index(meta, terms, shard_of, docs, filters)


def run_node(mode: str, data: Any, site: Path | None = None) -> Any:
    """Run tests/site/search_node.js (static/search-engine.js under Node)."""
    node = need_node()
    command = [node, str(NODE_SCRIPT), str(ENGINE), mode] + ([str(site)] if site else [])
    done = subprocess.run(
        command, input=json.dumps(data), capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def query(site: Path, q: str = "", **filters: str) -> list[str]:
    """The result urls of one search, best first, as the browser's engine ranks them."""
    return run_node("search", [{"q": q, "filters": filters}], site)[0]["urls"]


def python_query(site: Path, q: str = "", **filters: str) -> list[str]:
    """The same search through the Python engine (generator/search/engine.py)."""
    engine = Engine(folder_loader(site))
    engine.open()
    docs = read_index(site).docs
    return [docs[i]["url"] for i in engine.search(q, filters)]
