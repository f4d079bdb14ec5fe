"""A synthetic build directory shaped like news, for checking that pictures stay readable.

``actors`` actors in a few blocs: members of a bloc support and meet each other,
blocs oppose each other, and actor popularity follows Zipf's law (a few actors
are in most statements), over ``months`` months. A handful of actors are linked
only to each other (a second component) and some are never linked (isolated),
as in real builds. Deterministic for a seed; names are long enough to collide.
"""

from __future__ import annotations

import random
from pathlib import Path

from build_dir_fixture import actor_ref, relation_record, write_build_dir

KINDS = {
    "SUPPORTS": ["PRAISES", "AIDS", "ENDORSES"],
    "OPPOSES": ["CRITICIZES", "SANCTIONS", "ATTACKS"],
    "MEETS": ["VISITS", "NEGOTIATES", "HOSTS"],
}
TYPES = ["Country", "Person", "Person", "Organization", "ArmedGroup"]


def write_picture_build(
    directory: Path,
    actors: int = 500,
    statements: int = 4000,
    blocs: int = 4,
    months: int = 30,
    seed: int = 3,
) -> Path:
    rng = random.Random(seed)
    records = []
    for i in range(actors):
        kind = TYPES[i % len(TYPES)]
        records.append(
            {
                "id": f"actor:{i}",
                "name": f"{kind} {i} of the {['North', 'South', 'East', 'West'][i % 4]}ern League",
                "type": kind,
                "aliases": [],
            }
        )
    linked = records[: int(actors * 0.9)]  # the rest stay isolated
    island = linked[-6:]  # a small second component
    main = linked[:-6]
    bloc = {r["id"]: i % blocs for i, r in enumerate(main)}
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(main))]
    articles = []
    for n in range(max(1, statements // 4)):
        year, month = divmod(n * months // max(1, statements // 4), 12)
        articles.append(
            {
                "id": f"a{n}",
                "title": f"Report {n}",
                "date": f"{2022 + year}-{month + 1:02d}-{1 + n % 28:02d}",
                "url": f"https://example.org/{n}",
                "source": f"outlet {n % 7}",
                "text": f"Report {n}.",
            }
        )
    relations = []
    for n in range(statements):
        a, b = rng.choices(main, weights, k=2)
        if a is b:
            continue
        same = bloc[a["id"]] == bloc[b["id"]]
        family = rng.choices(["SUPPORTS", "MEETS", "OPPOSES"], [6, 3, 1] if same else [1, 2, 6])[0]
        article = articles[n % len(articles)]
        relations.append(
            relation_record(
                actor_ref(a),
                family,
                rng.choice(KINDS[family]),
                actor_ref(b),
                article=article["id"],
                date=article["date"],
                sentence=f"{a['name']} and {b['name']}, statement {n}.",
                id=f"s{n}",
            )  # fmt: skip
        )
    for i, a in enumerate(island):
        b = island[(i + 1) % len(island)]
        relations.append(
            relation_record(
                actor_ref(a),
                "MEETS",
                "VISITS",
                actor_ref(b),
                article=articles[0]["id"],
                date=articles[0]["date"],
                sentence=f"{a['name']} met {b['name']}.",
                id=f"i{i}",
            )  # fmt: skip
        )
    return write_build_dir(directory, actors=records, articles=articles, relations=relations)
