"""A hand-written build directory for the Cypher store and query tests.

Written in the build-directory format of docs/architecture.md, so these tests
need neither the trained model nor the extractor. It is shaped to exercise the
query library: repeated meetings in both directions over several months, people
who roll up to their countries, a two-hop path, statements that are not facts
(negated, hypothetical, future), an actor that only a relation names, an
undated statement, and text with quotes, backslashes, braces and Cypher keywords.
"""

from __future__ import annotations

import json
from pathlib import Path

from build_dir_fixture import actor_ref, relation_record
from build_dir_fixture import write_build_dir as write_dir

from graphbuild.records import FAMILIES

HOSTILE = "He said \"stop\" \\ then 'MATCH (n) DETACH DELETE n' } { $param RETURN 1 //"

ACTORS = [
    {
        "id": "Q148",
        "name": "China",
        "type": "Country",
        "aliases": ["Beijing", "PRC"],
        "wikidata": "Q148",
    },
    {
        "id": "Q159",
        "name": "Russia",
        "type": "Country",
        "aliases": ["Moscow", "the Kremlin"],
        "wikidata": "Q159",
    },
    {"id": "Q212", "name": "Ukraine", "type": "Country", "aliases": ["Kyiv"], "wikidata": "Q212"},
    {
        "id": "Q30",
        "name": "United States",
        "type": "Country",
        "aliases": ["U.S.", "Washington"],
        "wikidata": "Q30",
    },
    {
        "id": "Q15031",
        "name": "Xi Jinping",
        "type": "Person",
        "aliases": ["Xi", "President Xi"],
        "country": "China",
        "country_id": "Q148",
        "wikidata": "Q15031",
        "role": "President of China",
    },
    {
        "id": "Q7747",
        "name": "Vladimir Putin",
        "type": "Person",
        "aliases": ["Putin"],
        "country": "Russia",
        "country_id": "Q159",
        "wikidata": "Q7747",
        "role": "President of Russia",
    },
    {
        "id": "person:sergei-lavrov",
        "name": "Sergei Lavrov",
        "type": "Person",
        "aliases": ["Lavrov"],
        "country": "Russia",
        "country_id": "Q159",
        "wikidata": None,
        "role": "Foreign Minister of Russia",
    },
    {
        "id": "person:volodymyr-zelensky",
        "name": "Volodymyr Zelensky",
        "type": "Person",
        "aliases": ["Zelensky", "Zelenskyy"],
        "country": "Ukraine",
        "country_id": "Q212",
        "wikidata": None,
        "role": "President of Ukraine",
    },
    {
        "id": "person:oleg-nikolenko",
        "name": "Oleg Nikolenko",
        "type": "Person",
        "aliases": ["Nikolenko"],
        "country": "Ukraine",
        "country_id": "Q212",
        "wikidata": None,
        "role": None,
    },
    {
        "id": "person:antony-blinken",
        "name": "Antony Blinken",
        "type": "Person",
        "aliases": ["Blinken"],
        "country": "United States",
        "country_id": "Q30",
        "wikidata": None,
        "role": "Secretary of State",
    },
    {"id": "Q7184", "name": "NATO", "type": "Organization", "aliases": [], "wikidata": "Q7184"},
    {
        "id": "group:quote-front",
        "name": 'The "Quote\\Back}slash" Front',
        "type": "Group",
        "aliases": ["MATCH (n) RETURN n", "it's"],
        "country": None,
        "country_id": None,
    },
]

ARTICLES = [
    {
        "id": "a1",
        "title": "Xi arrives in Moscow",
        "date": "2023-03-20",
        "url": "https://example.org/a1",
        "source": "example",
        "text": "Chinese leader Xi Jinping arrived in Moscow.",
    },
    {
        "id": "a2",
        "title": "Talks go on",
        "date": "2023-03-21",
        "url": "https://example.org/a2",
        "source": "example",
        "text": "Putin and Xi talked again.",
    },
    {
        "id": "a3",
        "title": "Invasion",
        "date": "2022-02-24",
        "url": None,
        "source": "wire",
        "text": "Russia attacked Ukraine.",
    },
    {
        "id": "a4",
        "title": f"Hostile {HOSTILE}",
        "date": "2023-04-02",
        "url": "https://example.org/a4?q='x'",
        "source": "evil",
        "text": HOSTILE,
    },
    {"id": "a5", "title": None, "date": None, "url": None, "source": None, "text": "Undated news."},
]

_BY_ID = {a["id"]: a for a in ACTORS}
_EXTRA_REFS = {"group:wagner": {"id": "group:wagner", "name": "Wagner Group", "type": "ArmedGroup"}}


def _ref(actor_id: str) -> dict:
    return dict(_EXTRA_REFS[actor_id]) if actor_id in _EXTRA_REFS else actor_ref(_BY_ID[actor_id])


def relation(
    n: int,
    subject: str,
    family: str,
    kind: str,
    obj: str,
    article: str,
    date: str | None,
    sentence: str,
    negated: bool = False,
    modality: str = "asserted",
    confidence: float = 0.9,
    cameo: str | None = None,
    sectors: tuple[str | None, str | None] = (None, None),
) -> dict:
    subject_ref, object_ref = _ref(subject), _ref(obj)
    if sectors != (None, None):  # the role each side acts in ("US diplomats", "Russian troops")
        subject_ref["sector"], object_ref["sector"] = sectors
    return relation_record(
        subject_ref, family, kind, object_ref, article=article, date=date, sentence=sentence,
        id=f"r{n}", negated=negated, modality=modality, confidence=confidence, cameo=cameo,
    )  # fmt: skip


XI, PUTIN, LAVROV = "Q15031", "Q7747", "person:sergei-lavrov"
ZELENSKY, NIKOLENKO, BLINKEN = (
    "person:volodymyr-zelensky",
    "person:oleg-nikolenko",
    "person:antony-blinken",
)
CHINA, RUSSIA, UKRAINE, USA, NATO = "Q148", "Q159", "Q212", "Q30", "Q7184"

RELATIONS = [
    relation(
        1,
        XI,
        "MEETS",
        "VISITS",
        PUTIN,
        "a1",
        "2023-03-20",
        "Xi Jinping arrived in Moscow to meet Putin.",
        cameo="042",
    ),
    relation(
        2,
        PUTIN,
        "MEETS",
        "NEGOTIATES",
        XI,
        "a2",
        "2023-03-21",
        "Putin and Xi held talks.",
        cameo="046",
    ),
    relation(
        3, XI, "MEETS", "NEGOTIATES", PUTIN, "a2", "2023-03-21", "The two leaders talked for hours."
    ),
    relation(
        4,
        PUTIN,
        "SUPPORTS",
        "PRAISES",
        XI,
        "a1",
        "2023-03-20",
        "Putin praised Xi's leadership.",
        cameo="051",
    ),
    relation(
        5,
        CHINA,
        "SUPPORTS",
        "AIDS",
        RUSSIA,
        "a1",
        "2023-03-20",
        "Beijing showed support for Moscow.",
    ),
    relation(
        6,
        BLINKEN,
        "OPPOSES",
        "CRITICIZES",
        CHINA,
        "a1",
        "2023-03-20",
        "Blinken said the visit showed China's unwillingness.",
        modality="reported",
    ),
    relation(
        7, RUSSIA, "OPPOSES", "ATTACKS", UKRAINE, "a3", "2022-02-24", "Russia attacked Ukraine."
    ),
    relation(
        8,
        RUSSIA,
        "OPPOSES",
        "ATTACKS",
        UKRAINE,
        "a1",
        "2023-03-20",
        "Its invasion of Ukraine last year.",
    ),
    relation(
        9, USA, "SUPPORTS", "AIDS", UKRAINE, "a3", "2022-02-24", "Washington sent aid to Kyiv."
    ),
    relation(10, NATO, "SUPPORTS", "AIDS", UKRAINE, "a3", "2022-02-24", "NATO backed Kyiv."),
    relation(
        11,
        ZELENSKY,
        "OPPOSES",
        "CRITICIZES",
        PUTIN,
        "a3",
        "2022-02-24",
        "Zelensky condemned Putin.",
    ),
    relation(
        12,
        NIKOLENKO,
        "OPPOSES",
        "CRITICIZES",
        CHINA,
        "a1",
        "2023-03-20",
        "Nikolenko criticised Beijing.",
        modality="reported",
    ),
    relation(
        13,
        LAVROV,
        "SUPPORTS",
        "AGREES",
        UKRAINE,
        "a4",
        "2023-04-02",
        "Lavrov welcomed Kyiv's offer.",
    ),
    relation(14, ZELENSKY, "MEETS", "HOSTS", BLINKEN, "a4", "2023-04-02", HOSTILE),
    relation(
        15,
        PUTIN,
        "OPPOSES",
        "THREATENS",
        ZELENSKY,
        "a4",
        "2023-04-02",
        "Putin threatened Zelensky.",
    ),
    relation(
        16, "group:wagner", "OPPOSES", "ATTACKS", UKRAINE, "a5", None, "Wagner fighters attacked."
    ),
    relation(17, "group:quote-front", "SUPPORTS", "ENDORSES", RUSSIA, "a4", "2023-04-02", HOSTILE),
    # not facts: never plain edges
    relation(
        18,
        CHINA,
        "SUPPORTS",
        "ENDORSES",
        RUSSIA,
        "a1",
        "2023-03-20",
        "China has not endorsed Russia's invasion.",
        negated=True,
    ),
    relation(
        19,
        XI,
        "MEETS",
        "NEGOTIATES",
        ZELENSKY,
        "a1",
        "2023-03-20",
        "Xi may speak to Zelensky.",
        modality="hypothetical",
    ),
    relation(
        20,
        PUTIN,
        "MEETS",
        "VISITS",
        XI,
        "a2",
        "2023-03-21",
        "Putin will visit Beijing.",
        modality="future",
    ),
    # a demand is a request, not a stance: its own family and relationship type
    relation(
        21,
        USA,
        "REQUESTS",
        "DEMANDS",
        RUSSIA,
        "a3",
        "2022-02-24",
        "US diplomats demanded that Russian troops withdraw.",
        cameo="1056",
        sectors=("GOV", "MIL"),
    ),
]
FACTUAL = [r for r in RELATIONS if not r["negated"] and r["modality"] in ("asserted", "reported")]

MENTIONS = [
    {
        "article_id": "a1",
        "actor_id": XI,
        "text": "Xi Jinping",
        "start": 15,
        "end": 25,
        "how": "name",
    },
    {"article_id": "a1", "actor_id": XI, "text": "Xi", "start": 40, "end": 42, "how": "alias"},
    {
        "article_id": "a1",
        "actor_id": RUSSIA,
        "text": "Moscow",
        "start": 37,
        "end": 43,
        "how": "place",
    },
    {"article_id": "a2", "actor_id": PUTIN, "text": "Putin", "start": 0, "end": 5, "how": "name"},
    {"article_id": "a2", "actor_id": XI, "text": "Xi", "start": 10, "end": 12, "how": "name"},
    {"article_id": "a3", "actor_id": RUSSIA, "text": "Russia", "start": 0, "end": 6, "how": "name"},
    {
        "article_id": "a3",
        "actor_id": UKRAINE,
        "text": "Ukraine",
        "start": 16,
        "end": 23,
        "how": "name",
    },
    {
        "article_id": "a4",
        "actor_id": "group:quote-front",
        "text": "they",
        "start": 0,
        "end": 2,
        "how": "pronoun",
    },
    {
        "article_id": "zz",
        "actor_id": XI,
        "text": "Xi",
        "start": 0,
        "end": 2,
        "how": "name",
    },  # unknown article
]


def write_build_dir(directory: Path, article_ids: set[str] | None = None) -> Path:
    """Write the fixture (or only the given articles and their records) as a build directory."""
    keep = (lambda a: True) if article_ids is None else (lambda a: a in article_ids)
    return write_dir(
        directory,
        actors=ACTORS,
        articles=[a for a in ARTICLES if keep(a["id"])],
        relations=[r for r in RELATIONS if keep(r["article_id"])],
        mentions=[m for m in MENTIONS if keep(m["article_id"]) or m["article_id"] == "zz"],
    )


KINDS = {
    "SUPPORTS": ["PRAISES", "AIDS", "AGREES", "ENDORSES"],
    "OPPOSES": ["CRITICIZES", "ACCUSES", "THREATENS", "SANCTIONS"],
    "MEETS": ["VISITS", "HOSTS", "NEGOTIATES"],
    "REQUESTS": ["APPEALS", "DEMANDS"],
}


def generate_build_dir(
    directory: Path, statements: int, actors: int = 2000, articles: int = 10000, seed: int = 7
) -> Path:
    """A synthetic build directory of any size (for interrupted loads and benchmarks).

    Deterministic for a seed; about 85% of statements are factual; one country per 20
    actors, the others people rolled up to a country; three mentions per article.
    """
    import random

    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    countries = max(1, actors // 20)
    actor_records = []
    for i in range(actors):
        if i < countries:
            actor_records.append(
                {
                    "id": f"country:{i}",
                    "name": f"Country {i}",
                    "type": "Country",
                    "aliases": [f"Capital {i}"],
                    "country": None,
                    "country_id": None,
                }
            )
        else:
            home = rng.randrange(countries)
            actor_records.append(
                {
                    "id": f"person:{i}",
                    "name": f"Person {i}",
                    "type": "Person",
                    "aliases": [f"P{i}"],
                    "country": f"Country {home}",
                    "country_id": f"country:{home}",
                    "role": "Minister",
                }
            )
    article_records = [
        {
            "id": f"g{i:07d}",
            "title": f"News {i}",
            "date": f"{2022 + i % 3}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "url": f"https://example.org/{i}",
            "source": "generated",
            "text": f"Article {i}.",
        }
        for i in range(articles)
    ]
    with open(directory / "actors.jsonl", "w", encoding="utf-8") as handle:
        for record in actor_records:
            handle.write(json.dumps(record) + "\n")
    with open(directory / "articles.jsonl", "w", encoding="utf-8") as handle:
        for record in article_records:
            handle.write(json.dumps(record) + "\n")
    with open(directory / "relations.jsonl", "w", encoding="utf-8") as handle:
        for n in range(statements):
            subject, obj = rng.sample(actor_records, 2)
            family = rng.choice(list(KINDS))
            article = article_records[n % articles]
            sentence = f'{subject["name"]} said "{n}" \\ {{}} RETURN {obj["name"]}.'
            modality = rng.choices(
                ["asserted", "reported", "hypothetical", "future"], [70, 20, 5, 5]
            )[0]
            handle.write(
                json.dumps(
                    {
                        "id": f"s{n:08d}",
                        "family": family,
                        "kind": rng.choice(KINDS[family]),
                        "subject": {k: subject[k] for k in ("id", "name", "type")},
                        "object": {k: obj[k] for k in ("id", "name", "type")},
                        "cameo": None,
                        "quad_class": None,
                        "negated": rng.random() < 0.05,
                        "modality": modality,
                        "confidence": round(rng.random(), 3),
                        "article_id": article["id"],
                        "date": article["date"],
                        "sentence": sentence,
                        "start": 0,
                        "end": len(sentence),
                        "trigger": None,
                        "speaker": None,
                    }
                )
                + "\n"
            )
    with open(directory / "mentions.jsonl", "w", encoding="utf-8") as handle:
        for article in article_records:
            for actor in rng.sample(actor_records, 3):
                handle.write(
                    json.dumps(
                        {
                            "article_id": article["id"],
                            "actor_id": actor["id"],
                            "text": "x",
                            "start": 0,
                            "end": 1,
                            "how": "name",
                        }
                    )
                    + "\n"
                )
    return directory


def expected_counts(directory: Path) -> dict[str, int]:
    """Node and relationship counts a correct load of ``directory`` gives (``count_graph``'s keys)."""
    from graphbuild.graph.knowledge_graph import KnowledgeGraph
    from graphbuild.stores.rows import actor_rows, affiliation_rows, mention_rows, statement_rows

    kg = KnowledgeGraph(directory)
    actors = actor_rows(kg, kg.relations())
    statements = list(statement_rows(kg.relations()))
    article_ids = kg.article_ids()
    counts = {"Actor": len(actors), "Article": len(article_ids), "Statement": len(statements)}
    for actor_type in ("Person", "Country", "Organization", "ArmedGroup", "Group"):
        counts[actor_type] = sum(a["type"] == actor_type for a in actors)
    counts["MENTIONS"] = len(mention_rows(kg.mentions(), {a["id"] for a in actors}, article_ids))
    counts["AFFILIATED_WITH"] = len(affiliation_rows(actors))
    counts["HAS_SUBJECT"] = counts["HAS_OBJECT"] = len(statements)
    counts["FROM_ARTICLE"] = sum(s["article_id"] in article_ids for s in statements)
    for family in FAMILIES:
        counts[family] = sum(s["factual"] and s["family"] == family for s in statements)
    return counts
