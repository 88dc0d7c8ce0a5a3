"""The one incremental engine behind `build`, `check` and `serve`.

`Engine.update(changes)` brings a target up to date with the content folder: scan the
files, read the changed ones (reading/), assemble the site model (model/), render the
pages whose key changed (render/) and hand them to the target (write/): the output folder
of `jobboard build`, swapped in atomically, or the folder the preview serves. The engine
keeps its model between updates in memory and, through the build cache, between runs.
"""

from generator.engine.engine import Engine
from generator.engine.options import BuildOptions, BuildResult, Changes

__all__ = ["BuildOptions", "BuildResult", "Changes", "Engine"]
