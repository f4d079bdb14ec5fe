"""Neo4j load speed: relationships/s of graphbuild's batched writer into a local Neo4j.

A synthetic build directory (tests/store_fixture.generate_build_dir: 2,000 actors,
10,000 articles, 50,000 statements, about 225,000 relationships) is loaded with
``graphbuild.stores.neo4j.load_graph`` into a fresh local Neo4j Community server
(graphbuild.stores.neo4j_local; or the server of NEO4J_URI / NEO4J_PASSWORD with
--uri-from-env), once per batch size, into an emptied database; then loaded a
second time, which must add nothing. Relationships are counted in the database.

    python benchmarks/neo4j_load.py [--statements 50000] [--batch-sizes 1000,5000,10000] [--force]

Numbers: benchmarks/data/neo4j_load.json and the neo4j_load section of RESULTS.md.
With GRAPHBUILD_BENCH_SMOKE=1: 2,000 statements, results under benchmarks/work/smoke/.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from machine import machine_description
from results import (
    NOT_MEASURED,
    ROOT,
    ResultStore,
    setup_logging,
    smoke,
    table,
    work_dir,
    write_section,
)
from summary import record_headline

sys.path.insert(0, str(ROOT / "tests"))
from store_fixture import expected_counts, generate_build_dir  # noqa: E402

from graphbuild.graph.knowledge_graph import KnowledgeGraph  # noqa: E402
from graphbuild.stores import neo4j as neo4j_store  # noqa: E402
from graphbuild.stores.neo4j_local import NEO4J_VERSION, LocalServer, fetch  # noqa: E402

NAME = "neo4j_load"
TARGET = 20_000
HEADLINE = "Neo4j load (relationships/s)"
REL_TYPES = (
    "MENTIONS",
    "AFFILIATED_WITH",
    "HAS_SUBJECT",
    "HAS_OBJECT",
    "FROM_ARTICLE",
    "SUPPORTS",
    "OPPOSES",
    "MEETS",
)
SHAPE = (
    "one managed write transaction per batch, `UNWIND $rows` with parameters only: actors MERGEd; "
    "each new article CREATEd with its MENTIONS; each new statement CREATEd with HAS_SUBJECT, "
    "HAS_OBJECT, FROM_ARTICLE and, if factual, its SUPPORTS/OPPOSES/MEETS relationship MERGEd on id; "
    "known ids skipped"
)
log = logging.getLogger("bench")


def empty(driver, settings) -> None:
    with driver.session(database=settings.database) as session:
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()


def measure(
    directory: Path, batch_sizes: list[int], store: ResultStore, force: bool, use_env: bool
) -> None:
    expected = expected_counts(directory)
    relationships = sum(expected[t] for t in REL_TYPES)
    server = None
    if use_env:
        settings = neo4j_store.Neo4jSettings.from_env()
    else:
        fetch(quiet=True)
        home = work_dir() / NAME / "server"
        if home.exists():
            import shutil

            shutil.rmtree(home)
        server = LocalServer(home, heap="1g", pagecache="512m")
        server.start()
        settings = neo4j_store.Neo4jSettings(uri=server.uri, password=server.password)
    driver = neo4j_store.connect(settings)
    try:
        kg = KnowledgeGraph(directory)
        log.info("warm-up load (constraints, JIT), not measured")
        empty(driver, settings)
        neo4j_store.load_graph(kg, driver, settings, batch_size=max(batch_sizes))
        for batch_size in batch_sizes:
            key = f"{expected['Statement']}/{batch_size}"
            if key in store and not force:
                continue
            empty(driver, settings)
            load_before = os.getloadavg()[0]
            started = time.perf_counter()
            report = neo4j_store.load_graph(kg, driver, settings, batch_size=batch_size)
            seconds = time.perf_counter() - started
            counts = neo4j_store.count_graph(driver, settings)
            if counts != expected:
                raise SystemExit(f"neo4j_load: the load gave {counts}, expected {expected}")
            started = time.perf_counter()
            again = neo4j_store.load_graph(kg, driver, settings, batch_size=batch_size)
            reload_seconds = time.perf_counter() - started
            if neo4j_store.count_graph(driver, settings) != expected or again.new_statements:
                raise SystemExit("neo4j_load: loading again changed the graph")
            entry = {
                "statements": expected["Statement"],
                "relationships": relationships,
                "nodes": expected["Actor"] + expected["Article"] + expected["Statement"],
                "batch_size": batch_size,
                "transactions": report.batches,
                "seconds": round(seconds, 1),
                "relationships_per_s": round(relationships / seconds),
                "reload_seconds": round(reload_seconds, 1),
                "load_average_before": round(load_before, 2),
                "load_average_after": round(os.getloadavg()[0], 2),
                "server": "local" if server else settings.uri,
                "measured": time.strftime("%Y-%m-%d %H:%M"),
            }
            store.put(key, entry)
            log.info("%s: %s", key, entry)
    finally:
        driver.close()
        if server:
            server.stop()


def render(store: ResultStore, command: str) -> str:
    info = machine_description()
    rows = []
    best = None
    for key in sorted(store.entries, key=lambda k: [int(x) for x in k.split("/")]):
        e = store.get(key)
        rows.append([f"{e['statements']:,}", f"{e['relationships']:,}", f"{e['batch_size']:,}", e["transactions"],
                     e["seconds"], f"{e['relationships_per_s']:,}", e["reload_seconds"],
                     f"{e['load_average_before']} / {e['load_average_after']}"])  # fmt: skip
        if best is None or e["relationships_per_s"] > best["relationships_per_s"]:
            best = e
    body = [
        f"## Neo4j load (graphbuild.stores.neo4j, Neo4j Community {NEO4J_VERSION})",
        "",
        f"`{command}` on {info['date']}, commit {info['commit']}; {info['cpu']}; the server is a local "
        "Neo4j (1 GB heap, 512 MB page cache) on the same machine as the loader, which is shared: "
        "the load average (1 min, 2 cores) is given for each run.",
        "",
        f"Transaction shape: {SHAPE}. Each measured load goes into an emptied database after one "
        "unmeasured warm-up load (constraints made, JIT warm); relationships are counted in the "
        "database after the load; 'again' is a second load of the same directory, which adds nothing.",
        "",
    ]
    if rows:
        body.append(table(["statements", "relationships", "batch size", "transactions", "seconds",
                           "relationships/s", "again (s)", "load average"], rows))  # fmt: skip
    else:
        body.append(NOT_MEASURED)
    if best:
        status = "met" if best["relationships_per_s"] >= TARGET else "MISSED"
        record_headline(HEADLINE, f"{best['relationships_per_s']:,} (batch {best['batch_size']:,})", status,
                        f"{best['relationships']:,} relationships, {best['measured']}",
                        target=f">= {TARGET:,}")  # fmt: skip
    return "\n".join(body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--statements", type=int, default=2000 if smoke() else 50_000)
    parser.add_argument("--batch-sizes", default="1000,5000" if smoke() else "1000,5000,10000")
    parser.add_argument(
        "--uri-from-env", action="store_true", help="use NEO4J_URI/NEO4J_PASSWORD's server"
    )
    parser.add_argument("--force", action="store_true", help="measure again")
    args = parser.parse_args(argv)
    setup_logging(NAME)
    directory = work_dir() / NAME / f"kg-{args.statements}"
    if not (directory / "relations.jsonl").exists():
        log.info("generating %d statements in %s", args.statements, directory)
        generate_build_dir(directory, args.statements, actors=max(100, args.statements // 25),
                           articles=max(100, args.statements // 5))  # fmt: skip
    store = ResultStore(NAME)
    measure(
        directory,
        [int(b) for b in args.batch_sizes.split(",")],
        store,
        args.force,
        args.uri_from_env,
    )
    command = "python benchmarks/neo4j_load.py" + (" " + " ".join(argv) if argv else "")
    write_section(NAME, render(store, command))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
