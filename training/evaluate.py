"""Score a pipeline on held-out DocBins (the GUM test documents by default).

    python -m training.evaluate MODEL [--data training/corpus/test.spacy] [--out scores.json]
    python -m training.evaluate MODEL --uner --data training/corpus/uner_test.spacy
    python -m training.evaluate NEW --baseline OLD      # both, and the paired difference

The text of each gold document is re-tokenised and parsed by the pipeline, as
on real input; spaCy's scorer aligns the tokens. Besides spaCy's scores this
reports NER precision/recall/F over the PERSON, ORG and GPE names together,
the figure graphbuild's actor detection depends on, with a 95% bootstrap
interval over documents (the test sets are small: 20 GUM documents). With
``--uner`` the gold is Universal NER's PER/ORG/LOC and predictions are read
in that scheme (PERSON -> PER; GPE, LOC, FAC -> LOC; NORP and others dropped).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from training.convert import DEFAULT_OUT

CORE_LABELS = ("PERSON", "ORG", "GPE")
UNER_LABELS = ("PER", "ORG", "LOC")
# graphbuild's labels read in Universal NER's scheme (its LOC covers places and facilities)
TO_UNER = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "gold": tp + fn}


def document_counts(examples, labels=CORE_LABELS, relabel: dict | None = None) -> list[dict]:
    """[tp, fp, fn] per label for each document (exact character spans); ``relabel`` maps predictions."""
    per_doc = []
    for example in examples:
        gold = {(e.start_char, e.end_char, e.label_) for e in example.reference.ents}
        pred = {
            (e.start_char, e.end_char, relabel.get(e.label_, "") if relabel else e.label_)
            for e in example.predicted.ents
        }
        counts = {}
        for label in labels:
            g = {s for s in gold if s[2] == label}
            p = {s for s in pred if s[2] == label}
            counts[label] = [len(g & p), len(p - g), len(g - p)]
        per_doc.append(counts)
    return per_doc


def _summed(per_doc: list[dict], labels) -> dict[str, list[int]]:
    return {label: [sum(d[label][i] for d in per_doc) for i in range(3)] for label in labels}


def _scores(counts: dict[str, list[int]]) -> dict:
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {"micro": _prf(*total), "per_label": {k: _prf(*v) for k, v in counts.items()}}


def entity_scores(examples, labels=CORE_LABELS, relabel: dict | None = None) -> dict:
    """Micro P/R/F over exact character spans of the given labels, and per label with counts."""
    return _scores(_summed(document_counts(examples, labels, relabel), labels))


def bootstrap(
    per_doc: list[dict],
    labels,
    baseline: list[dict] | None = None,
    samples: int = 2000,
    seed: int = 0,
) -> dict:
    """95% intervals of micro and per-label F from resampling documents with replacement.

    With ``baseline`` (the same documents scored for another model) it gives the
    interval of the paired difference F(model) - F(baseline) as well.
    """
    rng = random.Random(seed)
    keys = ["micro", *labels]
    draws: dict[str, list[float]] = {k: [] for k in keys}
    diffs: dict[str, list[float]] = {k: [] for k in keys}
    n = len(per_doc)
    for _ in range(samples):
        picks = [rng.randrange(n) for _ in range(n)]
        scored = _scores(_summed([per_doc[i] for i in picks], labels))
        values = {"micro": scored["micro"]["f"], **{k: scored["per_label"][k]["f"] for k in labels}}
        for key in keys:
            draws[key].append(values[key])
        if baseline is not None:
            base = _scores(_summed([baseline[i] for i in picks], labels))
            base_values = {
                "micro": base["micro"]["f"],
                **{k: base["per_label"][k]["f"] for k in labels},
            }
            for key in keys:
                diffs[key].append(values[key] - base_values[key])

    def interval(values: list[float]) -> list[float]:
        ordered = sorted(values)
        return [
            round(ordered[int(0.025 * len(ordered))], 4),
            round(ordered[int(0.975 * len(ordered)) - 1], 4),
        ]

    result = {"samples": samples, "f_interval": {k: interval(v) for k, v in draws.items()}}
    if baseline is not None:
        result["difference_interval"] = {k: interval(v) for k, v in diffs.items()}
    return result


def evaluate(
    model: str | Path,
    data: Path,
    uner: bool = False,
    samples: int = 2000,
    baseline_counts: list[dict] | None = None,
) -> dict:
    """spaCy's scores plus the PERSON/ORG/GPE (``uner``: PER/ORG/LOC) entity scores with intervals.

    The per-document entity counts are returned under ``document_counts`` for a
    paired comparison with another model (``baseline_counts``).
    """
    import spacy
    from spacy.tokens import DocBin
    from spacy.training import Example

    import graphbuild.nlp.gazetteer  # noqa: F401  (registers the graphbuild_gazetteer factory)

    nlp = spacy.load(model)
    gold_docs = list(DocBin().from_disk(data).get_docs(nlp.vocab))
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in gold_docs]
    scores = nlp.evaluate(examples)
    # nlp.evaluate annotates copies; parse once more to score the entities ourselves
    predicted = [
        Example(doc, gold)
        for doc, gold in zip(nlp.pipe(d.text for d in gold_docs), gold_docs, strict=True)
    ]
    keep = (
        "token_acc",
        "pos_acc",
        "tag_acc",
        "morph_acc",
        "lemma_acc",
        "dep_uas",
        "dep_las",
        "sents_p",
        "sents_r",
        "sents_f",
    )
    if not uner:  # spaCy's own entity scores compare label names, meaningless across schemes
        keep += ("ents_p", "ents_r", "ents_f", "ents_per_type")
    result = {key: scores[key] for key in keep if key in scores}
    labels = UNER_LABELS if uner else CORE_LABELS
    per_doc = document_counts(predicted, labels, TO_UNER if uner else None)
    result["ents_uner" if uner else "ents_person_org_gpe"] = _scores(_summed(per_doc, labels))
    result["ents_bootstrap"] = bootstrap(per_doc, labels, baseline_counts, samples)
    result["document_counts"] = per_doc
    result["words"] = sum(len(doc) for doc in gold_docs)
    result["documents"] = len(gold_docs)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--data", type=Path, default=DEFAULT_OUT / "test.spacy")
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--uner",
        action="store_true",
        help="gold in Universal NER's PER/ORG/LOC (training/corpus/uner_test.spacy)",
    )
    parser.add_argument(
        "--baseline", help="another model to score on the same data, with paired differences"
    )
    parser.add_argument(
        "--bootstrap", type=int, default=2000, metavar="N", help="bootstrap samples (default 2000)"
    )
    args = parser.parse_args(argv)
    try:
        result = {}
        baseline_counts = None
        if args.baseline:
            base = evaluate(args.baseline, args.data, args.uner, args.bootstrap)
            baseline_counts = base.pop("document_counts")
            result["baseline"] = {"model": args.baseline, **base}
        scored = evaluate(args.model, args.data, args.uner, args.bootstrap, baseline_counts)
        scored.pop("document_counts")
        result = {"model": args.model, **scored, **result}
    except (OSError, ValueError) as exc:
        print(f"training.evaluate: {exc}", file=sys.stderr)
        return 1
    text = json.dumps(result, indent=2)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
