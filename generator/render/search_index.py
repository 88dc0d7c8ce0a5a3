"""Full-text search index: Pagefind, run on the built site inside the temporary build folder.

Only open posting pages carry `data-pagefind-body`, so only they are indexed, and Pagefind
reads only the posting pages (`jobs/**/*.html`; the same index as reading every page, in
less time); filters come from `data-pagefind-filter` attributes in templates/posting.html.
When Pagefind cannot run, the site is still written (the front page lists postings without
JavaScript) and the build prints one warning.

An incremental build passes the current output (`previous`) and the site paths whose bytes
changed: when no posting page changed, the current index is hard-linked instead of built.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Collection
from pathlib import Path

from generator.render.search_stable import UnexpectedIndex, stabilize_index

SEARCH_FOLDER = "pagefind"
POSTING_GLOB = "jobs/**/*.html"  # only posting pages carry data-pagefind-body
TIMEOUT_SECONDS = 600


def pagefind_executable() -> Path | None:
    """The Pagefind binary: `PAGEFIND_BINARY_PATH`, the `pagefind[bin]` wheel, else PATH."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        found = shutil.which("pagefind")
        return Path(found) if found else None
    return get_executable()


def build_search_index(
    site_root: Path,
    log: Callable[[str], None],
    previous: Path | None = None,
    changed: Collection[str] | None = None,
) -> bool:
    """Index `site_root` in place (writes `site_root/pagefind/`); False with a warning on failure.

    With `previous` (the current output folder) and `changed` (the site paths whose bytes
    differ from it), the current index is linked when no posting page changed.
    """
    if previous is not None and changed is not None and not any(p.startswith("jobs/") for p in changed):
        if _link_index(previous / SEARCH_FOLDER, site_root / SEARCH_FOLDER):
            return True
    if not any((site_root / "jobs").glob("*/index.html")):
        # No posting pages (an empty board): no index, and the front page hides the search form.
        shutil.rmtree(site_root / SEARCH_FOLDER, ignore_errors=True)
        return True
    executable = pagefind_executable()
    if executable is None:
        log("warning: search index not built: Pagefind is not installed (pip install 'pagefind[bin]')")
        return False
    # Pagefind adds to an existing index folder; an index left from an earlier build (the
    # incremental build's spare tree, the preview's folder) would keep stale chunks.
    shutil.rmtree(site_root / SEARCH_FOLDER, ignore_errors=True)
    command = [
        str(executable),
        "--site",
        str(site_root),
        "--glob",
        POSTING_GLOB,
        "--output-subdir",
        SEARCH_FOLDER,
        "--silent",
    ]
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


def _link_index(current: Path, target: Path) -> bool:
    """Hard-link the current index into the new tree; False when there is none or linking fails."""
    if not (current / "pagefind-entry.json").is_file():
        return False
    shutil.rmtree(target, ignore_errors=True)
    try:
        shutil.copytree(current, target, copy_function=os.link)
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        return False
    return True
