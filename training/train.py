"""One command: convert the treebanks, train, evaluate on held-out GUM test, package.

    python -m training.train --corpus ../shared/corpora [--config training/configs/news.cfg]

Training runs ``spacy train`` with the config's fixed seed; the model with the
best dev score (GUM dev documents) gets the gazetteer component after its NER
(``training/gazetteer.py``; ``--no-gazetteer`` leaves it out), is evaluated on the
GUM test documents and packaged into ``graphbuild/models/en_graphbuild_news`` with the config hash,
the data hash and the scores in its meta.json and README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from training.convert import DEFAULT_CORPUS, DEFAULT_OUT, convert
from training.evaluate import evaluate
from training.gazetteer import add_to_model_folder
from training.package import MODEL_DIR, package
from training.readme import model_readme

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = REPO / "training" / "configs" / "news.cfg"
OUTPUT = REPO / "training" / "output"


def train(config: Path, corpus_dir: Path, output: Path, gpu: int, overrides: list[str]) -> Path:
    """Run ``spacy train`` and return the best model's folder."""
    command = [
        sys.executable,
        "-m",
        "spacy",
        "train",
        str(config),
        "--output",
        str(output),
        "--paths.train",
        str(corpus_dir / "train.spacy"),
        "--paths.dev",
        str(corpus_dir / "dev.spacy"),
        "--gpu-id",
        str(gpu),
        "--code",
        str(REPO / "training" / "callbacks.py"),
        *overrides,
    ]
    env = dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "1"))
    subprocess.run(command, check=True, env=env, cwd=REPO)
    return output / "model-best"


def base_model(config: Path, given: Path | None) -> dict | None:
    """The pipeline a fine-tuning config starts from (its ``paths.base_model``, or
    ``given``), with the name, version and frozen components to record in the new
    model's meta; None for a config that trains from scratch."""
    from spacy.util import load_config

    cfg = load_config(config, interpolate=False)
    configured = cfg["paths"].get("base_model")
    if configured is None and given is None:
        return None
    path = Path(given or configured)
    if not path.is_absolute():
        path = REPO / path
    meta_file = path / "meta.json"
    if not meta_file.exists():
        raise SystemExit(f"training.train: base model {path}: no meta.json (give --base-model)")
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    return {
        "path": path,
        "name": meta.get("name"),
        "version": meta.get("version"),
        "frozen": list(cfg["training"].get("frozen_components", [])),
    }


def _speed() -> dict | None:
    """The last parse-speed measurement (benchmarks/parse_speed.py), labelled with its date."""
    path = REPO / "benchmarks" / "data" / "parse_speed.json"
    if not path.exists():
        return None
    record = json.loads(path.read_text(encoding="utf-8"))
    lines = {
        f"{run['processes']} process(es)": f"{run['words_per_s']:,} words/s "
        f"({run['words_per_s_per_process']:,} per process)"
        for run in record.get("runs", [])
    }
    lines["measured"] = (
        f"{record['machine']['date']}, {record['machine']['cpu']}, load average "
        f"{record['machine']['load']} (shared machine); rerun benchmarks/parse_speed.py after a retrain"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--gpu", type=int, default=-1, help="GPU id for training (default CPU)")
    parser.add_argument("--version", default="1.0.0")
    parser.add_argument("--model", type=Path, help="skip training: evaluate and package this model")
    parser.add_argument("--no-package", action="store_true", help="train and evaluate only")
    parser.add_argument(
        "--no-gazetteer",
        action="store_true",
        help="evaluate and package the trained pipeline without the graphbuild_gazetteer "
        "component that otherwise follows its NER (training/gazetteer.py)",
    )
    parser.add_argument(
        "--kb-names",
        type=float,
        default=0.0,
        metavar="SHARE",
        help="draw this share of substituted names from the actor knowledge base "
        "(default 0, as the shipped model; 0.4 was tried, see docs/model.md)",
    )
    parser.add_argument(
        "--uner",
        action="store_true",
        help="join Universal NER labels to the UD EWT trees (tried, not shipped: docs/model.md)",
    )
    parser.add_argument(
        "--kb-person-names",
        type=float,
        default=0.0,
        metavar="SHARE",
        help="draw this share of substituted person names from the knowledge base's people "
        "(default 0, as the shipped model)",
    )
    parser.add_argument(
        "--uner-augment",
        action="store_true",
        help="with --uner: one name-substituted copy of each EWT training chunk with a name",
    )
    parser.add_argument(
        "--base-model",
        type=Path,
        help="for a config that fine-tunes a trained pipeline (news_ner_finetune.cfg): the "
        "pipeline to start from (default: the config's paths.base_model)",
    )
    parser.add_argument(
        "overrides", nargs="*", help="spaCy config overrides, e.g. --training.max_steps 100"
    )
    args, unknown = parser.parse_known_args(argv)
    overrides = args.overrides + unknown
    if not (args.corpus / "gum").is_dir():
        print(f"training.train: {args.corpus}: no gum/ folder; pass --corpus", file=sys.stderr)
        return 1
    manifest = convert(
        args.corpus,
        DEFAULT_OUT,
        kb_share=args.kb_names,
        uner=args.uner,
        person_kb_share=args.kb_person_names,
        uner_augment=args.uner_augment,
    )
    output = OUTPUT / args.config.stem
    base = base_model(args.config, args.base_model)
    from_base = ["--paths.base_model", str(base["path"])] if base else []
    try:
        best = args.model or train(
            args.config, DEFAULT_OUT, output, args.gpu, [*overrides, *from_base]
        )
    except subprocess.CalledProcessError as exc:
        print(
            f"training.train: spacy train failed with exit status {exc.returncode}", file=sys.stderr
        )
        return 1
    if not args.no_gazetteer:  # score the pipeline as it will ship: with the gazetteer
        best = add_to_model_folder(best, output / "model-best-gazetteer")
    scores = evaluate(best, DEFAULT_OUT / "test.spacy")
    scores.pop("document_counts")
    if manifest.get("uner"):
        uner_scores = evaluate(best, DEFAULT_OUT / "uner_test.spacy", uner=True)
        uner_scores.pop("document_counts")
        scores["uner_test"] = uner_scores
    (output.parent / f"{args.config.stem}-test-scores.json").write_text(
        json.dumps(scores, indent=2) + "\n", encoding="utf-8"
    )
    print(
        json.dumps(
            {k: v for k, v in scores.items() if k not in ("ents_per_type", "uner_test")}, indent=2
        )
    )
    if args.no_package:
        return 0
    command = (
        "python -m training.train --corpus CORPUS --config "
        + str(
            args.config.relative_to(REPO)
            if args.config.is_absolute() and args.config.is_relative_to(REPO)
            else args.config
        )
        + (f" --gpu {args.gpu}" if args.gpu >= 0 else "")
        + (f" --kb-names {args.kb_names:g}" if args.kb_names else "")
        + (" --uner" if args.uner else "")
        + (f" --kb-person-names {args.kb_person_names:g}" if args.kb_person_names else "")
        + (" --uner-augment" if args.uner_augment else "")
        + (" --no-gazetteer" if args.no_gazetteer else "")
        + (f" --base-model BASE (= {base['name']} {base['version']})" if base else "")
        + (" " + " ".join(overrides) if overrides else "")
    )
    readme = model_readme(
        args.version,
        args.config,
        manifest,
        scores,
        command,
        date.today().isoformat(),
        _speed(),
        base=base,
    )
    package(
        best,
        args.config,
        manifest,
        scores,
        command,
        args.version,
        MODEL_DIR,
        readme,
        gazetteer=not args.no_gazetteer,
        base=base,
    )
    print(f"packaged {MODEL_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
