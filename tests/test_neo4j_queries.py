"""The same query files give the same answers on Neo4j and on the embedded store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_fixture import write_build_dir
from test_queries_library import QUERY_CASES

from graphbuild.cli import main
from graphbuild.graph.knowledge_graph import KnowledgeGraph
from graphbuild.queries import load_query
from graphbuild.stores import embedded
from graphbuild.stores import neo4j as neo4j_store


@pytest.fixture(scope="module")
def both_stores(tmp_path_factory, neo4j_driver, neo4j_settings) -> Path:
    """The fixture graph in an embedded store and, alone, in the session's Neo4j."""
    directory = write_build_dir(tmp_path_factory.mktemp("kg") / "kg")
    kg = KnowledgeGraph(directory)
    embedded.write_store(kg, directory / "graph.lbug", None)
    with neo4j_driver.session() as session:
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
    neo4j_store.load_graph(kg, neo4j_driver, neo4j_settings)
    return directory


@pytest.mark.parametrize(
    "name, params", QUERY_CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(QUERY_CASES)]
)
def test_query_answers_alike_on_both_engines(
    both_stores, neo4j_driver, neo4j_settings, name, params
):
    query = load_query(name)
    bound = query.bind(params)
    columns, rows = embedded.run_query(both_stores, query.cypher, bound)
    neo_columns, neo_rows = neo4j_store.run_query(neo4j_driver, neo4j_settings, query.cypher, bound)
    assert neo_columns == columns
    if "UNION" in query.cypher:  # no ORDER BY over a union in Cypher: compare as multisets
        rows, neo_rows = sorted(map(json.dumps, rows)), sorted(map(json.dumps, neo_rows))
    assert neo_rows == rows
    if name in ("who_meets_whom", "supporters_and_opponents", "pair_timeline", "stance_balance",
                "dyads"):  # fmt: skip
        assert rows, "a query the comparison relies on found nothing"


def test_ask_who_met_xi_on_neo4j(both_stores, neo4j_settings, monkeypatch, capsys):
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    argv = ["ask", "who_meets_whom", "--param", "actor=Xi Jinping", "--format", "json"]
    assert main([*argv, "--neo4j", "--uri", neo4j_settings.uri]) == 0
    on_neo4j = json.loads(capsys.readouterr().out)
    assert main([*argv, str(both_stores)]) == 0
    assert json.loads(capsys.readouterr().out) == on_neo4j
    assert [row["met"] for row in on_neo4j] == ["Vladimir Putin"]


def test_a_cypher_error_on_neo4j_is_the_servers_message(
    both_stores, neo4j_settings, monkeypatch, tmp_path, capsys
):
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    broken = tmp_path / "broken.cypher"
    broken.write_text("// Broken on purpose.\nMATCH (a:Actor RETURN a\n")
    assert main(["ask", str(broken), "--neo4j", "--uri", neo4j_settings.uri]) == 1
    err = capsys.readouterr().err
    assert "Neo.ClientError.Statement.SyntaxError" in err
