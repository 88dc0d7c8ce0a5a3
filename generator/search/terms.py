"""Where the index gets each posting's body terms from (tokenizing a body is most of the
cost of indexing it, so it is done once per posting, in the read workers: the build cache
keeps them, and the engine keeps them between the preview's updates when there is none)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from generator.model.posting import Posting
from generator.search.tokens import term_set, terms_from_text


def body_terms_of_text(postings: Sequence[Posting]) -> Iterator[set[str]]:
    """Body terms made from postings that carry their body text."""
    for posting in postings:
        yield term_set([posting.body_text])


class StoredTerms:
    """Body terms made by the read workers (`terms_to_text`), by posting source; a posting
    without them is tokenized here."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = texts

    def __call__(self, postings: Sequence[Posting]) -> Iterator[list[str] | set[str]]:
        for posting in postings:
            text = self.texts.get(posting.source)
            yield terms_from_text(text) if text is not None else term_set([posting.body_text])
