"""The named query library on the embedded store, and the ``query`` / ``ask`` commands.

The same files run on Neo4j in tests/test_neo4j_queries.py, which compares the answers.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_fixture import write_build_dir

from graphbuild.cli import main
from graphbuild.graph.knowledge_graph import KnowledgeGraph
from graphbuild.queries import QueryLibraryError, list_queries, load_query, parse_query
from graphbuild.stores.embedded import run_query, write_store

#: every library query with the parameters the comparison tests use (both stores)
QUERY_CASES = [
    ("who_meets_whom", {}),
    ("who_meets_whom", {"actor": "Xi Jinping"}),
    ("who_meets_whom", {"actor": "zelenskyy"}),
    ("actor_relations", {"actor": "Putin"}),
    ("actor_relations", {"actor": "Q212"}),
    ("supporters_and_opponents", {"actor": "Kyiv"}),
    ("supporters_and_opponents", {"actor": "china"}),
    ("shortest_paths", {"from": "Xi", "to": "Antony Blinken"}),
    ("shortest_paths", {"from": "Xi Jinping", "to": "Zelensky"}),
    ("shortest_paths", {"from": "Vladimir Putin", "to": "President Xi"}),
    ("shortest_paths", {"from": "NATO", "to": "Xi"}),
    ("stance_balance", {"a": "Russia", "b": "Ukraine"}),
    ("stance_balance", {"a": "Beijing", "b": "Moscow"}),
    ("pair_timeline", {"a": "Xi", "b": "Q7747"}),
    ("pair_timeline", {"a": "Zelensky", "b": "Blinken"}),
    ("country_rollup", {}),
    ("country_rollup", {"country": "Russia"}),
    ("find_actor", {"name": "pu"}),
    ("find_actor", {"name": "MATCH (n) RETURN n"}),
    ("dyads", {"actor": "Xi"}),
    ("dyads", {"actor": "Russia", "limit": "3"}),
]


@pytest.fixture(scope="module")
def kg_dir(tmp_path_factory) -> Path:
    directory = write_build_dir(tmp_path_factory.mktemp("kg") / "kg")
    write_store(KnowledgeGraph(directory), directory / "graph.lbug", None)
    return directory


def ask(kg_dir: Path, name: str, **params) -> list[dict]:
    query = load_query(name)
    columns, rows = run_query(kg_dir, query.cypher, query.bind(params))
    return [dict(zip(columns, row, strict=True)) for row in rows]


def test_every_query_documents_itself_and_its_parameters():
    queries = list_queries()
    names = {q.name for q in queries}
    assert {"actor_relations", "who_meets_whom", "supporters_and_opponents", "shortest_paths",
            "stance_balance", "pair_timeline", "country_rollup"} <= names  # fmt: skip
    for query in queries:
        assert len(query.description) > 30, query.name
        for param in query.params:
            assert param.help, f"{query.name}: ${param.name} has no description"
            assert f"${param.name}" in query.cypher, f"{query.name}: ${param.name} is never used"
    assert {name for name, _ in QUERY_CASES} == names  # every query is compared across engines


def test_parameters_are_checked_and_typed(tmp_path):
    query = load_query("who_meets_whom")
    assert query.bind({}) == {"actor": ""}
    with pytest.raises(QueryLibraryError, match="no parameter 'who'"):
        query.bind({"who": "Xi"})
    with pytest.raises(QueryLibraryError, match="needs --param actor"):
        load_query("actor_relations").bind({})
    custom = tmp_path / "top.cypher"
    custom.write_text("// Top actors.\n// @param limit:int = 5 how many\n// @param min:float = 0.5 least\n"
                      "MATCH (a:Actor) RETURN a.name LIMIT $limit\n")  # fmt: skip
    parsed = parse_query(custom)
    assert parsed.bind({}) == {"limit": 5, "min": 0.5}
    assert parsed.bind({"limit": "7"})["limit"] == 7
    with pytest.raises(QueryLibraryError, match="must be int"):
        parsed.bind({"limit": "many"})
    with pytest.raises(QueryLibraryError, match="no query named 'nope'"):
        load_query("nope")
    empty = tmp_path / "empty.cypher"
    empty.write_text("// only a comment\n")
    with pytest.raises(QueryLibraryError, match="no Cypher"):
        parse_query(empty)


def test_who_met_xi_jinping(kg_dir):
    rows = ask(kg_dir, "who_meets_whom", actor="Xi Jinping")
    # two meetings in article a2 (one each way) and the visit of a1; the future visit is no meeting
    assert rows == [{"actor": "Xi Jinping", "met": "Vladimir Putin", "type": "Person", "meetings": 3,
                     "first": "2023-03-20", "last": "2023-03-21"}]  # fmt: skip
    assert ask(kg_dir, "who_meets_whom", actor="xi") == rows  # an alias, any case
    everyone = ask(kg_dir, "who_meets_whom")
    assert [(r["actor"], r["met"], r["meetings"]) for r in everyone] == [
        ("Xi Jinping", "Vladimir Putin", 3), ("Antony Blinken", "Volodymyr Zelensky", 1)]  # fmt: skip


def test_actor_relations_in_both_directions_in_date_order(kg_dir):
    rows = ask(kg_dir, "actor_relations", actor="Putin")
    assert [(r["subject"], r["family"], r["object"], r["date"]) for r in rows] == [
        ("Volodymyr Zelensky", "OPPOSES", "Vladimir Putin", "2022-02-24"),
        ("Vladimir Putin", "SUPPORTS", "Xi Jinping", "2023-03-20"),
        ("Xi Jinping", "MEETS", "Vladimir Putin", "2023-03-20"),
        ("Vladimir Putin", "MEETS", "Xi Jinping", "2023-03-21"),
        ("Xi Jinping", "MEETS", "Vladimir Putin", "2023-03-21"),
        ("Vladimir Putin", "OPPOSES", "Volodymyr Zelensky", "2023-04-02"),
    ]
    assert rows[1]["sentence"] == "Putin praised Xi's leadership." and rows[1]["article_id"] == "a1"


def test_requests_are_relations_with_codes_but_no_stance(kg_dir):
    rows = ask(kg_dir, "actor_relations", actor="United States")
    request = [r for r in rows if r["family"] == "REQUESTS"]
    assert [(r["subject"], r["kind"], r["object"], r["plover_type"], r["goldstein"])
            for r in request] == [("United States", "DEMANDS", "Russia", "REQUEST", -5.0)]  # fmt: skip
    timeline = ask(kg_dir, "pair_timeline", a="Washington", b="Moscow")
    assert [(r["family"], r["plover_type"]) for r in timeline] == [("REQUESTS", "REQUEST")]
    # a demand is neither support nor opposition
    assert ask(kg_dir, "stance_balance", a="United States", b="Russia") == []
    rows = ask(kg_dir, "supporters_and_opponents", actor="Russia")
    assert "United States" not in {r["actor"] for r in rows}


def test_supporters_and_opponents(kg_dir):
    rows = ask(kg_dir, "supporters_and_opponents", actor="Ukraine")
    assert [(r["stance"], r["actor"], r["statements"]) for r in rows] == [
        ("SUPPORTS", "NATO", 1), ("SUPPORTS", "Sergei Lavrov", 1), ("SUPPORTS", "United States", 1),
        ("OPPOSES", "Russia", 2), ("OPPOSES", "Wagner Group", 1)]  # fmt: skip
    # the negated endorsement of Russia by China is not support
    rows = ask(kg_dir, "supporters_and_opponents", actor="Russia")
    assert ("SUPPORTS", "China", 1) in [(r["stance"], r["actor"], r["statements"]) for r in rows]


def test_shortest_paths_between_leaders(kg_dir):
    rows = ask(kg_dir, "shortest_paths", **{"from": "Xi", "to": "Blinken"})
    assert {r["hops"] for r in rows} == {3}
    assert {tuple(r["actors"]) for r in rows} == {
        ("Xi Jinping", "Vladimir Putin", "Volodymyr Zelensky", "Antony Blinken")}  # fmt: skip
    assert {tuple(r["families"]) for r in rows} == {
        ("MEETS", "OPPOSES", "MEETS"),
        ("SUPPORTS", "OPPOSES", "MEETS"),
    }
    direct = ask(kg_dir, "shortest_paths", **{"from": "Putin", "to": "Xi"})
    assert {r["hops"] for r in direct} == {1} and {r["families"][0] for r in direct} == {
        "MEETS",
        "SUPPORTS",
    }
    # the hypothetical Xi-Zelensky talk is no path; the real one goes through Putin
    via = ask(kg_dir, "shortest_paths", **{"from": "Xi", "to": "Zelensky"})
    assert {tuple(r["actors"]) for r in via} == {
        ("Xi Jinping", "Vladimir Putin", "Volodymyr Zelensky")
    }
    assert (
        ask(kg_dir, "shortest_paths", **{"from": "NATO", "to": "Xi"}) == []
    )  # more than 3 hops apart


def test_stance_balance_rolls_people_up_to_their_countries(kg_dir):
    rows = ask(kg_dir, "stance_balance", a="Russia", b="Ukraine")
    assert [
        (r["source"], r["target"], r["month"], r["supports"], r["opposes"], r["balance"])
        for r in rows
    ] == [
        ("Russia", "Ukraine", "2022-02", 0, 1, -1),
        ("Russia", "Ukraine", "2023-03", 0, 1, -1),
        (
            "Russia",
            "Ukraine",
            "2023-04",
            1,
            1,
            0,
        ),  # Lavrov welcomed Kyiv; Putin threatened Zelensky
        ("Ukraine", "Russia", "2022-02", 0, 1, -1),  # Zelensky condemned Putin
    ]


def test_pair_timeline(kg_dir):
    rows = ask(kg_dir, "pair_timeline", a="Xi Jinping", b="Putin")
    assert [(r["date"], r["subject"], r["kind"]) for r in rows] == [
        ("2023-03-20", "Vladimir Putin", "PRAISES"), ("2023-03-20", "Xi Jinping", "VISITS"),
        ("2023-03-21", "Vladimir Putin", "NEGOTIATES"), ("2023-03-21", "Xi Jinping", "NEGOTIATES")]  # fmt: skip


def test_country_rollup(kg_dir):
    rows = ask(kg_dir, "country_rollup", country="Moscow")
    assert [(r["country"], r["actor"], r["relations"]) for r in rows] == [
        ("Russia", "Vladimir Putin", 6), ("Russia", "Sergei Lavrov", 1)]  # fmt: skip
    assert {r["country"] for r in ask(kg_dir, "country_rollup")} == {
        "China",
        "Russia",
        "Ukraine",
        "United States",
    }


def test_cli_ask_on_a_build_directory(kg_dir, capsys):
    assert (
        main(
            [
                "ask",
                "who_meets_whom",
                "--param",
                "actor=Xi Jinping",
                str(kg_dir),
                "--format",
                "json",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert [r["met"] for r in rows] == ["Vladimir Putin"]
    assert main(["ask", "--list"]) == 0
    listing = capsys.readouterr().out
    assert "stance_balance --param a=... --param b=..." in listing
    assert main(["ask", "shortest_paths", "--show"]) == 0
    assert "UNION ALL" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["ask", "nope", "DIR"], "no query named 'nope'"),
        (["ask", "who_meets_whom", "--param", "who=Xi", "DIR"], "no parameter 'who'"),
        (["ask", "actor_relations", "DIR"], "needs --param actor"),
        (["ask", "who_meets_whom"], "either a build directory DIR or --neo4j"),
        (["ask", "who_meets_whom", "--param", "actor", "DIR"], "write it as NAME=VALUE"),
    ],
)
def test_cli_ask_mistakes_are_one_line(kg_dir, capsys, argv, message):
    argv = [str(kg_dir) if a == "DIR" else a for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_cli_query_formats(kg_dir, capsys):
    cypher = "MATCH (x:Actor)-[:MEETS]-(y:Actor) RETURN x.name AS a, y.name AS b ORDER BY a, b"
    assert main(["query", str(kg_dir), cypher]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split("|")[0].strip() == "a" and set(table[1]) <= {"-", "+"}
    assert "Xi Jinping" in table[-1] and "Vladimir Putin" in table[-1]
    assert main(["query", str(kg_dir), cypher, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["a,b", "Antony Blinken,Volodymyr Zelensky"]
    assert main(["query", str(kg_dir), "MATCH (a:Actor {id: $id}) RETURN a.aliases AS aliases",
                 "--param", "id=group:quote-front", "--format", "json"]) == 0  # fmt: skip
    assert json.loads(capsys.readouterr().out) == [{"aliases": ["MATCH (n) RETURN n", "it's"]}]


def test_cli_query_error_prints_the_engine_message(kg_dir, capsys):
    assert main(["query", str(kg_dir), "MATCH (a:Actor RETURN a"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("graphbuild query: error: Parser exception")
    assert main(["query", str(kg_dir.parent / "nowhere"), "MATCH (a) RETURN a"]) == 2
    assert "no embedded store" in capsys.readouterr().err


@pytest.mark.parametrize("name, params", QUERY_CASES)
def test_every_query_runs_on_the_embedded_store(kg_dir, name, params):
    query = load_query(name)
    columns, rows = run_query(kg_dir, query.cypher, query.bind(params))
    assert columns and all(len(row) == len(columns) for row in rows)


def test_cli_query_on_a_damaged_store_is_one_line(tmp_path, capsys):
    (tmp_path / "graph.lbug").write_bytes(b"not a database")
    assert main(["query", str(tmp_path), "MATCH (n) RETURN n"]) == 2
    err = capsys.readouterr().err.strip()
    assert "cannot open the embedded store" in err and len(err.splitlines()) == 1
