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
        f"{report.events} events, {report.dyads} dyads in {report.batches} transactions, "
        f"{report.seconds:.1f}s",
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
    _register_import(actions)
    schema = actions.add_parser(
        "schema",
        help="create graphbuild's constraints and indexes (after 'neo4j import')",
        description="Create the uniqueness constraints and indexes that 'neo4j load' makes and an\n"
        "offline import does not; safe to repeat.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_connection_options(schema)
    schema.set_defaults(run=_run_schema)
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


def _register_import(actions) -> None:
    parser = actions.add_parser(
        "import",
        help="bulk-import DIR into a stopped Neo4j with neo4j-admin (first loads, backfills)",
        description="Write DIR's graph as the CSV files of 'neo4j-admin database import full' and run it\n"
        "against a stopped database: the same nodes, relationships and properties as 'neo4j load',\n"
        "many times faster, but only into a new database (or one --overwrite replaces). Afterwards\n"
        "start Neo4j and run 'graphbuild neo4j schema'; add later builds with 'neo4j load'.\n"
        "Without --neo4j-admin, imports into graphbuild's local server (--home; see 'neo4j start').",
        epilog="examples:\n"
        "  graphbuild neo4j stop && graphbuild neo4j import kg --overwrite --start\n"
        "  graphbuild neo4j import kg --neo4j-admin /var/lib/neo4j/bin/neo4j-admin --overwrite\n"
        "  graphbuild neo4j import kg --csv-only        # files and the command, for another machine\n"
        "  (Docker and servers: docs/neo4j.md, 'Bulk import')",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("directory", metavar="DIR", help="build directory")
    parser.add_argument(
        "--neo4j-admin",
        metavar="COMMAND",
        help="the neo4j-admin of the stopped server, e.g. /var/lib/neo4j/bin/neo4j-admin or "
        "'docker run --rm -v neo4j-data:/data -v DIR:DIR neo4j:5 neo4j-admin' (CSV paths must "
        "be the same where it runs)",
    )
    parser.add_argument(
        "--home",
        metavar="DIR",
        help="graphbuild's local server folder (default: the developer server's)",
    )
    parser.add_argument(
        "--database", default="neo4j", metavar="NAME", help="database (default neo4j)"
    )
    parser.add_argument(
        "--csv-dir", metavar="DIR", help="where to write the CSV files (default DIR/neo4j-import)"
    )
    parser.add_argument(
        "--csv-only",
        action="store_true",
        help="write the CSV files and print the command; run nothing",
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="replace the database if it exists (neo4j-admin refuses otherwise)",
    )
    parser.add_argument(
        "--start",
        action="store_true",
        help="local server: start it afterwards and create the constraints and indexes",
    )
    parser.set_defaults(run=_run_import)


def _run_import(args) -> int:
    import shlex

    from ..graph.knowledge_graph import KnowledgeGraph
    from ..stores.neo4j_import import (
        FOLDER_NAME,
        Neo4jImportError,
        import_build,
        write_import_files,
    )

    directory = Path(args.directory)
    if not (directory / "relations.jsonl").exists():
        raise CliError(f"{directory}: not a build directory (no relations.jsonl)", 2)
    folder = Path(args.csv_dir) if args.csv_dir else directory / FOLDER_NAME
    if args.csv_only:
        files = write_import_files(KnowledgeGraph.load(directory), folder)
        admin = args.neo4j_admin or "neo4j-admin"
        print(
            admin
            + " "
            + " ".join(shlex.quote(a) for a in files.arguments(args.database, args.overwrite))
        )
        print(
            f"wrote {files.node_count} nodes and {files.relationship_count} relationships to {folder}; "
            "run the command above with the database stopped",
            file=sys.stderr,
        )
        return 0
    server = None
    if not args.neo4j_admin:
        server = _local_server(args)
    elif args.start:
        raise CliError("--start goes with graphbuild's local server, not --neo4j-admin", 2)
    try:
        report = import_build(
            directory,
            admin=args.neo4j_admin,
            server=server,
            database=args.database,
            overwrite=args.overwrite,
            folder=folder,
        )
    except Neo4jImportError as exc:
        raise CliError(str(exc), 3) from None
    rate = report.relationships / report.import_seconds if report.import_seconds else 0
    print(
        f"imported {directory} into database {args.database}: {report.nodes} nodes, "
        f"{report.relationships} relationships (CSV {report.csv_seconds:.1f}s, "
        f"neo4j-admin {report.import_seconds:.1f}s, {rate:,.0f} relationships/s)",
        file=sys.stderr,
    )
    if server is not None and args.start:
        _start_with_schema(server)
    else:
        print("next: start Neo4j, then 'graphbuild neo4j schema'", file=sys.stderr)
    return 0


def _local_server(args):
    from ..stores.neo4j_local import ServerError, developer_server, fetch

    try:
        fetch()
    except ServerError as exc:
        raise CliError(str(exc), 3) from None
    return developer_server(args.home)


def _start_with_schema(server) -> None:
    from ..stores.neo4j import Neo4jError, Neo4jSettings, connect
    from ..stores.neo4j_import import create_schema
    from ..stores.neo4j_local import ServerError

    try:
        server.start(detach=True)
        settings = Neo4jSettings(uri=server.uri, password=server.password)
        driver = connect(settings)
    except (ServerError, Neo4jError) as exc:
        raise CliError(str(exc), 3) from None
    try:
        create_schema(driver, settings)
    finally:
        driver.close()
    print(f"Neo4j runs on {server.uri} with constraints and indexes", file=sys.stderr)
    for key, value in server.environment().items():
        print(f"export {key}={value}")


def _run_schema(args) -> int:
    from ..stores.neo4j_import import create_schema

    driver, settings = open_driver(args)
    try:
        create_schema(driver, settings)
    finally:
        driver.close()
    print(f"constraints and indexes are in place on {settings.uri}", file=sys.stderr)
    return 0
