"""The `jobboard` command line."""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.cache import CACHE_DIR
from generator.config import CONFIG_FILE, Config, ConfigError, load_config
from generator.progress import QUIET, VERBOSE, set_verbosity, verbosity
from generator.render.pages import TemplateFailure
from generator.render.site_pages import SiteFileError
from generator.write.lock import BuildLocked
from generator.write.output import OutputFailed, OutputRefused


def _add_content_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", type=Path, default=Path("content"), help="posting folder (default: content)")


def _add_config_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--config", type=Path, default=Path(CONFIG_FILE), help=f"config file (default: {CONFIG_FILE})"
    )


def _missing_content(args: argparse.Namespace) -> bool:
    """Print the usage error for a content folder that does not exist."""
    if args.content.is_dir():
        return False
    print(f"error: content folder {args.content} does not exist", file=sys.stderr)
    return True


def _add_cache_option(p: argparse.ArgumentParser, does: str) -> None:
    p.add_argument("--no-cache", action="store_true", help=f"{does}; do not read or write {CACHE_DIR}/")


def _cache_dir(args: argparse.Namespace) -> Path | None:
    """The build cache the command reads through, unless --no-cache."""
    return None if args.no_cache else Path(CACHE_DIR)


def _add_build(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("build", help="build the whole site", description="Build the whole site.")
    _add_content_option(p)
    p.add_argument("--output", type=Path, default=Path("output"), help="site folder (default: output)")
    p.add_argument(
        "--base-url", help="absolute URL the site is served from (canonical links, sitemap, feeds)"
    )
    p.add_argument("--strict", action="store_true", help="exit 1 when any posting was skipped")
    p.add_argument("--drafts", action="store_true", help="also build postings marked draft")
    _add_cache_option(p, "build everything from scratch")
    _add_config_option(p)
    p.set_defaults(func=_run_build)


def _add_serve(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve",
        help="preview the site, rebuilt and reloaded on every save",
        description="Build the site into a temporary folder, serve it, rebuild on every change in the "
        "content folder, the templates or the config file, and reload the browser.",
    )
    _add_content_option(p)
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)"
    )
    p.add_argument("--drafts", action="store_true", help="also show postings marked draft")
    _add_cache_option(p, "read every posting for the first build")
    _add_config_option(p)
    p.set_defaults(func=_run_serve)


def _run_serve(args: argparse.Namespace) -> int:
    from generator.commands.serve import ServeOptions, serve

    if _missing_content(args):
        return 2
    if not 0 <= args.port <= 65535:
        print(f"error: --port {args.port} is not a port number (0 to 65535)", file=sys.stderr)
        return 2
    options = ServeOptions(
        content=args.content,
        host=args.host,
        port=args.port,
        drafts=args.drafts,
        config=args.config,
        cache_dir=_cache_dir(args),
    )
    return serve(options)


def _config(args: argparse.Namespace) -> Config:
    config = load_config(args.config)
    if getattr(args, "base_url", None):
        config.base_url = args.base_url.rstrip("/") + "/"
    return config


def _run_build(args: argparse.Namespace) -> int:
    from generator.commands.build import BuildOptions, build

    if _missing_content(args):
        return 2
    config = _config(args)
    options = BuildOptions(
        content=args.content,
        output=args.output,
        drafts=args.drafts,
        cache_dir=_cache_dir(args),
    )
    result = build(options, config, _log, need_site=False)  # the summary is all it prints
    if verbosity() > QUIET:
        print(f"built {args.output}: {result.summary()}")
    if verbosity() >= VERBOSE and result.stages:
        _stderr("stages: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in result.stages.items()))
    return 1 if args.strict and result.skipped else 0


def _add_check(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help="list what is missing or suspicious in each posting",
        description="Read every posting as the build does and print, per file, where each field "
        "came from and one line per problem. Exit 1 when any file cannot be built.",
    )
    _add_content_option(p)
    p.add_argument("--json", action="store_true", help="print a JSON report for programs")
    _add_cache_option(p, "read every posting again")
    _add_config_option(p)
    p.set_defaults(func=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    from generator.clock import build_time
    from generator.commands.check import check_content, format_json, format_text

    if _missing_content(args):
        return 2
    report = check_content(args.content, load_config(args.config), build_time().date(), _cache_dir(args))
    print(format_json(report) if args.json else format_text(report))
    return 1 if report.has_errors else 0


def _add_import(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import",
        help="write raw postings as cleaned Markdown with complete front matter",
        description="Write each raw posting (files, or every file of a folder) as cleaned Markdown "
        "with complete YAML front matter, for hand editing. Existing files are kept unless --force.",
    )
    p.add_argument("sources", nargs="+", type=Path, metavar="SRC", help="posting files or folders")
    p.add_argument("--to", type=Path, required=True, metavar="DIR", help="folder to write into")
    p.add_argument("--force", action="store_true", help="overwrite files that exist already")
    _add_config_option(p)
    p.set_defaults(func=_run_import)


def _run_import(args: argparse.Namespace) -> int:
    from generator.budget import Budget
    from generator.commands.import_ import import_postings

    config = load_config(args.config)
    budget = Budget(config.max_read_seconds, config.max_read_memory_mib)
    result = import_postings(
        args.sources, args.to, force=args.force, max_size=config.max_file_size, log=_log, budget=budget
    )
    if verbosity() > QUIET or not result.ok:
            print(
            f"imported {len(result.written)} postings into {args.to}, "
            f"{len(result.kept)} kept (exist already), {len(result.failed)} skipped"
        )
    return 0 if result.ok else 1


def _add_new(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "new",
        help="start a board: a folder with a config, example postings and a Pages workflow",
        description="Write a new board folder: jobboard.toml (every key, commented), content/ with two "
        "example postings, templates/, static/, pages/about.md, .gitignore and a GitHub Pages workflow. "
        "The folder must be new or empty.",
    )
    p.add_argument("folder", type=Path, metavar="DIR", help="the board's folder (new or empty)")
    p.set_defaults(func=_run_new)


def _run_new(args: argparse.Namespace) -> int:
    from generator.commands.new import BoardRefused, new_board

    try:
        board = new_board(args.folder)
    except BoardRefused as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"created {args.folder}: {len(board.written)} files; next: cd {args.folder} && jobboard serve")
    return 0


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


# With -q only these lines of a command's log are printed: what failed, not notes or warnings.
_QUIET_KEEPS = ("error", "skipped")


def _log(message: str) -> None:
    """A command's log line on stderr; with -q only errors and skipped files."""
    if verbosity() > QUIET or message.startswith(_QUIET_KEEPS):
        _stderr(message)


def _add_output_options(p: argparse.ArgumentParser) -> None:
    """-q / -v, given to every command (also those registered after this module was written)."""
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "-q", "--quiet", action="store_const", const=QUIET, dest="verbosity", help="print errors only"
    )
    group.add_argument(
        "-v",
        "--verbose",
        action="store_const",
        const=VERBOSE,
        dest="verbosity",
        help="also print a line per stage and where the time went",
    )


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="jobboard", description="A static job-board site generator.")
    p.add_argument("--version", action="version", version=f"jobboard {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_build(sub)
    _add_check(sub)
    _add_import(sub)
    _add_new(sub)
    _add_serve(sub)
    for command in sub.choices.values():
        _add_output_options(command)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; its exit status. Called without `argv` (as the console script and
    `python -m generator` call it), an interrupted command ends the process at once, and the
    imports are left out of garbage collections (see tune_garbage_collection)."""
    if argv is None:
        tune_garbage_collection()
    status = _main(argv)
    if status == INTERRUPTED and argv is None:
        _exit_now(status)
    return status


def tune_garbage_collection() -> None:
    """Leave everything imported so far out of garbage collections for good: a command's
    full collections then walk only what the command makes. (Raising the collection
    thresholds as well saved 10% of a one-change build but doubled a cold build's peak
    memory at 10,000 postings, 326 to 592 MiB RSS: cyclic garbage that reached the oldest
    generation was hardly ever collected.)"""
    gc.freeze()


INTERRUPTED = 130  # the shell's status for a command ended by Ctrl+C (128 + SIGINT)


def _exit_now(status: int) -> None:
    """End the process without the interpreter's teardown: freeing a big board's objects one
    by one takes a second after Ctrl+C (measured at 3,000 postings). Everything worth doing
    at exit is done by then: workers stopped, temporary folders and the cache closed."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def _main(argv: Sequence[str] | None) -> int:
    args = parser().parse_args(argv)
    set_verbosity(getattr(args, "verbosity", None) or 0)
    try:
        status: int = args.func(args)
        return status
    except ConfigError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except (OutputRefused, OutputFailed, BuildLocked, SiteFileError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except TemplateFailure as err:
        print(f"error: template {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl+C does not interrupt the exit
        print(f"interrupted; {_UNTOUCHED.get(args.command, 'stopped')}", file=sys.stderr)
        return INTERRUPTED


_UNTOUCHED = {"build": "the previous site is untouched", "import": "files written so far are kept"}
