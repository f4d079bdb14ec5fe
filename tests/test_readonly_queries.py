"""``query`` and ``ask`` run reading Cypher only, on the real engines.

A query string may come from an untrusted place: nothing it says may write to the
store, to the file system, load code or reach another database. Comments and
string literals neither hide a clause nor cause a refusal.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_fixture import write_build_dir

from graphbuild.cli import main
from graphbuild.graph.knowledge_graph import KnowledgeGraph
from graphbuild.queries import list_queries
from graphbuild.stores.embedded import run_query, write_store
from graphbuild.stores.readonly import ReadOnlyError, check_read_only


@pytest.fixture(scope="module")
def kg_dir(tmp_path_factory) -> Path:
    directory = write_build_dir(tmp_path_factory.mktemp("kg") / "kg")
    write_store(KnowledgeGraph(directory), directory / "graph.lbug", None)
    return directory


def write_queries(target: Path) -> list[str]:
    """Statements that would write a file, read one, load code or change the store."""
    csv = str(target)
    return [
        f"COPY (MATCH (a:Actor) RETURN a.name) TO '{csv}'",
        f'copy (match (a:Actor) return a.name) to "{csv}" (header=true)',
        f"MATCH (a:Actor) RETURN a.name;\nCOPY (MATCH (a:Actor) RETURN a.id) TO '{csv}'",
        f"MATCH (a:Actor) RETURN a.name // a comment\n; COPY Actor TO '{csv}'",
        f"RETURN 'x' /* a comment */ ; COPY Actor TO '{csv}'",
        f"RETURN 'it\\'s' AS s; COPY Actor TO '{csv}'",  # an escaped quote ends no string
        f"EXPORT DATABASE '{target.parent / 'dump'}'",
        f"LOAD FROM '{csv}' RETURN *",
        f"LOAD WITH HEADERS (name STRING) FROM '{csv}' RETURN *",
        "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
        "INSTALL json",
        "LOAD EXTENSION json",
        "UNINSTALL json",
        f"ATTACH '{target.parent / 'other.lbug'}' AS other (dbtype lbug)",
        "DETACH other",
        "USE other",
        f"IMPORT DATABASE '{target.parent / 'dump'}'",
        "CREATE (a:Actor {id: 'x', name: 'X'})",
        "MATCH (a:Actor) SET a.name = 'X'",
        "MATCH (a:Actor) DETACH DELETE a",
        "MATCH (a:Actor) DELETE a",
        "MATCH (a:Actor) REMOVE a.name",
        "MERGE (a:Actor {id: 'x'})",
        "DROP TABLE Actor",
        "ALTER TABLE Actor ADD x INT64",
        "CREATE NODE TABLE T(id STRING PRIMARY KEY)",
        "CREATE MACRO m(x) AS x + 1",
        "COMMENT ON TABLE Actor IS 'x'",
        "CALL threads = 1",
        "CALL project_graph('g', ['Actor'], ['MEETS'])",
        "CALL apoc.load.json('file:///etc/passwd')",
        "CALL dbms.setConfigValue('x', 'y')",
        "BEGIN TRANSACTION",
        "CHECKPOINT",
        "MATCH (a:Actor) FOREACH (x IN [1] | SET a.name = 'X')",
        "MATCH (a:Actor) CALL { WITH a SET a.name = 'X' } RETURN a",
        f"RETURN 1 AS copy (MATCH (a:Actor) RETURN a.name) TO '{csv}'",
        f"RETURN 1e5COPY (MATCH (a:Actor) RETURN a.name) TO '{csv}'",
        "RETURN 1 /* unterminated",
        "RETURN 'unterminated",
    ]


READING = [
    "MATCH (a:Actor) RETURN a.name AS name ORDER BY name LIMIT 3",
    "MATCH (a:Actor) WHERE a.name = 'COPY (x) TO \\'/tmp/y\\'' RETURN a.name",
    "MATCH (a:Actor) WHERE a.name <> \"LOAD FROM '/etc/passwd'\" RETURN count(a) AS n",
    "// COPY Actor TO '/tmp/x.csv'\nMATCH (a:Actor) RETURN count(a) AS n",
    "MATCH (a:Actor) /* DROP TABLE Actor; SET a.x = 1 */ RETURN count(a) AS n",
    "MATCH (set:Actor) RETURN set.name AS name ORDER BY name LIMIT 1",
    "MATCH (a:Actor) WITH a.name AS copy RETURN copy ORDER BY copy LIMIT 1",
    "MATCH (s:Statement) RETURN s.start, s.`end` LIMIT 1",
    "MATCH (a:Actor) RETURN {id: a.id, `delete`: 1} AS m LIMIT 1",
    "MATCH (a:Actor) WHERE a.name CONTAINS 'delete' RETURN a.name",
    "RETURN $load AS p",
    "CALL show_tables() RETURN *",
    "CALL table_info('Actor') RETURN *",
    "CALL db_version() RETURN *",
]


@pytest.mark.parametrize("cypher", write_queries(Path("/tmp/graphbuild-test-never.csv")))
def test_the_guard_refuses_every_statement_that_does_more_than_read(cypher):
    with pytest.raises(ReadOnlyError):
        check_read_only(cypher)


@pytest.mark.parametrize("cypher", READING)
def test_comments_strings_and_names_do_not_cause_a_refusal(kg_dir, cypher):
    check_read_only(cypher)
    columns, _ = run_query(kg_dir, cypher, {"load": 1})
    assert columns


@pytest.mark.parametrize(
    "cypher",
    [
        "MATCH (a:Actor) RETURN {create: a.id} AS m",  # Neo4j's map keys may be keywords
        "MATCH (a:Actor)-[r:MEETS]->(b) WITH r.start AS start RETURN start ORDER BY start",
        "MATCH (n) WHERE n.set IS NULL RETURN n.copy, n.load",
        "MATCH (a:Actor) WITH a AS use RETURN use",
        "MATCH (a:Actor) WITH a.id AS id, a.name AS copy RETURN DISTINCT copy, id",
    ],
)
def test_keywords_as_names_pass_the_guard(cypher):
    check_read_only(cypher)


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_library_query_passes_the_guard(query):
    check_read_only(query.cypher)


def test_query_copy_to_a_file_writes_nothing(kg_dir, tmp_path, capsys):
    for index, cypher in enumerate(write_queries(tmp_path / "leak.csv")):
        assert main(["query", str(kg_dir), cypher]) == 1, cypher
        err = capsys.readouterr().err
        assert "refused" in err and len(err.strip().splitlines()) == 1, (cypher, err)
        assert sorted(p.name for p in tmp_path.iterdir()) == [], (index, cypher)


def test_ask_with_a_query_file_that_writes_is_refused(kg_dir, tmp_path, capsys):
    target = tmp_path / "out" / "leak.csv"
    target.parent.mkdir()
    query = tmp_path / "leak.cypher"
    query.write_text(
        "// Looks harmless.\nMATCH (a:Actor) RETURN a.name AS name;\n"
        f"COPY (MATCH (a:Actor) RETURN a.name) TO '{target}'\n"
    )
    assert main(["ask", str(query), str(kg_dir)]) == 1
    assert "COPY" in capsys.readouterr().err
    assert not target.exists()
    before = run_query(kg_dir, "MATCH (a:Actor) RETURN count(a) AS n")
    query.write_text("MATCH (a:Actor) DETACH DELETE a\n")
    assert main(["ask", str(query), str(kg_dir)]) == 1
    assert run_query(kg_dir, "MATCH (a:Actor) RETURN count(a) AS n") == before


def test_the_library_call_refuses_with_a_query_error(kg_dir, tmp_path):
    """Code that catches the engine's QueryError catches the refusal too."""
    from graphbuild.stores.embedded import QueryError

    with pytest.raises(QueryError, match="refused: COPY"):
        run_query(kg_dir, f"COPY Actor TO '{tmp_path / 'x.csv'}'")
    assert not (tmp_path / "x.csv").exists()


def test_a_reading_query_still_answers(kg_dir, capsys):
    cypher = "MATCH (a:Actor) WHERE a.name = 'MATCH (n) RETURN n; COPY x' RETURN a.id AS id"
    assert main(["query", str(kg_dir), cypher, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


# --- Neo4j: the guard, and the server itself in a read transaction -------------------


@pytest.fixture
def neo4j_graph(kg_dir, neo4j_empty, neo4j_driver, neo4j_settings):
    from graphbuild.stores import neo4j as neo4j_store

    neo4j_store.load_graph(KnowledgeGraph(kg_dir), neo4j_driver, neo4j_settings)
    return neo4j_driver


def _neo4j_count(driver, settings) -> int:
    records, _, _ = driver.execute_query(
        "MATCH (n) RETURN count(n) AS n", database_=settings.database
    )
    return records[0]["n"]


def test_ask_on_neo4j_refuses_writes(neo4j_graph, neo4j_settings, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    before = _neo4j_count(neo4j_graph, neo4j_settings)
    query = tmp_path / "write.cypher"
    for cypher in (
        "CREATE (x:Actor {id: 'intruder'}) RETURN x.id AS id",
        "MATCH (a:Actor) DETACH DELETE a",
        "LOAD CSV FROM 'file:///etc/hostname' AS line RETURN line",
    ):
        query.write_text(cypher + "\n")
        assert main(["ask", str(query), "--neo4j", "--uri", neo4j_settings.uri]) == 1
        assert "refused" in capsys.readouterr().err
    assert _neo4j_count(neo4j_graph, neo4j_settings) == before


def test_neo4j_runs_ask_queries_in_read_transactions(neo4j_graph, neo4j_settings):
    """Past the guard, the server refuses a write too: the driver asks for read access."""
    from graphbuild.stores import neo4j as neo4j_store

    before = _neo4j_count(neo4j_graph, neo4j_settings)
    for cypher in (
        "CREATE (x:Actor {id: 'intruder'}) RETURN x.id AS id",
        "MATCH (a:Actor) SET a.name = 'X' RETURN count(a) AS n",
        "MATCH (a:Actor) DETACH DELETE a",
    ):
        with pytest.raises(neo4j_store.Neo4jError):
            neo4j_store.run_query(neo4j_graph, neo4j_settings, cypher)
    assert _neo4j_count(neo4j_graph, neo4j_settings) == before
    columns, rows = neo4j_store.run_query(
        neo4j_graph, neo4j_settings, "MATCH (a:Actor) RETURN count(a) AS n"
    )
    assert columns == ["n"] and rows[0][0] > 0
