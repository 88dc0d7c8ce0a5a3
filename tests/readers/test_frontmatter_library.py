"""Front matter is split and loaded by python-frontmatter, through the hardened YAML loader."""

from __future__ import annotations

from typing import Any

import frontmatter
import pytest

from generator.readers import PostingError
from generator.readers.front_matter import FrontMatterReader
from generator.readers.yaml_safe import HardenedYAMLHandler


def test_the_reader_splits_through_python_frontmatter(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []
    parse = frontmatter.parse

    def spy(text: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs.get("handler"))
        return parse(text, *args, **kwargs)

    monkeypatch.setattr(frontmatter, "parse", spy)
    raw = FrontMatterReader().read("---\ntitle: Data Engineer\ncompany: Acme\n---\n\nThe job.\n")
    assert raw.fields["title"].value == "Data Engineer"
    assert raw.body == "The job."
    assert len(calls) == 1 and isinstance(calls[0], HardenedYAMLHandler)


def test_the_handler_refuses_aliases_with_the_files_line() -> None:
    text = "---\ntitle: x\nbase: &a [1, 2]\nmore: *a\n---\nbody\n"
    with pytest.raises(PostingError, match="aliases are not allowed") as err:
        FrontMatterReader().read(text)
    assert err.value.line == 4
    handler = HardenedYAMLHandler()
    with pytest.raises(PostingError, match="aliases are not allowed"):
        frontmatter.loads(text, handler=handler)


def test_the_handler_refuses_deep_nesting() -> None:
    text = "---\na: " + "[" * 25 + "]" * 25 + "\n---\n"
    with pytest.raises(PostingError, match="nested too deeply"):
        frontmatter.loads(text, handler=HardenedYAMLHandler())


def test_broken_yaml_has_its_line_in_the_file() -> None:
    with pytest.raises(PostingError, match="broken YAML") as err:
        FrontMatterReader().read("---\ntitle: ok\ncompany: Acme\ntags: [a, b\n---\nbody\n")
    assert err.value.line is not None and err.value.line >= 5
    # Without its opening fence, a block that is not YAML is no front matter at all: the
    # text is left to the other readers (readers/fence.py).
    assert not FrontMatterReader().accepts("title: ok\ncompany: [Acme\n---\nbody\n")
    assert FrontMatterReader().accepts("title: ok\ncompany: Acme\n---\nbody\n")


def test_a_caller_cannot_hand_the_handler_a_loader_of_its_own() -> None:
    with pytest.raises(TypeError, match="no options"):
        HardenedYAMLHandler().load("a: 1\n", Loader=object)


def test_a_front_matter_that_is_not_a_mapping_is_an_error() -> None:
    with pytest.raises(PostingError, match="not a mapping") as err:
        FrontMatterReader().read("---\n- a\n- b\n---\nbody\n")
    assert err.value.line == 2
