"""``graphbuild neo4j import``: neo4j-admin's bulk import gives the graph ``neo4j load`` gives.

A build directory is imported into a stopped Neo4j of the test's own, which is then
started; every query of the library must answer there exactly as on the session's
Neo4j after a ``neo4j load`` of the same directory.
"""

from __future__ import annotations

import csv
import json

import pytest
from store_fixture import write_build_dir
from test_neo4j_events import VISIT_QUERY
from test_queries_library import QUERY_CASES

from graphbuild.cli import main
from graphbuild.graph.events import EVENTS, write_events
from graphbuild.graph.knowledge_graph import KnowledgeGraph, iter_jsonl
from graphbuild.queries import load_query
from graphbuild.stores import neo4j as neo4j_store
from graphbuild.stores import rows
from graphbuild.stores.events import event_row
from graphbuild.stores.neo4j_import import write_import_files


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory):
    directory = write_build_dir(tmp_path_factory.mktemp("kg") / "kg")
    write_events(KnowledgeGraph(directory), directory / EVENTS)
    return directory


@pytest.fixture
def loaded(build_dir, neo4j_empty, neo4j_settings):
    """The session's Neo4j after ``neo4j load`` of the build directory."""
    neo4j_store.load_graph(KnowledgeGraph(build_dir), neo4j_empty, neo4j_settings)
    return neo4j_empty


def test_headers_follow_the_shared_rows(build_dir, tmp_path):
    files = write_import_files(KnowledgeGraph(build_dir), tmp_path / "csv")
    headers = {
        table.name: table.header_path.read_text().strip().split(",")
        for _, table in files.nodes + files.relationships
    }

    def properties(name):
        return [c.split(":")[0] for c in headers[name] if not c.startswith(":")]

    # the node number is the :ID (not stored); the graph's own id is a string property
    assert properties("Actor") == list(rows.ACTOR_FIELDS)
    assert properties("Statement") == list(rows.STATEMENT_FIELDS)
    assert properties("facts") == list(rows.EDGE_FIELDS)
    assert properties("Event") == list(event_row({"id": "", "family": ""}))
    assert headers["Actor"][:3] == [":ID", ":LABEL", "id:string"]
    assert "symmetric:boolean" in headers["Event"] and "statements:long" in headers["Event"]
    assert headers["REPORTS"] == headers["EVENT_SUBJECT"] == [":START_ID", ":END_ID"]
    assert "aliases:string[]" in headers["Actor"] and "negated:boolean" in headers["Statement"]
    assert headers["facts"][:3] == [":START_ID", ":END_ID", ":TYPE"]

    # node numbers rise through the node files in the order neo4j-admin is given them
    def records(table):
        with open(table.data_path, encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle))

    numbers = [int(record[0]) for _, table in files.nodes for record in records(table)]
    assert numbers == list(range(files.node_count))
    tables = {t.name: t for _, t in files.nodes + files.relationships}
    statements = {int(r[0]): r[1] for r in records(tables["Statement"])}
    actors = {int(r[0]): r[2] for r in records(tables["Actor"])}
    links = {(statements[int(a)], actors[int(b)]) for a, b in records(tables["HAS_SUBJECT"])}
    expected = {
        (s["id"], s["subject_id"])
        for s in rows.statement_rows(KnowledgeGraph(build_dir).relations())
    }
    assert links == expected
    # a sentence with a line break marks its files as multiline for the importer
    assert any("--multiline-fields" in a for a in files.arguments()) == any(
        t.multiline for _, t in files.nodes + files.relationships
    )


def test_import_answers_every_query_as_load_does(
    build_dir, loaded, neo4j_settings, neo4j_server_factory, tmp_path, capsys
):
    server = neo4j_server_factory(heap="512m", pagecache="64m")
    server.configure()  # a new, stopped server: its home, port and password
    argv = ["neo4j", "import", str(build_dir), "--home", str(server.home), "--overwrite", "--start"]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert "relationships/s" in captured.err and "export NEO4J_URI=" in captured.out
    settings = neo4j_store.Neo4jSettings(uri=server.uri, password=server.password)
    driver = neo4j_store.connect(settings)
    try:
        assert neo4j_store.count_graph(driver, settings) == neo4j_store.count_graph(
            loaded, neo4j_settings
        )
        for name, params in QUERY_CASES:
            query = load_query(name)
            bound = query.bind(params)
            imported = neo4j_store.run_query(driver, settings, query.cypher, bound)
            expected = neo4j_store.run_query(loaded, neo4j_settings, query.cypher, bound)
            if "UNION" in query.cypher:  # no order over a union: compare as multisets
                imported = (imported[0], sorted(map(json.dumps, imported[1])))
                expected = (expected[0], sorted(map(json.dumps, expected[1])))
            assert imported == expected, (name, params)
        # the events too: counts, one question about them, and the schema step's constraint
        events = neo4j_store.count_events(driver, settings)
        assert events == neo4j_store.count_events(loaded, neo4j_settings)
        assert events["Event"] == len(list(iter_jsonl(build_dir / EVENTS))) > 0
        assert events["REPORTS"] > 0
        assert neo4j_store.run_query(driver, settings, VISIT_QUERY) == neo4j_store.run_query(
            loaded, neo4j_settings, VISIT_QUERY
        )
        schema = neo4j_store.run_query(
            driver, settings, "SHOW INDEXES YIELD labelsOrTypes, properties, owningConstraint "
            "WHERE labelsOrTypes = ['Event'] RETURN properties[0], owningConstraint IS NOT NULL"
        )[1]  # fmt: skip
        assert sorted(schema) == [["date", False], ["id", True]]
        # constraints are in place, so a later incremental load adds nothing twice
        report = neo4j_store.load_graph(KnowledgeGraph(build_dir), driver, settings)
        assert report.new_articles == 0 and report.new_statements == 0
    finally:
        driver.close()
        server.stop()


def test_import_refuses_a_running_server_and_csv_only_prints_the_command(
    build_dir, neo4j_server, tmp_path, capsys
):
    argv = ["neo4j", "import", str(build_dir), "--home", str(neo4j_server.home)]
    assert main(argv) == 3
    assert "stop it first" in capsys.readouterr().err
    csv = tmp_path / "csv"
    assert main(["neo4j", "import", str(build_dir), "--csv-only", "--csv-dir", str(csv)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("neo4j-admin database import full neo4j ")
    assert f"--relationships={csv}/facts.header.csv,{csv}/facts.csv" in out


def test_import_jvm_claims_four_processors_only_on_fewer_cores():
    from graphbuild.stores.neo4j_import import IMPORT_JVM_OPTIONS, import_jvm_options

    few = import_jvm_options(2)
    assert few[: len(IMPORT_JVM_OPTIONS)] == IMPORT_JVM_OPTIONS
    assert "-XX:ActiveProcessorCount=4" in few
    # a bigger machine keeps all its cores: the option would cap them
    assert not any("ActiveProcessorCount" in o for o in import_jvm_options(16))
