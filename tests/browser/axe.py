"""axe-core, injected into a page, and its findings as readable lines."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

AXE_VERSION = "4.14.1"
AXE_FILE = Path(__file__).parent / "vendor" / "axe.min.js"
BLOCKING = {"serious", "critical"}


@cache
def axe_source() -> str:
    source = AXE_FILE.read_text("utf-8")
    header = source[:40]
    if f"axe v{AXE_VERSION}" not in header:
        raise AssertionError(f"{AXE_FILE} is not axe-core {AXE_VERSION}: {header!r} (see vendor/README.md)")
    return source


def run_axe(page: Any) -> list[dict[str, Any]]:
    """Inject axe into the loaded page (its context must bypass CSP) and return the violations."""
    page.add_script_tag(content=axe_source())
    result = page.evaluate(
        """async () => {
          const r = await axe.run(document, {resultTypes: ['violations']});
          return r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
          }));
        }"""
    )
    return result


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']}")
        for node in v["nodes"][:5]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    {node['target']}: {summary[:300]}")
    return "\n".join(lines)
