"""The preview runs the same engine as `jobboard build`: after any sequence of edits, renames,
deletions, template and config changes, its quick pass serves what a clean build makes
(the search index aside, which the quick pass leaves to the settle pass), and after the
settle pass every file is byte for byte the clean build's."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule

from generator.commands.build import BuildOptions, build
from generator.config import load_config
from generator.preview.live_site import CONFIG, CONTENT, SETTLE, TEMPLATES, LiveSite
from tests.incremental.test_incremental import IncrementalBuild, tree


def _without_search(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in files.items() if not path.startswith("search/")}


class PreviewIncremental(IncrementalBuild):
    @initialize()
    def start(self) -> None:
        super().start()
        self.builder.close()  # the CLI's engine of the parent machine is not used here
        self.config_path = self.root / "jobboard.toml"
        self._write_config("Board")
        self.site = LiveSite(
            content=self.content,
            folder=self.root / "served",
            config_path=self.config_path,
            log=lambda _m: None,
            cache_dir=self.root / ".jobboard-cache",
        )
        self.site.first_build()
        assert self.site.problem is None
        self.seen = self._inputs()

    def _inputs(self) -> tuple[str, dict[str, bytes]]:
        return self.config_path.read_text(), tree(self.templates)

    def _reasons(self) -> set[str]:
        """What the server's watchers would say changed: always the content (a quick pass),
        plus the config and the templates when their files changed."""
        config, templates = self.seen = (self.seen, self._inputs())[1]
        before_config, before_templates = self._before
        return {CONTENT} | ({CONFIG} if config != before_config else set()) | (
            {TEMPLATES} if templates != before_templates else set()
        )

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def _write_config(self, title: str) -> None:
        self.config_path.write_text(f'title = "{title}"\nper_page = 2\ntemplates = "{self.templates}"\n')

    @rule(title=st.sampled_from(["Board", "Other board"]))
    def change_config(self, title: str) -> None:
        self._write_config(title)

    @invariant()
    def incremental_equals_clean(self) -> None:
        self.step += 1
        clean_out = self.root / f"clean{self.step}"
        options = BuildOptions(content=self.content, output=clean_out, project_root=self.root)
        build(options, load_config(self.config_path), log=lambda _m: None)
        clean = tree(clean_out)
        self._before = self.seen
        quick = self.site.rebuild(self._reasons())
        assert quick.problem is None
        assert _without_search(tree(self.site.folder)) == _without_search(clean)
        settled = self.site.rebuild({SETTLE})
        assert settled.problem is None
        assert tree(self.site.folder) == clean
        shutil.rmtree(clean_out)


PreviewIncremental.TestCase.settings = settings(
    max_examples=15,
    stateful_step_count=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestPreviewIncremental = PreviewIncremental.TestCase
