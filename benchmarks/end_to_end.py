"""End to end: ``graphbuild build`` over 1k, 10k and 100k articles, time and peak memory.

Each size is built from scratch into its own directory with the real command
(extraction, merge, embedded store, RDF, exports; worker processes included),
while a sampler records the peak resident memory of the whole process tree and
when each phase shows up in ``DIR/.staging``. Targets on the 2-core machine:
at least 10 articles/s for ~600-word articles, time linear in the number of
articles, peak memory flat.

    python benchmarks/end_to_end.py --sizes 1k,10k,100k [--workers 2] [--profile]

A size is measured once and saved (benchmarks/data/end_to_end.json); a rerun
skips it (``--force`` measures again) and a size that was cut off starts over.
Progress, with the command's own output, goes to benchmarks/work/end_to_end.log.
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

from corpus import corpus_manifest, corpus_root, ensure_corpus
from measure import run_command
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

NAME = "end_to_end"
TARGET_ARTICLES_PER_S = 10.0
REFERENCE_WORDS = 600  # the target is stated for ~600-word articles
LINEAR_TOLERANCE = (
    1.2  # "linear"/"flat": the largest size costs at most this much more per article / in memory
)
log = logging.getLogger("bench")


def graphbuild_command() -> list[str]:
    """The installed ``graphbuild`` command of this Python environment."""
    script = Path(sys.executable).with_name("graphbuild")
    return [str(script)] if script.exists() else [sys.executable, "-m", "graphbuild"]


class PhaseWatch:
    """Notes when the build directory's staging area gains each output, and logs progress."""

    def __init__(self, out: Path, corpus_bytes: int, every: float = 30.0):
        self.staging = out / ".staging"
        self.corpus_bytes = corpus_bytes
        self.every = every
        self.marks: dict[str, float] = {}
        self._last_log = 0.0

    def __call__(self, elapsed: float) -> None:
        if self.staging.exists():
            self.marks.setdefault("staging", elapsed)
            for item in self.staging.iterdir():
                if not item.name.endswith(".jsonl"):
                    self.marks.setdefault(item.name, elapsed)
        elif "staging" in self.marks:
            self.marks.setdefault("committed", elapsed)
        if elapsed - self._last_log >= self.every:
            self._last_log = elapsed
            articles = self.staging / "articles.jsonl"
            try:
                done = articles.stat().st_size / self.corpus_bytes
            except OSError:
                done = 0.0
            log.info(
                "  %.0f s: extraction about %.0f%% through the corpus",
                elapsed,
                100 * min(done, 1.0),
            )


def phases(marks: dict[str, float], total: float) -> dict[str, float]:
    """Seconds spent starting up, extracting (JSONL), writing derived outputs, committing."""
    start = marks.get("staging", 0.0)
    derived = [t for name, t in marks.items() if name not in ("staging", "committed", "build.json")]
    first_derived = min(derived) if derived else marks.get("build.json", total)
    manifest = marks.get("build.json", total)
    return {
        "startup_s": round(start, 1),
        "extract_s": round(first_derived - start, 1),
        "derived_outputs_s": round(manifest - first_derived, 1),
        "commit_s": round(total - manifest, 1),
    }


def measure_build(folder: Path, out: Path, model: str | None, workers: int, log_path: Path) -> dict:
    """One clean ``graphbuild build`` of ``folder`` into ``out``."""
    shutil.rmtree(out, ignore_errors=True)
    command = [
        *graphbuild_command(),
        "-q",
        "build",
        str(folder),
        "--out",
        str(out),
        "--workers",
        str(workers),
    ]
    if model:
        command += ["--model", model]
    corpus_bytes = sum(p.stat().st_size for p in folder.glob("*.jsonl"))
    watch = PhaseWatch(out, corpus_bytes)
    with open(log_path, "a", encoding="utf-8") as handle:
        handle.write(f"\n$ {' '.join(command)}\n")
    run = run_command(command, log_path, on_sample=watch)
    if run.returncode != 0:
        raise RuntimeError(f"graphbuild build exited with {run.returncode}:\n{run.stderr_tail}")
    counts = json.loads((out / "build.json").read_text(encoding="utf-8")).get("counts", {})
    articles = sum(1 for _ in open(out / "articles.jsonl", encoding="utf-8"))
    outputs = {p.name: _size_mb(p) for p in sorted(out.iterdir()) if not p.name.startswith(".")}
    return {
        "command": " ".join(command),
        "seconds": round(run.seconds, 2),
        "articles": articles,
        "actors": counts.get("actors"),
        "relations": sum((counts.get("relations") or {}).values()),
        **run.peak.as_dict(),
        **phases(watch.marks, run.seconds),
        "outputs_mb": outputs,
    }


def _size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return round(sum(p.stat().st_size for p in files) / 2**20, 1)


def profile_build(folder: Path, model: str | None, label: str) -> Path:
    """cProfile over a whole build at 1 worker, so every phase is in one profile."""
    from profiling import write_report

    profiles = work_dir() / "profiles"
    profiles.mkdir(exist_ok=True)
    out = work_dir() / f"e2e-{label}-profile"
    shutil.rmtree(out, ignore_errors=True)
    stats = profiles / f"build-{label}.pstats"
    command = [sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "graphbuild"]
    command += ["-q", "build", str(folder), "--out", str(out), "--workers", "1"]
    if model:
        command += ["--model", model]
    run = run_command(command, work_dir() / f"{NAME}.log")
    shutil.rmtree(out, ignore_errors=True)
    if run.returncode != 0:
        log.error("profiled build failed (exit %d):\n%s", run.returncode, run.stderr_tail)
        return stats
    title = f"graphbuild build of the {label} corpus, 1 worker (cProfile)"
    text = write_report(stats, profiles / f"build-{label}.txt", title)
    log.info("profile of the build written to %s", text)
    return text


def render(
    store: ResultStore,
    prefix: str,
    labels: list[str],
    manifests: dict[str, dict],
    workers: int,
    model: str,
) -> str:
    rows = []
    for label in labels:
        entry = store.get(f"{prefix}/{label}")
        manifest = manifests.get(label)
        if not entry or not manifest:
            rows.append([label, NOT_MEASURED, "", "", "", "", "", ""])
            continue
        seconds = entry["seconds"]
        per_s = entry["articles"] / seconds
        words_per_s = manifest["words"] / seconds
        reference = words_per_s / REFERENCE_WORDS
        verdict = "met" if reference >= TARGET_ARTICLES_PER_S else "MISSED"
        phase_text = " / ".join(
            f"{entry[k]:.0f}" for k in ("startup_s", "extract_s", "derived_outputs_s", "commit_s")
        )
        rows.append(
            [
                label,
                f"{seconds:,.0f}",
                f"{per_s:.2f}",
                f"{words_per_s:,.0f}",
                f"{reference:.2f} ({verdict})",
                phase_text,
                f"{entry['peak_tree_mb']:,.0f}",
                f"{entry['actors']} / {entry['relations']}",
            ]
        )
    return "\n".join(
        [
            "## End to end: graphbuild build",
            "",
            f"`graphbuild -q build CORPUS --out DIR --workers {workers}` from an empty DIR, "
            "all outputs. "
            f"Model `{model}`. Target: at least {TARGET_ARTICLES_PER_S:g} articles/s for "
            f"~{REFERENCE_WORDS}-word articles (words/s ÷ {REFERENCE_WORDS}), time linear, "
            "peak memory flat.",
            "",
            table(
                [
                    "articles",
                    "seconds",
                    "articles/s",
                    "words/s",
                    f"{REFERENCE_WORDS}-word articles/s (target >= 10)",
                    "phases s: start / extract / outputs / commit",
                    "peak MB (process tree)",
                    "actors / relations",
                ],
                rows,
            ),
            "",
            *scaling_lines(store, prefix, labels),
            "",
            "Measured: "
            + (
                "; ".join(
                    f"{label} on {e['date']} (commit {e.get('commit', '?')}, load {e['load_before']})"
                    for label in labels
                    if (e := store.get(f"{prefix}/{label}"))
                )
                or NOT_MEASURED
            )
            + ".",
            "",
            f"Command: `python benchmarks/end_to_end.py --sizes {','.join(labels)} "
            f"--workers {workers}`. Phases are read from when each output appears in "
            "DIR/.staging, so they are approximate.",
        ]
    )


def scaling(store: ResultStore, prefix: str, labels: list[str]) -> dict[str, float] | None:
    """Cost per article and peak memory of the largest measured size relative to the smallest."""
    measured = [
        (label, store.get(f"{prefix}/{label}"))
        for label in labels
        if store.get(f"{prefix}/{label}")
    ]
    if len(measured) < 2:
        return None
    (small_label, small), (big_label, big) = measured[0], measured[-1]
    return {
        "from": small_label,
        "to": big_label,
        "time_per_article": (big["seconds"] / big["articles"])
        / (small["seconds"] / small["articles"]),
        "peak_memory": big["peak_tree_mb"] / small["peak_tree_mb"],
    }


def scaling_lines(store: ResultStore, prefix: str, labels: list[str]) -> list[str]:
    ratios = scaling(store, prefix, labels)
    if ratios is None:
        return [
            f"Scaling (time per article, peak memory, largest vs smallest size): {NOT_MEASURED}."
        ]

    def verdict(value: float) -> str:
        return "met" if value <= LINEAR_TOLERANCE else "MISSED"

    return [
        f"Scaling from {ratios['from']} to {ratios['to']} articles: "
        f"time per article x{ratios['time_per_article']:.2f} "
        f"({verdict(ratios['time_per_article'])}: linear means <= {LINEAR_TOLERANCE}), peak memory "
        f"x{ratios['peak_memory']:.2f} ({verdict(ratios['peak_memory'])}: "
        f"flat means <= {LINEAR_TOLERANCE})."
    ]


def record_headlines(
    store: ResultStore, prefix: str, labels: list[str], manifests: dict[str, dict], workers: int
) -> None:
    from summary import record_headline

    for label in labels:
        entry = store.get(f"{prefix}/{label}")
        if entry:
            reference = manifests[label]["words"] / entry["seconds"] / REFERENCE_WORDS
            record_headline(
                f"end to end, {label} articles ({REFERENCE_WORDS}-word articles/s)",
                f"{reference:.2f} ({entry['articles'] / entry['seconds']:.2f} articles/s, "
                f"peak {entry['peak_tree_mb']:,.0f} MB)",
                "met" if reference >= TARGET_ARTICLES_PER_S else "MISSED",
                f"{workers} workers, {entry['date']}",
                target=f">= {TARGET_ARTICLES_PER_S:g}",
            )
    ratios = scaling(store, prefix, labels)
    if ratios:
        span = f"{ratios['from']} -> {ratios['to']}, {workers} workers"
        for line, key in (("time per article", "time_per_article"), ("peak memory", "peak_memory")):
            value = ratios[key]
            record_headline(
                f"end to end {line}, largest vs smallest size",
                f"x{value:.2f}",
                "met" if value <= LINEAR_TOLERANCE else "MISSED",
                span,
            )


def measured_labels(
    store: ResultStore, prefix: str, labels: list[str], manifests: dict[str, dict]
) -> list[str]:
    """The sizes asked for plus the sizes measured earlier whose corpus is still on disk,
    smallest first; fills ``manifests`` for the added ones."""
    for key in store.entries:
        label = key.removeprefix(f"{prefix}/")
        if key.startswith(f"{prefix}/") and "/" not in label and label not in manifests:
            manifest = corpus_root() / label / ".corpus.json"
            if manifest.exists():
                manifests[label] = corpus_manifest(manifest.parent)
    return sorted(set(labels) | set(manifests), key=parse_size)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="20,50" if smoke() else "1k,10k,100k", help="comma-separated sizes"
    )
    parser.add_argument("--workers", type=int, default=2, help="--workers for graphbuild build")
    parser.add_argument(
        "--model", default=None, help="spaCy pipeline (default: graphbuild's, or $GRAPHBUILD_MODEL)"
    )
    parser.add_argument(
        "--force", action="store_true", help="measure again what is already measured"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the build directories (they can be large)"
    )
    parser.add_argument(
        "--profile", action="store_true", help="also profile a 1-worker build of the smallest size"
    )
    args = parser.parse_args(argv)
    log_path = setup_logging(NAME)
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    labels = [size_label(s) for s in sizes]
    model = model_label(args.model)
    store = ResultStore(NAME)
    prefix = f"{model_key(args.model)}/w{args.workers}"
    manifests: dict[str, dict] = {}
    failed = False
    for size, label in zip(sizes, labels, strict=True):
        folder = ensure_corpus(size)
        manifests[label] = corpus_manifest(folder)
        key = f"{prefix}/{label}"
        if key in store and not args.force:
            log.info(
                "%s: already measured (%.0f s); --force to measure again",
                key,
                store.get(key)["seconds"],
            )
            continue
        out = work_dir() / f"e2e-{label}"
        log.info("%s: building %d articles into %s", key, size, out)
        load = os.getloadavg()[0]
        try:
            entry = measure_build(folder, out, args.model, args.workers, log_path)
        except RuntimeError as exc:
            log.error("%s: %s", key, exc)
            failed = True
            continue
        entry.update(
            date=time.strftime("%Y-%m-%d"), load_before=round(load, 2), commit=code_version()
        )
        store.put(key, entry)
        log.info(
            "%s: %.0f s, %.2f articles/s, peak %.0f MB",
            key,
            entry["seconds"],
            entry["articles"] / entry["seconds"],
            entry["peak_tree_mb"],
        )
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)
    if args.profile:
        profile_build(ensure_corpus(sizes[0]), args.model, labels[0])
    # the section and the scaling ratios cover every size measured for this model and
    # worker count, not only the sizes of this invocation (`--sizes 100k` adds a row)
    labels = measured_labels(store, prefix, labels, manifests)
    path = write_section(
        NAME,
        render(store, prefix, labels, manifests, args.workers, model),
        after="extract_throughput",
    )
    record_headlines(store, prefix, labels, manifests, args.workers)
    log.info("results in %s", path)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
