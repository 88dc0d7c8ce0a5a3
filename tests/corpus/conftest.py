from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tests.corpus.measure import copy_corpus


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real-postings corpus beside the checkout; CI must have it."""
    if not CORPUS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"corpus missing at {CORPUS} (CI must provide ../shared/corpus)")
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_content(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the corpus postings as one content folder (one sub-folder per source)."""
    content = tmp_path_factory.mktemp("corpus") / "content"
    copy_corpus(corpus, content)
    return content
