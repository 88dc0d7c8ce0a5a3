"""`jobboard build`: one update of the engine (generator.engine) into the output folder.

`build()` is a one-shot build, incremental when the options name a cache folder.
`BuildResult.changed` lists the site paths whose bytes differ from the previous build.
"""

from __future__ import annotations

from generator.config import Config
from generator.engine import BuildOptions, BuildResult, Engine
from generator.reading import Log, log_to_stderr

__all__ = ["BuildOptions", "BuildResult", "build"]


def build(
    options: BuildOptions,
    config: Config,
    log: Log = log_to_stderr,
    *,
    need_site: bool = True,
    keep_bodies: bool = False,
) -> BuildResult:
    """One build (incremental when options.cache_dir is set); see Engine.update for the flags."""
    with Engine(options, config, log) as engine:
        return engine.update(need_site=need_site, keep_bodies=keep_bodies)
