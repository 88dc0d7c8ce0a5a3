"""Deleting a big folder without making anyone wait: after Ctrl+C, a preview folder or a build's
half-written site (thousands of files, seconds to delete on a loaded machine) should not keep
the command from ending."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def remove_soon(folder: Path) -> None:
    """Delete `folder` without making the caller wait: renamed to a hidden name beside it (gone
    from view at once), then deleted by a new process of its own session (a second Ctrl+C does
    not stop it half-way). Deleted here when no process can be started."""
    hidden = folder.with_name(f".{folder.name}-removing")
    try:
        folder.rename(hidden)
    except OSError:
        hidden = folder
    script = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
    try:
        subprocess.Popen(  # noqa: S603 - this interpreter, a fixed script, our own folder
            [sys.executable, "-c", script, str(hidden)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(hidden, ignore_errors=True)
