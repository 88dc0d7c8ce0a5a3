"""Make Pagefind's output byte-identical between builds of the same site.

Pagefind (1.5) writes its filter chunks, and the metadata file listing them, in hash-map
order, which changes from run to run (upstream issue Pagefind/pagefind#638). The order has
no meaning to the search, so we sort it: filter values by name in each filter chunk, filters
by name in the metadata, then rename the rewritten files by a hash of their content and
update the references (`filter/<lang>_<hash>.pf_filter`, `pagefind.<lang>_<hash>.pf_meta`,
`pagefind-entry.json`). Every rewrite is checked by a lossless round trip first; anything
unexpected leaves the index as Pagefind wrote it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from generator.render.cbor_lite import ARRAY, TEXT, CborError, Item, decode, encode

MAGIC = b"pagefind_dcd"


class UnexpectedIndex(Exception):
    """The index does not look like what this module knows how to sort."""


def _read(path: Path) -> Item:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(MAGIC):
        raise UnexpectedIndex(f"{path.name}: no {MAGIC!r} header")
    body = raw[len(MAGIC) :]
    item = decode(body)
    if encode(item) != body:
        raise UnexpectedIndex(f"{path.name}: CBOR does not round-trip")
    return item


def _pack(item: Item) -> bytes:
    return gzip.compress(MAGIC + encode(item), compresslevel=9, mtime=0)


def _name(language: str, data: bytes, length: int) -> str:
    return f"{language}_{hashlib.sha256(data).hexdigest()[:length]}"


def _is_pair_list(item: Item) -> bool:
    """[[text, x], [text, y], ...]: the shape of filter values and of the filter list."""
    return item.major == ARRAY and all(
        i.major == ARRAY and len(i.value) == 2 and i.value[0].major == TEXT for i in item.value
    )


def _sort_pairs(item: Item) -> None:
    item.value.sort(key=lambda pair: pair.value[0].value)


def _sort_filter_chunk(chunk: Item) -> None:
    """A filter chunk is [name, [[value, [page ids]], ...]]."""
    if not (chunk.major == ARRAY and len(chunk.value) == 2 and _is_pair_list(chunk.value[1])):
        raise UnexpectedIndex("filter chunk of an unknown shape")
    _sort_pairs(chunk.value[1])


def _rewrite_meta(meta: Item, renamed: dict[str, str]) -> None:
    """Replace filter chunk names and sort the list of [filter name, chunk name] pairs."""
    found = 0
    for part in meta.value if meta.major == ARRAY else []:
        if part.major == ARRAY and part.value and _is_pair_list(part):
            chunks = [pair.value[1] for pair in part.value]
            if chunks and all(c.major == TEXT and c.value in renamed for c in chunks):
                for chunk in chunks:
                    chunk.value = renamed[chunk.value]
                _sort_pairs(part)
                found += 1
    if renamed and found != 1:
        raise UnexpectedIndex("cannot find the list of filters in the metadata")


def stabilize_language(folder: Path, language: str, meta_name: str) -> str:
    """Sort one language's filters and metadata; return the new metadata name."""
    renamed: dict[str, str] = {}
    rewritten: dict[Path, bytes] = {}
    for path in sorted((folder / "filter").glob(f"{language}_*.pf_filter")):
        chunk = _read(path)
        _sort_filter_chunk(chunk)
        data = _pack(chunk)
        new = _name(language, encode(chunk), len(path.stem) - len(language) - 1)
        renamed[path.stem] = new
        rewritten[path] = data
    meta_path = folder / f"pagefind.{meta_name}.pf_meta"
    meta = _read(meta_path)
    _rewrite_meta(meta, renamed)
    meta_data = _pack(meta)
    new_meta = _name(language, encode(meta), len(meta_name) - len(language) - 1)
    # Everything is understood: now change files.
    for path, data in rewritten.items():
        path.unlink()
        (path.parent / f"{renamed[path.stem]}.pf_filter").write_bytes(data)
    meta_path.unlink()
    (folder / f"pagefind.{new_meta}.pf_meta").write_bytes(meta_data)
    return new_meta


def stabilize_index(folder: Path) -> None:
    """Rewrite the index in `folder` (the `pagefind/` output) in a stable order.

    Raises UnexpectedIndex (nothing changed for that language) when the format is unknown.
    """
    entry_path = folder / "pagefind-entry.json"
    text = entry_path.read_text("utf-8")
    entry = json.loads(text)
    if _dump(entry) != text:
        raise UnexpectedIndex("pagefind-entry.json does not round-trip")
    try:
        for language, info in sorted(entry.get("languages", {}).items()):
            info["hash"] = stabilize_language(folder, language, info["hash"])
    except (CborError, OSError, KeyError, TypeError, ValueError, EOFError) as err:
        raise UnexpectedIndex(str(err)) from err
    finally:
        entry_path.write_text(_dump(entry), encoding="utf-8")


def _dump(entry: object) -> str:
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
