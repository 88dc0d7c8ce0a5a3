"""URL slugs: lower-case ASCII, unique, never containing `/` or `..`."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from slugify import slugify

MAX_LENGTH = 80


@lru_cache(maxsize=65536)  # the preview re-assembles the site on every save
def make_slug(text: str) -> str:
    """A transliterated slug; a short stable hash when nothing Latin is left."""
    slug = slugify(text, max_length=MAX_LENGTH, word_boundary=True, lowercase=True)
    if not slug.strip("-"):
        slug = "x-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return slug


class SlugRegistry:
    """Hands out unique slugs: a clash gets `-2`, `-3`, ..."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, text: str) -> str:
        base = make_slug(text)
        slug, n = base, 1
        while slug in self._taken:
            n += 1
            slug = f"{base}-{n}"
        self._taken.add(slug)
        return slug
