"""``graphbuild analyze``: centrality, blocs, stance balance and timelines of a build directory."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import CliError
from .export import load_graph

ORDER = 45


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "analyze",
        help="network analytics: centrality, blocs, stance between countries, timelines",
        description="Analyse the graph in DIR and write report.md, report.json and PNG plots\n"
        "(blocs.png, centrality.png, stance.png, timelines.png). Only factual statements count.",
        epilog="examples:\n"
        "  graphbuild analyze kg\n"
        "  graphbuild analyze kg --out report --pair 'Xi Jinping' 'Vladimir Putin' --period day",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("directory", metavar="DIR", help="build directory (from graphbuild build)")
    parser.add_argument(
        "--out",
        "-o",
        metavar="REPORT_DIR",
        help="where to write the report (default: DIR/analysis)",
    )
    parser.add_argument(
        "--pair",
        nargs=2,
        action="append",
        metavar=("A", "B"),
        help="a timeline for actors A and B (id, name or alias; repeatable); "
        "default: the pairs with the most statements",
    )
    parser.add_argument(
        "--period",
        choices=["day", "month", "year"],
        default="month",
        help="timeline buckets (default: month)",
    )
    parser.add_argument(
        "--top",
        type=int,
        default=20,
        metavar="N",
        help="rows in the centrality and stance tables (default: 20)",
    )
    parser.set_defaults(run=run_analyze)


def run_analyze(args) -> int:
    from ..analytics.report import UnknownActor, write_report

    if args.top < 1:
        raise CliError("--top must be at least 1", 2)
    kg = load_graph(args.directory)
    out = Path(args.out) if args.out else Path(args.directory) / "analysis"
    try:
        paths = write_report(kg, out, pairs=args.pair, top=args.top, period=args.period)
    except UnknownActor as exc:
        raise CliError(f"--pair: {exc}", 2) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise CliError(f"{args.directory}: cannot read the build files ({exc})") from None
    except OSError as exc:
        raise CliError(f"cannot write the report to {out}: {exc.strerror or exc}") from None
    print(f"wrote {paths['markdown']}, {paths['json'].name} and 4 plots to {out}", file=sys.stderr)
    return 0
