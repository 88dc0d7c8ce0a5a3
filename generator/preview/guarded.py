"""livereload's handlers behind the preview's Host and Origin checks (see hosts.py).

Every handler first refuses a request whose `Host` is not one of the preview's names (403,
a short plain-text body). On top of that, the live-reload websocket needs an `Origin` equal to
the served origin (livereload.js, loaded from the page itself, always sends it), and
`/forcereload`, which reloads every open tab, is POST only with no foreign `Origin` (browsers
send `Origin` with every cross-site POST; a command-line tool sends none).
"""

from __future__ import annotations

from typing import Any

from livereload.handlers import ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler
from tornado import web

from generator.preview.hosts import AllowedHosts, same_origin

WRONG_HOST = (
    "403 Forbidden: this preview answers only to its own address (such as {url}), not to other host names\n"
)
NOT_BY_GET = "405 Method Not Allowed: POST /forcereload reloads the open pages\n"
CROSS_SITE = "403 Forbidden: only a page of this preview may do that\n"


class HostChecked(web.RequestHandler):
    """A handler that answers only requests whose Host header is one of the preview's names."""

    hosts: AllowedHosts
    url: str

    def initialize(self, hosts: AllowedHosts, url: str, **kwargs: Any) -> None:
        self.hosts, self.url = hosts, url

    def prepare(self) -> None:
        if not self.right_host():
            self.refuse(WRONG_HOST.format(url=self.url))

    def right_host(self) -> bool:
        return self.hosts.allows(self.request.headers.get("Host"))

    def refuse(self, body: str, status: int = 403, headers: dict[str, str] | None = None) -> None:
        self.clear()
        self.set_status(status)
        for name, value in (headers or {}).items():
            self.set_header(name, value)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Cache-Control", "no-store")
        self.finish(body)

    def from_this_site(self) -> bool:
        return same_origin(self.request.headers.get("Origin"), self.request.headers.get("Host"))


class LiveReloadSocket(HostChecked, LiveReloadHandler):  # type: ignore[misc]  # livereload is untyped (Any)
    """livereload's websocket, for pages of this preview only: an Origin is required."""

    def prepare(self) -> None:
        if not self.right_host():
            self.refuse(WRONG_HOST.format(url=self.url))
        elif not self.from_this_site():
            self.refuse(CROSS_SITE)

    def check_origin(self, origin: str) -> bool:
        return self.from_this_site()


class ForceReload(HostChecked, ForceReloadHandler):  # type: ignore[misc]  # livereload is untyped (Any)
    """`POST /forcereload[?path=...]` reloads the open tabs; GET, which any page can send, is refused."""

    def get(self) -> None:
        self.refuse(NOT_BY_GET, 405, {"Allow": "POST"})

    def post(self) -> None:
        if "Origin" in self.request.headers and not self.from_this_site():
            self.refuse(CROSS_SITE)
            return
        super().get()


class LiveReloadScript(HostChecked, LiveReloadJSHandler):  # type: ignore[misc]  # livereload is untyped (Any)
    """livereload.js itself."""
