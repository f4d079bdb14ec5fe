"""Loading into a real Neo4j server: schema, idempotence, increments, failures, interrupted loads.

The server comes from the ``neo4j_server`` plugin (tests/neo4j_server.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_fixture import (
    HOSTILE,
    RELATIONS,
    expected_counts,
    generate_build_dir,
    write_build_dir,
)

from graphbuild.cli import main
from graphbuild.graph.knowledge_graph import KnowledgeGraph
from graphbuild.stores.neo4j import Neo4jSettings, connect, count_graph, load_graph
from graphbuild.stores.neo4j_local import free_port


def load(directory: Path, driver, settings: Neo4jSettings, **options):
    return load_graph(KnowledgeGraph.load(directory), driver, settings, **options)


def one(driver, cypher: str, **params):
    records, _, _ = driver.execute_query(cypher, params)
    return [record.values() for record in records]


@pytest.fixture
def use_server(monkeypatch, neo4j_settings):
    """The environment a user sets: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD."""
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    return neo4j_settings


def test_load_creates_constraints_then_the_graph(tmp_path, neo4j_empty, neo4j_settings):
    directory = write_build_dir(tmp_path / "kg")
    report = load(directory, neo4j_empty, neo4j_settings)
    assert count_graph(neo4j_empty, neo4j_settings) == expected_counts(directory)
    assert (report.statements, report.new_statements, report.new_articles) == (
        len(RELATIONS),
        len(RELATIONS),
        5,
    )
    constraints = {r[0] for r in one(neo4j_empty, "SHOW CONSTRAINTS YIELD labelsOrTypes, properties "
                                                  "RETURN labelsOrTypes[0] + '.' + properties[0]")}  # fmt: skip
    assert {
        "Actor.id",
        "Article.id",
        "Statement.id",
        "SUPPORTS.id",
        "OPPOSES.id",
        "MEETS.id",
        "REQUESTS.id",
    } <= constraints
    assert one(neo4j_empty, "MATCH (a:Actor:Person {id: 'Q15031'}) RETURN a.name, a.aliases, a.country") == [
        ["Xi Jinping", ["Xi", "President Xi"], "China"]]  # fmt: skip
    assert one(neo4j_empty, "MATCH (a:Country) RETURN count(a)") == [[4]]
    assert one(neo4j_empty, "MATCH (a:ArmedGroup) RETURN a.name") == [["Wagner Group"]]


def test_not_facts_are_statements_never_edges(tmp_path, neo4j_empty, neo4j_settings):
    load(write_build_dir(tmp_path / "kg"), neo4j_empty, neo4j_settings)
    assert one(neo4j_empty, "MATCH (:Actor {name: 'China'})-[r:SUPPORTS]->(:Actor {name: 'Russia'}) "
                            "RETURN r.id, r.family, r.kind") == [["r5", "SUPPORTS", "AIDS"]]  # fmt: skip
    assert one(
        neo4j_empty, "MATCH ()-[r:MEETS]->() WHERE r.id IN ['r19', 'r20'] RETURN count(r)"
    ) == [[0]]
    rows = one(neo4j_empty, "MATCH (s:Statement)-[:HAS_SUBJECT]->(a), (s)-[:HAS_OBJECT]->(b), "
                            "(s)-[:FROM_ARTICLE]->(ar) WHERE s.id = 'r18' "
                            "RETURN s.negated, s.family, a.name, b.name, ar.id")  # fmt: skip
    assert rows == [[True, "SUPPORTS", "China", "Russia", "a1"]]


def test_requests_edges_carry_codes_and_sectors(tmp_path, neo4j_empty, neo4j_settings):
    """REQUESTS is its own relationship type; codes and sectors are on edge and Statement."""
    load(write_build_dir(tmp_path / "kg"), neo4j_empty, neo4j_settings)
    rows = one(neo4j_empty, "MATCH (a:Actor)-[r:REQUESTS]->(b:Actor) RETURN a.id, b.id, r.id, "
                            "r.family, r.plover_type, r.plover_mode, r.plover_context, r.goldstein, "
                            "r.subject_sector, r.object_sector")  # fmt: skip
    assert rows == [["Q30", "Q159", "r21", "REQUESTS", "REQUEST", "yield", ["military"], -5.0,
                     "GOV", "MIL"]]  # fmt: skip
    assert one(neo4j_empty, "MATCH (:Actor {id: 'Q30'})-[r:SUPPORTS|OPPOSES]->(:Actor {id: 'Q159'}) "
                            "RETURN count(r)") == [[0]]  # fmt: skip
    rows = one(neo4j_empty, "MATCH (s:Statement) WHERE s.id IN ['r1', 'r5', 'r21'] RETURN s.id, "
                            "s.plover_type, s.plover_context, s.goldstein, s.subject_sector "
                            "ORDER BY s.id")  # fmt: skip
    assert rows == [["r1", "CONSULT", [], 1.9, None], ["r21", "REQUEST", ["military"], -5.0, "GOV"],
                    ["r5", None, [], None, None]]  # fmt: skip


def test_text_loads_verbatim(tmp_path, neo4j_empty, neo4j_settings):
    load(write_build_dir(tmp_path / "kg"), neo4j_empty, neo4j_settings)
    assert one(neo4j_empty, "MATCH ()-[r:MEETS {id: 'r14'}]->() RETURN r.sentence") == [[HOSTILE]]
    assert one(neo4j_empty, "MATCH (s:Statement {id: 'r17'}) RETURN s.sentence") == [[HOSTILE]]
    assert one(neo4j_empty, "MATCH (a:Article {id: 'a4'}) RETURN a.title") == [
        [f"Hostile {HOSTILE}"]
    ]
    assert one(neo4j_empty, "MATCH (a:Actor {id: 'group:quote-front'}) RETURN a.name, a.aliases") == [
        ['The "Quote\\Back}slash" Front', ["MATCH (n) RETURN n", "it's"]]]  # fmt: skip
    assert one(neo4j_empty, "MATCH (a:Article {id: 'a5'}) RETURN a.title, a.date") == [[None, None]]


def test_loading_twice_changes_nothing(tmp_path, neo4j_empty, neo4j_settings):
    directory = write_build_dir(tmp_path / "kg")
    load(directory, neo4j_empty, neo4j_settings)
    first = count_graph(neo4j_empty, neo4j_settings)
    again = load(directory, neo4j_empty, neo4j_settings, batch_size=3)  # other batch boundaries
    assert count_graph(neo4j_empty, neo4j_settings) == first == expected_counts(directory)
    assert (again.new_articles, again.new_statements) == (0, 0)


def test_loading_more_adds_only_what_is_new(tmp_path, neo4j_empty, neo4j_settings):
    load(
        write_build_dir(tmp_path / "old", article_ids={"a1", "a2", "a3"}),
        neo4j_empty,
        neo4j_settings,
    )
    smaller = count_graph(neo4j_empty, neo4j_settings)
    full = write_build_dir(tmp_path / "full")
    report = load(full, neo4j_empty, neo4j_settings)
    assert count_graph(neo4j_empty, neo4j_settings) == expected_counts(full)
    assert (
        report.new_articles == 2
        and report.new_statements == len(RELATIONS) - smaller["Statement"] > 0
    )


def test_a_graph_whose_statement_nodes_were_deleted_loads_without_duplicate_edges(
    tmp_path, neo4j_empty, neo4j_settings
):
    directory = write_build_dir(tmp_path / "kg")
    load(directory, neo4j_empty, neo4j_settings)
    neo4j_empty.execute_query("MATCH (s:Statement) DETACH DELETE s")
    load(directory, neo4j_empty, neo4j_settings)
    assert count_graph(neo4j_empty, neo4j_settings) == expected_counts(directory)


def test_an_actor_whose_type_changed_gets_the_new_label(tmp_path, neo4j_empty, neo4j_settings):
    directory = write_build_dir(tmp_path / "kg")
    load(directory, neo4j_empty, neo4j_settings)
    actors = [json.loads(line) for line in (directory / "actors.jsonl").read_text().splitlines()]
    for actor in actors:
        if actor["id"] == "Q7184":
            actor["type"] = "Group"
    (directory / "actors.jsonl").write_text("".join(json.dumps(a) + "\n" for a in actors))
    load(directory, neo4j_empty, neo4j_settings)
    assert one(neo4j_empty, "MATCH (a:Actor {id: 'Q7184'}) RETURN labels(a), a.type") == [
        [["Actor", "Group"], "Group"]]  # fmt: skip


def test_cli_load_with_each_uri_scheme(
    tmp_path, neo4j_empty, neo4j_server, use_server, monkeypatch, capsys
):
    directory = write_build_dir(tmp_path / "kg")
    monkeypatch.setenv("SSL_CERT_FILE", str(neo4j_server.ca_file))  # trust the test server's CA
    for uri in (neo4j_server.uri, f"neo4j://127.0.0.1:{neo4j_server.port}",
                f"neo4j+s://localhost:{neo4j_server.port}"):  # fmt: skip
        assert main(["neo4j", "load", str(directory), "--uri", uri]) == 0, capsys.readouterr().err
        assert f"{len(RELATIONS)} statements" in capsys.readouterr().err
    assert count_graph(neo4j_empty, use_server) == expected_counts(directory)


@pytest.mark.parametrize(
    "problem, options, env, message",
    [
        (
            "unreachable",
            ["--uri", "bolt://127.0.0.1:PORT"],
            {},
            "cannot reach Neo4j at bolt://127.0.0.1:",
        ),
        ("wrong password", [], {"NEO4J_PASSWORD": "not-the-password"}, "wrong user or password"),
        ("missing database", ["--database", "nosuchdb"], {}, "has no database 'nosuchdb'"),
        ("bad scheme", ["--uri", "http://127.0.0.1:7474"], {}, "as a Neo4j URI"),
        ("no password", [], {"NEO4J_PASSWORD": None}, "set NEO4J_PASSWORD"),
    ],
)
def test_cli_load_failures_are_one_line_and_write_nothing(
    tmp_path, neo4j_empty, use_server, monkeypatch, capsys, problem, options, env, message
):
    directory = write_build_dir(tmp_path / "kg")
    for key, value in env.items():
        if value is None:
            monkeypatch.delenv(key)
        else:
            monkeypatch.setenv(key, value)
    options = [o.replace("PORT", str(free_port())) for o in options]
    assert main(["-q", "neo4j", "load", str(directory), *options]) == 3
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1, err
    assert count_graph(neo4j_empty, use_server)["Actor"] == 0


def test_password_is_never_a_command_line_option(capsys):
    with pytest.raises(SystemExit):
        main(["neo4j", "load", "--help"])
    assert "--password" not in capsys.readouterr().out


@pytest.mark.slow
def test_a_load_cut_short_by_a_dying_server_completes_when_run_again(
    tmp_path, neo4j_server_factory
):
    directory = generate_build_dir(tmp_path / "kg", statements=6000, actors=300, articles=1500)
    expected = expected_counts(directory)
    server = neo4j_server_factory(heap="512m")
    server.start()
    settings = Neo4jSettings(uri=server.uri, user="neo4j", password=server.password)
    env = {"NEO4J_URI": server.uri, "NEO4J_PASSWORD": server.password, "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "graphbuild", "-q", "neo4j", "load", str(directory),
               "--batch-size", "100", "--retry-time", "5"]  # fmt: skip
    loader = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    driver = connect(settings, retry_seconds=5)
    try:
        deadline = time.monotonic() + 300
        while (
            one(driver, "MATCH (s:Statement) RETURN count(s)")[0][0] < 1000
        ):  # mid-way through statements
            assert loader.poll() is None, "the load finished before the server could be stopped"
            assert time.monotonic() < deadline
            time.sleep(0.2)
    finally:
        driver.close()
    server.kill()  # as a crash would: no clean shutdown
    _, err = loader.communicate(timeout=180)
    assert loader.returncode == 3
    assert (
        "cannot reach Neo4j" in err
        and "run the load again" in err
        and len(err.strip().splitlines()) == 1
    )

    server.start()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    driver = connect(settings, retry_seconds=5)
    try:
        assert count_graph(driver, settings) == expected
        assert one(
            driver,
            "MATCH (s:Statement) WITH s.id AS id, count(*) AS n WHERE n > 1 RETURN count(id)",
        ) == [[0]]
        assert one(driver, "MATCH ()-[r:SUPPORTS|OPPOSES|MEETS]->() WITH r.id AS id, count(*) AS n "
                           "WHERE n > 1 RETURN count(id)") == [[0]]  # fmt: skip
    finally:
        driver.close()


def test_seed_graph_loads_and_answers_who_met_xi(seed_build, neo4j_empty, use_server, capsys):
    assert main(["-q", "neo4j", "load", str(seed_build)]) == 0
    capsys.readouterr()
    assert (
        main(
            ["ask", "who_meets_whom", "--param", "actor=Xi Jinping", "--neo4j", "--format", "json"]
        )
        == 0
    )
    met = {row["met"] for row in json.loads(capsys.readouterr().out)}
    assert "Vladimir Putin" in met


def test_a_damaged_build_directory_is_one_line(tmp_path, neo4j_empty, use_server, capsys):
    directory = write_build_dir(tmp_path / "kg")
    with open(directory / "relations.jsonl", "a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    assert main(["-q", "neo4j", "load", str(directory)]) == 2
    err = capsys.readouterr().err.strip()
    assert "a record cannot be read" in err and len(err.splitlines()) == 1


def test_build_with_neo4j_loads_the_new_graph(tmp_path, neo4j_empty, use_server, capsys):
    news = tmp_path / "news"
    news.mkdir()
    (news / "talks-2023-03-20.txt").write_text(
        "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on Monday. "
        "Putin praised Xi's leadership.\n",
        encoding="utf-8",
    )
    out = tmp_path / "kg"
    assert main(["-q", "build", str(news), "--out", str(out), "--workers", "1", "--neo4j"]) == 0
    assert count_graph(neo4j_empty, use_server) == expected_counts(out)
    assert "statements" in capsys.readouterr().err
