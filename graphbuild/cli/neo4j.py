"""``graphbuild neo4j load DIR`` (and ``build --neo4j``); a local server for developers.

Connection: ``--uri/--user/--database`` or NEO4J_URI / NEO4J_USER / NEO4J_DATABASE;
the password only from NEO4J_PASSWORD or a prompt, never the command line.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from .common import CliError

ORDER = 40


def add_connection_options(parser: argparse.ArgumentParser) -> None:
    """--uri/--user/--database; ``build`` calls this too for ``build --neo4j``."""
    group = parser.add_argument_group("Neo4j connection (password: $NEO4J_PASSWORD, or asked for)")
    group.add_argument(
        "--uri", metavar="URI", help="bolt://, neo4j:// or neo4j+s:// address ($NEO4J_URI)"
    )
    group.add_argument("--user", metavar="NAME", help="user name ($NEO4J_USER, default neo4j)")
    group.add_argument(
        "--database", metavar="NAME", help="database ($NEO4J_DATABASE, default: the server's)"
    )


def add_load_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("loading")
    group.add_argument(
        "--batch-size", type=int, default=None, metavar="N",
        help="rows per transaction (default 5000)",
    )  # fmt: skip
    group.add_argument(
        "--retry-time", type=float, default=30.0, metavar="SECONDS",
        help="how long to retry a transaction while the server is unavailable (default 30)",
    )  # fmt: skip


def settings_from_args(args):
    """Connection settings from options and environment; asks for the password on a terminal."""
    from ..stores.neo4j import Neo4jSettings

    settings = Neo4jSettings.from_env(
        uri=getattr(args, "uri", None),
        user=getattr(args, "user", None),
        database=getattr(args, "database", None),
    )
    if settings.password is None and sys.stdin.isatty() and sys.stderr.isatty():
        try:
            settings.password = getpass.getpass(
                f"Neo4j password for {settings.user} at {settings.uri}: "
            )
        except (EOFError, KeyboardInterrupt):
            raise CliError("no Neo4j password given", 2) from None
    return settings


def open_driver(args, retry_seconds: float | None = None):
    """(driver, settings) after a check that the server answers, the login works and the database exists."""
    from ..stores.neo4j import Neo4jError, connect

    settings = settings_from_args(args)
    try:
        return connect(
            settings, retry_seconds=retry_seconds or getattr(args, "retry_time", 30.0)
        ), settings
    except Neo4jError as exc:
        raise CliError(str(exc), 3) from None


def check_connection(args) -> None:
    """Fail early (one line, exit 3) when Neo4j cannot be used: ``build --neo4j`` calls this first."""
    driver, _ = open_driver(args)
    driver.close()


def load_into_neo4j(args, directory: Path) -> None:
    """Load the build directory into Neo4j (``neo4j load`` and ``build --neo4j``)."""
    from ..graph.knowledge_graph import KnowledgeGraph
    from ..stores.neo4j import DEFAULT_BATCH_SIZE, Neo4jError, load_graph

    try:
        kg = KnowledgeGraph.load(directory)
    except FileNotFoundError as exc:
        raise CliError(str(exc), 2) from None
    batch_size = getattr(args, "batch_size", None) or DEFAULT_BATCH_SIZE
    if batch_size < 1:
        raise CliError("--batch-size must be at least 1", 2)
    driver, settings = open_driver(args)
    bar = _progress_bar(args)
    try:
        report = load_graph(
            kg, driver, settings, batch_size=batch_size, progress=bar.update if bar else None
        )
    except Neo4jError as exc:
        raise CliError(f"{exc}; nothing is lost: run the load again to complete it", 3) from None
    except (ValueError, KeyError, TypeError) as exc:  # a hand-edited or damaged build directory
        raise CliError(
            f"{directory}: a record cannot be read ({type(exc).__name__}: {exc})", 2
        ) from None
    finally:
        if bar:
            bar.close()
        driver.close()
    where = settings.uri + (f" (database {settings.database})" if settings.database else "")
    print(
        f"loaded {directory} into {where}: {report.actors} actors, "
        f"{report.articles} articles ({report.new_articles} new), "
        f"{report.statements} statements ({report.new_statements} new), "
        f"{report.events} events in {report.batches} transactions, {report.seconds:.1f}s",
        file=sys.stderr,
    )


def _progress_bar(args):
    if getattr(args, "quiet", False) or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(desc="loading into Neo4j", unit="row", dynamic_ncols=True)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "neo4j",
        help="load a build directory into Neo4j; run a local Neo4j for development",
        description="Load a build directory into Neo4j (idempotent: re-running adds only what is new),\n"
        "or fetch/start/stop the local Neo4j Community server that the tests use.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="neo4j_action", metavar="ACTION", required=True)
    load = actions.add_parser(
        "load",
        help="load DIR into Neo4j",
        description="MERGE the graph of DIR into Neo4j: constraints and indexes, then actors, articles,\n"
        "mentions, statements and the SUPPORTS / OPPOSES / MEETS relationships of factual statements,\n"
        "the Event nodes of events.jsonl (replacing the old events of these articles),\n"
        "in batched transactions. Loading twice changes nothing; a load cut short completes when re-run.",
        epilog="examples:\n"
        "  export NEO4J_URI=neo4j://localhost:7687 NEO4J_PASSWORD=...\n"
        "  graphbuild neo4j load kg\n"
        "  graphbuild neo4j load kg --uri neo4j+s://xxxx.databases.neo4j.io --database neo4j",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    load.add_argument("directory", metavar="DIR", help="build directory")
    add_connection_options(load)
    add_load_options(load)
    load.set_defaults(run=lambda args: load_into_neo4j(args, Path(args.directory)) or 0)
    for name, text in (
        (
            "fetch",
            "download Neo4j Community from Maven Central into the cache (needs Java 17, Maven)",
        ),
        (
            "start",
            'start the local developer server; prints NEO4J_* exports: eval "$(graphbuild neo4j start)"',
        ),
        ("stop", "stop the local developer server"),
        ("status", "say whether the local developer server runs"),
    ):
        action = actions.add_parser(name, help=text, description=text)
        if name != "fetch":
            action.add_argument(
                "--home",
                metavar="DIR",
                help="server folder (default ~/.local/share/graphbuild/neo4j-dev)",
            )
            action.add_argument(
                "--port", type=int, metavar="N", help="Bolt port on 127.0.0.1 (default 7687)"
            )
        action.set_defaults(run=_run_local_server)


def _run_local_server(args) -> int:
    from ..stores.neo4j_local import main

    argv = [args.neo4j_action]
    if getattr(args, "home", None):
        argv += ["--home", args.home]
    if getattr(args, "port", None):
        argv += ["--port", str(args.port)]
    return main(argv)
