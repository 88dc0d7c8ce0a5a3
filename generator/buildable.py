"""What makes a posting impossible to build: the one rule `build` and `check` share.

`pipeline` raises the refusal (the build skips the file with its message); `check`
reports it as an error. Kept apart from `pipeline` so that `check`, which mostly reads
postings from the cache, does not import the whole reading and cleaning code.
"""

from __future__ import annotations

from generator.model.posting import Origin, Posting
from generator.readers.base import PostingError


def refusal(posting: Posting) -> PostingError | None:
    """Why this posting cannot be built, or None.

    A posting needs a title, and a description unless its front matter states fields: a
    front-matter-only file is a posting whose details are all in its keys.
    """
    if not posting.title.strip():
        return PostingError("no title found")
    if not posting.body_text and Origin.FRONT_MATTER not in posting.origins.values():
        return PostingError(
            "no job description: nothing but a title is left (empty body, or Markdown nested too deeply)"
        )
    return None
