"""``graphbuild export``: write the graph of a build directory in another format."""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .common import CliError

ORDER = 40

BINARY = {"png"}
#: formats that can draw one edge per statement (--per-statement)
PER_STATEMENT = ("graphml", "gexf", "json", "cytoscape")


def register(subparsers) -> None:
    from ..export import FORMATS

    parser = subparsers.add_parser(
        "export",
        help="write the graph as GraphML, GEXF, JSON, Cytoscape.js, HTML, PNG or RDF",
        description="Write the graph in DIR in another format. Only factual statements become\n"
        "edges (aggregated per subject, object and family, with counts and evidence);\n"
        "the RDF formats also carry every statement, reified, with its provenance.",
        epilog="formats:\n"
        "  graphml    GraphML for Gephi, yEd, networkx (graph.graphml)\n"
        "  gexf       GEXF 1.2 for Gephi (graph.gexf)\n"
        "  json       node-link JSON for D3 and networkx (graph.json)\n"
        "  cytoscape  Cytoscape.js elements JSON (graph.cyjs)\n"
        "  html       interactive offline page (graph.html)\n"
        "  png        picture of the network (graph.png)\n"
        "  ttl nt jsonld  RDF: Turtle, N-Triples (streamed), JSON-LD\n"
        "examples:\n"
        "  graphbuild export kg --format gexf\n"
        "  graphbuild export kg --format json -o web/graph.json\n"
        "  graphbuild export kg --format nt -o - | grep supports",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("directory", metavar="DIR", help="build directory (from graphbuild build)")
    parser.add_argument(
        "--format",
        "-f",
        required=True,
        choices=sorted(FORMATS),
        metavar="FORMAT",
        help=f"one of: {', '.join(FORMATS)}",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write (default: DIR/graph.<ext>; - for stdout)",
    )
    parser.add_argument(
        "--per-statement",
        action="store_true",
        help=f"one edge per statement instead of one per dyad and family ({', '.join(PER_STATEMENT)})",
    )
    parser.set_defaults(run=run_export)


def load_graph(directory: str):
    """The build directory's graph, or a one-line CliError saying what is wrong with it."""
    from ..graph import KnowledgeGraph

    path = Path(directory)
    if not path.is_dir():
        raise CliError(f"{directory}: no such directory", 2)
    try:
        kg = KnowledgeGraph.load(path)
        kg.actors  # noqa: B018 - read now, so a broken actors.jsonl is reported here
    except FileNotFoundError as exc:
        raise CliError(str(exc), 2) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise CliError(f"{directory}: cannot read the build files ({exc})", 2) from None
    return kg


def run_export(args) -> int:
    from ..export import FORMATS, writer_for

    kg = load_graph(args.directory)
    fmt = args.format
    if args.output == "-" and fmt in BINARY:
        raise CliError(f"--format {fmt} is binary: give -o FILE, not -o -", 2)
    target = Path(args.directory) / FORMATS[fmt][1] if not args.output else Path(args.output)
    try:
        writer = writer_for(fmt)
    except (ImportError, AttributeError) as exc:
        raise CliError(f"format {fmt} is not available in this installation ({exc})") from None
    if getattr(args, "per_statement", False):
        if fmt not in PER_STATEMENT:
            raise CliError(f"--per-statement works with {', '.join(PER_STATEMENT)}, not {fmt}", 2)
        writer = functools.partial(writer, per_statement=True)
    try:
        if args.output == "-":
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / FORMATS[fmt][1]
                writer(kg, out, None)
                with open(out, encoding="utf-8") as handle:
                    shutil.copyfileobj(handle, sys.stdout)
            return 0
        if target.is_dir() or args.output and args.output.endswith(("/", os.sep)):
            target.mkdir(parents=True, exist_ok=True)
            target = target / FORMATS[fmt][1]
        writer(kg, target, None)
    except (ValueError, KeyError, TypeError) as exc:
        raise CliError(f"{args.directory}: cannot read the build files ({exc})") from None
    except OSError as exc:
        raise CliError(f"cannot write {target}: {exc.strerror or exc}") from None
    print(f"wrote {target} ({fmt})", file=sys.stderr)
    return 0
