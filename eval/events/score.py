"""Score the events of a build against eval/events/gold.json: is one happening one event?

    graphbuild build eval/events/articles.jsonl --out /tmp/events-kg
    python eval/events/score.py /tmp/events-kg

Event level: a predicted event is correct when its family, its actors (in any
order for MEETS, else subject then object) and its set of articles are exactly
those of a gold event; precision = correct / predicted events, recall = gold
events found exactly / gold events. Merge level (pairs of statements): of the
pairs of extracted statements put in one event, how many report one gold event
(precision), and of the pairs that report one gold event, how many were put in
one event (recall); this isolates the merge from the extraction.
"""

from __future__ import annotations

import json
import sys
from itertools import combinations
from pathlib import Path

GOLD = Path(__file__).with_name("gold.json")


def _key(family: str, a: str, b: str) -> tuple[str, str, str]:
    return (family, *sorted((a, b))) if family == "MEETS" else (family, a, b)


def score(directory: Path, gold_path: Path = GOLD) -> dict[str, float | int]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["events"]
    urls = {}
    for line in open(directory / "articles.jsonl", encoding="utf-8"):
        article = json.loads(line)
        urls[article["id"]] = article.get("url")
    predicted = [json.loads(line) for line in open(directory / "events.jsonl", encoding="utf-8")]
    with open(directory / "relations.jsonl", encoding="utf-8") as handle:
        relations = {r["id"]: r for r in map(json.loads, handle)}
    gold_sets = [
        (_key(g["family"], *g["actors"]), frozenset(g["articles"]), i) for i, g in enumerate(gold)
    ]
    found = set()
    correct = 0
    statement_event, statement_gold = {}, {}
    for event in predicted:
        key = _key(event["family"], event["subject"]["id"], event["object"]["id"])
        articles = frozenset(urls.get(a) for a in event["articles"])
        match = next((i for k, s, i in gold_sets if k == key and s == articles), None)
        if match is not None:
            correct += 1
            found.add(match)
        for statement in event["statements"]:
            statement_event[statement] = event["id"]
            url = urls.get(relations[statement]["article_id"])
            statement_gold[statement] = next(
                (i for k, s, i in gold_sets if k == key and url in s), None
            )
    together_pred = together_both = together_gold = 0
    for s, t in combinations(sorted(statement_event), 2):
        same_pred = statement_event[s] == statement_event[t]
        same_gold = statement_gold[s] is not None and statement_gold[s] == statement_gold[t]
        together_pred += same_pred
        together_gold += same_gold
        together_both += same_pred and same_gold
    return {
        "gold_events": len(gold),
        "predicted_events": len(predicted),
        "correct_events": correct,
        "event_precision": round(correct / len(predicted), 3) if predicted else 0.0,
        "event_recall": round(len(found) / len(gold), 3) if gold else 0.0,
        "pair_precision": round(together_both / together_pred, 3) if together_pred else 1.0,
        "pair_recall": round(together_both / together_gold, 3) if together_gold else 1.0,
        "statement_pairs_in_one_gold_event": together_gold,
    }


if __name__ == "__main__":
    print(json.dumps(score(Path(sys.argv[1])), indent=2))
