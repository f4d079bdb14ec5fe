"""Embedded store write speed: relationships/s of graphbuild.stores.embedded.write_store.

A synthetic build directory (tests/store_fixture.generate_build_dir) is written to a
new LadybugDB store (``graph.lbug``) from scratch; then an increment is measured:
the previous store extended by the last 10% of the articles (the path ``graphbuild
build`` takes when it adds articles). Relationships are counted in the store.

    python benchmarks/store_write.py [--sizes 50000,200000] [--force]

Numbers: benchmarks/data/store_write.json and the store_write section of RESULTS.md.
With GRAPHBUILD_BENCH_SMOKE=1: 2,000 statements, results under benchmarks/work/smoke/.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
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
from graphbuild.stores import embedded  # noqa: E402

NAME = "store_write"
HEADLINE = "embedded store writes (relationships/s)"
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
log = logging.getLogger("bench")


def _split(directory: Path, older: Path, fraction: float = 0.9) -> set[str]:
    """Copy ``directory`` into ``older`` with only the first ``fraction`` of the articles."""
    older.mkdir(parents=True, exist_ok=True)
    lines = (directory / "articles.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    keep = lines[: int(len(lines) * fraction)]
    kept = {json.loads(line)["id"] for line in keep}
    (older / "articles.jsonl").write_text("".join(keep), encoding="utf-8")
    shutil.copy(directory / "actors.jsonl", older / "actors.jsonl")
    for name, key in (("relations.jsonl", "article_id"), ("mentions.jsonl", "article_id")):
        with (
            open(directory / name, encoding="utf-8") as src,
            open(older / name, "w", encoding="utf-8") as dst,
        ):
            for line in src:
                if json.loads(line)[key] in kept:
                    dst.write(line)
    return {json.loads(line)["id"] for line in lines} - kept


def count_relationships(store: Path) -> int:
    return sum(
        embedded.run_query(store, f"MATCH ()-[r:{t}]->() RETURN count(r)")[1][0][0]
        for t in REL_TYPES
    )


def measure(statements: int, store: ResultStore, force: bool) -> None:
    key = str(statements)
    if key in store and not force:
        return
    base = work_dir() / NAME / f"kg-{statements}"
    directory = base / "kg"
    if not (directory / "relations.jsonl").exists():
        log.info("generating %d statements", statements)
        generate_build_dir(
            directory,
            statements,
            actors=max(100, statements // 25),
            articles=max(100, statements // 5),
        )
    expected = expected_counts(directory)
    relationships = sum(expected[t] for t in REL_TYPES)
    target = base / "graph.lbug"
    target.unlink(missing_ok=True)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    embedded.write_store(KnowledgeGraph(directory), target, None)
    seconds = time.perf_counter() - started
    if count_relationships(target) != relationships:
        raise SystemExit("store_write: the store does not hold the expected relationships")

    older = base / "older"
    new_ids = _split(directory, older)
    previous = base / "previous.lbug"
    previous.unlink(missing_ok=True)
    embedded.write_store(KnowledgeGraph(older), previous, None)
    extended = base / "extended.lbug"
    extended.unlink(missing_ok=True)
    started = time.perf_counter()
    embedded.write_store(KnowledgeGraph(directory, new_article_ids=new_ids), extended, previous)
    increment_seconds = time.perf_counter() - started
    if count_relationships(extended) != relationships:
        raise SystemExit("store_write: the extended store differs from the full one")
    entry = {
        "statements": statements,
        "relationships": relationships,
        "seconds": round(seconds, 2),
        "relationships_per_s": round(relationships / seconds),
        "new_articles": len(new_ids),
        "increment_seconds": round(increment_seconds, 2),
        "file_mb": round(target.stat().st_size / 1e6, 1),
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "measured": time.strftime("%Y-%m-%d %H:%M"),
    }
    store.put(key, entry)
    log.info("%s: %s", key, entry)
    for path in (target, previous, extended):
        path.unlink(missing_ok=True)
    shutil.rmtree(older)


def render(store: ResultStore, command: str) -> str:
    info = machine_description()
    rows, best = [], None
    for key in sorted(store.entries, key=int):
        e = store.get(key)
        rows.append([f"{e['statements']:,}", f"{e['relationships']:,}", e["seconds"], f"{e['relationships_per_s']:,}",
                     f"{e['file_mb']} MB", f"{e['new_articles']:,} articles: {e['increment_seconds']} s",
                     f"{e['load_average_before']} / {e['load_average_after']}"])  # fmt: skip
        if best is None or e["relationships"] > best["relationships"]:
            best = e
    body = [
        "## Embedded store writes (graphbuild.stores.embedded, LadybugDB)",
        "",
        f"`{command}` on {info['date']}, commit {info['commit']}; {info['cpu']}; shared machine "
        "(load average, 1 min, before / after each run). A full write makes the schema, upserts the "
        "actors with `UNWIND`, and bulk-loads articles, statements and every relationship with `COPY` "
        "from temporary CSV files; the increment copies the previous store and appends the newest "
        "10% of the articles.",
        "",
        table(
            [
                "statements",
                "relationships",
                "seconds",
                "relationships/s",
                "file",
                "increment",
                "load average",
            ],
            rows,
        )
        if rows
        else NOT_MEASURED,  # fmt: skip
    ]
    if best:
        record_headline(HEADLINE, f"{best['relationships_per_s']:,}", "",
                        f"{best['relationships']:,} relationships, {best['measured']}")  # fmt: skip
    return "\n".join(body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="2000" if smoke() else "50000,200000", help="statements")
    parser.add_argument("--force", action="store_true", help="measure again")
    args = parser.parse_args(argv)
    setup_logging(NAME)
    store = ResultStore(NAME)
    for size in (int(s) for s in args.sizes.split(",")):
        measure(size, store, args.force)
    command = "python benchmarks/store_write.py" + (" " + " ".join(argv) if argv else "")
    write_section(NAME, render(store, command))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
