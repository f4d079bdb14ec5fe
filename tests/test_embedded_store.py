"""The embedded Cypher store (LadybugDB): schema, facts only as edges, verbatim text, increments."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from store_fixture import ACTORS, ARTICLES, FACTUAL, HOSTILE, RELATIONS, write_build_dir

from graphbuild.graph.knowledge_graph import KnowledgeGraph
from graphbuild.stores import embedded
from graphbuild.stores.embedded import QueryError, StoreError, run_query, write_store

DUMP = {
    "actors": "MATCH (a:Actor) RETURN a.id, a.name, a.type, a.aliases, a.country, a.country_id, "
    "a.wikidata, a.role",
    "articles": "MATCH (a:Article) RETURN a.id, a.title, a.date, a.url, a.source",
    "statements": "MATCH (s:Statement) RETURN s.id, s.family, s.kind, s.cameo, s.quad_class, s.negated, "
    "s.modality, s.confidence, s.article_id, s.date, s.sentence, s.start, s.`end`, s.plover_type, "
    "s.plover_mode, s.plover_context, s.goldstein, s.subject_sector, s.object_sector",
    "edges": "MATCH (a:Actor)-[r:SUPPORTS|OPPOSES|MEETS|REQUESTS]->(b:Actor) RETURN a.id, r.family, "
    "b.id, r.id, r.kind, r.cameo, r.quad_class, r.date, r.article_id, r.sentence, r.start, r.`end`, "
    "r.confidence, r.modality, r.plover_type, r.plover_mode, r.plover_context, r.goldstein, "
    "r.subject_sector, r.object_sector",
    "mentions": "MATCH (a:Article)-[m:MENTIONS]->(b:Actor) RETURN a.id, b.id, m.count",
    "affiliations": "MATCH (a:Actor)-[:AFFILIATED_WITH]->(c:Actor) RETURN a.id, c.id",
    "links": "MATCH (s:Statement)-[:HAS_SUBJECT]->(a:Actor), (s)-[:HAS_OBJECT]->(b:Actor) "
    "OPTIONAL MATCH (s)-[:FROM_ARTICLE]->(ar:Article) RETURN s.id, a.id, b.id, ar.id",
}


def dump(store: Path) -> dict[str, list]:
    """Everything the store holds, sorted, for comparing two stores."""
    return {name: sorted(map(repr, run_query(store, cypher)[1])) for name, cypher in DUMP.items()}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    directory = write_build_dir(tmp_path_factory.mktemp("kg") / "kg")
    write_store(KnowledgeGraph(directory), directory / "graph.lbug", None)
    return directory / "graph.lbug"


def test_store_holds_the_schema_of_the_architecture(store):
    counts = {
        label: run_query(store, f"MATCH (n:{label}) RETURN count(n)")[1][0][0]
        for label in ("Actor", "Article", "Statement")
    }
    # the Wagner Group is named only by a relation: the store still gets its node
    assert counts == {
        "Actor": len(ACTORS) + 1,
        "Article": len(ARTICLES),
        "Statement": len(RELATIONS),
    }
    _, rows = run_query(store, "MATCH (a:Actor {id: 'group:wagner'}) RETURN a.name, a.type")
    assert rows == [["Wagner Group", "ArmedGroup"]]
    _, rows = run_query(
        store, "MATCH (a:Actor {id: 'Q15031'}) RETURN a.aliases, a.country_id, a.role"
    )
    assert rows == [[["Xi", "President Xi"], "Q148", "President of China"]]


def test_requests_are_their_own_relationship_type_with_codes_and_sectors(store):
    """A demand is a REQUESTS edge, never SUPPORTS or OPPOSES, and carries its PLOVER codes,
    Goldstein score and the sectors its two sides acted in."""
    _, rows = run_query(
        store,
        "MATCH (a:Actor)-[r:REQUESTS]->(b:Actor) RETURN a.id, b.id, r.id, r.family, r.kind, "
        "r.plover_type, r.plover_mode, r.plover_context, r.goldstein, r.subject_sector, "
        "r.object_sector",
    )
    assert rows == [
        ["Q30", "Q159", "r21", "REQUESTS", "DEMANDS", "REQUEST", "yield", ["military"], -5.0,
         "GOV", "MIL"]
    ]  # fmt: skip
    _, rows = run_query(
        store, "MATCH (:Actor {id: 'Q30'})-[r:SUPPORTS|OPPOSES]->(:Actor {id: 'Q159'}) RETURN r"
    )
    assert rows == []
    _, rows = run_query(
        store,
        "MATCH (s:Statement {id: 'r21'}) RETURN s.plover_type, s.plover_context, s.goldstein, "
        "s.subject_sector, s.object_sector",
    )
    assert rows == [["REQUEST", ["military"], -5.0, "GOV", "MIL"]]


def test_codes_follow_the_cameo_code_and_are_null_without_one(store):
    _, rows = run_query(
        store,
        "MATCH (s:Statement) WHERE s.id IN ['r1', 'r4', 'r5'] RETURN s.id, s.cameo, s.plover_type, "
        "s.plover_mode, s.plover_context, s.goldstein, s.subject_sector ORDER BY s.id",
    )
    assert rows == [
        ["r1", "042", "CONSULT", "visit", [], 1.9, None],
        ["r4", "051", "SUPPORT", None, ["diplomatic"], 3.4, None],
        ["r5", None, None, None, [], None, None],
    ]


def test_only_factual_statements_become_edges_and_all_stay_as_statements(store):
    edges = "MATCH ()-[r:SUPPORTS|OPPOSES|MEETS|REQUESTS]->()"
    _, rows = run_query(store, f"{edges} RETURN r.family, count(r)")
    assert dict(rows) == Counter(r["family"] for r in FACTUAL)
    _, rows = run_query(store, f"{edges} RETURN r.id")
    assert {r[0] for r in rows} == {r["id"] for r in FACTUAL}
    # the negated endorsement and the hypothetical meeting are evidence, not edges
    _, rows = run_query(
        store,
        "MATCH (s:Statement)-[:HAS_SUBJECT]->(a:Actor), (s)-[:HAS_OBJECT]->(b:Actor) "
        "WHERE s.negated OR s.modality IN ['hypothetical', 'future'] RETURN s.id, a.id, b.id ORDER BY s.id",
    )
    assert rows == [["r18", "Q148", "Q159"], ["r19", "Q15031", "person:volodymyr-zelensky"],
                    ["r20", "Q7747", "Q15031"]]  # fmt: skip
    _, rows = run_query(
        store, "MATCH (:Actor {id: 'Q148'})-[r:SUPPORTS]->(:Actor {id: 'Q159'}) RETURN r.id"
    )
    assert rows == [["r5"]]


def test_relationships_link_statements_articles_mentions_and_countries(store):
    _, rows = run_query(store, "MATCH (s:Statement)-[:FROM_ARTICLE]->(a:Article) RETURN count(s)")
    assert rows == [[len(RELATIONS)]]
    _, rows = run_query(
        store, "MATCH (a:Article)-[m:MENTIONS]->(b:Actor) RETURN a.id, b.id, m.count"
    )
    # counted per article and actor; the mention of an unknown article is dropped
    assert sorted(rows) == [["a1", "Q15031", 2], ["a1", "Q159", 1], ["a2", "Q15031", 1],
                            ["a2", "Q7747", 1], ["a3", "Q159", 1], ["a3", "Q212", 1],
                            ["a4", "group:quote-front", 1]]  # fmt: skip
    _, rows = run_query(
        store, "MATCH (a:Actor)-[:AFFILIATED_WITH]->(c:Actor) RETURN a.name, c.name"
    )
    assert sorted(rows) == sorted(
        [[a["name"], next(c["name"] for c in ACTORS if c["id"] == a["country_id"])]
         for a in ACTORS if a.get("country_id")]
    )  # fmt: skip


def test_text_with_quotes_backslashes_braces_and_keywords_is_verbatim(store):
    _, rows = run_query(store, "MATCH ()-[r:MEETS {id: 'r14'}]->() RETURN r.sentence")
    assert rows == [[HOSTILE]]
    _, rows = run_query(store, "MATCH (a:Article {id: 'a4'}) RETURN a.title, a.url")
    assert rows == [[f"Hostile {HOSTILE}", "https://example.org/a4?q='x'"]]
    _, rows = run_query(store, "MATCH (a:Actor {id: 'group:quote-front'}) RETURN a.name, a.aliases")
    assert rows == [['The "Quote\\Back}slash" Front', ["MATCH (n) RETURN n", "it's"]]]
    # parameters carry hostile text as data, never as Cypher
    _, rows = run_query(store, "MATCH (s:Statement) WHERE s.sentence = $text RETURN s.id ORDER BY s.id",
                        {"text": HOSTILE})  # fmt: skip
    assert rows == [["r14"], ["r17"]]


def test_unknown_values_stay_null_not_empty_text(store):
    _, rows = run_query(
        store, "MATCH (a:Article {id: 'a5'}) RETURN a.title, a.date, a.url, a.source"
    )
    assert rows == [[None, None, None, None]]
    _, rows = run_query(store, "MATCH ()-[r:OPPOSES {id: 'r16'}]->() RETURN r.date, r.cameo")
    assert rows == [[None, None]]
    _, rows = run_query(store, "MATCH ()-[r:MEETS {id: 'r1'}]->() RETURN r.cameo, r.start, r.`end`")
    assert rows == [["042", 0, len(RELATIONS[0]["sentence"])]]


def test_an_incremental_build_equals_a_full_one(tmp_path):
    first = {"a1", "a2", "a3"}
    old = write_build_dir(tmp_path / "old", article_ids=first)
    write_store(KnowledgeGraph(old), old / "graph.lbug", None)
    full = write_build_dir(tmp_path / "full")
    write_store(KnowledgeGraph(full), full / "graph.lbug", None)

    new_kg = KnowledgeGraph(full, new_article_ids={"a4", "a5"})
    appended = tmp_path / "appended.lbug"
    assert embedded._try_extend(
        new_kg, old / "graph.lbug", appended
    )  # the append path, not a rebuild
    assert dump(appended) == dump(full / "graph.lbug")

    through_writer = tmp_path / "through-writer.lbug"
    write_store(new_kg, through_writer, old / "graph.lbug")
    assert dump(through_writer) == dump(full / "graph.lbug")
    assert (
        dump(old / "graph.lbug")["articles"] != dump(full / "graph.lbug")["articles"]
    )  # old left alone


def test_a_previous_store_that_does_not_fit_is_rebuilt(tmp_path):
    full = write_build_dir(tmp_path / "full")
    write_store(KnowledgeGraph(full), full / "graph.lbug", None)
    garbage = tmp_path / "garbage.lbug"
    garbage.write_bytes(b"not a database at all" * 100)
    out = tmp_path / "out.lbug"
    write_store(KnowledgeGraph(full, new_article_ids={"a5"}), out, garbage)
    assert dump(out) == dump(full / "graph.lbug")
    # a previous store of other articles (counts disagree) is not extended either
    other = write_build_dir(tmp_path / "other", article_ids={"a1"})
    write_store(KnowledgeGraph(other), other / "graph.lbug", None)
    out2 = tmp_path / "out2.lbug"
    write_store(KnowledgeGraph(full, new_article_ids={"a5"}), out2, other / "graph.lbug")
    assert dump(out2) == dump(full / "graph.lbug")


def test_store_in_a_folder_whose_name_has_quotes(tmp_path):
    directory = write_build_dir(tmp_path / 'it\'s a "kg" \\ folder')
    write_store(KnowledgeGraph(directory), directory / "graph.lbug", None)
    assert run_query(directory, "MATCH (a:Article) RETURN count(a)")[1] == [[len(ARTICLES)]]
    assert not [
        p.name for p in directory.iterdir() if p.name.startswith(".lbug-")
    ]  # scratch removed


def test_empty_build_directory_gives_an_empty_store(tmp_path):
    directory = tmp_path / "kg"
    directory.mkdir()
    (directory / "actors.jsonl").write_text("")
    write_store(KnowledgeGraph(directory), directory / "graph.lbug", None)
    assert run_query(directory, "MATCH (n:Actor) RETURN count(n)")[1] == [[0]]


def test_query_errors_carry_the_engine_message(store):
    with pytest.raises(QueryError, match="(?i)parser exception"):
        run_query(store, "MATCH (a:Actor RETURN a")
    with pytest.raises(QueryError, match="nope"):
        run_query(store, "MATCH (a:Actor) RETURN a.nope")
    with pytest.raises(QueryError, match="(?i)read-only"):
        run_query(store, "CREATE (a:Actor {id: 'x'})")


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no embedded store"):
        run_query(tmp_path, "MATCH (n) RETURN n")


def test_nodes_and_paths_come_back_as_plain_values(store):
    _, rows = run_query(store, "MATCH (a:Actor {id: 'Q7184'}) RETURN a")
    assert rows == [[{"id": "Q7184", "name": "NATO", "type": "Organization", "aliases": [],
                      "wikidata": "Q7184", "_labels": ["Actor"]}]]  # fmt: skip
    _, rows = run_query(
        store, "MATCH p = (:Actor {id: 'Q15031'})-[:MEETS]->(:Actor) RETURN p LIMIT 1"
    )
    path = rows[0][0]
    assert [n["name"] for n in path["nodes"]] == ["Xi Jinping", "Vladimir Putin"]
    assert path["relationships"][0]["_type"] == "MEETS"


def test_seed_build_has_a_store_that_knows_xi_met_putin(seed_build):
    assert (seed_build / "graph.lbug").is_file()
    _, rows = run_query(
        seed_build,
        "MATCH (a:Actor)-[:MEETS]-(b:Actor) WHERE a.name = 'Xi Jinping' RETURN DISTINCT b.name",
    )
    assert ["Vladimir Putin"] in rows


def test_writer_leaves_no_stray_files(tmp_path):
    directory = write_build_dir(tmp_path / "kg")
    write_store(KnowledgeGraph(directory), directory / "graph.lbug", None)
    names = sorted(p.name for p in directory.iterdir())
    assert names == [
        "actors.jsonl",
        "articles.jsonl",
        "graph.lbug",
        "mentions.jsonl",
        "relations.jsonl",
    ]
    shutil.rmtree(directory)
