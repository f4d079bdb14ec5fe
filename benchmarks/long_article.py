"""One very long article: time and peak memory of ``graphbuild build`` on a single line of text.

A news wire dump or a scraped page can be one line of many megabytes. graphbuild cuts
such an article at sentence ends into parts of ``pipeline.PART_CHARS`` characters and
parses them in batches of at most ``pipeline.BATCH_CHARS``, so memory must stay flat
whatever the size and time must grow linearly. The article is the benchmark corpus's
base documents (seed article and GUM news, interview, speech, bio), whitespace
collapsed and joined into one line until it reaches the size.

    nice -n 10 python benchmarks/long_article.py [--sizes 1,5,20] [--force]

Numbers: benchmarks/data/long_article.json and the long_article section of RESULTS.md.
With GRAPHBUILD_BENCH_SMOKE=1: 0.2 MB only, results under benchmarks/work/smoke/.
"""

from __future__ import annotations

import logging
import os
import resource
import shutil
import sys
import time
from pathlib import Path

from corpus import base_documents, default_gum_dir
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

NAME = "long_article"
LIMIT_MB = 1500  # the bound on peak memory for any single article
log = logging.getLogger("bench")


def write_article(path: Path, megabytes: float) -> int:
    """One line of ``megabytes`` million characters of news-like text; returns its length."""
    docs = base_documents(default_gum_dir(), ROOT / "seeds")
    size = int(megabytes * 1_000_000)
    pieces, held, index = [], 0, 0
    while held < size:
        text = " ".join(docs[index % len(docs)].text.split())
        pieces.append(text)
        held += len(text) + 1
        index += 1
    line = " ".join(pieces)[:size]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(line + "\n", encoding="utf-8")
    return len(line)


def measure(sizes: list[float], store: ResultStore, force: bool) -> None:
    folder = work_dir() / NAME
    for megabytes in sizes:
        key = f"{megabytes:g}"
        if key in store and not force:
            continue
        article = folder / f"article-{key}mb.txt"
        chars = write_article(article, megabytes)
        out = folder / f"kg-{key}mb"
        shutil.rmtree(out, ignore_errors=True)
        log_path = folder / f"build-{key}mb.log"
        log_path.unlink(missing_ok=True)
        command = [sys.executable, "-m", "graphbuild", "build", str(article), "--out", str(out),
                   "--workers", "1", "--skip", "html"]  # fmt: skip
        load_before = os.getloadavg()[0]
        log.info("%s MB: %s", key, " ".join(command))
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        run = run_command(command, log_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (
            cpu_after.ru_stime - cpu_before.ru_stime
        )
        if run.returncode != 0:
            raise SystemExit(f"long_article: build failed on {key} MB:\n{run.stderr_tail}")
        lines = log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        progress = [line for line in lines if "parsed" in line or "parsing in" in line]
        relations = sum(1 for _ in open(out / "relations.jsonl", encoding="utf-8"))
        entry = {
            "megabytes": megabytes,
            "characters": chars,
            "seconds": round(run.seconds, 1),
            "seconds_per_mb": round(run.seconds / megabytes, 1),
            "cpu_seconds": round(cpu, 1),
            "cpu_seconds_per_mb": round(cpu / megabytes, 1),
            "peak_mb": run.peak.as_dict()["peak_tree_mb"],
            "relations": relations,
            "progress_lines": len(progress),
            "load_average_before": round(load_before, 2),
            "load_average_after": round(os.getloadavg()[0], 2),
            "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        }
        store.put(key, entry)
        log.info("%s MB: %s", key, entry)
        shutil.rmtree(out, ignore_errors=True)


def render(store: ResultStore, command: str) -> str:
    info = machine_description()
    body = [
        "## One long article: graphbuild build on a single line of text",
        "",
        f"`{command}` on {info['date']}, commit {info['commit']}; {info['cpu']}. "
        "`graphbuild build FILE --workers 1 --skip html` from an empty directory; peak memory "
        "is the resident memory of the process tree, sampled 5 times a second. The machine is "
        "shared with other engineers' jobs: the load average (1 min, 2 cores) is given for each "
        "run; CPU seconds (user + system of the build process) are what other jobs on the "
        "cores change least, so linearity is read from CPU s per MB.",
        "",
    ]
    rows = []
    for key in sorted(store.entries, key=float):
        e = store.get(key)
        rows.append([e["megabytes"], f"{e['characters']:,}", e["seconds"], e["seconds_per_mb"],
                     e.get("cpu_seconds", "-"), e.get("cpu_seconds_per_mb", "-"),
                     f"{e['peak_mb']:,.0f}", e["relations"], e["progress_lines"],
                     f"{e['load_average_before']} / {e['load_average_after']}", e["measured"]])  # fmt: skip
    if rows:
        body.append(table(["MB", "characters", "seconds", "s per MB", "CPU s", "CPU s per MB", "peak MB", "relations",
                           "progress lines", "load average", "measured"], rows))  # fmt: skip
        worst = max(store.get(k)["peak_mb"] for k in store.entries)
        body += ["", f"Peak memory bound {LIMIT_MB:,} MB: {'met' if worst < LIMIT_MB else 'MISSED'} "
                 f"(largest peak {worst:,.0f} MB)."]  # fmt: skip
    else:
        body.append(NOT_MEASURED)
    return "\n".join(body)


def main(argv: list[str] | None = None) -> int:
    return run_section_benchmark(
        NAME,
        __doc__,
        argv,
        ("--sizes", {"default": "0.2" if smoke() else "1,5,20", "help": "megabytes"}),
        lambda sizes, store, force: measure([float(s) for s in sizes.split(",")], store, force),
        render,
        after="end_to_end",
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
