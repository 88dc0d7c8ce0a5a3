"""Which Host and Origin headers the preview answers: its defence against DNS rebinding and
cross-site requests (see docs/safety.md, "The preview server").

A page on another site can make the browser send requests to the preview, and with DNS
rebinding (its own name re-pointed at 127.0.0.1) even read the answers, drafts included.
Such a request always carries the other site's name in `Host`, so the preview answers only
to the names it is reached by: the address it listens on, `localhost`, `127.0.0.1`, `[::1]`,
and, when it listens on another address, that address and this machine's own names. When it
listens on every address (`0.0.0.0`, `::`), any IP address is accepted as well: a name is what
a rebinding needs, a bare address cannot be re-pointed. The port is not checked (a forwarded
port may differ, and a rebinding page has to use the served port anyway).

The live-reload websocket and `/forcereload` act on every open tab, so they also need an
`Origin` naming the very site the request was sent to (the served origin).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARD_ADDRESSES = frozenset({"", "0.0.0.0", "::"})  # noqa: S104 - names, not a bind


class AllowedHosts:
    """The host names a preview listening on `bound` answers to."""

    def __init__(self, bound: str) -> None:
        bound = bound.strip("[]").lower()
        self.any_address = bound in WILDCARD_ADDRESSES
        names = set(LOOPBACK_NAMES)
        if not self.any_address:
            names.add(bound)
        if bound not in LOOPBACK_NAMES:
            names |= machine_names()
        self.names = frozenset(names)

    def allows(self, host: str | None) -> bool:
        """Whether a request with this `Host` header is for the preview (no header: a client
        that is not a browser, which a rebinding cannot use)."""
        if host is None:
            return True
        name = host_name(host)
        if name is None:
            return False
        return name in self.names or (self.any_address and _is_address(name))


def host_name(host: str) -> str | None:
    """The name in a `Host` header (`name`, `name:port`, `[v6]:port`), lower case; None when
    it is not a well-formed one."""
    if not host or any(c in host for c in "/?#@\\ \t"):
        return None
    try:
        parts = urlsplit(f"//{host}")
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return None
    return parts.hostname or None


def same_origin(origin: str | None, host: str | None) -> bool:
    """Whether `Origin` names the site the request was sent to: http, the `Host` header's
    name and port (80 when not given)."""
    if not origin or not host:
        return False
    try:
        sent, came = urlsplit(f"//{host}"), urlsplit(origin)
        if came.scheme != "http" or came.path or came.query or came.username is not None:
            return False
        ours = (sent.hostname, sent.port or 80)
        return sent.hostname is not None and (came.hostname, came.port or 80) == ours
    except ValueError:
        return False


def machine_names() -> set[str]:
    """This machine's own names: its host name, fully qualified name and `.local` name."""
    names = set()
    try:
        hostname = socket.gethostname().lower()
        names |= {hostname, f"{hostname.split('.')[0]}.local", socket.getfqdn().lower()}
    except OSError:
        pass
    return {name for name in names if name and name != ".local"}


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True
