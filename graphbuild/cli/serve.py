"""``graphbuild serve DIR``: browse a build directory in a local web app (see docs/serve.md)."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from .common import CliError

ORDER = 38
DEFAULT_PORT = 8765
LOOPBACK = ("127.0.0.1", "localhost", "::1")

log = logging.getLogger("graphbuild")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="browse a build directory in a local web app (search, networks, evidence)",
        description="Serve a web app over DIR's embedded store: search an actor, its network\n"
        "(1-2 hops, filtered by family, kind and dates), every sentence behind a pair of actors,\n"
        "the questions of 'graphbuild ask' and a read-only Cypher box. Bound to 127.0.0.1.",
        epilog="examples:\n"
        "  graphbuild serve kg                  # then open http://127.0.0.1:8765/\n"
        "  graphbuild serve kg --port 9000",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("directory", metavar="DIR", help="build directory (graphbuild build --out)")
    parser.add_argument(
        "--host", default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only)",
    )  # fmt: skip
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    parser.set_defaults(run=run_serve)


def run_serve(args) -> int:
    import uvicorn

    from ..serve import create_app

    directory = Path(args.directory)
    if not (directory / "graph.lbug").is_file():
        raise CliError(
            f"{directory}: no embedded store (graph.lbug) here; "
            "build one with 'graphbuild build INPUT --out DIR'",
            2,
        )
    hosts = None
    if args.host not in LOOPBACK:
        log.warning(
            "listening on %s: anyone who can reach this machine can read the graph", args.host
        )
        hosts = ["*"]
    app = create_app(directory, allowed_hosts=hosts)
    print(f"graphbuild serve: http://{args.host}:{args.port}/ (Ctrl-C to stop)", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
