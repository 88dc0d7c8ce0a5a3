"""Main-content extraction compared on job pages: `python benchmarks/html_pages.py [PAGES_DIR...]`.

For each HTML page of the fixture folder (`tests/fixtures/postings/*.html`, with their
`body_contains` / `body_lacks` expectations) and of the given folders (default: the 26
aggregator pages beside the checkout), runs:

- `ours`: `HtmlReader().read()` (selectolax parse + the page rules), the whole reader;
- `trafilatura`: `trafilatura.extract(html, output_format="html")`, when installed;
- `readability`: `readability.Document(html).summary()`, when installed;
- `selectolax parse`: parsing alone, the floor any rule set built on it pays.

Prints the median and 90th-percentile milliseconds per page and, on the fixtures, the share
of expected job sentences kept and of furniture dropped. Not part of pytest; the libraries
other than selectolax are not project dependencies (`pip install trafilatura readability-lxml`).
"""

from __future__ import annotations

import html as html_lib
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from generator.readers.html_page import HtmlReader

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "postings"
DEFAULT_PAGES = ROOT.parent / "shared" / "corpus-pages" / "isjb-html"


def _extractors() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {"ours": lambda page: HtmlReader().read(page).body}
    try:
        import trafilatura

        found["trafilatura"] = lambda page: trafilatura.extract(page, output_format="html") or ""
    except ImportError:
        pass
    try:
        from readability import Document

        found["readability"] = lambda page: Document(page).summary()
    except ImportError:
        pass
    found["selectolax parse"] = lambda page: LexborHTMLParser(page).body.html or ""
    return found


def _text(markup: str) -> str:
    tree = LexborHTMLParser(markup)
    return " ".join(html_lib.unescape(tree.text(separator=" ")).split()) if tree.body else ""


def _ms(run: Callable[[str], str], page: str, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run(page)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main(folders: list[Path]) -> None:
    fixtures = sorted(p for p in FIXTURES.glob("*.html"))
    pages = [p for folder in folders for p in sorted(folder.glob("*.html"))]
    print(f"{len(fixtures)} fixture pages, {len(pages)} other pages")
    for name, run in _extractors().items():
        times = [_ms(run, p.read_text("utf-8")) for p in fixtures + pages]
        kept = wanted = dropped = furniture = 0
        for path in fixtures:
            expected = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
            text = _text(run(path.read_text("utf-8")))
            for needle in expected.get("body_contains", []):
                wanted += 1
                kept += _text(needle) in text
            for needle in expected.get("body_lacks", []):
                if "<" in needle:
                    continue  # markup checks mean nothing for text output
                furniture += 1
                dropped += _text(needle) not in text
        empty = sum(1 for p in pages if not _text(run(p.read_text("utf-8"))))
        quality = ""
        if name != "selectolax parse":
            quality = f"  job text kept {kept}/{wanted}  furniture dropped {dropped}/{furniture}"
            quality += f"  empty {empty}/{len(pages)}"
        p90 = statistics.quantiles(times, n=10)[-1] if len(times) > 1 else times[0]
        print(f"{name:17} median {statistics.median(times):6.2f} ms  p90 {p90:6.2f} ms{quality}")


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or [DEFAULT_PAGES])
