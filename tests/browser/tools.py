"""Finding the external tools the browser tests need: skipped locally when missing, failed in CI."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Launch flags for Debian's Chromium: headless, no sandbox (containers run as root), and no
# background traffic (updates, sync, QUIC) so the tests touch nothing but the local server.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def missing(what: str) -> None:
    """Skip the test with a reason, or fail it in CI where every tool must be installed."""
    message = f"{what} (.ci/run installs it: apt-get install -y chromium default-jre-headless)"
    if in_ci():
        pytest.fail(f"CI=true and {message}", pytrace=False)
    pytest.skip(message)


def chromium_path() -> Path:
    """Debian's Chromium, or the one named by $JOBBOARD_CHROMIUM."""
    override = os.environ.get("JOBBOARD_CHROMIUM")
    candidates = [override] if override else ["/usr/bin/chromium", shutil.which("chromium")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    missing("no Chromium found at /usr/bin/chromium (or $JOBBOARD_CHROMIUM)")
    raise AssertionError("unreachable")


def java_path() -> Path:
    java = shutil.which("java")
    if not java:
        missing("java is not installed; the Nu HTML Checker needs it")
        raise AssertionError("unreachable")
    return Path(java)
