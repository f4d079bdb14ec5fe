"""Graph conversion and network analytics: aggregation, centrality, signed blocs, stance, timelines,
and the ``graphbuild analyze`` report."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from test_export_data import ACTORS, EVIL_NAME, FACTUAL_EDGES, RELATIONS, relation, write_build_dir

from graphbuild.analytics import (
    analyze,
    centrality_table,
    find_actor,
    pair_timelines,
    signed_louvain,
    signed_modularity,
    stance_balance,
    write_report,
)
from graphbuild.analytics.centrality import (
    betweenness_centrality,
    degree_centrality,
    eigenvector_centrality,
)
from graphbuild.cli import main
from graphbuild.graph import KnowledgeGraph
from graphbuild.graph.networkx import (
    aggregate_relations,
    to_multigraph,
    to_signed_graph,
    to_weighted_graph,
)


@pytest.fixture()
def kg(tmp_path):
    return KnowledgeGraph.load(write_build_dir(tmp_path / "kg"))


# ---------- conversion ----------


def test_multigraph_has_one_edge_per_factual_subject_object_family(kg):
    graph = to_multigraph(kg)
    edges = {(u, v, k): d["count"] for u, v, k, d in graph.edges(keys=True, data=True)}
    assert edges == FACTUAL_EDGES  # the negated and the hypothetical statement are not edges
    assert set(graph.nodes) == {a["id"] for a in ACTORS}
    assert graph.nodes["Q15031"]["country_id"] == "Q148"
    assert graph.nodes["group:evil"]["name"] == EVIL_NAME


def test_edge_attributes_and_evidence_with_article(kg):
    data = to_multigraph(kg)["Q159"]["Q212"]["OPPOSES"]
    assert data["kinds"] == {"ATTACKS": 2}
    assert (data["first_date"], data["last_date"]) == ("2022-02-24", "2023-03-20")
    assert [e["date"] for e in data["evidence"]] == ["2023-03-20", "2022-02-24"]  # newest first
    assert data["evidence"][0]["title"] == "Xi arrives in Moscow"
    assert data["evidence"][0]["url"] == "https://example.org/xi-moscow"
    assert data["evidence"][1]["sentence"] == "Russia attacked Ukraine."


def test_evidence_is_capped_but_counts_are_complete():
    relations = [
        relation(
            n, "Q159", "OPPOSES", "ATTACKS", "Q212", "a1", f"2023-01-{n % 28 + 1:02d}", f"s{n}"
        )
        for n in range(5000)
    ]
    edges, _ = aggregate_relations(iter(relations), evidence_cap=3, histogram=True)
    summary = edges["Q159", "Q212", "OPPOSES"]
    assert summary.count == 5000
    assert len(summary.evidence) == 3
    assert {e["date"] for e in summary.evidence} == {"2023-01-28"}
    assert sum(n for _, _, n in summary.attributes()["histogram"]) == 5000


def test_malformed_relations_are_skipped(tmp_path):
    bad = [{"family": "SUPPORTS"}, {"subject": None, "object": {}, "family": "MEETS"}, "text", None]
    directory = write_build_dir(tmp_path / "kg", relations=[*bad, RELATIONS[0]])
    graph = to_multigraph(KnowledgeGraph.load(directory))
    assert list(graph.edges(keys=True)) == [("Q15031", "Q7747", "MEETS")]


def test_odd_field_values_do_not_break_aggregation():
    odd = relation(1, "Q148", "SUPPORTS", None, "Q159", None, 20230320, "", confidence="high")
    odd["sentence"] = None
    plain = relation(2, "Q148", "SUPPORTS", "AIDS", "Q159", "a1", "2023-03-20", "x")
    edges, _ = aggregate_relations([odd, plain])
    summary = edges["Q148", "Q159", "SUPPORTS"]
    assert (summary.count, summary.undated, summary.first_date) == (2, 1, "2023-03-20")
    assert summary.kinds == {"SUPPORTS": 1, "AIDS": 1}
    assert summary.evidence[-1]["sentence"] == ""


def test_relation_with_actor_missing_from_actors_file_still_gets_a_node(tmp_path):
    rel = relation(1, "Q148", "SUPPORTS", "AIDS", "Q159", "a1", None, "x")
    rel["object"] = {"id": "org:new", "name": "New Body", "type": "Organization"}
    graph = to_multigraph(KnowledgeGraph.load(write_build_dir(tmp_path / "kg", relations=[rel])))
    assert graph.nodes["org:new"]["name"] == "New Body"
    assert graph["Q148"]["org:new"]["SUPPORTS"]["undated"] == 1


def test_signed_graph_weights(kg):
    signed = to_signed_graph(to_multigraph(kg))
    assert signed["Q15031"]["Q7747"]["weight"] == pytest.approx(1.25)  # a meeting and a praise
    assert signed["Q159"]["Q212"]["weight"] == -2
    assert signed["Q159"]["Q212"]["opposes"] == 2
    weighted = to_weighted_graph(to_multigraph(kg))
    assert weighted["Q7747"]["Q15031"]["weight"] == 2  # both directions, all families


# ---------- centrality ----------


@pytest.mark.parametrize(
    "graph",
    [
        nx.Graph(),
        nx.empty_graph(1),
        nx.empty_graph(3),
        nx.Graph([(1, 2), (3, 4)]),
        nx.path_graph(2),
    ],
    ids=["empty", "one node", "no edges", "two components", "one edge"],
)
def test_centrality_on_tiny_and_disconnected_graphs(graph):
    nx.set_edge_attributes(graph, 1, "weight")
    for measure in (degree_centrality, betweenness_centrality, eigenvector_centrality):
        values = measure(graph)
        assert set(values) == set(graph.nodes)
        assert all(0.0 <= v <= 1.0 + 1e-9 for v in values.values())
    assert len(centrality_table(graph)) == graph.number_of_nodes()


def test_centrality_ranks_the_hub_first():
    star = nx.star_graph(5)
    nx.set_edge_attributes(star, 1, "weight")
    rows = centrality_table(star)
    assert rows[0]["id"] == 0
    assert rows[0]["betweenness"] == pytest.approx(1.0)
    assert all(r["betweenness"] == 0 for r in rows[1:])


def test_eigenvector_matches_networkx():
    graph = nx.les_miserables_graph()
    ours = eigenvector_centrality(graph)
    theirs = nx.eigenvector_centrality(graph, weight="weight", tol=1e-10, max_iter=5000)
    assert max(abs(ours[n] - theirs[n]) for n in graph) < 1e-3
    bipartite = nx.complete_bipartite_graph(2, 3)  # plain power iteration would oscillate
    values = eigenvector_centrality(bipartite, weight=None)
    assert values[0] == pytest.approx(values[1]) and values[0] > values[2]


def test_betweenness_is_sampled_on_big_graphs_and_repeatable():
    graph = nx.barabasi_albert_graph(300, 2, seed=1)
    first = betweenness_centrality(graph, budget=1000)  # 300 nodes x 596 edges: over budget
    assert first == betweenness_centrality(graph, budget=1000)
    exact = betweenness_centrality(graph)
    assert exact == nx.betweenness_centrality(graph)
    top_exact = max(exact, key=exact.get)
    assert first[top_exact] > 0


# ---------- blocs ----------


def _signed(edges):
    graph = nx.Graph()
    graph.add_weighted_edges_from(edges)
    return graph


def test_two_factions_become_two_blocs():
    graph = _signed(
        [
            ("a", "b", 1),
            ("b", "c", 1),
            ("a", "c", 1),
            ("d", "e", 1),
            ("e", "f", 1),
            ("d", "f", 1),
            ("a", "d", -1),
            ("b", "e", -1),
            ("c", "f", -1),
        ]
    )
    blocs = signed_louvain(graph)
    assert sorted(map(sorted, blocs)) == [["a", "b", "c"], ["d", "e", "f"]]
    assert signed_modularity(graph, blocs) > signed_modularity(graph, [set(graph.nodes)])


def test_enemies_with_a_common_friend_are_split():
    graph = _signed([("a", "c", 1), ("b", "c", 1), ("a", "b", -3)])
    where = {n: i for i, bloc in enumerate(signed_louvain(graph)) for n in bloc}
    assert where["a"] != where["b"]


def test_signed_modularity_matches_plain_modularity_without_negative_edges():
    graph = _signed([("a", "b", 1), ("c", "d", 1)])
    assert signed_modularity(graph, [{"a", "b"}, {"c", "d"}]) == pytest.approx(0.5)
    assert signed_modularity(graph, [{"a", "b"}, {"c", "d"}]) == pytest.approx(
        nx.community.modularity(graph, [{"a", "b"}, {"c", "d"}])
    )


def test_blocs_are_deterministic_and_cover_every_node():
    graph = nx.les_miserables_graph()
    for i, (u, v) in enumerate(graph.edges):
        graph[u][v]["weight"] = -1 if i % 7 == 0 else 1
    first = signed_louvain(graph)
    assert first == signed_louvain(graph)
    assert set().union(*first) == set(graph.nodes)
    assert sum(len(b) for b in first) == graph.number_of_nodes()
    assert signed_modularity(graph, first) > 0.3


def test_blocs_of_empty_and_edgeless_graphs():
    assert signed_louvain(nx.Graph()) == []
    assert signed_louvain(nx.empty_graph(3)) == [{0}, {1}, {2}]
    assert signed_modularity(nx.empty_graph(3), [{0}, {1}, {2}]) == 0.0


# ---------- stance and timelines ----------


def test_stance_balance_rolls_people_up_to_countries(kg):
    rows = {(r["from_name"], r["to_name"]): r for r in stance_balance(to_multigraph(kg))}
    assert rows["Russia", "Ukraine"]["balance"] == -2
    china_russia = rows["China", "Russia"]  # China supports Russia; Xi meets Putin
    assert (china_russia["supports"], china_russia["meets"], china_russia["balance"]) == (1, 1, 1)
    assert rows["United States", "China"]["opposes"] == 1  # Blinken criticised China
    assert rows["Ukraine", "Russia"]["opposes"] == 1  # Zelensky condemned Putin
    assert not [key for key in rows if "NATO" in key]  # no country: not a country pair
    assert list(rows)[0] == ("Russia", "Ukraine")  # strongest stance first


def test_pair_timeline_by_month_and_roll_up(kg):
    timelines = pair_timelines(kg.relations(), [("Q212", "Q159")], period="month")
    assert timelines["Q212", "Q159"] == [
        {"period": "2022-02", "SUPPORTS": 0, "OPPOSES": 1, "MEETS": 0, "REQUESTS": 0},
        {"period": "2023-03", "SUPPORTS": 0, "OPPOSES": 1, "MEETS": 0, "REQUESTS": 0},
    ]
    roll_up = {"Q15031": "Q148", "Q7747": "Q159"}
    rolled = pair_timelines(kg.relations(), [("Q148", "Q159")], period="year", roll_up=roll_up)
    assert rolled["Q148", "Q159"] == [
        {"period": "2023", "SUPPORTS": 2, "OPPOSES": 0, "MEETS": 1, "REQUESTS": 0}
    ]


def test_undated_statements_come_last_and_bad_period_is_refused():
    rels = [
        relation(1, "Q148", "MEETS", "VISITS", "Q159", "a1", None, "x"),
        relation(2, "Q159", "MEETS", "HOSTS", "Q148", "a1", "2020-01-05", "y"),
    ]
    rows = pair_timelines(rels, [("Q148", "Q159")], period="day")[("Q148", "Q159")]
    assert [r["period"] for r in rows] == ["2020-01-05", "undated"]
    with pytest.raises(ValueError, match="period"):
        pair_timelines(rels, [("Q148", "Q159")], period="week")


def test_find_actor_by_id_name_or_alias(kg):
    assert find_actor(kg.actors, "Q7747") == "Q7747"
    assert find_actor(kg.actors, "vladimir putin") == "Q7747"
    assert find_actor(kg.actors, "the kremlin") == "Q159"
    assert find_actor(kg.actors, "习近平") == "Q15031"
    assert find_actor(kg.actors, "Nobody") is None


# ---------- report and CLI ----------


def test_analyze_report_contents(kg):
    report = analyze(kg, pairs=[("Xi", "Putin")])
    assert report["summary"]["factual_statements"] == {
        "SUPPORTS": 4,
        "OPPOSES": 6,
        "MEETS": 1,
        "REQUESTS": 0,
    }
    assert report["centrality"][0]["name"] == "Ukraine"
    country_blocs = [set(b["names"]) for b in report["blocs"]["country_blocs"]]
    assert {"China", "Russia"} in country_blocs and {"Ukraine", "United States"} in country_blocs
    assert report["timelines"][0]["rows"] == [
        {"period": "2023-03", "SUPPORTS": 1, "OPPOSES": 0, "MEETS": 1, "REQUESTS": 0}
    ]


def test_write_report_files(kg, tmp_path):
    paths = write_report(kg, tmp_path / "report")
    report = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert {"summary", "centrality", "blocs", "stance", "timelines"} <= set(report)
    for name in ("blocs", "centrality", "stance", "timelines"):
        assert paths[name].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    markdown = paths["markdown"].read_text(encoding="utf-8")
    assert "## Blocs" in markdown and "![centrality](centrality.png)" in markdown
    assert (
        "<img" not in markdown and "&lt;img src=x" in markdown
    )  # article text cannot become markup
    assert not list((tmp_path / "report").glob(".*tmp*"))  # no temporary files left behind


def test_analyze_command(kg, tmp_path, capsys):
    out = tmp_path / "analysis"
    assert main(["analyze", str(kg.directory), "--out", str(out), "--pair", "Russia", "Kyiv"]) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [(t["a_name"], t["b_name"]) for t in report["timelines"]] == [("Russia", "Ukraine")]
    assert main(["analyze", str(kg.directory), "--pair", "Russia", "Atlantis"]) == 2
    assert "no actor named 'Atlantis'" in capsys.readouterr().err
    assert main(["analyze", str(tmp_path / "missing")]) == 2


def test_analyze_graph_without_relations(tmp_path):
    kg = KnowledgeGraph.load(write_build_dir(tmp_path / "kg", relations=[]))
    paths = write_report(kg, tmp_path / "report")
    report = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert report["summary"]["actor_pairs"] == 0 and report["timelines"] == []
    assert report["blocs"]["blocs"] == []
