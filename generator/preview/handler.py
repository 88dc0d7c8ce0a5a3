"""The preview's request handler: serves files of the built site folder and nothing else.

Served beside livereload's own handlers, through livereload's transform that injects its
script into HTML responses (preview only: the files on disk never contain it).
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote

from generator import site_paths
from generator.preview.guarded import HostChecked
from generator.preview.hosts import AllowedHosts
from generator.preview.live_site import LiveSite
from generator.preview.pages import error_page, with_banner

NOT_FOUND_PAGE = site_paths.NOT_FOUND


def site_file(root: Path, raw_path: str) -> Path | None:
    """The file or folder a request path names inside `root`, or None when it would leave it.

    The path is percent-decoded exactly once; any `.` or `..` segment, hidden name, backslash or
    NUL is refused, and the resolved path (after symbolic links) must still be inside `root`.
    A double-encoded `%252e%252e` therefore stays the literal name `%2e%2e`, which does not exist.
    """
    path = unquote(raw_path, errors="strict") if "%" in raw_path else raw_path
    if "\\" in path or "\0" in path:
        return None
    parts = [part for part in path.split("/") if part]
    if any(part.startswith(".") for part in parts):
        return None
    target = root.joinpath(*parts).resolve()
    return target if target == root or target.is_relative_to(root) else None


class PreviewHandler(HostChecked):
    """GET and HEAD for the built site; an error page for every request while the build is broken
    (requests for other host names are refused first, see HostChecked)."""

    site: ClassVar[LiveSite]

    def initialize(  # type: ignore[override]  # tornado passes each route its own keywords
        self, hosts: AllowedHosts, url: str, path: str, default_filename: str = site_paths.INDEX
    ) -> None:
        super().initialize(hosts, url)
        self.root = Path(path).resolve()
        self.default_filename = default_filename

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")

    def compute_etag(self) -> None:
        return None

    def get(self, *_: str) -> None:
        self._respond()

    def head(self, *_: str) -> None:
        self._respond()

    def _respond(self) -> None:
        if self.site.problem is not None:
            self._send(500, "text/html", error_page(self.site.problem))
            return
        try:
            target = site_file(self.root, self.request.path)
        except UnicodeDecodeError:
            target = None
        if target is not None and target.is_dir():
            if not self.request.path.endswith("/"):  # relative links need the slash
                parts = target.relative_to(self.root).parts
                self.redirect("/" + "".join(f"{part}/" for part in parts), permanent=False)
                return
            target = target / self.default_filename
        if target is None or not target.is_file():
            moved = self._moved(target)
            if moved:
                self.redirect(f"/{moved}", permanent=False)  # the posting's title, so its URL, changed
            else:
                self._not_found()
            return
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self._send(200, content_type, target.read_bytes())

    def _moved(self, target: Path | None) -> str | None:
        if target is None:
            return None
        rel = target.relative_to(self.root).as_posix()
        return self.site.moved_to(rel) or self.site.moved_to(f"{rel}/{self.default_filename}")

    def _not_found(self) -> None:
        page = self.root / NOT_FOUND_PAGE
        if page.is_file():
            self._send(404, "text/html", page.read_bytes())
        else:
            self._send(404, "text/plain", b"404: not found\n")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        if content_type == "text/html":
            body = with_banner(body, self.site.skips, self.site.content.as_posix())
        if content_type.startswith("text/") or content_type in ("application/json", "application/xml"):
            content_type += "; charset=utf-8"
        self.set_status(status)
        self.set_header("Content-Type", content_type)
        if self.request.method == "HEAD":
            self.set_header("Content-Length", str(len(body)))
            self.finish()
        else:
            self.finish(body)


def bind_handler(site: LiveSite) -> type[PreviewHandler]:
    """A handler class serving this site (livereload instantiates the class itself)."""
    return type("BoundPreviewHandler", (PreviewHandler,), {"site": site})
