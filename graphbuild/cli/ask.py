"""``graphbuild ask NAME``: a named query of the library, on a build directory or on Neo4j."""

from __future__ import annotations

import argparse
import sys

from .common import CliError
from .neo4j import add_connection_options
from .query import add_output_options, parse_params, write_result

ORDER = 35


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "ask",
        help="answer a named question (query library) from DIR or from Neo4j",
        description="Run a named, parameterised Cypher query of graphbuild's library on the embedded\n"
        "store of a build directory or, with --neo4j, on Neo4j: the same file answers alike on both.\n"
        "Actor parameters take a name, an alias or an id. 'graphbuild ask --list' shows every query.",
        epilog="examples:\n"
        '  graphbuild ask who_meets_whom --param actor="Xi Jinping" kg\n'
        "  graphbuild ask supporters_and_opponents --param actor=Ukraine kg --format json\n"
        "  graphbuild ask stance_balance --param a=Russia --param b=Ukraine --neo4j\n"
        "  graphbuild ask my_question.cypher --param x=1 kg     # a query file of your own",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "name", metavar="NAME", nargs="?", help="query name (see --list) or a .cypher file"
    )
    parser.add_argument(
        "directory", metavar="DIR", nargs="?", help="build directory to ask (or use --neo4j)"
    )
    parser.add_argument(
        "--list", action="store_true", help="list the named queries and their parameters"
    )
    parser.add_argument(
        "--param", "-p", action="append", metavar="NAME=VALUE", help="query parameter (repeatable)"
    )
    parser.add_argument(
        "--neo4j", action="store_true", help="ask Neo4j instead of a build directory"
    )
    parser.add_argument(
        "--show", action="store_true", help="print the query's Cypher instead of running it"
    )
    add_output_options(parser)
    add_connection_options(parser)
    parser.set_defaults(run=run_ask)
    _allow_options_between_positionals(parser)


def _allow_options_between_positionals(parser: argparse.ArgumentParser) -> None:
    """Accept ``ask NAME --param k=v DIR``: plain argparse binds the optional DIR too early.

    The parent parser calls ``parse_known_args`` on this subparser; route that through
    argparse's own intermixed parsing (which calls ``parse_known_args`` again, hence the guard).
    """
    busy = False

    def parse_known_args(args=None, namespace=None):
        nonlocal busy
        if busy:
            return argparse.ArgumentParser.parse_known_args(parser, args, namespace)
        busy = True
        try:
            return argparse.ArgumentParser.parse_known_intermixed_args(parser, args, namespace)
        finally:
            busy = False

    parser.parse_known_args = parse_known_args


def _print_list() -> None:
    from ..queries import list_queries

    for query in list_queries():
        print(query.usage())
        print(f"    {query.description}")
        for param in query.params:
            default = "" if param.required else f" (default {param.default!r})"
            print(f"    {param.name}: {param.help}{default}")
        print()


def run_ask(args) -> int:
    from ..queries import QueryLibraryError, load_query

    if args.list:
        _print_list()
        return 0
    if not args.name:
        raise CliError("name a query (graphbuild ask --list shows them)", 2)
    try:
        query = load_query(args.name)
        if args.show:
            sys.stdout.write(query.cypher)
            return 0
        params = query.bind(parse_params(args.param, typed=False))
    except QueryLibraryError as exc:
        raise CliError(str(exc), 2) from None
    if args.neo4j == bool(args.directory):
        raise CliError("give either a build directory DIR or --neo4j", 2)
    if args.neo4j:
        columns, rows = _ask_neo4j(args, query.cypher, params)
    else:
        columns, rows = _ask_embedded(args.directory, query.cypher, params)
    write_result(columns, rows, args.format)
    return 0


def _ask_embedded(directory: str, cypher: str, params: dict):
    from ..stores.embedded import QueryError, StoreError, run_query

    try:
        return run_query(directory, cypher, params)
    except QueryError as exc:  # the engine's message, or the read-only guard's refusal
        raise CliError(str(exc), 1) from None
    except StoreError as exc:
        raise CliError(str(exc), 2) from None


def _ask_neo4j(args, cypher: str, params: dict):
    from ..stores.neo4j import Neo4jError, run_query
    from ..stores.readonly import ReadOnlyError, check_read_only
    from .neo4j import open_driver

    try:  # the server refuses writes too: stores.neo4j.run_query asks for read access
        check_read_only(cypher)
    except ReadOnlyError as exc:
        raise CliError(str(exc), 1) from None
    driver, settings = open_driver(args, retry_seconds=10.0)
    try:
        return run_query(driver, settings, cypher, params)
    except Neo4jError as exc:
        raise CliError(str(exc), 1) from None
    finally:
        driver.close()
