#!/usr/bin/env python
"""Measure actor mention detection and linking on held-out GUM documents.

Gold: GUM's entity layer (CoNLL-U MISC ``Entity=``), keeping the *named* mentions
(at least one PROPN token) of type person, organization or place that carry a
Wikipedia identity. Prediction: ``graphbuild.actors.find_actors`` on the document
text parsed by the project's pipeline, dated by GUM's ``meta::dateCreated``,
keeping named mentions (how = name, alias, metonym, place, title, or a coref
short name).

A prediction matches a gold mention when they share a proper-noun token (one to
one, in text order). Detection is scored as precision / recall / F1, overall and
by gold type. Linking accuracy is over the matched gold mentions whose Wikipedia
identity is in the knowledge base (same name or alias): the prediction must link
to that actor.

``matched_same_kind`` (with its precision, recall and F1) counts a match only when
the predicted actor's type agrees with the gold type in the person/non-person
sense: a gold person needs a Person actor, a gold organisation or place any other
actor. Sharing a proper noun alone lets a place found as a person ("Moravia" as a
new person) count as found; this number does not.

    python scripts/eval_actors_gum.py                      # test split, shipped model
    python scripts/eval_actors_gum.py --split dev --model path/to/model --json out.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_GUM = REPO.parent / "shared" / "corpora" / "gum"
GOLD_TYPES = ("person", "organization", "place")
NAMED_HOWS = ("name", "alias", "metonym", "place", "title")


@dataclass
class GoldMention:
    start: int
    end: int
    etype: str
    identity: str
    proper: set[int] = field(default_factory=set)  # char offsets of PROPN tokens


@dataclass
class Document:
    name: str
    text: str
    gold: list[GoldMention]
    propn_starts: list[int]
    unlinked: list[GoldMention] = field(default_factory=list)  # named, but no Wikipedia identity
    date: str | None = None  # meta::dateCreated, so titles resolve as in a dated article


def split_names(splits_md: Path, split: str) -> list[str]:
    names, current = [], None
    for line in splits_md.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^##\s+(\S+)", line)
        if heading:
            current = heading.group(1)
        elif current == split and line.strip().startswith("*"):
            names.append(line.strip().lstrip("*").strip())
    return names


def _entity_events(value: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Opened (id, fields) and closed ids in one MISC ``Entity=`` value, in order."""
    opens, closes = [], []
    i = 0
    while i < len(value):
        if value[i] == "(":
            j = i + 1
            while j < len(value) and value[j] not in "()":
                j += 1
            content = value[i + 1 : j]
            entity_id = content.split("-", 1)[0]
            opens.append((entity_id, content))
            if j < len(value) and value[j] == ")":
                closes.append(entity_id)
                j += 1
            i = j
        elif value[i].isdigit():
            j = i
            while j < len(value) and value[j].isdigit():
                j += 1
            closes.append(value[i:j])
            i = j + 1
        else:
            i += 1
    return opens, closes


def read_gum(path: Path) -> Document:
    """Rebuild the text (paragraphs as blank lines) and the named gold mentions."""
    pieces: list[str] = []
    offset = 0
    gold: list[GoldMention] = []
    unlinked: list[GoldMention] = []
    open_mentions: dict[str, list[tuple[int, str, set[int]]]] = {}
    propn_starts: list[int] = []
    mwt_end, mwt_space = -1, True
    first_sentence = True
    date = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        created = re.match(r"# meta::dateCreated = (\d{4}-\d{2}-\d{2})", raw)
        if created:
            date = created.group(1)
        if raw.startswith("# newpar") and not raw.startswith("# newpar_"):
            if not first_sentence:
                pieces.append("\n\n")
                offset += 2
            continue
        if raw.startswith("# sent_id"):
            if not first_sentence and pieces and not pieces[-1].endswith(("\n", " ")):
                pieces.append(" ")
                offset += 1
            first_sentence = False
            mwt_end = -1
            continue
        if not raw or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if "-" in cols[0]:
            start_id, end_id = cols[0].split("-")
            mwt_end, mwt_space = int(end_id), "SpaceAfter=No" not in cols[9]
            continue
        if "." in cols[0]:
            continue
        token_id, form, upos, misc = int(cols[0]), cols[1], cols[3], cols[9]
        start = offset
        pieces.append(form)
        offset += len(form)
        if token_id < mwt_end:
            space = False
        elif token_id == mwt_end:
            space = mwt_space
            mwt_end = -1
        else:
            space = "SpaceAfter=No" not in misc
        if upos == "PROPN":
            propn_starts.append(start)
            for stack in open_mentions.values():
                for _, _, proper in stack:
                    proper.add(start)
        entity = next((p[7:] for p in misc.split("|") if p.startswith("Entity=")), "")
        opens, closes = _entity_events(entity)
        for entity_id, content in opens:
            proper = {start} if upos == "PROPN" else set()
            open_mentions.setdefault(entity_id, []).append((start, content, proper))
        for entity_id in closes:
            stack = open_mentions.get(entity_id)
            if not stack:
                continue
            begin, content, proper = stack.pop()
            fields = content.split("-")
            etype = fields[1] if len(fields) > 1 else ""
            identity = "-".join(fields[7:]) if len(fields) > 7 else ""
            if etype in GOLD_TYPES and proper:
                mention = GoldMention(begin, offset, etype, identity, set(proper))
                (gold if identity else unlinked).append(mention)
        if space:
            pieces.append(" ")
            offset += 1
    text = "".join(pieces)
    return Document(path.stem, text, gold, propn_starts, unlinked, date)


def predicted(found, doc) -> list:
    """Named mentions only: names, aliases, metonyms, places and short names."""
    keep = []
    for mention in found.mentions:
        if mention.how in NAMED_HOWS:
            keep.append(mention)
        elif mention.how == "coref" and any(
            t.pos_ == "PROPN" for t in doc[mention.token_start : mention.token_end]
        ):
            keep.append(mention)
    seen, unique = set(), []
    for mention in keep:  # "the two leaders" gives one mention per actor; count the span once
        if (mention.start, mention.end) not in seen:
            seen.add((mention.start, mention.end))
            unique.append(mention)
    return unique


def kb_actor_for(kb, identity: str):
    """The KB actor a Wikipedia identity names: by name or alias, not by capital city
    ("Ottawa" is a place of its own in GUM, not Canada)."""
    name = identity.replace("_", " ")
    name = re.sub(r"\s*\(.*\)$", "", name)  # "Georgia_(country)" -> "Georgia"
    for actor in kb.find_all(name):
        hows = {e.how for e in kb.surfaces.get(actor.name, [])}
        named = [e for e in kb.surfaces.get(name, []) if e.actor_id == actor.id]
        if (
            named
            and any(e.how in ("name", "alias") for e in named)
            or (hows and actor.name == name)
        ):
            return actor
    return None


def same_kind(gold_type: str, actor_type: str) -> bool:
    """Person/non-person agreement: a gold person needs a Person actor, a gold
    organisation or place any other actor (a country, body, armed group, group)."""
    return (gold_type == "person") == (actor_type == "Person")


def match_mentions(
    gold: list[GoldMention], pred_proper: list[set[int]], kinds: list[str] | None = None
) -> dict[int, int]:
    """Gold index -> prediction index, one to one, best overlap of proper-noun tokens
    first. With ``kinds`` (each prediction's actor type), a pair counts only when
    ``same_kind`` agrees, so a place found as a person is not found."""
    pairs = []
    for g, mention in enumerate(gold):
        for i, proper in enumerate(pred_proper):
            if kinds is not None and not same_kind(mention.etype, kinds[i]):
                continue
            shared = proper & mention.proper
            if shared:
                pairs.append((len(shared) / len(proper | mention.proper), g, i))
    gold_match: dict[int, int] = {}
    used = set()
    for _, g, i in sorted(pairs, reverse=True):
        if g not in gold_match and i not in used:
            gold_match[g] = i
            used.add(i)
    return gold_match


def _scored_predictions(document: Document, pred_proper: list[set[int]], used: set[int]) -> int:
    """Predictions that count for precision: matched ones, and unmatched ones that do not
    fall on a name GUM gives no identity (those are not scored)."""
    return sum(
        1
        for i, proper in enumerate(pred_proper)
        if i in used or not any(proper & u.proper for u in document.unlinked)
    )


def _prf(matched: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(documents: list[Document], nlp, kb) -> dict:
    from graphbuild.actors import find_actors

    counts = Counter()
    by_type = {t: Counter() for t in GOLD_TYPES}
    errors: list[str] = []
    parse_s = actors_s = 0.0
    texts = [d.text for d in documents]
    start = time.perf_counter()
    docs = list(nlp.pipe(texts))
    parse_s = time.perf_counter() - start
    for document, doc in zip(documents, docs, strict=True):
        t0 = time.perf_counter()
        found = find_actors(doc, kb, document.date)
        actors_s += time.perf_counter() - t0
        preds = predicted(found, doc)
        pred_proper = [{s for s in document.propn_starts if m.start <= s < m.end} for m in preds]
        gold_match = match_mentions(document.gold, pred_proper)
        used = set(gold_match.values())
        kinds = [found.actors[m.actor_id].type for m in preds]
        same = match_mentions(document.gold, pred_proper, kinds)
        counts["matched_same_kind"] += len(same)
        for g in same:
            by_type[document.gold[g].etype]["matched_same_kind"] += 1
        counts["predicted_same_kind"] += _scored_predictions(
            document, pred_proper, set(same.values())
        )
        for g, gold in enumerate(document.gold):
            by_type[gold.etype]["gold"] += 1
            counts["gold"] += 1
            known = kb_actor_for(kb, gold.identity)
            if known is not None:
                counts["gold_in_kb"] += 1
                by_type[gold.etype]["in_kb"] += 1
            match = gold_match.get(g)
            if match is None:
                if known is not None:
                    missed = document.text[gold.start : gold.end]
                    errors.append(f"{document.name}: missed {missed!r} ({gold.identity})")
                continue
            counts["matched"] += 1
            by_type[gold.etype]["matched"] += 1
            if known is not None:
                by_type[gold.etype]["in_kb_found"] += 1
                counts["link_total"] += 1
                pred = preds[match]
                if pred.actor_id == known.id:
                    counts["link_correct"] += 1
                else:
                    errors.append(
                        f"{document.name}: {pred.text!r} linked to {pred.actor_id}, "
                        f"gold {gold.identity} ({known.id})"
                    )
        for i, mention in enumerate(preds):
            if i in used:
                counts["predicted"] += 1
            elif any(pred_proper[i] & u.proper for u in document.unlinked):
                counts["unlinked_named"] += 1  # a real name GUM gives no identity: not scored
            else:
                counts["predicted"] += 1
                where = f"{mention.text!r} -> {mention.actor_id} ({mention.how})"
                errors.append(f"{document.name}: spurious {where}")
    precision, recall, f1 = _prf(counts["matched"], counts["predicted"], counts["gold"])
    same_p, same_r, same_f1 = _prf(
        counts["matched_same_kind"], counts["predicted_same_kind"], counts["gold"]
    )
    return {
        "documents": len(documents),
        "gold_mentions": counts["gold"],
        "predicted_mentions": counts["predicted"],
        "matched": counts["matched"],
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "recall_by_type": {
            t: round(c["matched"] / c["gold"], 3) if c["gold"] else None for t, c in by_type.items()
        },
        # person/non-person agreement (``same_kind``): a place found as a person is a miss
        "matched_same_kind": counts["matched_same_kind"],
        "predicted_same_kind": counts["predicted_same_kind"],
        "precision_same_kind": round(same_p, 3),
        "recall_same_kind": round(same_r, 3),
        "f1_same_kind": round(same_f1, 3),
        "recall_same_kind_by_type": {
            t: round(c["matched_same_kind"] / c["gold"], 3) if c["gold"] else None
            for t, c in by_type.items()
        },
        "recall_of_kb_identities_by_type": {
            t: round(c["in_kb_found"] / c["in_kb"], 3) if c["in_kb"] else None
            for t, c in by_type.items()
        },
        "recall_of_kb_identities": round(counts["link_total"] / counts["gold_in_kb"], 3)
        if counts["gold_in_kb"]
        else None,
        "predictions_on_unlinked_names": counts["unlinked_named"],
        "gold_by_type": {t: c["gold"] for t, c in by_type.items()},
        "gold_in_kb": counts["gold_in_kb"],
        "linking_total": counts["link_total"],
        "linking_correct": counts["link_correct"],
        "linking_accuracy": round(counts["link_correct"] / counts["link_total"], 3)
        if counts["link_total"]
        else None,
        "parse_seconds": round(parse_s, 2),
        "actors_seconds": round(actors_s, 2),
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--gum", type=Path, default=DEFAULT_GUM, help=f"GUM folder (default {DEFAULT_GUM})"
    )
    parser.add_argument("--split", default="test", help="split in splits.md (default: test)")
    parser.add_argument(
        "--model", help="spaCy pipeline (default: the shipped one, or $GRAPHBUILD_MODEL)"
    )
    parser.add_argument("--json", type=Path, help="also write the full result, with errors, here")
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print the first N errors"
    )
    args = parser.parse_args(argv)

    sys.path.insert(0, str(REPO))
    from graphbuild.actors import KnowledgeBase
    from graphbuild.nlp import ModelError, load_pipeline

    splits = args.gum / "splits.md"
    if not splits.exists():
        print(f"error: {splits} not found (give --gum)", file=sys.stderr)
        return 2
    names = split_names(splits, args.split)
    paths = [
        args.gum / f"{name}.conllu" for name in names if (args.gum / f"{name}.conllu").exists()
    ]
    if not paths:
        print(f"error: no {args.split} documents of {splits} are in {args.gum}", file=sys.stderr)
        return 2
    try:
        nlp = load_pipeline(args.model)
    except ModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    documents = [read_gum(p) for p in paths]
    result = evaluate(documents, nlp, KnowledgeBase.load_default())
    result["split"] = args.split
    result["model"] = args.model or "shipped"
    summary = {k: v for k, v in result.items() if k != "errors"}
    print(json.dumps(summary, indent=2))
    for line in result["errors"][: args.errors]:
        print(line)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
