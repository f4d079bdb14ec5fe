#!/usr/bin/env python
"""Score the actor finder on the role-described actor cases (tests/cases/actors_roles.json).

For every expected span: *actor* counts when a mention of that actor covers the
phrase's last word (its head, which is what the relation step looks at); *coded* when, in addition, its sector (and ``how``, where the case names one)
is the expected one. A phrase listed under ``none`` that gets any mention is a
false mention, and so is a mention of the actor a ``not`` entry names over its text. Results by class and overall:

    python scripts/eval_actor_roles.py            # table
    python scripts/eval_actor_roles.py --json     # the numbers as JSON
    python scripts/eval_actor_roles.py --show     # each miss
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "tests" / "cases" / "actors_roles.json"


def names_of(kb) -> dict[str, str]:
    return {actor.name: actor.id for actor in kb.actors.values()}


def score(cases: list[dict], nlp, kb, show: bool = False) -> dict:
    from graphbuild.actors import find_actors

    ids = names_of(kb)
    by_class: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for case in cases:
        text = case["text"]
        found = find_actors(nlp(text), kb, case.get("date", "2024-06-01"), place=case.get("place"))
        tally = by_class[case["class"]]
        for want in case.get("expect", []):
            start = text.index(want["text"])
            end = start + len(want["text"])
            actor_id = ids.get(want["actor"], want["actor"])
            here = [m for m in found.mentions if m.actor_id == actor_id and m.start < end <= m.end]
            coded = [
                m
                for m in here
                if m.sector == want.get("sector") and m.how == want.get("how", m.how)
            ]
            tally["expected"] += 1
            tally["actor"] += bool(here)
            tally["coded"] += bool(coded)
            if show and not coded:
                got = [(m.text, found.actors[m.actor_id].name, m.how, m.sector) for m in here]
                print(
                    f"MISS {case['id']}: {want['text']!r} -> {want['actor']} "
                    f"{want.get('sector')} {want.get('how', '')}; got {got}"
                )
        for phrase in case.get("none", []):
            start = text.index(phrase)
            end = start + len(phrase)
            wrong = [m for m in found.mentions if m.start < end and start < m.end]
            tally["none"] += 1
            tally["false"] += bool(wrong)
            if show and wrong:
                print(
                    f"FALSE {case['id']}: {phrase!r} -> {[(m.text, m.actor_id, m.how) for m in wrong]}"
                )
        for banned in case.get("not", []):
            start = text.index(banned["text"])
            end = start + len(banned["text"])
            actor_id = ids.get(banned["actor"], banned["actor"])
            wrong = [
                m
                for m in found.mentions
                if m.actor_id == actor_id and m.start < end and start < m.end
            ]
            tally["none"] += 1
            tally["false"] += bool(wrong)
            if show and wrong:
                print(f"FALSE {case['id']}: {banned['text']!r} -> {banned['actor']}")
    total: dict[str, int] = defaultdict(int)
    for tally in by_class.values():
        for key, value in tally.items():
            total[key] += value
    return {"classes": {k: dict(v) for k, v in sorted(by_class.items())}, "total": dict(total)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args(argv)
    from graphbuild.actors import KnowledgeBase
    from graphbuild.nlp import load_pipeline

    cases = json.loads(args.cases.read_text(encoding="utf-8"))["cases"]
    result = score(cases, load_pipeline(), KnowledgeBase.load_default(), args.show)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{'class':<14}{'expected':>9}{'actor':>7}{'coded':>7}{'none':>6}{'false':>7}")
    for name, t in [*result["classes"].items(), ("TOTAL", result["total"])]:
        print(
            f"{name:<14}{t.get('expected', 0):>9}{t.get('actor', 0):>7}{t.get('coded', 0):>7}"
            f"{t.get('none', 0):>6}{t.get('false', 0):>7}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
