"""Where the index gets each posting's body terms from (tokenizing a body is most of the
cost of indexing it, so it is done once per posting: in the read workers, kept in the build
cache, or remembered by the preview)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

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


class TermMemo:
    """Body terms remembered by posting source while the body text is the same (the preview
    keeps its postings in memory and re-indexes them on every settle pass)."""

    def __init__(self) -> None:
        self._memo: dict[str, tuple[str, set[str]]] = {}

    def seed(self, postings: Iterable[Posting], texts: Mapping[str, str]) -> None:
        """Remember terms already made (by a build's read workers, `terms_to_text`) for these
        postings, so the first index of a preview session tokenizes no body again."""
        for posting in postings:
            text = texts.get(posting.source)
            if text is not None:
                self._memo[posting.source] = (posting.body_text, set(terms_from_text(text)))

    def __call__(self, postings: Sequence[Posting]) -> Iterator[set[str]]:
        memo: dict[str, tuple[str, set[str]]] = {}
        for posting in postings:
            found = self._memo.get(posting.source)
            if found is None or found[0] != posting.body_text:  # the same str object: no compare
                found = (posting.body_text, term_set([posting.body_text]))
            memo[posting.source] = found
            yield found[1]
        self._memo = memo  # postings gone (or closed) are forgotten
