"""The Dask engine from 1 to 2 local workers, beside the local engine.

``graphbuild build CORPUS --out DIR --skip html`` from an empty DIR, on the benchmark
corpus (GUM news, interview, speech and bio documents and the seed article, about
600 words each), three ways: the local engine with 1 process, and ``--engine dask``
on a LocalCluster of 1 and of 2 worker processes (``--shard-size`` small enough to
give every worker several shards). The outputs of all three must be byte-identical.
Worker start-up (each worker loads the spaCy pipeline once) is inside the times.

    nice -n 10 python benchmarks/dask_scaling.py [--articles 300] [--force]

Numbers: benchmarks/data/dask_scaling.json and the dask_scaling section of RESULTS.md.
With GRAPHBUILD_BENCH_SMOKE=1: 20 articles, results under benchmarks/work/smoke/.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time

from corpus import ensure_corpus
from machine import machine_description
from measure import run_command
from results import (
    NOT_MEASURED,
    ROOT,
    ResultStore,
    run_section_benchmark,
    smoke,
    table,
    work_dir,
)

NAME = "dask_scaling"
OUTPUTS = ("articles.jsonl", "actors.jsonl", "relations.jsonl", "mentions.jsonl")
RUNS = {
    "local, 1 process": ["--workers", "1"],
    "dask, 1 worker": ["--engine", "dask", "--workers", "1", "--shard-size", "0.05"],
    "dask, 2 workers": ["--engine", "dask", "--workers", "2", "--shard-size", "0.05"],
}
log = logging.getLogger("bench")


def measure(articles: int, store: ResultStore, force: bool) -> None:
    corpus = ensure_corpus(articles)
    outputs = {}
    for label, options in RUNS.items():
        key = f"{articles}/{label}"
        out = work_dir() / NAME / label.replace(", ", "-").replace(" ", "_")
        if key in store and not force:
            continue
        shutil.rmtree(out, ignore_errors=True)
        command = [sys.executable, "-m", "graphbuild", "-q", "build", str(corpus), "--out", str(out),
                   "--skip", "html", *options]  # fmt: skip
        load_before = os.getloadavg()[0]
        log.info("%s: %s", key, " ".join(command))
        run = run_command(
            command, work_dir() / f"{NAME}.log", env={**os.environ, "PYTHONPATH": str(ROOT)}
        )
        if run.returncode != 0:
            raise SystemExit(f"dask_scaling: {label} failed:\n{run.stderr_tail}")
        outputs[label] = {name: (out / name).read_bytes() for name in OUTPUTS}
        store.put(key, {
            "articles": articles,
            "run": label,
            "seconds": round(run.seconds, 1),
            "articles_per_s": round(articles / run.seconds, 2),
            "peak_mb": run.peak.as_dict()["peak_tree_mb"],
            "load_average_before": round(load_before, 2),
            "load_average_after": round(os.getloadavg()[0], 2),
            "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        })  # fmt: skip
        log.info("%s: %s", key, store.get(key))
    if len(outputs) == len(RUNS):
        first = next(iter(outputs.values()))
        same = all(o == first for o in outputs.values())
        store.put(f"{articles}/identical", same)
        if not same:
            raise SystemExit("dask_scaling: the outputs differ between engines")


def render(store: ResultStore, command: str) -> str:
    info = machine_description()
    body = [
        "## Dask engine: 1 and 2 local workers",
        "",
        f"`{command}` on {info['date']}, commit {info['commit']}; {info['cpu']}. "
        "`graphbuild build CORPUS --skip html` from an empty directory; `--engine dask` runs a "
        "LocalCluster of N worker processes (one thread each) on this machine; times include "
        "starting the cluster and each worker's loading of the pipeline. The machine (2 cores) is "
        "shared with other engineers' jobs: the load average (1 min) is given for each run, and "
        "with other jobs on the cores a second worker cannot double the rate.",
        "",
    ]
    rows, by_size = [], {}
    for key in sorted(k for k in store.entries if not k.endswith("/identical")):
        e = store.get(key)
        by_size.setdefault(e["articles"], {})[e["run"]] = e
    for articles, runs in sorted(by_size.items()):
        base = runs.get("dask, 1 worker")
        for label in RUNS:
            if label not in runs:
                continue
            e = runs[label]
            speedup = f"x{base['seconds'] / e['seconds']:.2f}" if base else ""
            rows.append([articles, label, e["seconds"], e["articles_per_s"], speedup,
                         f"{e['peak_mb']:,.0f}", f"{e['load_average_before']} / {e['load_average_after']}",
                         e["measured"]])  # fmt: skip
        identical = store.get(f"{articles}/identical")
        if identical is not None:
            rows.append(
                [
                    articles,
                    "outputs byte-identical",
                    "yes" if identical else "NO",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
    if rows:
        body.append(table(["articles", "run", "seconds", "articles/s", "vs dask 1 worker",
                           "peak MB", "load average", "measured"], rows))  # fmt: skip
    else:
        body.append(NOT_MEASURED)
    return "\n".join(body)


def main(argv: list[str] | None = None) -> int:
    return run_section_benchmark(
        NAME,
        __doc__,
        argv,
        ("--articles", {"type": int, "default": 20 if smoke() else 300}),
        measure,
        render,
        after="end_to_end",
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
