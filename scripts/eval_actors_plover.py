#!/usr/bin/env python
"""Actor coding against the PLOVER gold records (an external check, not a tuning set).

For every source and target actor of a PLOVER gold record that names a country by
its ISO 3166 alpha-3 code, and whose ``actorText`` occurs in the sentence: *found*
when a mention of that country covers the last word of ``actorText``; *sector* when
it also carries the gold sector (gold sectors that graphbuild never gives a named
country, and empty ones, count as agreeing with no sector); *found or affiliated*
when the mention covering it is that country's, or a person's, national body's or
armed group's whose country it is (what the relation eval rolls up to the
country). Reads
``../shared/eval/plover/PLOVER_GSR_CAMEO.txt`` (CC BY-SA 4.0, Open Event Data
Alliance); prints counts only, never the sentences.

    python scripts/eval_actors_plover.py [--records PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO.parent / "shared" / "eval" / "plover" / "PLOVER_GSR_CAMEO.txt"


def iso3_ids() -> dict[str, str]:
    path = REPO / "graphbuild" / "data" / "actors" / "countries.csv"
    with path.open(encoding="utf-8") as handle:
        return {row["iso3"]: row["wikidata"] for row in csv.DictReader(handle) if row["wikidata"]}


def _as_list(value) -> list[dict]:
    """A record's source or target: a list of actor objects, one object, or nothing."""
    if isinstance(value, dict):
        return [value]
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, default=DEFAULT)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from graphbuild.actors import KnowledgeBase, find_actors
    from graphbuild.nlp import load_pipeline

    nlp, kb, ids = load_pipeline(), KnowledgeBase.load_default(), iso3_ids()
    tally: Counter = Counter()
    for record in json.loads(args.records.read_text(encoding="utf-8")):
        text = record.get("text")
        actors = [a for key in ("source", "target") for a in _as_list(record.get(key))]
        if not text or not actors:
            continue
        found = find_actors(nlp(text), kb, record.get("date"))
        for actor in actors:
            actor_id = ids.get(actor.get("code", ""))
            raw = actor.get("actorText") or ""
            if actor_id is None or not raw or raw not in text:
                tally["skipped"] += 1
                continue
            end = text.index(raw) + len(raw)
            here = [m for m in found.mentions if m.actor_id == actor_id and m.start < end <= m.end]
            # a person, national body or armed group of that country (what the relation
            # eval rolls up to the country)
            tally["found or affiliated"] += bool(here) or any(
                m.start < end <= m.end
                and getattr(found.actors.get(m.actor_id), "country_id", None) == actor_id
                for m in found.mentions
            )
            gold_sector = actor.get("sector") or None
            tally["actors"] += 1
            tally["found"] += bool(here)
            tally["sector"] += any(m.sector == gold_sector for m in here) or (
                bool(here) and gold_sector is None
            )
            tally[f"gold {gold_sector}"] += 1
            tally[f"gold {gold_sector} found"] += bool(here)
    print(json.dumps(dict(sorted(tally.items())), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
