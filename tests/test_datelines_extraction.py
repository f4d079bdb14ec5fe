"""Wire datelines and HTML headlines, end to end through the shipped model.

A dateline must not become the lead's subject nor cost the lead its relation;
a headline must not be a second evidence sentence for the lead's relation.
Sentences written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild import pipeline
from graphbuild.ingest import Problems, ReadOptions, read_inputs
from graphbuild.nlp import DEFAULT_MODEL_DIR

pytestmark = pytest.mark.skipif(
    not (DEFAULT_MODEL_DIR / "config.cfg").exists(), reason="needs graphbuild's trained model"
)

#: (file text, expected (subject, family, object) of the lead, the dateline's words)
CASES = [
    (
        "BRUSSELS, June 27, 2024 (Reuters) — Polish Prime Minister Donald Tusk criticized "
        "Hungary on Thursday over its stance on sanctions.",
        ("Donald Tusk", "OPPOSES", "Hungary"),
        "2024-06-27",
    ),
    (
        "KYIV, Ukraine — President Volodymyr Zelenskyy thanked Germany for the new air defence "
        "systems, his office said.",
        ("Volodymyr Zelenskyy", "SUPPORTS", "Germany"),
        None,
    ),
    (
        "UNITED NATIONS, March 3 — Secretary-General Antonio Guterres met Iranian Foreign "
        "Minister Abbas Araghchi to discuss the nuclear talks.",
        ("António Guterres", "MEETS", "Abbas Araghchi"),
        None,
    ),
    (
        "WASHINGTON (AP) — President Joe Biden praised Japan for its support of Ukraine.",
        ("Joe Biden", "SUPPORTS", "Japan"),
        None,
    ),
    (
        "LONDON, Jan 5 (Reuters) - British Foreign Secretary David Lammy visited Kyiv, where he "
        "met Ukrainian officials.",
        ("David Lammy", "MEETS", "Ukraine"),
        None,
    ),
]


@pytest.fixture(scope="module")
def extractor() -> pipeline.Extractor:
    return pipeline.get_extractor()


def read_one(path: Path):
    [article] = read_inputs([str(path)], Problems(echo=False), ReadOptions())
    return article


@pytest.mark.parametrize("text, lead, date", CASES, ids=[c[0].split(",")[0][:14] for c in CASES])
def test_the_lead_relation_is_found_and_the_dateline_is_no_actor(
    extractor, tmp_path, text, lead, date
):
    path = tmp_path / "wire.txt"
    path.write_text(text + "\n")
    article = read_one(path)
    result = extractor.process(article)
    triples = {(r["subject"]["name"], r["family"], r["object"]["name"]) for r in result.relations}
    assert lead in triples, triples
    dateline_end = text.index(" — " if " — " in text else " - ") + 3
    for rel in result.relations:
        assert article.text[rel["start"] : rel["end"]] == rel["sentence"]
        assert rel["start"] >= dateline_end, rel["sentence"]  # the evidence starts at the lead
        assert rel["date"] == date
    assert all(m.start >= dateline_end for m in result.mentions), result.mentions


def test_a_headline_and_a_dateline_paragraph_do_not_repeat_the_meeting(extractor, tmp_path):
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Macron meets Scholz in Paris</title></head><body><article>"
        "<h1>Macron meets Scholz in Paris</h1><p>PARIS, Feb 13 (Reuters)</p>"
        "<p>PARIS, Feb 13 (Reuters) - French President Emmanuel Macron met German Chancellor "
        "Olaf Scholz in Paris on Tuesday to discuss support for Ukraine.</p>"
        "<p>The two leaders said they would keep supporting Kyiv.</p></article></body></html>"
    )
    article = read_one(page)
    assert article.place == "Paris"
    result = extractor.process(article)
    pair = [
        r
        for r in result.relations
        if (r["subject"]["name"], r["object"]["name"]) == ("Emmanuel Macron", "Olaf Scholz")
    ]
    assert len(pair) == 1  # from the lead only, not again from the headline
    assert pair[0]["family"] == "MEETS"
    assert pair[0]["sentence"].startswith("French President Emmanuel Macron met")
    for rel in result.relations:
        assert "PARIS" not in rel["sentence"] and "meets Scholz" not in rel["sentence"]
