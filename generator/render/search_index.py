"""Full-text search index: Pagefind, run on the built site inside the temporary build folder.

Only open posting pages carry `data-pagefind-body`, so only they are indexed; filters come
from `data-pagefind-filter` attributes in templates/posting.html. When Pagefind cannot run,
the site is still written (the front page lists postings without JavaScript) and the build
prints one warning.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from generator.render.search_stable import UnexpectedIndex, stabilize_index

SEARCH_FOLDER = "pagefind"
TIMEOUT_SECONDS = 600


def pagefind_executable() -> Path | None:
    """The Pagefind binary: `PAGEFIND_BINARY_PATH`, the `pagefind[bin]` wheel, else PATH."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        found = shutil.which("pagefind")
        return Path(found) if found else None
    return get_executable()


def build_search_index(site_root: Path, log: Callable[[str], None]) -> bool:
    """Index `site_root` in place (writes `site_root/pagefind/`); False with a warning on failure."""
    executable = pagefind_executable()
    if executable is None:
        log("warning: search index not built: Pagefind is not installed (pip install 'pagefind[bin]')")
        return False
    # Pagefind adds to an existing index folder; an index left from an earlier build (the
    # incremental build's spare tree, the preview's folder) would keep stale chunks.
    shutil.rmtree(site_root / SEARCH_FOLDER, ignore_errors=True)
    command = [str(executable), "--site", str(site_root), "--output-subdir", SEARCH_FOLDER, "--silent"]
    try:
        done = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        log(f"warning: search index not built: cannot run Pagefind ({executable}): {err}")
        return False
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        log(f"warning: search index not built: Pagefind failed: {detail[-1] if detail else done.returncode}")
        shutil.rmtree(site_root / SEARCH_FOLDER, ignore_errors=True)
        return False
    try:
        stabilize_index(site_root / SEARCH_FOLDER)
    except UnexpectedIndex as err:
        log(f"warning: search index built, but not in a reproducible order: {err}")
    return True
