"""Markdown to HTML: cmark-gfm for the common case, markdown-it-py as reference and fallback.

Both parsers are configured alike: CommonMark, raw HTML passed through (sanitized
afterwards by clean.sanitize, an allow-list, never trusted), tables and `~~`
strikethrough; no linkify, no typographer. A body the guard (markdown_guard) finds past
safe limits, or one that is not valid UTF-8 (a lone surrogate), goes to markdown-it-py.
`use_native(False)` turns the native parser off in this process: a posting whose worker
died is read again that way, so a crash in C code costs only time. See docs/markdown.md.
"""

from __future__ import annotations

import ctypes
from functools import lru_cache
from typing import Any, cast

from markdown_it import MarkdownIt

from generator.render.markdown_guard import safe_for_native

_native = True
_HTML_BLOCK = 0x8006  # CMARK_NODE_HTML_BLOCK (block flag 0x8000 | 6) in cmark-gfm's node.h


def use_native(on: bool) -> None:
    """Turn the native parser on or off for this process."""
    global _native
    _native = on


def native_enabled() -> bool:
    """True when bodies within the guard's limits go to the native parser."""
    return _native


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False}).enable(
        ["table", "strikethrough"]
    )


class _Cmark:
    """cmark-gfm's C API, with the two frees its Python binding does not expose."""

    def __init__(self) -> None:
        from cmarkgfm import _cmark

        self.ffi, self.lib = _cmark.ffi, _cmark.lib
        self.lib.cmark_gfm_core_extensions_ensure_registered()
        names = (b"table", b"strikethrough")
        self.extensions = [self.lib.cmark_find_syntax_extension(name) for name in names]
        if any(ext == self.ffi.NULL for ext in self.extensions):
            raise RuntimeError("cmark-gfm lacks the table or strikethrough extension")
        self.options = (
            self.lib.CMARK_OPT_UNSAFE
            | self.lib.CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE
            | self.lib.CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        )
        # The parse tree and the rendered string come from cmark's default allocator
        # (the C library's calloc), so free() and cmark_node_free release them.
        library = ctypes.CDLL(_cmark.__file__)
        self.node_free = library.cmark_node_free
        self.node_free.argtypes = [ctypes.c_void_p]
        self.node_free.restype = None
        self.last_child = library.cmark_node_last_child
        self.last_child.argtypes = [ctypes.c_void_p]
        self.last_child.restype = ctypes.c_void_p
        self.node_type = library.cmark_node_get_type
        self.node_type.argtypes = [ctypes.c_void_p]
        self.node_type.restype = ctypes.c_int
        self.free = ctypes.CDLL(None).free
        self.free.argtypes = [ctypes.c_void_p]
        self.free.restype = None

    def address(self, pointer: Any) -> int:
        return int(self.ffi.cast("uintptr_t", pointer))

    def ends_in_html_block(self, root: Any) -> bool:
        last = self.last_child(self.address(root))
        return bool(last) and self.node_type(last) == _HTML_BLOCK

    def render(self, data: bytes) -> str:
        lib, ffi = self.lib, self.ffi
        parser = lib.cmark_parser_new(self.options)
        if parser == ffi.NULL:
            raise MemoryError("cmark-gfm could not make a parser")
        root = ffi.NULL
        try:
            for ext in self.extensions:
                lib.cmark_parser_attach_syntax_extension(parser, ext)
            lib.cmark_parser_feed(parser, data, len(data))
            root = lib.cmark_parser_finish(parser)
            if root == ffi.NULL:
                raise MemoryError("cmark-gfm could not parse")
            html = lib.cmark_render_html(root, self.options, lib.cmark_parser_get_syntax_extensions(parser))
            if html == ffi.NULL:
                raise MemoryError("cmark-gfm could not render")
            try:
                out: str = ffi.string(html).decode("utf-8", "replace")  # cffi's bytes, untyped
                # markdown-it-py copies a closing HTML block as it is; cmark ends it with a
                # newline the source may lack.
                if not data.endswith(b"\n") and out.endswith("\n") and self.ends_in_html_block(root):
                    out = out[:-1]
                return out
            finally:
                self.free(self.address(html))
        finally:
            if root != ffi.NULL:
                self.node_free(self.address(root))
            lib.cmark_parser_free(parser)


@lru_cache(maxsize=1)
def _cmark() -> _Cmark:
    return _Cmark()


def native_html(text: str) -> str | None:
    """The native parser's HTML for `text`, or None when it is not for the native parser."""
    if not safe_for_native(text):
        return None
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: markdown-it-py takes the str as it is
        return None
    return _cmark().render(data)


def reference_html(text: str) -> str:
    """markdown-it-py's HTML for `text` (the reference and the fallback)."""
    # MarkdownIt.render is typed Any (a renderer may return anything); the HTML renderer's is str.
    return cast(str, _parser().render(text))


def markdown_to_html(text: str) -> str:
    """Render Markdown to (unsanitized) HTML."""
    if _native:
        html = native_html(text)
        if html is not None:
            return html
    return reference_html(text)
