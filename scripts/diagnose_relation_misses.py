"""Missed relations of an event gold file, by the shape of the parse between the actors.

For each required relation the extractor misses while both of its actors are found in the
sentence, prints the trigger candidates (words of the lexicon) and the dependency path from
each actor's mention to the nearest one, then counts the misses by path shape. The shape is
the labels climbed from the mention to the meeting point and descended to the trigger
("nsubj^ conj^" = the subject of a verb the trigger is conjoined to).

    PYTHONPATH=$PWD python scripts/diagnose_relation_misses.py eval/plover-gold.json [-v]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from graphbuild.eval import score
from graphbuild.eval_events import RecordPredictions, load_event_gold, roll_up
from graphbuild.pipeline import get_extractor
from graphbuild.records import Article
from graphbuild.relations import extract_relations
from graphbuild.relations.lexicon import load_lexicon
from graphbuild.relations.sentence import variants


def _ancestors(token) -> list:
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def path_shape(start, end) -> tuple[str, int]:
    """Labels up from ``start`` to the common ancestor ('label^'), then down to ``end``."""
    up, down = _ancestors(start), _ancestors(end)
    down_ids = {t.i: n for n, t in enumerate(down)}
    for n, token in enumerate(up):
        if token.i in down_ids:
            climb = [t.dep_ + "^" for t in up[:n]]
            fall = ["v" + t.dep_ for t in reversed(down[: down_ids[token.i]])]
            return " ".join(climb + fall) or "=", n + down_ids[token.i]
    return "(other sentence)", 99


def _head_of(doc, mention):
    span = doc[mention.token_start : mention.token_end]
    return span.root


def _gold_name(gold, actors, actor_id) -> str | None:
    ref = roll_up({"subject": {"id": actor_id, **(actors.get(actor_id) or {})}}, gold, actors)
    return gold.canonical(ref["subject"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    event_gold = load_event_gold(args.gold)
    extractor = get_extractor()
    triggers = load_lexicon().trigger_words
    shapes: Counter[str] = Counter()
    causes: Counter[str] = Counter()
    for record in event_gold.records:
        if record.unscored or not record.gold.required:
            continue
        doc = extractor.nlp(record.text)
        found = __import__("graphbuild.actors", fromlist=["find_actors"]).find_actors(
            doc, extractor.kb, record.date
        )
        article = Article.from_text(record.text, date=record.date, source=record.id)
        relations = extract_relations(doc, found, article)
        actors = {a.id: a.to_dict() for a in found.actors.values()}
        pred = RecordPredictions(relations, actors)
        rolled = [roll_up(r, record.gold, pred.actors) for r in pred.relations]
        report = score(record.gold, rolled)
        missed = report.misses
        by_gold: dict[str, list] = {}
        for mention in found.mentions:
            name = _gold_name(record.gold, actors, mention.actor_id)
            if name and mention.token_start is not None:
                by_gold.setdefault(name, []).append(mention)
        inside = {
            i
            for m in found.mentions
            if m.token_start is not None
            for i in range(m.token_start, m.token_end)
        }
        cands = [
            t
            for t in doc
            if not triggers.isdisjoint(variants(t)) and not t.is_punct and t.i not in inside
        ]
        for miss in missed:
            subj, obj = miss["subject"], miss["object"]
            if subj not in by_gold or obj not in by_gold:
                absent = [n for n in (subj, obj) if n not in by_gold]
                causes["actor not found"] += 1
                if args.verbose:
                    print(f"== {record.id}: {subj} -> {obj}: no actor {absent}")
                continue
            pair_found = any(
                {
                    (r.get("subject") or {}).get("name"),
                    (r.get("object") or {}).get("name"),
                }
                == {subj, obj}
                for r in rolled
            )
            if pair_found:
                causes["pair found, other family"] += 1
                if args.verbose:
                    got = [
                        f"{r.get('kind')}:{(r.get('trigger') or {}).get('text')}"
                        for r in rolled
                        if {
                            (r.get("subject") or {}).get("name"),
                            (r.get("object") or {}).get("name"),
                        }
                        == {subj, obj}
                    ]
                    print(
                        f"== {record.id}: {subj} -> {obj} ({miss['family']}): "
                        f"found as {got}\n   {record.text}"
                    )
                continue
            if not cands:
                causes["no trigger word"] += 1
                if args.verbose:
                    print(f"== {record.id}: {subj} -> {obj}: no trigger\n   {record.text}")
                continue
            causes["both actors, no relation"] += 1
            best = None
            for trig in cands:
                for ms in by_gold[subj]:
                    for mo in by_gold[obj]:
                        s_shape, s_len = path_shape(_head_of(doc, ms), trig)
                        o_shape, o_len = path_shape(_head_of(doc, mo), trig)
                        cost = s_len + o_len
                        if best is None or cost < best[0]:
                            best = (cost, trig, s_shape, o_shape)
            _, trig, s_shape, o_shape = best
            shapes[f"S[{s_shape}]  O[{o_shape}]"] += 1
            if args.verbose:
                print(f"== {record.id}: {subj} -> {obj} ({miss['family']})\n   {record.text}")
                print(f"   triggers: {[t.text for t in cands]}")
                print(f"   nearest '{trig.text}' ({trig.pos_}/{trig.dep_}):")
                print(f"     subject path: {s_shape}\n     object path:  {o_shape}")
    print("\nmisses by cause:")
    for cause, count in causes.most_common():
        print(f"  {count:4d}  {cause}")
    print("\npath shapes (subject side S, object side O) of 'both actors, no relation':")
    for shape, count in shapes.most_common(40):
        print(f"  {count:4d}  {shape}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
