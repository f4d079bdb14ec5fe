"""RDF serialisation speed: triples/s of graphbuild's streamed Turtle, N-Triples and JSON-LD.

A synthetic build directory (actors, articles, mentions and relations in the
documented JSONL format, with evidence sentences in several scripts and the
characters that need escaping) is written at each size; every writer then
runs in a fresh process, so its time and peak memory are its own. Streaming
means the peak memory should not grow with the number of statements.

    python benchmarks/rdf_write.py [--sizes 50k,200k] [--force]

Numbers: benchmarks/data/rdf_write.json and the rdf_write section of RESULTS.md.
With GRAPHBUILD_BENCH_SMOKE=1: 2,000 statements, results under benchmarks/work/smoke/.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
from pathlib import Path

from machine import machine_description
from measure import run_command
from results import (
    NOT_MEASURED,
    ResultStore,
    parse_size,
    setup_logging,
    size_label,
    smoke,
    table,
    work_dir,
    write_section,
)
from summary import record_headline

NAME = "rdf_write"
FORMATS = ("ttl", "nt", "jsonld")
STATEMENTS_PER_ARTICLE = 8
log = logging.getLogger("bench")

KINDS = {
    "MEETS": ["MEETS", "VISITS", "HOSTS", "NEGOTIATES", "CALLS"],
    "SUPPORTS": ["PRAISES", "ENDORSES", "AGREES", "ALIGNS", "AIDS", "APPEALS"],
    "OPPOSES": ["CRITICIZES", "ACCUSES", "CONDEMNS", "SANCTIONS", "ATTACKS", "THREATENS"],
}
MODALITIES = ["asserted"] * 6 + ["reported"] * 2 + ["hypothetical", "future"]
SENTENCES = [
    'President {s} said on Monday that "{o} must answer" for the strikes\\ attacks.',
    "{s} met {o} in Geneva for talks\non the ceasefire — the first in 18 months.",
    "{s} a critiqué {o} : « inacceptable », selon l'agence.",
    "{s} 与 {o} 举行会谈，双方同意加强合作。",
    "{s} und {o} unterzeichneten ein Abkommen über Getreideexporte.",
    "Officials in {o} accused {s} of \tviolating the truce 🚀 (report).",
]


def generate(directory: Path, statements: int, seed: int = 7) -> None:
    """A build directory with ``statements`` relations, reproducible from ``seed``."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    types = ["Person"] * 6 + ["Country"] * 2 + ["Organization", "ArmedGroup", "Group"]
    actors = []
    for i in range(max(50, statements // 100)):
        kind = types[i % len(types)]
        actor_id = f"Q{1000 + i}" if i % 3 else f"{kind.lower()}:actor-{i}"
        actors.append(
            {
                "id": actor_id,
                "name": f"Actor {i} “{kind}”",
                "type": kind,
                "aliases": [f"A{i}", f"Alias {i}"],
                "country": None,
                "country_id": None,
                "wikidata": actor_id if actor_id.startswith("Q") else None,
                "role": "minister" if kind == "Person" else None,
            }
        )
    countries = [a for a in actors if a["type"] == "Country"]
    for actor in actors:
        if actor["type"] != "Country":
            country = rng.choice(countries)
            actor["country"], actor["country_id"] = country["name"], country["id"]
    articles = (statements + STATEMENTS_PER_ARTICLE - 1) // STATEMENTS_PER_ARTICLE
    with (
        open(directory / "actors.jsonl", "w", encoding="utf-8") as actors_out,
        open(directory / "articles.jsonl", "w", encoding="utf-8") as articles_out,
        open(directory / "relations.jsonl", "w", encoding="utf-8") as relations_out,
        open(directory / "mentions.jsonl", "w", encoding="utf-8") as mentions_out,
    ):
        for actor in actors:
            actors_out.write(json.dumps(actor, ensure_ascii=False) + "\n")
        written = 0
        for a in range(articles):
            article_id = f"{a:016x}"
            day = f"2023-{1 + a % 12:02d}-{1 + a % 28:02d}"
            article = {
                "id": article_id,
                "text": "",
                "title": f"Story {a}: talks & “tensions”",
                "date": day,
                "url": f'https://news.example/{a}?ref=rss&x="1"',
                "source": "Example Wire",
            }
            articles_out.write(json.dumps(article, ensure_ascii=False) + "\n")
            offset = 0
            for _ in range(min(STATEMENTS_PER_ARTICLE, statements - written)):
                subject, obj = rng.sample(actors, 2)
                family = rng.choice(list(KINDS))
                sentence = rng.choice(SENTENCES).format(s=subject["name"], o=obj["name"])
                rel = {
                    "id": f"r{written:019d}",
                    "subject": {k: subject[k] for k in ("id", "name", "type")},
                    "object": {k: obj[k] for k in ("id", "name", "type")},
                    "family": family,
                    "kind": rng.choice(KINDS[family]),
                    "cameo": "042",
                    "quad_class": "verbal_cooperation",
                    "negated": rng.random() < 0.1,
                    "modality": rng.choice(MODALITIES),
                    "confidence": round(rng.random(), 3),
                    "article_id": article_id,
                    "date": day,
                    "sentence": sentence,
                    "start": offset,
                    "end": offset + len(sentence),
                    "trigger": {"text": "met", "start": offset + 4, "end": offset + 7},
                    "speaker": None,
                }
                offset += len(sentence) + 1
                relations_out.write(json.dumps(rel, ensure_ascii=False) + "\n")
                for actor in (subject, obj):
                    mention = {
                        "article_id": article_id,
                        "actor_id": actor["id"],
                        "text": "x",
                        "start": 0,
                        "end": 1,
                        "how": "name",
                    }
                    mentions_out.write(json.dumps(mention) + "\n")
                written += 1


def write_once(fmt: str, directory: Path, out: Path, result: Path) -> None:
    """Child process: run one writer and save its triple count and time."""
    from graphbuild.graph import KnowledgeGraph
    from graphbuild.stores import rdf

    kg = KnowledgeGraph.load(directory)
    started = time.perf_counter()
    triples = rdf.WRITERS[fmt](kg, out)
    seconds = time.perf_counter() - started
    result.write_text(json.dumps({"triples": triples, "seconds": seconds}), encoding="utf-8")


def measure(size: int, store: ResultStore, force: bool) -> None:
    label = size_label(size)
    base = work_dir() / NAME / label
    kg_dir = base / "kg"
    if force or not (kg_dir / "relations.jsonl").exists():
        log.info("%s: generating %d statements", label, size)
        generate(kg_dir, size)
    for fmt in FORMATS:
        key = f"{label}/{fmt}"
        if key in store and not force:
            continue
        out, result = base / f"graph.{fmt}", base / f"result-{fmt}.json"
        command = [sys.executable, __file__, "--child", fmt, str(kg_dir), str(out), str(result)]
        run = run_command(command, work_dir() / f"{NAME}.log")
        if run.returncode != 0:
            raise SystemExit(f"rdf_write: {fmt} at {label} failed:\n{run.stderr_tail}")
        numbers = json.loads(result.read_text(encoding="utf-8"))
        entry = {
            "statements": size,
            "triples": numbers["triples"],
            "seconds": round(numbers["seconds"], 2),
            "triples_per_s": round(numbers["triples"] / numbers["seconds"]),
            "bytes": out.stat().st_size,
            "peak_mb": run.peak.as_dict()["peak_process_mb"],
            "measured": time.strftime("%Y-%m-%d %H:%M"),
        }
        store.put(key, entry)
        log.info("%s %s: %s", label, fmt, entry)
        out.unlink()


def render(store: ResultStore, sizes: list[int], command: str) -> str:
    info = machine_description()
    names = {"ttl": "Turtle (graph.ttl)", "nt": "N-Triples", "jsonld": "JSON-LD"}
    rows = []
    for size in sizes:
        for fmt in FORMATS:
            entry = store.get(f"{size_label(size)}/{fmt}")
            if entry is None:
                rows.append([f"{size:,}", names[fmt], NOT_MEASURED, "", "", "", ""])
                continue
            rows.append(
                [
                    f"{size:,}",
                    names[fmt],
                    f"{entry['triples']:,}",
                    f"{entry['seconds']:.1f}",
                    f"{entry['triples_per_s']:,}",
                    f"{entry['bytes'] / 1e6:.0f} MB",
                    f"{entry['peak_mb']:.0f} MB",
                ]
            )
    return (
        "## RDF serialisation (graphbuild.stores.rdf)\n\n"
        f"`{command}` on {info['date']}, commit {info['commit']}; {info['cpu']}; "
        f"load average at the end {info['load']} (shared machine). Synthetic build "
        "directory: 8 statements per article, evidence sentences with quotes, "
        "backslashes, tabs, newlines and non-Latin scripts. Each writer runs in its own "
        "process; peak is that process's resident memory (actors and article ids are "
        "held, statements streamed).\n\n"
        + table(
            ["statements", "format", "triples", "seconds", "triples/s", "file", "peak memory"],
            rows,
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=None, help="statements per run (default 50k,200k)")
    parser.add_argument("--force", action="store_true", help="measure again")
    parser.add_argument(
        "--child", nargs=4, metavar=("FORMAT", "DIR", "OUT", "RESULT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        fmt, directory, out, result = args.child
        write_once(fmt, Path(directory), Path(out), Path(result))
        return 0
    setup_logging(NAME)
    sizes = [parse_size(s) for s in (args.sizes or ("2000" if smoke() else "50k,200k")).split(",")]
    store = ResultStore(NAME)
    for size in sizes:
        measure(size, store, args.force)
    command = "python benchmarks/rdf_write.py" + (f" --sizes {args.sizes}" if args.sizes else "")
    write_section(NAME, render(store, sizes, command))
    largest = store.get(f"{size_label(max(sizes))}/ttl"), store.get(f"{size_label(max(sizes))}/nt")
    if all(largest):
        record_headline(
            "RDF serialisation (triples/s)",
            f"Turtle {largest[0]['triples_per_s']:,}, N-Triples {largest[1]['triples_per_s']:,}",
            "",
            f"{max(sizes):,} statements, {largest[0]['measured']}",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
