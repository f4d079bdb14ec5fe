"""Score a pipeline on held-out DocBins (the GUM test documents by default).

    python -m training.evaluate MODEL [--data training/corpus/test.spacy] [--out scores.json]

The text of each gold document is re-tokenised and parsed by the pipeline, as
on real input; spaCy's scorer aligns the tokens. Besides spaCy's scores this
reports NER precision/recall/F over the PERSON, ORG and GPE names together,
the figure graphbuild's actor detection depends on.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from training.convert import DEFAULT_OUT

CORE_LABELS = ("PERSON", "ORG", "GPE")


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "gold": tp + fn}


def entity_scores(examples, labels=CORE_LABELS) -> dict:
    """Micro P/R/F over exact character spans of the given labels, and per label with counts."""
    counts = {label: [0, 0, 0] for label in labels}
    for example in examples:
        gold = {(e.start_char, e.end_char, e.label_) for e in example.reference.ents}
        pred = {(e.start_char, e.end_char, e.label_) for e in example.predicted.ents}
        for label in labels:
            g = {s for s in gold if s[2] == label}
            p = {s for s in pred if s[2] == label}
            counts[label][0] += len(g & p)
            counts[label][1] += len(p - g)
            counts[label][2] += len(g - p)
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {"micro": _prf(*total), "per_label": {k: _prf(*v) for k, v in counts.items()}}


def evaluate(model: str | Path, data: Path) -> dict:
    """spaCy's scores plus the PERSON/ORG/GPE micro scores for ``model`` on ``data``."""
    import spacy
    from spacy.tokens import DocBin
    from spacy.training import Example

    nlp = spacy.load(model)
    gold_docs = list(DocBin().from_disk(data).get_docs(nlp.vocab))
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in gold_docs]
    scores = nlp.evaluate(examples)
    # nlp.evaluate annotates copies; parse once more to score the entities ourselves
    predicted = [Example(doc, gold) for doc, gold in zip(nlp.pipe(d.text for d in gold_docs), gold_docs, strict=True)]
    keep = ("token_acc", "pos_acc", "tag_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las",
            "sents_p", "sents_r", "sents_f", "ents_p", "ents_r", "ents_f", "ents_per_type")
    result = {key: scores[key] for key in keep if key in scores}
    result["ents_person_org_gpe"] = entity_scores(predicted)
    result["words"] = sum(len(doc) for doc in gold_docs)
    result["documents"] = len(gold_docs)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--data", type=Path, default=DEFAULT_OUT / "test.spacy")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    try:
        result = evaluate(args.model, args.data)
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
