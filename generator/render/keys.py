"""Page keys: a hash of everything a page is rendered from, so an unchanged page is not rendered again.

A page's key covers the generator's code, every template file, the config, the page's
own context (its posting, pager, term, taxonomy ...) and the values of the template
globals its template (with everything it extends, includes or imports) names. The
`taxonomies` global counts as the site's navigation (each taxonomy's key and title)
plus, through a posting's digest, the terms that posting belongs to; a template that
shows other site-wide figures on every posting page should be built with `--no-cache`.
A value the keys do not know is hashed by its repr, and a repr that names an object
address changes every build, so unknown values make pages re-render rather than go stale.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

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


# Template source -> (undeclared names, referenced templates).
_PARSED: dict[str, tuple[frozenset[str], list[str]]] = {}


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
        self.base = base  # code, templates and config
        self.taxonomies = taxonomies
        self._posting_json = posting_digests or {}
        self._postings: dict[int, str] = {}
        self._terms: dict[int, str] = {}
        self._names: dict[str, frozenset[str]] = {}
        self._globals: dict[str, str] = {}  # template -> digest of the globals it uses
        # Same filters and tests, no globals: jinja2.meta does not report names that are globals.
        self._bare = jinja2.Environment(autoescape=True)
        self._bare.filters.update(env.filters)
        self._bare.tests.update(env.tests)

    def key(self, template: str, path: str, context: Mapping[str, Any]) -> str:
        used_globals = self._globals.get(template)
        if used_globals is None:  # the globals are set before the first page: once per template
            names = self._template_names(template)
            used_globals = self._globals[template] = _sha(
                json.dumps(
                    {
                        name: self.digest(self.env.globals[name])
                        for name in sorted(names)
                        if name in self.env.globals and not callable(self.env.globals[name])
                    },
                    sort_keys=True,
                )
            )
        parts = {
            "base": self.base,
            "template": template,
            "path": path,
            "context": {k: self.digest(v) for k, v in sorted(context.items())},
            "globals": used_globals,
        }
        return _sha(json.dumps(parts, sort_keys=True))

    def _template_names(self, template: str) -> frozenset[str]:
        """Every undeclared name used by the template and the templates it pulls in."""
        if template not in self._names:
            names: set[str] = set()
            self._bare.filters.update(self.env.filters)  # filters added after __init__ (feeds) too
            todo, seen = [template], set()
            while todo:
                name = todo.pop()
                if name in seen:
                    continue
                seen.add(name)
                source, filename = "", None
                if self.env.loader is not None:
                    source, filename, _uptodate = self.env.loader.get_source(self.env, name)
                found, referenced = self._names_in(source, name, filename)
                names |= found
                todo += referenced
            self._names[template] = frozenset(names)
        return self._names[template]

    def _names_in(
        self, source: str, name: str, filename: str | None
    ) -> tuple[frozenset[str], list[str]]:
        """One template's undeclared names and the templates it pulls in; parsed once per process
        for the same source (the preview builds keys on every save)."""
        found = _PARSED.get(source)
        if found is None:
            ast = self._bare.parse(source, name, filename)
            referenced = [t for t in meta.find_referenced_templates(ast) if isinstance(t, str)]
            found = (frozenset(meta.find_undeclared_variables(ast)), referenced)
            if len(_PARSED) >= 256:  # templates edited many times in one preview session
                _PARSED.clear()
            _PARSED[source] = found
        return found[0], list(found[1])

    def digest(self, value: Any) -> Any:
        """A JSON-able stand-in for a template value (strings, numbers, nested lists)."""
        if value is None or isinstance(value, str | int | float | bool):
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
