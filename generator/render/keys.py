"""Page keys: a hash of everything a page is rendered from, so an unchanged page is not rendered again.

A page's key covers the generator's code, the config, the page's template and every template
it extends, includes or imports (found from the templates' syntax trees, transitively: an
edit of `posting.html` changes posting pages' keys only, of `base.html` every HTML page's,
of `feed.xml` only the feeds'), the page's own context (its posting, pager, term, taxonomy
...) and the values of the template globals those templates name. A template that names
another one only at run time (`{% include some_name %}`) makes its pages depend on every
template file. The `taxonomies` global counts as the site's navigation (each taxonomy's key
and title) plus, through a posting's digest, the terms that posting belongs to; a template
that shows other site-wide figures on every posting page should be built with `--no-cache`.
A value the keys do not know is hashed by its repr, and a repr that names an object
address changes every build, so unknown values make pages re-render rather than go stale.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from enum import Enum
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta, nodes

from generator.cache import code_digest
from generator.config import Config
from generator.model.posting import Posting
from generator.model.serialize import posting_to_json
from generator.model.taxonomy import Taxonomy, Term


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def folder_digest(folders: list[Path]) -> str:
    """A hash of every file (name and bytes) in the template folders, in override order."""
    h = hashlib.sha256()
    for folder in folders:
        h.update(f"{folder}\0".encode())
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def page_base_digest(config: Config) -> str:
    """What every page key holds besides its templates and its data: the code and the config."""
    return _sha(f"{code_digest()}\0{config!r}")


# Template source -> (undeclared names, referenced templates; None for a name known only at run time).
_PARSED: dict[str, tuple[frozenset[str], list[str | None]]] = {}


def content_digest(posting: Posting) -> str:
    """A hash of everything a posting holds (what the build's cache key stands for)."""
    return _sha(posting_to_json(posting))


class PageKeys:
    """Computes page keys for one build; memoizes posting and term digests."""

    def __init__(
        self,
        env: jinja2.Environment,
        base: str,
        taxonomies: Mapping[str, Taxonomy],
        posting_digests: Mapping[str, str] | None = None,
    ) -> None:
        self.env = env
        self.base = base  # code and config (see page_base_digest)
        self.taxonomies = taxonomies
        self._posting_json = posting_digests or {}
        self._postings: dict[int, str] = {}
        self._terms: dict[int, str] = {}
        self._names: dict[str, frozenset[str]] = {}
        self._sources: dict[str, str] = {}  # template -> digest of its source and all it pulls in
        self._prefixes: dict[str, Any] = {}  # template -> sha256 of what its pages' keys share
        # Same filters and tests, no globals: jinja2.meta does not report names that are globals.
        self._bare = jinja2.Environment(autoescape=True)
        self._bare.filters.update(env.filters)
        self._bare.tests.update(env.tests)

    def key(self, template: str, path: str, context: Mapping[str, Any]) -> str:
        prefix = self._prefixes.get(template)
        if prefix is None:  # the globals are set before the first page: once per template
            used = self.template_globals(template)
            used_globals = _sha(
                json.dumps({name: self.digest(value) for name, value in used.items()}, sort_keys=True)
            )
            # What every page of the template shares, hashed once: each page adds its own part.
            shared = json.dumps([self.base, template, self._sources[template], used_globals])
            prefix = self._prefixes[template] = hashlib.sha256(f"{shared}\0".encode())
        digest = self.digest
        own = json.dumps([path, [[name, digest(context[name])] for name in sorted(context)]])
        h = prefix.copy()
        h.update(own.encode())  # ASCII: json.dumps escapes the rest
        return h.hexdigest()

    def template_globals(self, template: str) -> dict[str, Any]:
        """The template globals (functions aside) that the template and those it pulls in name."""
        names, env_globals = self._template_names(template), self.env.globals
        return {
            name: env_globals[name]
            for name in sorted(names)
            if name in env_globals and not callable(env_globals[name])
        }

    def _template_names(self, template: str) -> frozenset[str]:
        """Every undeclared name used by the template and the templates it pulls in; records
        the digest of their sources too (in `_sources`)."""
        if template not in self._names:
            names: set[str] = set()
            sources: dict[str, str | None] = {}  # template -> its source's hash; None: not found
            dynamic = False
            self._bare.filters.update(self.env.filters)  # filters added after __init__ (feeds) too
            todo: list[str] = [template]
            while todo:
                name = todo.pop()
                if name in sources:
                    continue
                source, filename = "", None
                if self.env.loader is not None:
                    try:
                        source, filename, _uptodate = self.env.loader.get_source(self.env, name)
                    except jinja2.TemplateNotFound:
                        if name == template:
                            raise
                        sources[name] = None  # e.g. `include ... ignore missing`: adding it counts
                        continue
                sources[name] = _sha(source)
                found, referenced = self._names_in(source, name, filename)
                names |= found
                todo += [t for t in referenced if t is not None]
                dynamic = dynamic or None in referenced
            everything = self._all_templates() if dynamic else None
            self._sources[template] = _sha(json.dumps([sorted(sources.items()), everything]))
            self._names[template] = frozenset(names)
        return self._names[template]

    def _all_templates(self) -> str:
        """Every template file, for a template that names others only at run time."""
        folders = getattr(self.env.loader, "searchpath", None)
        if folders is None:  # a loader this module does not know: no page is ever kept
            return repr(object())
        return folder_digest([Path(folder) for folder in folders])

    def _names_in(
        self, source: str, name: str, filename: str | None
    ) -> tuple[frozenset[str], list[str | None]]:
        """One template's undeclared names and the templates it pulls in; parsed once per process
        for the same source (the preview builds keys on every save)."""
        found = _PARSED.get(source)
        if found is None:
            ast = self._bare.parse(source, name, filename)
            referenced = [t if isinstance(t, str) else None for t in meta.find_referenced_templates(ast)]
            # Every name the template loads: its undeclared names and the names it binds
            # itself (loop variables, macro arguments). Only globals among them count, so a
            # local that shadows a global adds that global to the key, which is safe, and
            # this takes a tenth of the time of jinja2.meta.find_undeclared_variables.
            loaded = {node.name for node in ast.find_all(nodes.Name) if node.ctx == "load"}
            found = (frozenset(loaded), referenced)
            if len(_PARSED) >= 256:  # templates edited many times in one preview session
                _PARSED.clear()
            _PARSED[source] = found
        return found[0], list(found[1])

    def digest(self, value: Any) -> Any:
        """A JSON-able stand-in for a template value (strings, numbers, nested lists)."""
        kind = type(value)
        if kind is Posting:  # the most common by far: every posting page, every list page's items
            return self._posting(value)
        if kind is str or value is None or isinstance(value, str | int | float):
            return value
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, Posting):
            return self._posting(value)
        if isinstance(value, Term):
            return self._term(value)
        if isinstance(value, Taxonomy):
            return self._taxonomy(value)
        if isinstance(value, Mapping) and value is self.taxonomies:
            return ["nav", [[t.key, t.title, t.singular] for t in value.values()]]
        if isinstance(value, list | tuple):
            return [self.digest(v) for v in value]
        if isinstance(value, Mapping):
            return {str(k): self.digest(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
        items = getattr(value, "__dataclass_fields__", None)
        if items is not None:
            return [type(value).__name__, {name: self.digest(getattr(value, name)) for name in items}]
        return repr(value)

    def _posting(self, posting: Posting) -> str:
        found = self._postings.get(id(posting))
        if found is None:
            content = self._posting_json.get(posting.source) or content_digest(posting)
            terms = [
                [key, [[t.name, t.slug] for t in tax.terms_of(posting)]]
                for key, tax in self.taxonomies.items()
            ]
            found = _sha(json.dumps([content, posting.slug, terms]))
            self._postings[id(posting)] = found
        return found

    def _taxonomy(self, taxonomy: Taxonomy) -> str:
        """Its terms and their counts (what the list of terms shows); once per build, not per page."""
        found = self._terms.get(id(taxonomy))
        if found is None:
            terms = [[t.name, t.slug, t.known, len(t.postings)] for t in taxonomy.terms]
            found = _sha(json.dumps(["taxonomy", taxonomy.key, taxonomy.title, taxonomy.singular, terms]))
            self._terms[id(taxonomy)] = found
        return found

    def _term(self, term: Term) -> str:
        found = self._terms.get(id(term))
        if found is None:
            found = _sha(
                json.dumps([term.name, term.slug, term.known, [self._posting(p) for p in term.postings]])
            )
            self._terms[id(term)] = found
        return found


class Covers:
    """Does a page's key cover one of these postings? Asked by a patch (engine.patch): a page
    whose key covers none of the patched postings shows nothing of theirs and stays as it is.

    It follows PageKeys.digest: a posting counts wherever the digest hashes it, a term through
    its postings, a list of terms (`Taxonomy`) and the navigation not at all (their digests
    hold names and counts only); a value the digest hashes by its repr counts as covering
    (its repr may show a posting), so such pages are always rendered again.
    """

    def __init__(self, keys: PageKeys, postings: Iterable[Posting]) -> None:
        self.keys = keys
        self.ids = {id(posting) for posting in postings}
        self._terms: dict[int, bool] = {}
        self._globals: dict[str, bool] = {}  # template -> do its globals cover one?

    def __call__(self, template: str, context: Mapping[str, Any]) -> bool:
        covered = self._globals.get(template)
        if covered is None:
            used = self.keys.template_globals(template)
            covered = self._globals[template] = any(self.value(value) for value in used.values())
        return covered or any(self.value(value) for value in context.values())

    def postings(self, template: str, postings: list[Posting]) -> list[Posting]:
        """The postings whose own pages (the posting and plain values as context) are covered."""
        if self(template, {}):  # the template's globals cover one: every page
            return postings
        return [posting for posting in postings if id(posting) in self.ids]

    def value(self, value: Any) -> bool:
        if isinstance(value, Posting):
            return id(value) in self.ids
        if value is None or isinstance(value, str | int | float | dt.date | Path | Enum):
            return False
        if isinstance(value, Term):
            found = self._terms.get(id(value))
            if found is None:
                found = self._terms[id(value)] = any(id(p) in self.ids for p in value.postings)
            return found
        if isinstance(value, Taxonomy) or value is self.keys.taxonomies:
            return False
        if isinstance(value, list | tuple):
            return any(self.value(v) for v in value)
        if isinstance(value, Mapping):
            return any(self.value(v) for v in value.values())
        items = getattr(value, "__dataclass_fields__", None)
        if items is not None:
            return any(self.value(getattr(value, name)) for name in items)
        return True
