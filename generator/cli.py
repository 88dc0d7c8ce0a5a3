"""The `jobboard` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.cache import CACHE_DIR
from generator.config import CONFIG_FILE, Config, ConfigError, load_config
from generator.render.pages import TemplateFailure
from generator.write.output import OutputRefused


def _add_build(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build the whole site", description="Build the whole site.")
    p.add_argument("--content", type=Path, default=Path("content"), help="posting folder (default: content)")
    p.add_argument("--output", type=Path, default=Path("output"), help="site folder (default: output)")
    p.add_argument(
        "--base-url", help="absolute URL the site is served from (canonical links, sitemap, feeds)"
    )
    p.add_argument("--strict", action="store_true", help="exit 1 when any posting was skipped")
    p.add_argument("--drafts", action="store_true", help="also build postings marked draft")
    p.add_argument(
        "--no-cache",
        action="store_true",
        help=f"build everything from scratch; do not read or write {CACHE_DIR}/",
    )
    p.add_argument(
        "--config", type=Path, default=Path(CONFIG_FILE), help=f"config file (default: {CONFIG_FILE})"
    )
    p.set_defaults(func=_run_build)


def _config(args: argparse.Namespace) -> Config:
    config = load_config(args.config)
    if getattr(args, "base_url", None):
        config.base_url = args.base_url.rstrip("/") + "/"
    return config


def _run_build(args: argparse.Namespace) -> int:
    from generator.commands.build import BuildOptions, build

    if not args.content.is_dir():
        print(f"error: content folder {args.content} does not exist", file=sys.stderr)
        return 2
    config = _config(args)
    options = BuildOptions(
        content=args.content,
        output=args.output,
        drafts=args.drafts,
        cache_dir=None if args.no_cache else Path(CACHE_DIR),
    )
    result = build(options, config)
    print(f"built {args.output}: {result.summary()}")
    return 1 if args.strict and result.skipped else 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="jobboard", description="A static job-board site generator.")
    p.add_argument("--version", action="version", version=f"jobboard {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_build(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except OutputRefused as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except TemplateFailure as err:
        print(f"error: template {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; the previous site is untouched", file=sys.stderr)
        return 130
