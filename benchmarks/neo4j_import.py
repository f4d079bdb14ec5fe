"""Neo4j bulk import against the Bolt load, on the same synthetic build directory.

A build directory of about 1M relationships (tests/store_fixture.generate_build_dir:
2,000 actors, 20,000 articles, --statements statements; about 5 relationships a
statement, DYAD aggregates included) is loaded twice into a fresh local Neo4j Community
server (graphbuild.stores.neo4j_local):

- Bolt: ``graphbuild.stores.neo4j.load_graph`` (what ``graphbuild neo4j load`` runs)
  into the running, empty server, batch 10,000;
- bulk: the server stopped, ``graphbuild.stores.neo4j_import.import_build`` (what
  ``graphbuild neo4j import --overwrite`` runs): the CSV files, then
  ``neo4j-admin database import full``; the server is started again and the counts
  of nodes by label and of relationships by type (every label and type in the database)
  must equal the Bolt load's.

Relationships per second count the relationships neo4j-admin reports it imported (every
type: statements' links, facts, mentions, affiliations, DYAD, events) over either clock:
neo4j-admin's own ("IMPORT DONE in ...", from reading the input to the last index of
counts; its JVM start not included) and end to end (graphbuild writing the CSV files plus
the whole neo4j-admin command, JVM start included).

    nice -n 10 python benchmarks/neo4j_import.py [--statements 222000] [--force]

Numbers: benchmarks/data/neo4j_import.json and the neo4j_import section of RESULTS.md.
With GRAPHBUILD_BENCH_SMOKE=1: 2,000 statements, results under benchmarks/work/smoke/.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import time

from machine import machine_description
from results import (
    NOT_MEASURED,
    ROOT,
    ResultStore,
    run_section_benchmark,
    smoke,
    table,
    work_dir,
)

sys.path.insert(0, str(ROOT / "tests"))
from store_fixture import expected_counts, generate_build_dir  # noqa: E402

from graphbuild.graph.knowledge_graph import KnowledgeGraph  # noqa: E402
from graphbuild.stores import neo4j as neo4j_store  # noqa: E402
from graphbuild.stores.neo4j_import import import_build  # noqa: E402
from graphbuild.stores.neo4j_local import NEO4J_VERSION, LocalServer, fetch  # noqa: E402

NAME = "neo4j_import"
TARGET = 200_000
BATCH = 10_000
log = logging.getLogger("bench")


def database_counts(driver, settings) -> dict[str, int]:
    """Nodes by label and relationships by type, every label and type the database holds."""
    counts: dict[str, int] = {}
    for cypher in (
        "MATCH (n) UNWIND labels(n) AS key RETURN key, count(*) AS n",
        "MATCH ()-[r]->() RETURN type(r) AS key, count(*) AS n",
    ):
        records, _, _ = driver.execute_query(cypher, database_=settings.database)
        counts.update({r["key"]: r["n"] for r in records})
    return counts


def relationships(counts: dict[str, int]) -> int:
    return sum(v for k, v in counts.items() if k.isupper())


def imported_relationships(output: str) -> int:
    """The relationships neo4j-admin says it imported ("Imported: ... N relationships")."""
    found = re.search(r"^\s*(\d+) relationships$", output, re.MULTILINE)
    if not found:
        raise SystemExit("neo4j_import: neo4j-admin did not say how many relationships it imported")
    return int(found.group(1))


def measure(statements: int, store: ResultStore, force: bool) -> None:
    key = str(statements)
    if key in store and not force:
        return
    directory = work_dir() / NAME / f"kg-{statements}"
    if not (directory / "relations.jsonl").exists():
        log.info("generating %d statements in %s", statements, directory)
        generate_build_dir(directory, statements, actors=2000, articles=max(100, statements // 11))
    expected = expected_counts(directory)
    fetch(quiet=True)
    home = work_dir() / NAME / "server"
    shutil.rmtree(home, ignore_errors=True)
    server = LocalServer(home, heap="1g", pagecache="512m")
    server.start()
    settings = neo4j_store.Neo4jSettings(uri=server.uri, password=server.password)
    driver = neo4j_store.connect(settings)
    try:
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        neo4j_store.load_graph(KnowledgeGraph(directory), driver, settings, batch_size=BATCH)
        bolt_seconds = time.perf_counter() - started
        bolt_counts = database_counts(driver, settings)
        load_after = os.getloadavg()[0]
    finally:
        driver.close()
        server.stop()
    if {k: bolt_counts.get(k, 0) for k in expected} != expected:
        raise SystemExit(f"neo4j_import: the Bolt load gave {bolt_counts}, expected {expected}")
    import_before = os.getloadavg()[0]
    report = import_build(directory, server=server, overwrite=True)
    import_after = os.getloadavg()[0]
    server.start()
    driver = neo4j_store.connect(settings)
    try:
        import_counts = database_counts(driver, settings)
    finally:
        driver.close()
        server.stop()
    if import_counts != bolt_counts:
        raise SystemExit(f"neo4j_import: the import gave {import_counts}, the load {bolt_counts}")
    rels = imported_relationships(report.output)
    if rels != relationships(bolt_counts) or rels != report.relationships:
        raise SystemExit(
            f"neo4j_import: neo4j-admin imported {rels} relationships, graphbuild wrote "
            f"{report.relationships}, the Bolt load made {relationships(bolt_counts)}"
        )
    entry = {
        "statements": statements,
        "relationships": rels,
        "nodes": report.nodes,
        "bolt_seconds": round(bolt_seconds, 1),
        "bolt_per_s": round(rels / bolt_seconds),
        "csv_seconds": round(report.csv_seconds, 1),
        "admin_seconds": round(report.import_seconds, 1),
        "admin_per_s": round(rels / report.import_seconds),
        "admin_reported_seconds": round(report.admin_seconds, 3) if report.admin_seconds else None,
        "admin_reported_per_s": round(rels / report.admin_seconds)
        if report.admin_seconds
        else None,
        "bulk_per_s": round(rels / (report.csv_seconds + report.import_seconds)),
        "load_average": [
            round(x, 2) for x in (load_before, load_after, import_before, import_after)
        ],
        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    if key in store and "before" in store.get(key):  # the previous code's figures, kept
        entry["before"] = store.get(key)["before"]
    store.put(key, entry)
    log.info("%s: %s", key, entry)


def render(store: ResultStore, command: str) -> str:
    info = machine_description()
    body = [
        f"## Neo4j bulk import vs Bolt load (Neo4j Community {NEO4J_VERSION})",
        "",
        f"`{command}` on {info['date']}, commit {info['commit']}; {info['cpu']}. One local Neo4j "
        "(1 GB heap, 512 MB page cache) on the same machine as graphbuild. Bolt: "
        f"`neo4j load` (batch {BATCH:,}) into the empty running server. Bulk: `neo4j import "
        "--overwrite` into the same server stopped: graphbuild writes the CSV files, then "
        "neo4j-admin (a new JVM, included; graphbuild runs it with `-XX:TieredStopAtLevel=1 -XX:+UseParallelGC` and, on fewer than 4 cores, `-XX:ActiveProcessorCount=4`) imports them; the counts of every label and type after "
        "both are checked equal. Relationships: what neo4j-admin reports it imported, every type "
        "(DYAD included). Import rel/s: over neo4j-admin's own clock (IMPORT DONE, from reading "
        "the input to the counts store; not its JVM start). CSV + neo4j-admin rel/s: over "
        "graphbuild's CSV writing plus the whole neo4j-admin command. The machine is shared with other engineers' jobs (load "
        "average, 1 min, 2 cores: before/after the Bolt load, before/after the import), so "
        "the ratio of the two paths says more than either rate.",
        "",
    ]
    rows = []
    for key in sorted(store.entries, key=int):
        e = store.get(key)
        rows.append([f"{e['statements']:,}", f"{e['relationships']:,}", e["bolt_seconds"],
                     f"{e['bolt_per_s']:,}", e["csv_seconds"], e["admin_seconds"],
                     e.get("admin_reported_seconds"), f"{e.get('admin_reported_per_s') or 0:,}",
                     f"{e['bulk_per_s']:,}",
                     f"x{e['bolt_seconds'] / (e['csv_seconds'] + e['admin_seconds']):.1f}",
                     " / ".join(str(x) for x in e["load_average"]), e["measured"]])  # fmt: skip
    before = [
        store.get(k)["before"] for k in sorted(store.entries, key=int) if "before" in store.get(k)
    ]
    if rows:
        body.append(table(["statements", "relationships", "Bolt s", "Bolt rel/s", "CSV s",
                           "neo4j-admin s (with JVM start)", "import s (neo4j-admin's own)",
                           "import rel/s", "CSV + neo4j-admin rel/s", "bulk vs Bolt (end to end)",
                           "load average", "measured"], rows))  # fmt: skip
        best = max(store.get(k).get("admin_reported_per_s") or 0 for k in store.entries)
        whole = max(store.get(k)["bulk_per_s"] for k in store.entries)
        body += ["", f"Target >= {TARGET:,} relationships/s: {'met' if best >= TARGET else 'MISSED'} "
                 f"by the import itself ({best:,}/s as neo4j-admin reports its time); "
                 f"counting graphbuild's CSV writing and the JVM start too: {whole:,}/s."]  # fmt: skip
        for b in before:
            body += ["", f"Before (commit {b['commit']}: string ids, neo4j-admin's default read "
                     f"buffer, JIT and G1 collector; this script, {b['measured']}, load average "
                     f"{' / '.join(map(str, b['load_average']))}): {b['relationships']:,} relationships, "
                     f"CSV {b['csv_seconds']} s, neo4j-admin {b['admin_seconds']} s with its JVM "
                     f"start, {b['admin_reported_seconds']} s by its own clock = "
                     f"{b['admin_reported_per_s']:,}/s; end to end {b['bulk_per_s']:,}/s."]  # fmt: skip
    else:
        body.append(NOT_MEASURED)
    return "\n".join(body)


def main(argv: list[str] | None = None) -> int:
    return run_section_benchmark(
        NAME,
        __doc__,
        argv,
        ("--statements", {"type": int, "default": 2000 if smoke() else 222_000}),
        measure,
        render,
        after="neo4j_load",
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
