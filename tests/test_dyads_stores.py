"""DYAD relationships in the stores: the aggregates of graph.dyads, the same in every engine.

The build is the one of tests/test_events.py (one state visit told by three articles of
two outlets, a later visit, a strike reported twice, a hypothetical that counts nowhere).
"""

from __future__ import annotations

import json

from build_dir_fixture import write_jsonl
from jsonschema import Draft202012Validator
from test_events import ARTICLES, PUTIN, RELATIONS, XI, _rel
from test_events import build as build  # noqa: F401 - the fixture, reused

from graphbuild.graph import KnowledgeGraph
from graphbuild.graph.dyads import DYAD_FIELDS, build_dyads, dyad_row
from graphbuild.graph.events import write_events
from graphbuild.schemas import load_schema
from graphbuild.stores import embedded

DYAD_QUERY = (
    "MATCH (a:Actor)-[d:DYAD]->(b:Actor) RETURN a.id AS subject, b.id AS object, "
    + ", ".join(f"d.{name} AS {name}" for name in DYAD_FIELDS)
    + " ORDER BY subject, object, family"
)


def _expected(directory) -> list[list]:
    return [
        [d["subject"], d["object"], *dyad_row(d).values()]
        for d in build_dyads(KnowledgeGraph.load(directory))
    ]


def test_dyad_records_match_their_schema_and_count_events(build):  # noqa: F811
    write_events(KnowledgeGraph.load(build), build / "events.jsonl")
    records = build_dyads(KnowledgeGraph.load(build))
    validator = Draft202012Validator(load_schema("dyad.schema.json"))
    for record in records:
        assert list(validator.iter_errors(json.loads(json.dumps(record)))) == []
    visits = next(r for r in records if (r["subject"], r["family"]) == (XI["id"], "MEETS"))
    counts = [visits[n] for n in ("statements", "events", "articles", "sources")]
    assert counts == [3, 2, 3, 2]  # s1, s3, s4 of two events; the hypothetical s8 is not counted
    assert (visits["first_date"], visits["last_date"]) == ("2023-03-20", "2023-07-02")
    broken = {**records[0], "stance": 2.0}
    assert list(validator.iter_errors(broken)), "a stance outside [-1, 1] must not validate"


def test_dyads_in_the_embedded_store_follow_each_build(build, monkeypatch):  # noqa: F811
    write_events(KnowledgeGraph.load(build), build / "events.jsonl")
    embedded.write_store(KnowledgeGraph.load(build), build / "graph.lbug")
    columns, rows = embedded.run_query(build, DYAD_QUERY)
    assert columns == ["subject", "object", *DYAD_FIELDS]
    assert rows == _expected(build) and len(rows) == 3
    # a later build adds an article: the store is extended, the dyads rewritten whole
    previous = build / "previous.lbug"
    (build / "graph.lbug").rename(previous)
    more = [*ARTICLES, {"id": "a6", "title": "Visit ends", "date": "2023-03-24",
                        "source": "radio", "url": None, "text": "......"}]  # fmt: skip
    late = _rel(13, PUTIN, "MEETS", "VISITS", XI, "a6", "2023-03-24", "Xi left Moscow today.")
    write_jsonl(build / "articles.jsonl", more)
    write_jsonl(build / "relations.jsonl", [*RELATIONS, late])
    write_events(KnowledgeGraph.load(build), build / "events.jsonl")
    extended = []
    real_extend = embedded._try_extend
    monkeypatch.setattr(
        embedded, "_try_extend", lambda *a: extended.append(real_extend(*a)) or extended[-1]
    )
    embedded.write_store(KnowledgeGraph(build, new_article_ids={"a6"}), build / "graph.lbug",
                         previous)  # fmt: skip
    assert extended == [True]
    _, rows = embedded.run_query(build, DYAD_QUERY)
    assert rows == _expected(build)
    putin = next(r for r in rows if r[0] == PUTIN["id"] and r[2] == "MEETS")
    assert (putin[3], putin[5], putin[6], putin[8]) == (2, 2, 2, "2023-03-24")


def test_dyads_load_into_neo4j_alike_and_again_without_change(
    build,  # noqa: F811
    neo4j_empty,
    neo4j_settings,
):
    from graphbuild.stores import neo4j as neo4j_store

    write_events(KnowledgeGraph.load(build), build / "events.jsonl")
    embedded.write_store(KnowledgeGraph.load(build), build / "graph.lbug")
    _, on_embedded = embedded.run_query(build, DYAD_QUERY)
    report = neo4j_store.load_graph(KnowledgeGraph.load(build), neo4j_empty, neo4j_settings)
    assert report.dyads == 3
    columns, rows = neo4j_store.run_query(neo4j_empty, neo4j_settings, DYAD_QUERY)
    assert (columns, rows) == (["subject", "object", *DYAD_FIELDS], on_embedded)
    neo4j_store.load_graph(KnowledgeGraph.load(build), neo4j_empty, neo4j_settings)
    assert neo4j_store.run_query(neo4j_empty, neo4j_settings, DYAD_QUERY)[1] == on_embedded
    # a new article changes a dyad's counts: the load replaces it, it does not add one
    more = [*ARTICLES, {"id": "a6", "title": "Visit ends", "date": "2023-03-24",
                        "source": "radio", "url": None, "text": "......"}]  # fmt: skip
    late = _rel(13, PUTIN, "MEETS", "VISITS", XI, "a6", "2023-03-24", "Xi left Moscow today.")
    write_jsonl(build / "articles.jsonl", more)
    write_jsonl(build / "relations.jsonl", [*RELATIONS, late])
    write_events(KnowledgeGraph.load(build), build / "events.jsonl")
    neo4j_store.load_graph(KnowledgeGraph.load(build), neo4j_empty, neo4j_settings)
    assert neo4j_store.run_query(neo4j_empty, neo4j_settings, DYAD_QUERY)[1] == _expected(build)
