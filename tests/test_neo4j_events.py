"""Event nodes in a real Neo4j: the embedded store's schema, idempotent loads, regrouping.

The server comes from the ``neo4j_server`` plugin (tests/neo4j_server.py); the build is
the one of tests/test_events.py (one state visit told by three articles, and so on).
"""

from __future__ import annotations

import json

from build_dir_fixture import write_jsonl
from test_events import ARTICLES, PUTIN, RELATIONS, XI, _rel
from test_events import build as build  # noqa: F401 - the fixture, reused

from graphbuild.graph import KnowledgeGraph
from graphbuild.graph.events import write_events
from graphbuild.stores import embedded
from graphbuild.stores import neo4j as neo4j_store

#: one question about events, asked of both engines
VISIT_QUERY = (
    "MATCH (s:Statement)-[:REPORTS]->(e:Event)-[:EVENT_SUBJECT]->(a:Actor), "
    "(e)-[:EVENT_OBJECT]->(b:Actor) "
    "RETURN e.id AS id, e.family AS family, e.kind AS kind, e.date AS date, "
    "e.last_date AS last_date, e.symmetric AS symmetric, e.statements AS statements, "
    "e.articles AS articles, e.sources AS sources, a.name AS subject, b.name AS object, "
    "count(s) AS reports ORDER BY date, id"
)


def _load(directory, driver, settings):
    return neo4j_store.load_graph(KnowledgeGraph.load(directory), driver, settings)


def _rows(driver, cypher: str, **params):
    records, _, _ = driver.execute_query(cypher, params)
    return [record.values() for record in records]


def test_events_load_with_a_constraint_and_answer_as_on_the_embedded_store(
    build,
    neo4j_empty,
    neo4j_settings,  # noqa: F811
):
    write_events(KnowledgeGraph.load(build), build / "events.jsonl")
    report = _load(build, neo4j_empty, neo4j_settings)
    assert report.events == 4
    assert neo4j_store.count_events(neo4j_empty, neo4j_settings) == {
        "Event": 4, "EVENT_SUBJECT": 4, "EVENT_OBJECT": 4, "REPORTS": 7}  # fmt: skip
    constraints = {tuple(r) for r in _rows(neo4j_empty, "SHOW CONSTRAINTS YIELD labelsOrTypes, "
                                           "properties RETURN labelsOrTypes[0], properties[0]")}  # fmt: skip
    assert ("Event", "id") in constraints
    embedded.write_store(KnowledgeGraph.load(build), build / "graph.lbug")
    columns, rows = embedded.run_query(build, VISIT_QUERY)
    neo_columns, neo_rows = neo4j_store.run_query(neo4j_empty, neo4j_settings, VISIT_QUERY)
    assert (neo_columns, neo_rows) == (columns, rows)
    visit = [r for r in rows if r[1] == "MEETS" and r[6] == 3]
    assert len(visit) == 1 and visit[0][3:5] == ["2023-03-20", "2023-03-21"]
    assert visit[0][9:] == ["Xi Jinping", "Vladimir Putin", 3] and visit[0][8] == 2
    # a statement reports its event; the not-factual one (s8) reports none
    assert _rows(neo4j_empty, "MATCH (s:Statement {id: 's8'})-[:REPORTS]->(e) RETURN e") == []


def test_loading_again_changes_nothing_and_a_regrouped_set_replaces_the_old(
    build,
    neo4j_empty,
    neo4j_settings,  # noqa: F811
):
    write_events(KnowledgeGraph.load(build), build / "events.jsonl")
    _load(build, neo4j_empty, neo4j_settings)
    snapshot = neo4j_store.run_query(neo4j_empty, neo4j_settings, VISIT_QUERY)
    counts = neo4j_store.count_events(neo4j_empty, neo4j_settings)
    _load(build, neo4j_empty, neo4j_settings)
    assert neo4j_store.run_query(neo4j_empty, neo4j_settings, VISIT_QUERY) == snapshot
    assert neo4j_store.count_events(neo4j_empty, neo4j_settings) == counts
    # a later build adds one article: its report joins the visit (4 statements, 3 sources)
    more = [*ARTICLES, {"id": "a6", "title": "Visit ends", "date": "2023-03-22",
                        "source": "radio", "url": None, "text": "......"}]  # fmt: skip
    late = _rel(13, PUTIN, "MEETS", "VISITS", XI, "a6", "2023-03-22", "Xi left Moscow today.")
    write_jsonl(build / "articles.jsonl", more)
    write_jsonl(build / "relations.jsonl", [*RELATIONS, late])
    write_events(KnowledgeGraph.load(build), build / "events.jsonl")
    _load(build, neo4j_empty, neo4j_settings)
    assert _rows(neo4j_empty, "MATCH (s:Statement {id: 's13'})-[:REPORTS]->(e:Event) "
                              "RETURN e.statements, e.sources") == [[4, 3]]  # fmt: skip
    assert neo4j_store.count_events(neo4j_empty, neo4j_settings)["Event"] == 4
    # a rebuild that regroups: the strike's two reports become separate events (its id
    # changes for none, the second report gets a new one); no statement reports two events
    events = [json.loads(line) for line in (build / "events.jsonl").read_text().splitlines()]
    strike = next(e for e in events if e["statements"] == ["s5", "s6"])
    split = {**strike, "id": "ev" + "0" * 16, "statements": ["s6"], "articles": ["a3"],
             "sources": 1}  # fmt: skip
    strike.update(statements=["s5"], articles=["a5"], sources=1)
    dropped = next(e for e in events if e["statements"] == ["s7"])
    kept = [e for e in events if e is not dropped]
    write_jsonl(build / "events.jsonl", [*kept, split])
    _load(build, neo4j_empty, neo4j_settings)
    assert _rows(neo4j_empty, "MATCH (s:Statement)-[:REPORTS]->(e:Event) WITH s, count(e) AS n "
                              "WHERE n > 1 RETURN s.id") == []  # fmt: skip
    assert _rows(neo4j_empty, "MATCH (e:Event {id: $id}) RETURN e", id=dropped["id"]) == []
    assert _rows(neo4j_empty, "MATCH (s:Statement)-[:REPORTS]->(e:Event {id: $id}) "
                              "RETURN s.id, e.statements", id=strike["id"]) == [["s5", 1]]  # fmt: skip
    assert neo4j_store.count_events(neo4j_empty, neo4j_settings) == {
        "Event": 4, "EVENT_SUBJECT": 4, "EVENT_OBJECT": 4, "REPORTS": 7}  # fmt: skip


def test_no_events_file_no_events(build, neo4j_empty, neo4j_settings):  # noqa: F811
    report = _load(build, neo4j_empty, neo4j_settings)
    assert report.events == 0
    assert neo4j_store.count_events(neo4j_empty, neo4j_settings)["Event"] == 0


def test_neo4j_load_command_writes_the_events(
    build,
    neo4j_empty,
    neo4j_settings,
    monkeypatch,
    capsys,  # noqa: F811
):
    from graphbuild.cli import main

    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    write_events(KnowledgeGraph.load(build), build / "events.jsonl")
    argv = ["neo4j", "load", str(build), "--uri", neo4j_settings.uri]
    assert main(argv) == 0
    assert "8 statements (8 new), 4 events" in capsys.readouterr().err
    counts = neo4j_store.count_events(neo4j_empty, neo4j_settings)
    assert main(argv) == 0  # and again: nothing changes
    assert neo4j_store.count_events(neo4j_empty, neo4j_settings) == counts
    assert counts["REPORTS"] == 7
