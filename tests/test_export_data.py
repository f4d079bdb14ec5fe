"""A small hand-written build directory shared by the analytics, export and browser tests.

Written in the build-directory format of docs/architecture.md, so these tests
need neither the trained model nor the extractor. It holds hostile text on
purpose: markup, script tags, quotes, a javascript: URL, U+2028 and non-Latin names.
"""

from __future__ import annotations

from pathlib import Path

from build_dir_fixture import actor_ref, relation_record
from build_dir_fixture import write_build_dir as write_dir

XSS_SCRIPT = "<script>document.title='pwned';document.body.dataset.pwned='script'</script>"
XSS_IMG = '"><img src=x onerror="document.body.dataset.pwned=\'img\'">'
XSS_CLOSE = "</script><script>document.body.dataset.pwned='close'</script>"
EVIL_NAME = f"Evil {XSS_IMG} Front"

ACTORS = [
    {"id": "Q148", "name": "China", "type": "Country", "aliases": ["Beijing"], "wikidata": "Q148"},
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
        "aliases": ["Xi", "习近平"],
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
        "id": "person:antony-blinken",
        "name": "Antony Blinken",
        "type": "Person",
        "aliases": ["Blinken"],
        "country": "United States",
        "country_id": "Q30",
        "wikidata": None,
        "role": "Secretary of State",
    },
    {
        "id": "person:volodymyr-zelensky",
        "name": "Volodymyr Zelensky",
        "type": "Person",
        "aliases": ["Зеленський"],
        "country": "Ukraine",
        "country_id": "Q212",
        "wikidata": None,
        "role": None,
    },
    {"id": "Q7184", "name": "NATO", "type": "Organization", "aliases": [], "wikidata": "Q7184"},
    {
        "id": "group:evil",
        "name": EVIL_NAME,
        "type": "Group",
        "aliases": [XSS_SCRIPT],
        "wikidata": None,
    },
]

ARTICLES = [
    {
        "id": "a1",
        "title": "Xi arrives in Moscow",
        "date": "2023-03-20",
        "url": "https://example.org/xi-moscow",
        "source": "example",
        "text": "Chinese leader Xi Jinping arrived in Moscow.",
    },
    {
        "id": "a2",
        "title": f"Hostile {XSS_SCRIPT} title",
        "date": "2023-03-21",
        "url": "javascript:document.body.dataset.pwned='url'",
        "source": "evil",
        "text": f"{XSS_SCRIPT} {XSS_IMG} {XSS_CLOSE}",
    },
    {
        "id": "a3",
        "title": "Older news",
        "date": "2022-02-24",
        "url": "https://example.org/old",
        "source": "example",
        "text": "Russia attacked Ukraine.",
    },
]


def _ref(actor_id: str) -> dict:
    return actor_ref(next(a for a in ACTORS if a["id"] == actor_id))


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
) -> dict:
    return relation_record(
        _ref(subject), family, kind, _ref(obj), article=article, date=date, sentence=sentence,
        id=f"r{n}", negated=negated, modality=modality, confidence=confidence,
    )  # fmt: skip


RELATIONS = [
    relation(
        1,
        "Q15031",
        "MEETS",
        "VISITS",
        "Q7747",
        "a1",
        "2023-03-20",
        "Xi Jinping arrived in Moscow to meet Putin.",
    ),
    relation(
        2,
        "Q7747",
        "SUPPORTS",
        "PRAISES",
        "Q15031",
        "a1",
        "2023-03-20",
        "Putin praised Xi's leadership.",
    ),
    relation(
        3,
        "Q148",
        "SUPPORTS",
        "AIDS",
        "Q159",
        "a1",
        "2023-03-20",
        "Beijing showed support for Moscow.",
    ),
    relation(
        4,
        "person:antony-blinken",
        "OPPOSES",
        "CRITICIZES",
        "Q148",
        "a1",
        "2023-03-20",
        "Blinken said Xi's visit showed an unwillingness to hold Russia to account.",
    ),
    relation(
        5, "Q159", "OPPOSES", "ATTACKS", "Q212", "a3", "2022-02-24", "Russia attacked Ukraine."
    ),
    relation(
        6,
        "Q159",
        "OPPOSES",
        "ATTACKS",
        "Q212",
        "a1",
        "2023-03-20",
        "Its invasion of Ukraine last year.",
    ),
    relation(
        7, "Q30", "SUPPORTS", "AIDS", "Q212", "a3", "2022-02-24", "Washington sent aid to Kyiv."
    ),
    relation(8, "Q7184", "SUPPORTS", "AIDS", "Q212", "a3", "2022-02-24", "NATO backed Kyiv."),
    relation(
        9,
        "Q30",
        "OPPOSES",
        "SANCTIONS",
        "Q159",
        "a3",
        "2022-02-24",
        "Washington sanctioned Moscow.",
    ),
    relation(
        10,
        "person:volodymyr-zelensky",
        "OPPOSES",
        "CRITICIZES",
        "Q7747",
        "a3",
        "2022-02-24",
        "Зеленський condemned Putin\u2028 again.",
    ),
    # not facts: must never become edges
    relation(
        11,
        "Q148",
        "SUPPORTS",
        "ENDORSES",
        "Q159",
        "a1",
        "2023-03-20",
        "China has not formally endorsed Russia's invasion.",
        negated=True,
    ),
    relation(
        12,
        "Q15031",
        "MEETS",
        "NEGOTIATES",
        "person:volodymyr-zelensky",
        "a1",
        "2023-03-20",
        "Xi may speak to Zelensky.",
        modality="hypothetical",
    ),
    # hostile text everywhere a page shows it
    relation(
        13,
        "group:evil",
        "OPPOSES",
        "THREATENS",
        "Q212",
        "a2",
        "2023-03-21",
        f"They said {XSS_SCRIPT} and {XSS_IMG} then {XSS_CLOSE}",
    ),
]

FACTUAL_EDGES = {  # (subject, object, family) -> statements
    ("Q15031", "Q7747", "MEETS"): 1,
    ("Q7747", "Q15031", "SUPPORTS"): 1,
    ("Q148", "Q159", "SUPPORTS"): 1,
    ("person:antony-blinken", "Q148", "OPPOSES"): 1,
    ("Q159", "Q212", "OPPOSES"): 2,
    ("Q30", "Q212", "SUPPORTS"): 1,
    ("Q7184", "Q212", "SUPPORTS"): 1,
    ("Q30", "Q159", "OPPOSES"): 1,
    ("person:volodymyr-zelensky", "Q7747", "OPPOSES"): 1,
    ("group:evil", "Q212", "OPPOSES"): 1,
}


def write_build_dir(directory: Path, relations: list[dict] | None = None) -> Path:
    """Write the fixture graph as a build directory and return it."""
    return write_dir(
        directory,
        actors=ACTORS,
        articles=ARTICLES,
        relations=RELATIONS if relations is None else relations,
    )
