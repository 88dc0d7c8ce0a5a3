"""`jobboard serve`: build into a private folder, serve it, rebuild on every save, reload the browser.

The preview is built into a temporary folder outside the project (removed on exit), never into
`output/`: the deployable build is left alone, and the live-reload script only ever exists in
the server's responses.

Ctrl+C stops it at once (exit status 130; SIGTERM: 0): the folder, thousands of files on a
big board and seconds to delete, is renamed out of sight and deleted by a process that
outlives the server by those seconds.
"""

from __future__ import annotations

import signal
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.background_delete import remove_soon
from generator.cache import CACHE_DIR
from generator.config import CONFIG_FILE
from generator.preview.live_site import LiveSite
from generator.preview.reader import ProcessReader
from generator.preview.server import PortUnavailable, PreviewServer, url_of
from generator.progress import QUIET, verbosity

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True)
class ServeOptions:
    content: Path = Path("content")
    host: str = "127.0.0.1"
    port: int = 8000
    drafts: bool = False
    config: Path = Path(CONFIG_FILE)
    # The first build reads postings through the build cache, so a board built before starts
    # without reading every posting again; None reads them all (`--no-cache`).
    cache_dir: Path | None = Path(CACHE_DIR)


def _say(message: str) -> None:
    if verbosity() > QUIET or message.startswith(("error", "serving")):
        print(message, flush=True)


def _warn(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def serve(options: ServeOptions) -> int:
    """Run the preview until interrupted. 1 when the port cannot be used."""
    if options.host not in LOCAL_HOSTS:
        _warn(
            f"warning: listening on {options.host}: anyone who can reach this machine can see the "
            "preview, drafts included; the default 127.0.0.1 keeps it to this machine"
        )
    workdir = Path(tempfile.mkdtemp(prefix="jobboard-serve-"))
    reader = ProcessReader(options.cache_dir)  # a changed posting is read in a process of its own
    try:
        site = LiveSite(
            content=options.content,
            folder=workdir / "site",
            config_path=options.config,
            drafts=options.drafts,
            log=_say,
            cache_dir=options.cache_dir,
            reader=reader.read,
        )
        server = PreviewServer(site, _say)
        try:
            port = server.listen(options.host, options.port)
        except PortUnavailable as err:
            _warn(f"error: {err}")
            return 1
        server.watch_sources()  # before the first build: a save during it is not missed
        site.first_build()
        _without_interrupts(reader.start)
        server.watch_sources()  # the config read by the first build may name a template folder
        _say(f"serving {url_of(options.host, port)} (preview of {options.content}/, Ctrl+C stops)")
        server.run()  # KeyboardInterrupt on Ctrl+C, after the server has stopped
        _say("stopped")
    finally:
        reader.close()
        remove_soon(workdir)
    return 0


def _without_interrupts(start: Callable[[], None]) -> None:
    """Start processes that ignore Ctrl+C (it is the server's to handle; else each prints a
    KeyboardInterrupt traceback): the setting is inherited, also by the forkserver and the
    processes it starts later."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        start()
    finally:
        signal.signal(signal.SIGINT, previous)
