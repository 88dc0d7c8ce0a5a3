"""A local static web server that serves a built site from a sub-path, like a real host would.

Only files are served (no directory listings, which would hide a missing index.html), every
response carries a strict Content-Security-Policy (the SPEC promises the site works under one),
and nothing outside the site folder is reachable.
"""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

# What a careful host would send: nothing allows inline scripts, inline styles, eval,
# WebAssembly or data: URLs.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 (class attribute of the standard library handler)
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".xml": "application/xml",
        ".json": "application/json",
    }

    def list_directory(self, path: str | Path) -> None:  # type: ignore[override]
        self.send_error(404, "No directory listings")
        return None

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _NotFoundHandler(_Handler):
    """Like a real host: a missing URL gets the site's 404.html, with status 404."""

    not_found: Path

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or not self.not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class SiteServer:
    """Serve `site` at http://127.0.0.1:<free port>/<prefix>/ in a background thread."""

    def __init__(self, site: Path, prefix: str = "board", not_found_page: bool = False) -> None:
        """`prefix` "" serves the site at the root; `not_found_page` answers a missing URL with
        the site's 404.html, as static hosts do."""
        self.www = site.resolve()
        if prefix:
            self.www = site.parent / f"{site.name}-www"
            self.www.mkdir()
            (self.www / prefix).symlink_to(site.resolve(), target_is_directory=True)
        handler_class: type[_Handler] = _Handler
        if not_found_page:
            handler_class = type("NotFound", (_NotFoundHandler,), {"not_found": site.resolve() / "404.html"})
        handler = partial(handler_class, directory=str(self.www))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        host, port = self.httpd.server_address[:2]
        self.origin = f"http://{host}:{port}"
        self.base = f"{self.origin}/{prefix}/" if prefix else f"{self.origin}/"
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="site-server", daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)

    def url(self, path: str = "") -> str:
        """The URL of a site-relative path such as `jobs/x/index.html`."""
        return self.base + path.lstrip("/")
