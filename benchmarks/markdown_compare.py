"""Compare the site's HTML from the native parser and markdown-it-py, body by body.

`python benchmarks/markdown_compare.py DIR...` reads every posting file under each DIR
through the pipeline, renders its cleaned Markdown body both ways and sanitizes both, and
prints the count of bodies, of those the guard sends to markdown-it-py, and each differing
body's file with the first differing line of each output.
"""

from __future__ import annotations

import datetime as dt
import difflib
import sys
from pathlib import Path

from generator.clean.sanitize import sanitize_html
from generator.pipeline import process_file_full
from generator.readers import PostingError
from generator.render.markdown import native_html, reference_html
from generator.render.markdown_guard import safe_for_native

SUFFIXES = {".md", ".txt", ".markdown", ".html", ".htm"}


def main(folders: list[str]) -> int:
    bodies = routed = differ = 0
    for folder in map(Path, folders):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES):
            try:
                done = process_file_full(path, content_dir=folder, fallback_date=dt.date(2026, 1, 1))
            except (PostingError, ValueError, OSError):
                continue
            if done.body_format != "markdown":
                continue
            bodies += 1
            if not safe_for_native(done.body):
                routed += 1
                continue
            url = done.posting.source_url or done.posting.apply_url
            native = sanitize_html(native_html(done.body) or "", base_url=url)
            reference = sanitize_html(reference_html(done.body), base_url=url)
            if native != reference:
                differ += 1
                lines = difflib.unified_diff(reference.splitlines(), native.splitlines(), lineterm="", n=0)
                diff = [d for d in lines if d[:1] in "+-" and d[:3] not in ("+++", "---")]
                print(f"DIFF {path}")
                for line in diff[:6]:
                    print("   ", line[:200])
    print(f"bodies {bodies} routed {routed} differ {differ}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
