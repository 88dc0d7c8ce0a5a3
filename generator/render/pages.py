"""Every HTML page of the site, rendered from templates into a SiteWriter."""

from __future__ import annotations

import datetime as dt
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import jinja2

from generator import site_paths
from generator.config import Config
from generator.model.posting import Posting
from generator.model.site import Site
from generator.model.taxonomy import Taxonomy, Term
from generator.render.jsonld import posting_script
from generator.render.keys import Covers, PageKeys
from generator.render.summary import description, summary
from generator.render.templates import install_strings, make_environment
from generator.write.output import SiteWriter

if TYPE_CHECKING:  # the renderer only calls it; the cache behind it belongs to the build
    from generator.bodies import BodyStore
    from generator.render.site_pages import SitePage
    from generator.search.index import BodyTerms


@dataclass(frozen=True)
class Deferred:
    """A page to render: its template, site path, context (made when rendered) and key."""

    template: str
    path: str
    context: Callable[[], dict[str, Any]]
    key: str | None


@dataclass(frozen=True)
class Pager:
    """One page of a paginated list; hrefs are relative to the current page."""

    number: int
    count: int
    items: Sequence[Posting]
    prev_href: str | None
    next_href: str | None


def paginate(
    items: Sequence[Posting], per_page: int, path_of: Callable[[int], str]
) -> Iterator[tuple[str, Pager]]:
    """Pages 1..N of `items`: page 1 at path_of(1), the others at path_of(n)."""
    count = max(1, -(-len(items) // per_page))
    for number in range(1, count + 1):
        path = path_of(number)
        prev_href = _relative(path, path_of(number - 1)) if number > 1 else None
        next_href = _relative(path, path_of(number + 1)) if number < count else None
        chunk = items[(number - 1) * per_page : number * per_page]
        yield path, Pager(number, count, chunk, prev_href, next_href)


_relative = site_paths.relative_href


def posting_page_path(posting: Posting) -> str:
    return site_paths.posting(posting.slug)


front_page_path = site_paths.front_page


class PageRenderer:
    """Renders templates with the shared context: site settings and the path to the root."""

    def __init__(self, config: Config, site: Site, today: dt.date) -> None:
        self.config = config
        self.site = site
        self.today = today
        self.env = make_environment(config.templates)
        self.keys: PageKeys | None = None  # set by an incremental build: unchanged pages are kept
        # Set by a patch (engine.patch): only the pages whose keys cover a patched posting are rendered.
        self.only: Covers | None = None
        # While set, emit_from collects the pages it would render (render.deferred renders them).
        self.deferred: list[Deferred] | None = None
        self.bodies: BodyStore | None = None  # set when the postings come without their bodies
        self.search_terms: BodyTerms | None = None  # the postings' body search terms, when known
        self.rendered = 0  # pages rendered (not kept because their key was unchanged)
        self.stages: dict[str, float] = {}  # seconds per stage of rendering (see `stage`)
        self.site_pages: list[SitePage] = []  # the board's own pages (render.site_pages)
        self.tick: Callable[[int], None] = _no_tick  # the progress bar of the stage rendering now
        self.env.filters["summary"] = summary  # feed entries
        self.env.filters["description"] = description  # meta descriptions: the first real sentence
        self.strings = install_strings(self.env, config)
        self.env.globals.update(
            config=config,
            taxonomies=site.taxonomies,
            today=today,
            posting_href=posting_page_path,
            term_href=lambda tax, term: site_paths.term_page(tax.key, term.slug),
            posting_jsonld=lambda p, url: posting_script(p, site, url, config.title),
        )

    def with_bodies(self, postings: Sequence[Posting]) -> list[Posting]:
        """The postings with their bodies, for rendering pages that show them."""
        return self.bodies.fill(postings) if self.bodies is not None else list(postings)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time a stage of rendering into `stages`."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - start

    def render(self, template: str, path: str, **context: Any) -> str:
        root = site_paths.root_of(path)
        canonical = None
        if self.config.base_url:
            canonical = site_paths.absolute_url(self.config.base_url, path)
        try:
            return self.env.get_template(template).render(
                root=root, page_path=path, canonical=canonical, **context
            )
        except (jinja2.TemplateError, ArithmeticError, LookupError, TypeError, ValueError) as err:
            # A user's template can fail in plain Python too (`{{ 1 / 0 }}`, `{{ x[9] }}`).
            raise TemplateFailure(template, err) from err

    def compile(self, template: str) -> None:
        """Compile a template now (e.g. once before workers fork); a broken one is a TemplateFailure."""
        try:
            self.env.get_template(template)
        except jinja2.TemplateError as err:
            raise TemplateFailure(template, err) from err

    def key(self, template: str, path: str, context: dict[str, Any]) -> str | None:
        """The page key (see render.keys), or None when every page is rendered."""
        if self.keys is None:
            return None
        try:
            return self.keys.key(template, path, context)
        except jinja2.TemplateError as err:  # the key reads the templates: a syntax error shows here first
            raise TemplateFailure(template, err) from err

    def emit(self, writer: SiteWriter, template: str, path: str, **context: Any) -> None:
        """Render a page into the writer, unless the same page from the same inputs is there."""
        self.emit_from(writer, template, path, context, lambda: context)

    def emit_from(
        self,
        writer: SiteWriter,
        template: str,
        path: str,
        inputs: dict[str, Any],
        context: Callable[[], dict[str, Any]],
    ) -> None:
        """Like emit, for a page whose context costs more to make than its key: `inputs` (all
        the context is made from, besides config and templates) give the key, and `context()`
        is called only when the page is rendered."""
        if self.only is not None and not self.only(template, inputs):
            return  # a patch: the page shows none of the patched postings and stays as it is
        key = self.key(template, path, inputs)
        self.tick(1)
        if key is not None and writer.reuse(path, key):
            return
        self.rendered += 1
        if self.deferred is not None:
            self.deferred.append(Deferred(template, path, context, key))
            return
        writer.write(path, self.render(template, path, **context()), key)


def _no_tick(n: int = 1) -> None:
    pass


class TemplateFailure(Exception):
    """A template that does not render; names the template, the line and the problem."""

    def __init__(self, template: str, err: Exception) -> None:
        self.template: str = getattr(err, "filename", None) or template
        self.line: int | None = getattr(err, "lineno", None)
        if self.line is None:  # a runtime error: jinja2 puts the template line in the traceback
            self.template, self.line = template_frame(err) or (self.template, None)
        message = getattr(err, "message", None)
        self.problem = (
            str(message or err) if isinstance(err, jinja2.TemplateError) else (f"{type(err).__name__}: {err}")
        )
        super().__init__(f"{self.template}{f':{self.line}' if self.line else ''}: {self.problem}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_failure_from_parts, (self.template, self.line, self.problem))


def template_frame(err: BaseException) -> tuple[str, int | None] | None:
    """The innermost template file and line in the traceback of a rendering error."""
    frames = [
        (frame.filename, frame.lineno)
        for frame in traceback.extract_tb(err.__traceback__)
        if not frame.filename.endswith(".py") and not frame.filename.startswith("<")
    ]
    return frames[-1] if frames else None


def _failure_from_parts(template: str, line: int | None, problem: str) -> TemplateFailure:
    """Rebuild a TemplateFailure that crossed a process boundary."""
    failure = TemplateFailure.__new__(TemplateFailure)
    failure.template, failure.line, failure.problem = template, line, problem
    Exception.__init__(failure, f"{template}{f':{line}' if line else ''}: {problem}")
    return failure


def posting_page(renderer: PageRenderer, posting: Posting) -> tuple[str, dict[str, Any]]:
    """The path and template context of a posting's page."""
    return posting_page_path(posting), {
        "posting": posting,
        "closed": posting.is_expired(renderer.today, renderer.site.max_age_days),
    }


def render_posting(renderer: PageRenderer, writer: SiteWriter, posting: Posting) -> None:
    path, context = posting_page(renderer, posting)
    renderer.emit(writer, "posting.html", path, **context)


def render_front_pages(renderer: PageRenderer, writer: SiteWriter) -> None:
    for path, pager in paginate(renderer.site.postings, renderer.config.per_page, front_page_path):
        renderer.emit(writer, "index.html", path, pager=pager)


def render_taxonomy(renderer: PageRenderer, writer: SiteWriter, taxonomy: Taxonomy) -> None:
    """The list of terms, and one paginated page per term."""
    path = site_paths.taxonomy_index(taxonomy.key)
    renderer.emit(writer, "terms.html", path, taxonomy=taxonomy)
    for term in taxonomy.terms:
        _render_term(renderer, writer, taxonomy, term)


def _render_term(renderer: PageRenderer, writer: SiteWriter, taxonomy: Taxonomy, term: Term) -> None:
    def path_of(number: int) -> str:
        return site_paths.term_page(taxonomy.key, term.slug, number)

    for path, pager in paginate(term.postings, renderer.config.per_page, path_of):
        renderer.emit(writer, "term.html", path, taxonomy=taxonomy, term=term, pager=pager)


def render_not_found(renderer: PageRenderer, writer: SiteWriter) -> None:
    renderer.emit(writer, "404.html", site_paths.NOT_FOUND, site_root=not_found_root(renderer.config))


def not_found_root(config: Config) -> str:
    """Where 404.html finds the site from any URL a host shows it at (`/jobs/gone/`): the base
    URL's path (`/board/`) when one is set, else the domain's root."""
    if not config.base_url:
        return "/"
    return urlsplit(config.base_url).path.rstrip("/") + "/"
