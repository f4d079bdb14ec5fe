"""The ``graphbuild`` command: a thin shell over the library.

Each subcommand lives in its own module of this package and exposes
``register(subparsers)``; modules are discovered, so adding a command never
means editing this file.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence

from .. import __version__
from ..graph.knowledge_graph import CorruptBuildFile
from .common import CliError

DESCRIPTION = """\
Build a knowledge graph of who SUPPORTS, OPPOSES and MEETS whom from news articles
(and who REQUESTS what of whom: appeals and demands, kept apart from stances).

Start with:   graphbuild build seeds/ --out kg
Then:         graphbuild query kg "MATCH (a:Actor)-[:MEETS]-(b:Actor) RETURN a.name, b.name"
Run 'graphbuild COMMAND --help' for each command's options and examples."""


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="graphbuild",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"graphbuild {__version__}")
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors; no progress bars")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = []
    for info in pkgutil.iter_modules(__path__):
        if info.name != "common":
            modules.append(importlib.import_module(f"{__name__}.{info.name}"))
    for module in sorted(modules, key=lambda m: (getattr(m, "ORDER", 50), m.__name__)):
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.ERROR if args.quiet else logging.INFO,
        format="%(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    logging.addLevelName(logging.WARNING, "warning")
    logging.addLevelName(logging.ERROR, "error")
    logging.addLevelName(logging.INFO, "info")
    if not args.command:
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except CliError as exc:
        print(f"graphbuild {args.command}: error: {exc}", file=sys.stderr)
        return exc.code
    except (CorruptBuildFile, UnicodeDecodeError) as exc:
        print(f"graphbuild {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("graphbuild: interrupted; the output directory is unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
