"""Extraction throughput against its physical limit: a plain ``nlp.pipe`` of the same pipeline.

graphbuild cannot extract faster than its spaCy pipeline parses, so the number
that matters is the ratio: the time of ``graphbuild extract`` (library path:
read the corpus, ``graphbuild.pipeline.extract_articles``, one JSON line per
relation) over the time of a plain ``nlp.pipe`` of the same texts, both at 1 and
at 2 worker processes, in the same run. Target: at most 1.25.

    python benchmarks/extract_throughput.py --size 1k [--workers 1,2] [--repeat 2] [--profile]

Measurements are saved as they finish (benchmarks/data/extract_throughput.json);
a rerun skips what is already measured for the same corpus and model (``--force``
measures again). Progress goes to benchmarks/work/extract_throughput.log.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

from corpus import corpus_manifest, ensure_corpus
from results import (
    NOT_MEASURED,
    ResultStore,
    code_version,
    model_key,
    model_label,
    parse_size,
    setup_logging,
    size_label,
    smoke,
    table,
    work_dir,
    write_section,
)

from graphbuild.pipeline import BATCH_ARTICLES

NAME = "extract_throughput"
TARGET_RATIO = 1.25
log = logging.getLogger("bench")


def corpus_texts(folder: Path):
    """The article texts of a corpus folder, streamed in file order."""
    for shard in sorted(folder.glob("*.jsonl")):
        with open(shard, encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)["text"]


def warm_up(folder: Path, model: str | None) -> None:
    """Load the model and knowledge base and parse a few texts: no first-use costs on the clock."""
    from itertools import islice

    from graphbuild.pipeline import get_extractor

    extractor = get_extractor(model)
    for _ in extractor.nlp.pipe(islice(corpus_texts(folder), 8)):
        pass


def progress(what: str, workers: int, articles: int, started: float) -> None:
    if articles % 200 == 0:
        elapsed = time.perf_counter() - started
        log.info("  %s, %d workers: %d articles, %.0f s", what, workers, articles, elapsed)


def measure_plain(folder: Path, model: str | None, workers: int, batch_size: int) -> dict:
    """A plain ``nlp.pipe`` over the corpus texts: the floor for graphbuild's extraction."""
    from graphbuild.nlp import load_pipeline

    nlp = load_pipeline(model)
    articles = tokens = 0
    started = time.perf_counter()
    for doc in nlp.pipe(corpus_texts(folder), batch_size=batch_size, n_process=workers):
        articles += 1
        tokens += len(doc)
        progress("plain nlp.pipe", workers, articles, started)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "articles": articles,
        "tokens": tokens,
        "batch_size": batch_size,
    }


def measure_graphbuild(folder: Path, model: str | None, workers: int, output: Path) -> dict:
    """What ``graphbuild extract CORPUS -o FILE --workers N`` does, minus the process start."""
    from graphbuild.ingest import Problems, ReadOptions, read_inputs
    from graphbuild.pipeline import extract_articles, get_extractor

    get_extractor(model)  # loaded before the clock starts, as for the plain parse
    problems = Problems(echo=False)
    articles = relations = 0
    started = time.perf_counter()
    with open(output, "w", encoding="utf-8") as out:
        for result in extract_articles(
            read_inputs([str(folder)], problems, ReadOptions()), model, workers
        ):
            articles += 1
            for rel in result.relations:
                out.write(json.dumps(rel, ensure_ascii=False) + "\n")
                relations += 1
            progress("graphbuild extract", workers, articles, started)
    seconds = time.perf_counter() - started
    if problems.items:
        log.warning("  %d input problems, first: %s", len(problems.items), problems.items[0])
    return {
        "seconds": seconds,
        "articles": articles,
        "relations": relations,
        "problems": len(problems.items),
    }


def profile_graphbuild(folder: Path, model: str | None, label: str) -> Path:
    """Where graphbuild's extraction spends its time beyond parsing (1 worker, in process)."""
    import cProfile

    from profiling import write_report

    profiles = work_dir() / "profiles"
    profiles.mkdir(exist_ok=True)
    profiler = cProfile.Profile()
    profiler.enable()
    measure_graphbuild(folder, model, 1, work_dir() / f"extract-{label}-profile.jsonl")
    profiler.disable()
    profiler.dump_stats(profiles / f"extract-{label}.pstats")
    text = write_report(
        profiles / f"extract-{label}.pstats",
        profiles / f"extract-{label}.txt",
        f"graphbuild extraction of the {label} corpus, 1 worker (cProfile)",
    )
    log.info("profile written to %s", text)
    return text


def rate(entry: dict, manifest: dict) -> tuple[str, str]:
    seconds = entry["seconds"]
    return f"{entry['articles'] / seconds:.2f}", f"{manifest['words'] / seconds:,.0f}"


def render(
    store: ResultStore, key_prefix: str, manifest: dict, workers: list[int], model: str, label: str
) -> str:
    rows = []
    for w in workers:
        plain, ours = (
            store.get(f"{key_prefix}/plain/w{w}"),
            store.get(f"{key_prefix}/graphbuild/w{w}"),
        )
        plain_rate = rate(plain, manifest) if plain else (NOT_MEASURED, "")
        our_rate = rate(ours, manifest) if ours else (NOT_MEASURED, "")
        if plain and ours:
            ratio = ours["seconds"] / plain["seconds"]
            verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
            ratio_text, relations = f"{ratio:.2f}", ours["relations"]
        else:
            ratio_text, verdict, relations = NOT_MEASURED, "", ""
        rows.append(
            [w, *plain_rate, *our_rate, ratio_text, f"<= {TARGET_RATIO}", verdict, relations]
        )
    measured = [
        store.get(f"{key_prefix}/{e}/w{w}") for w in workers for e in ("plain", "graphbuild")
    ]
    when = sorted({f"{m['date']} (commit {m.get('commit', '?')})" for m in measured if m})
    return "\n".join(
        [
            "## Extraction throughput: graphbuild extract vs plain nlp.pipe",
            "",
            f"Corpus `{label}`: {manifest['articles']} articles, {manifest['words']:,} words "
            f"({manifest['words_per_article']} words/article). Model `{model}`. "
            f"Measured {', '.join(when) or NOT_MEASURED}.",
            "",
            table(
                [
                    "workers",
                    "plain articles/s",
                    "plain words/s",
                    "graphbuild articles/s",
                    "graphbuild words/s",
                    "time ratio",
                    "target",
                    "status",
                    "relations found",
                ],
                rows,
            ),
            "",
            "Plain: `nlp.pipe(texts, batch_size=B, n_process=N)` with graphbuild's batch size "
            "B, texts read from the corpus JSONL. graphbuild: `read_inputs` + "
            "`pipeline.extract_articles(workers=N)` + one JSON "
            "line per relation to a file, as `graphbuild extract CORPUS -o FILE --workers N` does. "
            "Both load the model and parse a few texts before the clock starts; a repeated "
            "measurement keeps the fastest run (the machine is shared).",
            "",
            f"Command: `python benchmarks/extract_throughput.py --size {label} --workers "
            f"{','.join(map(str, workers))}`",
        ]
    )


def measure_once(engine: str, folder: Path, w: int, args, output: Path) -> dict:
    load = os.getloadavg()[0]
    if engine == "plain":
        entry = measure_plain(folder, args.model, w, args.plain_batch_size)
    else:
        entry = measure_graphbuild(folder, args.model, w, output)
    entry.update(date=time.strftime("%Y-%m-%d"), load_before=round(load, 2), commit=code_version())
    return entry


def measure_pair(
    store, key_prefix: str, w: int, args, folder: Path, output: Path, manifest
) -> None:
    """Plain and graphbuild runs in turn (so both see the same load), keeping each one's fastest."""
    keys = {engine: f"{key_prefix}/{engine}/w{w}" for engine in ("plain", "graphbuild")}
    todo = [e for e, key in keys.items() if args.force or key not in store]
    for engine in set(keys) - set(todo):
        log.info("%s: already measured; --force to measure again", keys[engine])
    runs: dict[str, list[dict]] = {engine: [] for engine in todo}
    for attempt in range(args.repeat):
        for engine in todo:
            entry = measure_once(engine, folder, w, args, output)
            log.info(
                "%s, run %d of %d: %.1f s, %.2f articles/s",
                keys[engine],
                attempt + 1,
                args.repeat,
                entry["seconds"],
                entry["articles"] / entry["seconds"],
            )
            runs[engine].append(entry)
    for engine in todo:
        best = min(runs[engine], key=lambda e: e["seconds"])
        best["all_seconds"] = [round(r["seconds"], 2) for r in runs[engine]]
        store.put(keys[engine], best)
        if best["articles"] != manifest["articles"]:
            log.warning(
                "%s: %d of %d articles came through",
                keys[engine],
                best["articles"],
                manifest["articles"],
            )


def record_headlines(store: ResultStore, key_prefix: str, workers: list[int], label: str) -> None:
    from summary import record_headline

    for w in workers:
        plain, ours = (
            store.get(f"{key_prefix}/plain/w{w}"),
            store.get(f"{key_prefix}/graphbuild/w{w}"),
        )
        if plain and ours:
            ratio = ours["seconds"] / plain["seconds"]
            record_headline(
                f"extraction time / plain nlp.pipe, {w} worker{'s' if w > 1 else ''}",
                f"{ratio:.2f}",
                "met" if ratio <= TARGET_RATIO else "MISSED",
                f"{label} corpus, {ours['date']}",
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--size", default="50" if smoke() else "1k", help="corpus size (articles): 50, 1k, ..."
    )
    parser.add_argument("--workers", default="1,2", help="worker counts to measure")
    parser.add_argument(
        "--model", default=None, help="spaCy pipeline (default: graphbuild's, or $GRAPHBUILD_MODEL)"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each measurement; the fastest is kept"
    )
    parser.add_argument(
        "--plain-batch-size",
        type=int,
        default=BATCH_ARTICLES,
        help="nlp.pipe batch size of the plain parse (default: graphbuild's, %(default)s)",
    )
    parser.add_argument(
        "--force", action="store_true", help="measure again what is already measured"
    )
    parser.add_argument(
        "--profile", action="store_true", help="also profile graphbuild's extraction (1 worker)"
    )
    args = parser.parse_args(argv)
    setup_logging(NAME)
    size = parse_size(args.size)
    workers = [int(w) for w in args.workers.split(",")]
    label, model = size_label(size), model_label(args.model)
    folder = ensure_corpus(size)
    manifest = corpus_manifest(folder)
    store = ResultStore(NAME)
    key_prefix = f"{label}/{model_key(args.model)}"
    output = work_dir() / f"extract-{label}.jsonl"
    warm_up(folder, args.model)
    for w in workers:
        measure_pair(store, key_prefix, w, args, folder, output, manifest)
    if args.profile:
        profile_graphbuild(folder, args.model, label)
    # the section shows every worker count measured for this corpus and model, so a run
    # of one count does not drop the rows of the others
    measured = sorted(
        {int(key.rsplit("/w", 1)[1]) for key in store.entries if key.startswith(f"{key_prefix}/")}
        | set(workers)
    )
    path = write_section(
        NAME, render(store, key_prefix, manifest, measured, model, label), after="corpus"
    )
    record_headlines(store, key_prefix, workers, label)
    log.info("results in %s", path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
