"""Bytes to text: BOM-aware decoding with a Windows-1252 fallback, newlines normalised."""

from __future__ import annotations

import codecs

from generator.readers.base import PostingError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters that never occur in text (everything below space except \t \n \f \r).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"


def decode(data: bytes) -> str:
    """Decode a posting file's bytes; raise PostingError for empty or binary files."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as err:
                raise PostingError(f"invalid {encoding} after its byte-order mark") from err
            return _finish(text)
    if not data.strip():
        raise PostingError("empty file")
    if _looks_binary(data):
        raise PostingError("binary file, not a text posting")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_windows_1252(data)
    return _finish(text)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    junk = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    return junk > len(sample) * 0.02


def _latin1_fallback(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    return err.object[err.start : err.end].decode("latin-1"), err.end


codecs.register_error("jobboard-latin1", _latin1_fallback)


def _decode_windows_1252(data: bytes) -> str:
    """cp1252, with latin-1 for the five bytes cp1252 leaves undefined."""
    return data.decode("cp1252", errors="jobboard-latin1")


def _finish(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise PostingError("empty file")
    return text
