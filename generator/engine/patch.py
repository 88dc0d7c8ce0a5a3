"""Patching the last site: an update whose changed files are postings whose bodies alone changed.

Most of the preview's saves edit a posting's text. Assembling the site again (duplicates,
slugs, taxonomies) and making every page's key costs about half a second at 10,000
postings. When the caller knows which files changed (`Changes.files`), an update can
instead copy the new bodies into the last site's posting objects and render only the pages
whose keys cover a patched posting (render.keys.Covers): its own page, and the list pages
and feeds that show it. Every other file stays as it is; the search index waits for the next
full update (the preview's settle pass).

A patch is made only where it gives what assembling would: each changed file was a posting
and still is one, with the same metadata (title, company, places, dates, salary, draft ...:
every field but those in BODY_FIELDS), and no other posting has its title and company, so
no duplicate can appear or go.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from generator.config import Config
from generator.model.duplicates import duplicate_key
from generator.model.posting import Posting
from generator.model.site import Site
from generator.reading import KnownFile, Reading

# What a patch may change: the body and what is made from it alone. The slug is the site's
# (kept), and a posting stating no date keeps the date it was first seen.
BODY_FIELDS = frozenset({"body_html", "body_text", "language", "warnings"})
_KEPT = BODY_FIELDS | {"slug", "date_posted", "origins"}


@dataclass
class LastSite:
    """What an update made, for the next one to patch."""

    site: Site
    site_key: str  # what the target was told it holds
    config: Config  # the config it was made with (the same object: a new one means a full update)
    today: dt.date
    _titles: Counter[tuple[str, str]] | None = field(default=None, repr=False)  # see duplicate_keys

    def duplicate_keys(self) -> Counter[tuple[str, str]]:
        """How many postings read share each title and company (made once per site)."""
        if self._titles is None:
            self._titles = Counter(duplicate_key(posting) for posting in self.site.read)
        return self._titles


def patch_site(
    last: LastSite, before: Mapping[str, KnownFile], reading: Reading, changed: Collection[str]
) -> list[Posting] | None:
    """Copy the changed files' new bodies into the last site's postings and return those
    postings (none: nothing changed), or None when the changes need the site assembled again.
    `before` is what the last update read (KnownFile by source); `reading` has the new one,
    and its `known` is made to hold the patched posting objects."""
    pairs: list[tuple[str, Posting, Posting]] = []
    for rel in sorted(changed):
        was, now = before.get(rel), reading.known.get(rel)
        if was is None or now is None:
            return None
        old, new = was.record, now.record
        if old is new:  # its key is unchanged: taken as it was
            continue
        if not isinstance(old, Posting) or not isinstance(new, Posting):
            return None
        if last.duplicate_keys()[duplicate_key(old)] != 1 or not same_metadata(old, new):
            return None
        pairs.append((rel, old, new))
    for rel, old, new in pairs:
        for name in BODY_FIELDS:
            setattr(old, name, getattr(new, name))
        reading.known[rel] = dataclasses.replace(reading.known[rel], record=old)
    if pairs:  # the reading holds the site's posting objects, as an assembled one does
        olds = {id(new): old for _rel, old, new in pairs}
        reading.postings = [olds.get(id(posting), posting) for posting in reading.postings]
    return [old for _rel, old, _new in pairs]


def same_metadata(old: Posting, new: Posting) -> bool:
    """Does the new reading of a posting place it on the site as the old one was? Every field
    but its body's; the date too when it states one (else both use the date first seen)."""
    for item in dataclasses.fields(Posting):
        if item.name not in _KEPT and getattr(old, item.name) != getattr(new, item.name):
            return False
    if old.date_stated != new.date_stated or (old.date_stated and old.date_posted != new.date_posted):
        return False
    origins = dict(old.origins), dict(new.origins)
    if not old.date_stated:  # first seen (old) and the build clock (new): the same unstated date
        for kept in origins:
            kept.pop("date_posted", None)
    return origins[0] == origins[1]
