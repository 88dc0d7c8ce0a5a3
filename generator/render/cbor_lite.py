"""A minimal CBOR reader/writer (RFC 8949) for the Pagefind index files we canonicalize.

Only definite-length items are supported. Values decode into `Item`s that keep their major
type, so `encode(decode(data)) == data` for the minimal encodings Pagefind writes; callers
check that round trip before trusting a rewrite.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

UINT, NEGINT, BYTES, TEXT, ARRAY, MAP, TAG, SIMPLE = range(8)


class CborError(ValueError):
    """Data this reader does not understand."""


@dataclass
class Item:
    """One CBOR data item: `value` is an int, bytes, str, list of Items, list of (Item, Item)
    pairs, (tag, Item), or, for SIMPLE, the raw bytes after the initial byte."""

    major: int
    value: Any
    info: int = 0  # additional information of SIMPLE items

    @property
    def text(self) -> str | None:
        return self.value if self.major == TEXT else None


def decode(data: bytes) -> Item:
    item, end = _decode(data, 0)
    if end != len(data):
        raise CborError(f"{len(data) - end} bytes after the data item")
    return item


def _argument(data: bytes, pos: int, info: int) -> tuple[int, int]:
    if info < 24:
        return info, pos
    sizes = {24: 1, 25: 2, 26: 4, 27: 8}
    if info not in sizes:
        raise CborError("indefinite lengths are not supported")
    size = sizes[info]
    if pos + size > len(data):
        raise CborError("truncated")
    return int.from_bytes(data[pos : pos + size], "big"), pos + size


def _decode(data: bytes, pos: int) -> tuple[Item, int]:
    if pos >= len(data):
        raise CborError("truncated")
    major, info = data[pos] >> 5, data[pos] & 31
    pos += 1
    if major == SIMPLE:
        size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info, 0)
        if info > 27:
            raise CborError("indefinite lengths are not supported")
        return Item(SIMPLE, bytes(data[pos : pos + size]), info), pos + size
    arg, pos = _argument(data, pos, info)
    if major in (UINT, NEGINT):
        return Item(major, arg), pos
    if major in (BYTES, TEXT):
        raw = bytes(data[pos : pos + arg])
        if len(raw) != arg:
            raise CborError("truncated")
        return Item(major, raw.decode("utf-8") if major == TEXT else raw), pos + arg
    if major == ARRAY:
        items = []
        for _ in range(arg):
            item, pos = _decode(data, pos)
            items.append(item)
        return Item(ARRAY, items), pos
    if major == MAP:
        pairs = []
        for _ in range(arg):
            key, pos = _decode(data, pos)
            value, pos = _decode(data, pos)
            pairs.append((key, value))
        return Item(MAP, pairs), pos
    tagged, pos = _decode(data, pos)
    return Item(TAG, (arg, tagged)), pos


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, fmt, limit in ((24, ">B", 1 << 8), (25, ">H", 1 << 16), (26, ">I", 1 << 32)):
        if arg < limit:
            return bytes([major << 5 | info]) + struct.pack(fmt, arg)
    return bytes([major << 5 | 27]) + struct.pack(">Q", arg)


def encode(item: Item) -> bytes:
    major, value = item.major, item.value
    if major == SIMPLE:
        return bytes([SIMPLE << 5 | item.info]) + value
    if major in (UINT, NEGINT):
        return _head(major, value)
    if major in (BYTES, TEXT):
        raw = value.encode("utf-8") if major == TEXT else value
        return _head(major, len(raw)) + raw
    if major == ARRAY:
        return _head(ARRAY, len(value)) + b"".join(encode(i) for i in value)
    if major == MAP:
        return _head(MAP, len(value)) + b"".join(encode(k) + encode(v) for k, v in value)
    tag, tagged = value
    return _head(TAG, tag) + encode(tagged)
