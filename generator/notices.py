"""Warnings said once per board folder: remembered in the build cache, not repeated every build.

`warn_once("no-base-url", message, cache_dir, log)` logs the message the first time and
records its name in `<cache_dir>/notices.json`; later builds of the same board stay quiet.
Without a cache (`--no-cache`, or a cache folder that cannot be written) nothing can be
remembered, so the warning is logged every time.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

NOTICES_FILE = "notices.json"


def warn_once(name: str, message: str, cache_dir: Path | None, log: Callable[[str], None]) -> bool:
    """Log `message` unless the warning `name` was logged for this cache folder before.
    True when it was logged now."""
    if cache_dir is None:
        log(message)
        return True
    path = cache_dir / NOTICES_FILE
    said = _said(path)
    if name in said:
        return False
    log(message)
    _remember(path, sorted({*said, name}))
    return True


def _said(path: Path) -> set[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(data, list):
        return set()
    return {item for item in data if isinstance(item, str)}


def _remember(path: Path, names: list[str]) -> None:
    """Write the names atomically; a folder that cannot be written only means a repeated warning."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.parent.is_symlink():
            return
        fd, tmp = tempfile.mkstemp(prefix=".notices-", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(names, out)
        os.replace(tmp, path)
    except OSError:
        return
