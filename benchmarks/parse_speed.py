"""Parse speed of the spaCy pipeline graphbuild uses: words/s with ``nlp.pipe``.

The physical limit of extraction: every article goes through this pipeline.
Texts are the held-out GUM test documents (raw text rebuilt from CoNLL-U),
repeated to the requested number of words; timed at 1 and 2 processes, after
a warm-up, process start-up included. Target: >= 5,000 words/s per process.

    python benchmarks/parse_speed.py [--words 60000] [--processes 1,2] [--corpus ../shared/corpora]

Honours GRAPHBUILD_MODEL (the pipeline, default the shipped one) and
GRAPHBUILD_BENCH_SMOKE=1 (a few thousand words, RESULTS.md untouched).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from machine import machine_description
from results import ROOT, atomic_write, data_dir, smoke, table, write_section

from graphbuild.nlp import load_pipeline, model_name

TARGET_PER_PROCESS = 5000
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora"


def gum_test_texts(corpus: Path) -> list[str]:
    """The raw text of each GUM test document (``# text =`` lines, one paragraph per sentence)."""
    splits = (corpus / "gum" / "splits.md").read_text(encoding="utf-8")
    test_section = splits.split("## test", 1)[1].split("##", 1)[0]
    test_ids = {
        line.strip(" *") for line in test_section.splitlines() if line.strip().startswith("*")
    }
    texts = []
    for doc_id in sorted(test_ids):
        path = corpus / "gum" / f"{doc_id}.conllu"
        if path.exists():
            lines = path.read_text(encoding="utf-8").splitlines()
            sentences = [
                line.split("=", 1)[1].strip() for line in lines if line.startswith("# text =")
            ]
            texts.append(" ".join(sentences))
    return texts


def fallback_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def measure(texts: list[str], processes: int, batch_size: int = 16) -> dict:
    nlp = load_pipeline()
    start = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, n_process=processes, batch_size=batch_size))
    seconds = time.perf_counter() - start
    return {
        "processes": processes,
        "words": words,
        "seconds": round(seconds, 2),
        "words_per_s": round(words / seconds),
        "words_per_s_per_process": round(words / seconds / processes),
        "load_after": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=3000 if smoke() else 60000)
    parser.add_argument("--processes", default="1,2")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)

    base = gum_test_texts(args.corpus) if (args.corpus / "gum").is_dir() else fallback_texts()
    source = "GUM test documents" if (args.corpus / "gum").is_dir() else "the seed article"
    nlp = load_pipeline()
    sizes = [len(nlp.make_doc(text)) for text in base]
    texts, words = [], 0
    while words < args.words:
        for text, size in zip(base, sizes, strict=True):
            texts.append(text)
            words += size
            if words >= args.words:
                break
    list(nlp.pipe(texts[:3]))  # warm-up: lazy tables, first allocations
    info = machine_description()
    runs = [measure(texts, int(p)) for p in args.processes.split(",")]
    for run in runs:
        print(json.dumps(run), file=sys.stderr)
    record = {"model": model_name(), "source": source, "machine": info, "runs": runs}
    atomic_write(data_dir() / "parse_speed.json", json.dumps(record, indent=2) + "\n")

    rows = [
        [
            r["processes"],
            f"{r['words']:,}",
            r["seconds"],
            f"{r['words_per_s']:,}",
            f"{r['words_per_s_per_process']:,}",
            "met" if r["words_per_s_per_process"] >= TARGET_PER_PROCESS else "below",
            r["load_after"],
        ]
        for r in runs
    ]
    body = (
        "## Parse speed: the spaCy pipeline alone (benchmarks/parse_speed.py)\n\n"
        f"`python benchmarks/parse_speed.py --words {args.words}` on {info['date']}, "
        f"commit {info['commit']}; {info['cpu']}; load average at the start {info['load']} "
        f"(shared machine). Pipeline `{Path(model_name()).name}` as loaded by "
        f"`graphbuild.nlp.load_pipeline`; texts: {source}, repeated; `nlp.pipe`, batch 16, "
        f"process start-up included. Target: >= {TARGET_PER_PROCESS:,} words/s per process.\n\n"
        + table(
            [
                "processes",
                "words",
                "seconds",
                "words/s",
                "words/s per process",
                "target",
                "load after",
            ],
            rows,
        )
    )
    write_section("parse_speed", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
