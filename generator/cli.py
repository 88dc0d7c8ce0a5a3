"""The `jobboard` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
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
        "--config", type=Path, default=Path(CONFIG_FILE), help=f"config file (default: {CONFIG_FILE})"
    )
    p.set_defaults(func=_run_build)


def _add_serve(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="preview the site, rebuilt and reloaded on every save",
        description="Build the site into a temporary folder, serve it, rebuild on every change in the "
        "content folder, the templates or the config file, and reload the browser.",
    )
    p.add_argument("--content", type=Path, default=Path("content"), help="posting folder (default: content)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)"
    )
    p.add_argument("--drafts", action="store_true", help="also show postings marked draft")
    p.add_argument(
        "--config", type=Path, default=Path(CONFIG_FILE), help=f"config file (default: {CONFIG_FILE})"
    )
    p.set_defaults(func=_run_serve)


def _run_serve(args: argparse.Namespace) -> int:
    from generator.commands.serve import ServeOptions, serve

    if not args.content.is_dir():
        print(f"error: content folder {args.content} does not exist", file=sys.stderr)
        return 2
    if not 0 <= args.port <= 65535:
        print(f"error: --port {args.port} is not a port number (0 to 65535)", file=sys.stderr)
        return 2
    options = ServeOptions(
        content=args.content, host=args.host, port=args.port, drafts=args.drafts, config=args.config
    )
    return serve(options)


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
    result = build(BuildOptions(content=args.content, output=args.output, drafts=args.drafts), config)
    print(f"built {args.output}: {result.summary()}")
    return 1 if args.strict and result.skipped else 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="jobboard", description="A static job-board site generator.")
    p.add_argument("--version", action="version", version=f"jobboard {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_build(sub)
    _add_serve(sub)
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
