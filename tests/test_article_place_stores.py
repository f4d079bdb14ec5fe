"""A wire dateline's place reaches every store: articles.jsonl, the embedded Cypher store
and RDF (``dcterms:spatial``), so "what was reported from Kyiv" is one query away."""

from __future__ import annotations

import json

import rdflib

import graphbuild
from graphbuild.stores.embedded import run_query

STORY = (
    "KYIV, Ukraine, March 3, 2025 (Reuters) - Poland's foreign minister met Ukrainian "
    "President Volodymyr Zelensky on Monday to discuss air defence.\n\n"
    "Officials said the talks would continue.\n"
)
UNDATED = "Germany praised France for its help on Tuesday.\n"


def test_the_dateline_place_is_in_articles_the_embedded_store_and_rdf(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "wire.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "news" / "plain.txt").write_text(UNDATED, encoding="utf-8")
    out = tmp_path / "kg"
    graphbuild.build([str(tmp_path / "news")], out=out, workers=1)

    articles = [json.loads(line) for line in (out / "articles.jsonl").read_text().splitlines()]
    places = {a["path"].rsplit("/", 1)[-1]: a.get("place") for a in articles}
    assert places == {"wire.txt": "Kyiv, Ukraine", "plain.txt": None}

    _, rows = run_query(out / "graph.lbug", "MATCH (a:Article) RETURN a.place ORDER BY a.place")
    assert [row[0] for row in rows] == [places["wire.txt"], None]

    graph = rdflib.Graph().parse(out / "graph.ttl")
    spatial = [str(o) for o in graph.objects(None, rdflib.DCTERMS.spatial)]
    assert spatial == [places["wire.txt"]]
