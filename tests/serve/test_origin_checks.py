"""The preview's Host and Origin checks, against a running `jobboard serve`: a page of another
site (DNS rebinding, a cross-site form or websocket) gets nothing, the preview's own pages and
live reload keep working."""

from __future__ import annotations

import asyncio
import http.client
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from generator.preview.hosts import AllowedHosts, machine_names, same_origin
from tests.serve.conftest import STARTUP_SECONDS, Preview, start_preview, stop


def send(
    preview: Preview, path: str, headers: dict[str, str], method: str = "GET", host: str | None = None
) -> tuple[int, dict[str, str], str]:
    """One request with exactly these headers (Host as given, else the preview's address)."""
    conn = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host if host is not None else f"127.0.0.1:{preview.port}")
        for name, value in headers.items():
            conn.putheader(name, value)
        conn.endheaders()
        response = conn.getresponse()
        status = response.status
        found = {k.lower(): v for k, v in response.getheaders()}
        body = "" if status == 101 else response.read().decode("utf-8", "replace")
        return status, found, body
    finally:
        conn.close()


def upgrade(origin: str | None = None) -> dict[str, str]:
    headers = {
        "Upgrade": "websocket",
        "Connection": "Upgrade",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version": "13",
    }
    return headers | ({"Origin": origin} if origin is not None else {})


FOREIGN_HOSTS = [
    "evil.example", "evil.example:{port}", "127.0.0.1.evil.example:{port}", "localhost.evil.example",
    "192.168.1.20:{port}", "", "localhost.:{port}",
]
MALFORMED_HOSTS = ["127.0.0.1:{port}@evil.example", "local host", "127.0.0.1:{port}/x"]
OWN_HOSTS = [
    "127.0.0.1:{port}", "127.0.0.1", "localhost:{port}", "localhost", "LocalHost:{port}", "[::1]:{port}",
]
FOREIGN_ORIGINS = [
    None, "http://evil.example", "null", "http://localhost:{port}", "https://127.0.0.1:{port}",
    "http://127.0.0.1:1", "http://127.0.0.1:{port}.evil.example",
]


def test_a_foreign_host_is_refused_and_the_preview_s_own_names_are_served(preview: Preview) -> None:
    for host in FOREIGN_HOSTS + MALFORMED_HOSTS:
        for path in ("/", "/static/style.css", "/livereload.js", "/no-such-page", "/forcereload"):
            status, headers, body = send(preview, path, {}, host=host.format(port=preview.port))
            assert "<html" not in body and "livereload" not in body, (host, path)
            if host in MALFORMED_HOSTS:  # tornado refuses these itself
                assert status in (400, 403), (host, path)
                continue
            assert status == 403, (host, path)
            assert headers["content-type"].startswith("text/plain")
            assert body.startswith("403 Forbidden") and len(body) < 200
    for host in OWN_HOSTS:
        status, _headers, body = send(preview, "/", {}, host=host.format(port=preview.port))
        assert status == 200, host
        assert "livereload.js" in body and "<html" in body


def test_the_websocket_refuses_other_origins(preview: Preview) -> None:
    for origin in FOREIGN_ORIGINS:
        headers = upgrade(origin and origin.format(port=preview.port))
        status, _headers, body = send(preview, "/livereload", headers)
        assert status == 403, origin
        assert "Forbidden" in body


def test_the_websocket_of_a_foreign_host_is_refused_even_with_its_own_origin(preview: Preview) -> None:
    # DNS rebinding: the page's origin and the Host agree, but name another site.
    host = f"evil.example:{preview.port}"
    assert send(preview, "/livereload", upgrade(f"http://{host}"), host=host)[0] == 403


async def _connect(port: int, origin: str) -> object:
    request = HTTPRequest(f"ws://127.0.0.1:{port}/livereload", headers={"Origin": origin})
    return await websocket_connect(request)


async def _hello(port: int, origin: str) -> dict[str, object]:
    ws = await _connect(port, origin)
    await ws.write_message(json.dumps({"command": "hello", "protocols": []}))  # type: ignore[attr-defined]
    reply = json.loads(await ws.read_message())  # type: ignore[attr-defined]
    ws.close()  # type: ignore[attr-defined]
    return reply


def test_a_same_origin_websocket_is_accepted(preview: Preview) -> None:
    assert send(preview, "/livereload", upgrade(f"http://127.0.0.1:{preview.port}"))[0] == 101
    reply = asyncio.run(_hello(preview.port, f"http://127.0.0.1:{preview.port}"))
    assert reply["command"] == "hello"
    # Opened by another of its names, the page's origin is that name: accepted too.
    host = f"localhost:{preview.port}"
    assert send(preview, "/livereload", upgrade(f"http://{host}"), host=host)[0] == 101


def test_forcereload_is_refused_cross_site_and_works_from_the_preview(preview: Preview) -> None:
    own = f"http://127.0.0.1:{preview.port}"

    async def scenario() -> tuple[list[tuple[int, str]], dict[str, object]]:
        ws = await _connect(preview.port, own)
        await ws.write_message(json.dumps({"command": "hello"}))  # type: ignore[attr-defined]
        await ws.read_message()  # type: ignore[attr-defined]
        await ws.write_message(json.dumps({"command": "info", "url": own + "/"}))  # type: ignore[attr-defined]
        await asyncio.sleep(0.2)  # the server adds the tab to its list once it has read "info"
        attempts = [
            ("GET", {}, "/forcereload?path=by-get.css"),
            ("GET", {"Origin": "http://evil.example"}, "/forcereload?path=by-get-cross.css"),
            ("POST", {"Origin": "http://evil.example"}, "/forcereload?path=by-post-cross.css"),
            ("POST", {"Origin": "null"}, "/forcereload?path=by-post-null.css"),
            ("POST", {"Origin": own}, "/forcereload?path=accepted.css"),
        ]
        results = []
        for method, headers, path in attempts:
            status, _h, body = await asyncio.to_thread(
                send, preview, path, headers | {"Content-Length": "0"}, method
            )
            results.append((status, body))
        message = json.loads(await asyncio.wait_for(ws.read_message(), 10))  # type: ignore[attr-defined]
        ws.close()  # type: ignore[attr-defined]
        return results, message

    results, message = asyncio.run(scenario())
    assert [status for status, _body in results] == [405, 405, 403, 403, 200]
    # The first reload the open tab got is the accepted one: none of the refused went through.
    assert message["command"] == "reload" and message["path"] == "accepted.css"
    # A tool on this machine (no Origin) may still force a reload.
    assert send(preview, "/forcereload", {"Content-Length": "0"}, "POST")[:1] == (200,)


def test_a_foreign_origin_cannot_open_the_websocket_with_tornado_either(preview: Preview) -> None:
    with pytest.raises(HTTPClientError) as refused:
        asyncio.run(_connect(preview.port, "http://evil.example"))
    assert refused.value.code == 403


@pytest.fixture
def open_preview(project: Path, tmp_path: Path) -> Iterator[Preview]:
    """The preview listening on every address (`--host 0.0.0.0`)."""
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    running = start_preview(project, tmpdir, "--host", "0.0.0.0")
    try:
        match = running.wait_for_line(r"serving http://127\.0\.0\.1:(\d+)/", STARTUP_SECONDS)
        running.port = int(match.group(1))
        yield running
    finally:
        stop(running.process)


def test_listening_on_every_address_accepts_addresses_and_the_machine_s_names(open_preview: Preview) -> None:
    port = open_preview.port
    hostname = socket.gethostname()
    for host in (f"{hostname}:{port}", f"10.1.2.3:{port}", f"[fe80::1]:{port}", "localhost"):
        assert send(open_preview, "/", {}, host=host)[0] == 200, host
    for host in (f"evil.example:{port}", f"{hostname}.evil.example:{port}"):
        assert send(open_preview, "/", {}, host=host)[0] == 403, host
    own = f"{hostname}:{port}"
    assert send(open_preview, "/livereload", upgrade(f"http://{own}"), host=own)[0] == 101
    assert send(open_preview, "/livereload", upgrade("http://evil.example"), host=own)[0] == 403


@pytest.mark.parametrize(
    ("bound", "host", "allowed"),
    [
        ("127.0.0.1", "127.0.0.1:8000", True),
        ("127.0.0.1", "localhost", True),
        ("127.0.0.1", "[::1]:8000", True),
        ("127.0.0.1", "10.0.0.5:8000", False),  # an address, but not this preview's
        ("127.0.0.1", "evil.example:8000", False),
        ("127.0.0.1", "localhost.:8000", False),
        ("127.0.0.1", "localhost:port", False),
        ("127.0.0.2", "127.0.0.2:8000", True),
        ("127.0.0.2", "127.0.0.3:8000", False),
        ("::1", "[::1]", True),
        ("192.0.2.7", "192.0.2.7:80", True),
        ("192.0.2.7", "192.0.2.8:80", False),
        ("0.0.0.0", "192.0.2.8:80", True),
        ("::", "[2001:db8::1]:80", True),
        ("0.0.0.0", "evil.example", False),
        ("jobs.test", "jobs.test:8000", True),
        ("127.0.0.1", None, True),  # no Host header: not a browser
    ],
)
def test_allowed_hosts(bound: str, host: str | None, allowed: bool) -> None:
    assert AllowedHosts(bound).allows(host) is allowed


def test_the_machine_s_names_only_when_listening_beyond_loopback() -> None:
    names = machine_names() - {"localhost"}
    assert names
    assert all(AllowedHosts("0.0.0.0").allows(name) for name in names)
    assert not any(AllowedHosts("127.0.0.1").allows(name) for name in names)


@pytest.mark.parametrize(
    ("origin", "host", "same"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
        ("http://LOCALHOST:8000", "localhost:8000", True),
        ("http://localhost", "localhost:80", True),
        ("http://[::1]:8000", "[::1]:8000", True),
        ("https://127.0.0.1:8000", "127.0.0.1:8000", False),
        ("http://127.0.0.1:8001", "127.0.0.1:8000", False),
        ("http://localhost:8000", "127.0.0.1:8000", False),
        ("null", "127.0.0.1:8000", False),
        ("http://127.0.0.1:8000/x", "127.0.0.1:8000", False),
        (None, "127.0.0.1:8000", False),
        ("http://127.0.0.1:8000", None, False),
    ],
)
def test_same_origin(origin: str | None, host: str | None, same: bool) -> None:
    assert same_origin(origin, host) is same
