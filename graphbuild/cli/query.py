"""``graphbuild query DIR "MATCH ..."``: Cypher on the embedded store, printed as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any, TextIO

from .common import CliError

ORDER = 30
FORMATS = ("table", "json", "csv")
TERMINAL_CELL_WIDTH = 80


def add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", "-f", choices=FORMATS, default="table", help="output format (default: table)"
    )


def parse_params(items: list[str] | None, typed: bool) -> dict[str, Any]:
    """``k=v`` pairs; with ``typed``, values that read as JSON (numbers, true, null) become such."""
    params: dict[str, Any] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CliError(f"--param {item!r}: write it as NAME=VALUE", 2)
        if typed:
            try:
                value = json.loads(value)
            except ValueError:
                pass
        params[key.strip()] = value
    return params


def _cell(value: Any, limit: int | None) -> str:
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = value
    elif isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        text = ", ".join(str(v) for v in value)
    else:
        text = json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())  # one line per row
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def write_result(
    columns: list[str], rows: list[list[Any]], fmt: str, out: TextIO | None = None
) -> None:
    """Print a query result: an aligned table (default), a JSON array of objects, or CSV."""
    out = out or sys.stdout
    if fmt == "json":
        json.dump(
            [dict(zip(columns, row, strict=True)) for row in rows],
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
        return
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(
                [v if isinstance(v, str | int | float) or v is None else json.dumps(v) for v in row]
            )
        return
    limit = TERMINAL_CELL_WIDTH if out.isatty() else None
    cells = [[_cell(v, limit) for v in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    out.write(" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip() + "\n")
    out.write("-+-".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", file=sys.stderr)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "query",
        help="run Cypher on a build directory's embedded graph store",
        description="Run one Cypher query on DIR/graph.lbug (read-only) and print the result.\n"
        "Only reading queries run: COPY, LOAD, INSTALL, ATTACH, CREATE, SET, DELETE and the like,\n"
        "and CALL of anything but a catalogue procedure, are refused before the store is opened.\n"
        "The schema (Actor, Article, Statement nodes; SUPPORTS, OPPOSES, MEETS, REQUESTS,\n"
        "MENTIONS, ...) "
        "is in docs/architecture.md; named queries are in 'graphbuild ask --list'.",
        epilog="examples:\n"
        '  graphbuild query kg "MATCH (a:Actor)-[:MEETS]-(b:Actor) RETURN a.name, b.name"\n'
        '  graphbuild query kg "MATCH (s:Actor)-[r:OPPOSES]->(o:Actor {name: $name}) '
        'RETURN s.name, r.sentence" --param name=Ukraine --format json\n'
        "  echo 'MATCH (a:Actor) RETURN count(a)' | graphbuild query kg -",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("directory", metavar="DIR", help="build directory (or its graph.lbug file)")
    parser.add_argument("cypher", metavar="CYPHER", help="the query, or - to read it from stdin")
    parser.add_argument(
        "--param", "-p", action="append", metavar="NAME=VALUE",
        help="query parameter $NAME (repeatable); numbers, true/false and null are typed",
    )  # fmt: skip
    add_output_options(parser)
    parser.set_defaults(run=run_query)


def run_query(args) -> int:
    from ..stores.embedded import QueryError, StoreError
    from ..stores.embedded import run_query as run_embedded

    cypher = sys.stdin.read() if args.cypher == "-" else args.cypher
    if not cypher.strip():
        raise CliError("the query is empty", 2)
    params = parse_params(args.param, typed=True)
    try:
        columns, rows = run_embedded(args.directory, cypher, params)
    except QueryError as exc:  # the engine's message, or the read-only guard's refusal
        raise CliError(str(exc), 1) from None
    except StoreError as exc:
        raise CliError(str(exc), 2) from None
    write_result(columns, rows, args.format)
    return 0
