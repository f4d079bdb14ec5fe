"""REQUESTS and the codes in the networkx graph, every export and the analytics: a request is
its own family everywhere, never counted as a stance; PLOVER types, Goldstein scores and
sectors travel with the edges and their evidence."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from build_dir_fixture import relation_record, write_build_dir

from graphbuild.analytics import analyze, stance_balance
from graphbuild.export.gexf import write_gexf
from graphbuild.export.graphml import write_graphml
from graphbuild.export.html import graph_payload
from graphbuild.export.json import write_cytoscape, write_node_link
from graphbuild.graph import KnowledgeGraph
from graphbuild.graph.networkx import to_multigraph, to_signed_graph

ACTORS = [
    {"id": "Q30", "name": "United States", "type": "Country", "aliases": []},
    {"id": "Q843", "name": "Pakistan", "type": "Country", "aliases": []},
    {"id": "Q668", "name": "India", "type": "Country", "aliases": []},
]
ARTICLES = [{"id": "a1", "title": "Calls for calm", "date": "2025-05-08", "text": "..."}]


def _ref(actor_id: str, sector: str | None = None) -> dict:
    actor = next(a for a in ACTORS if a["id"] == actor_id)
    return {"id": actor_id, "name": actor["name"], "type": actor["type"], "sector": sector}


def _rel(subject, family, kind, obj, cameo, sentence, sectors=(None, None), start=0):
    return relation_record(
        _ref(subject, sectors[0]), family, kind, _ref(obj, sectors[1]), article="a1",
        date="2025-05-08", sentence=sentence, cameo=cameo, start=start,
    )  # fmt: skip


RELATIONS = [
    # two appeals and a demand: requests, not support or opposition
    _rel("Q30", "REQUESTS", "APPEALS", "Q843", "020", "Washington urged Islamabad to show restraint.",
         sectors=("GOV", "GOV")),
    _rel("Q30", "REQUESTS", "APPEALS", "Q668", "020", "Washington urged New Delhi to show restraint.",
         sectors=("GOV", None), start=50),
    _rel("Q30", "REQUESTS", "DEMANDS", "Q843", "1056", "US envoys demanded the army pull back.",
         sectors=("GOV", "MIL"), start=100),
    # one stance, so the signed graph is not empty
    _rel("Q668", "OPPOSES", "ACCUSES", "Q843", "112", "India accused Pakistan of shelling.",
         start=150),
]  # fmt: skip


def write_requests_build(directory):
    """The build directory of these tests (also drawn by the browser tests)."""
    return write_build_dir(directory, actors=ACTORS, articles=ARTICLES, relations=RELATIONS)


@pytest.fixture()
def kg(tmp_path):
    return KnowledgeGraph.load(write_requests_build(tmp_path / "kg"))


def test_aggregated_edges_keep_plover_types_goldstein_and_sectors(kg):
    graph = to_multigraph(kg)
    request = graph["Q30"]["Q843"]["REQUESTS"]
    assert request["count"] == 2
    assert request["plover_types"] == {"REQUEST": 2}
    assert request["goldstein"] == round((3.0 - 5.0) / 2, 2)  # the mean of 020 and 1056
    assert request["subject_sectors"] == {"GOV": 2}
    assert request["object_sectors"] == {"GOV": 1, "MIL": 1}
    demand = next(e for e in request["evidence"] if e["kind"] == "DEMANDS")
    assert demand["plover_type"] == "REQUEST" and demand["plover_mode"] == "yield"
    assert demand["plover_context"] == ["military"] and demand["goldstein"] == -5.0
    assert (demand["subject_sector"], demand["object_sector"]) == ("GOV", "MIL")
    accusation = graph["Q668"]["Q843"]["OPPOSES"]
    assert accusation["plover_types"] == {"ACCUSE": 1} and accusation["goldstein"] == -2.0
    assert accusation["subject_sectors"] == {}


def test_requests_weigh_nothing_in_the_signed_graph_and_stance(kg):
    signed = to_signed_graph(to_multigraph(kg))
    assert not signed.has_edge("Q30", "Q843") and not signed.has_edge("Q30", "Q668")
    assert signed["Q668"]["Q843"]["weight"] == -1.0
    rows = stance_balance(to_multigraph(kg))
    assert [(r["from"], r["to"], r["balance"]) for r in rows] == [("Q668", "Q843", -1)]
    report = analyze(kg)
    assert report["summary"]["factual_statements"]["REQUESTS"] == 3
    # the United States only asks: it belongs to no bloc built on stances
    blocs = report["blocs"]["blocs"]
    assert all("United States" not in b["names"] or b["size"] == 1 for b in blocs)


def test_graphml_and_gexf_carry_the_requests_edges_and_codes(kg, tmp_path):
    write_graphml(kg, tmp_path / "g.graphml", None)
    write_gexf(kg, tmp_path / "g.gexf", None)
    for graph in (
        nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True),
        nx.read_gexf(tmp_path / "g.gexf"),
    ):
        edges = {(u, v, d["label"]): d for u, v, d in graph.edges(data=True)}
        request = edges["Q30", "Q843", "REQUESTS"]
        assert json.loads(request["plover_types"]) == {"REQUEST": 2}
        assert float(request["goldstein"]) == -1.0
        assert json.loads(request["object_sectors"]) == {"GOV": 1, "MIL": 1}


def test_json_exports_carry_the_requests_edges_and_codes(kg, tmp_path):
    write_node_link(kg, tmp_path / "nl.json", None)
    write_cytoscape(kg, tmp_path / "cy.json", None)
    links = json.loads((tmp_path / "nl.json").read_text())["links"]
    link = next(x for x in links if x["id"] == "Q30|REQUESTS|Q843")
    assert link["plover_types"] == {"REQUEST": 2} and link["goldstein"] == -1.0
    edges = json.loads((tmp_path / "cy.json").read_text())["elements"]["edges"]
    edge = next(e["data"] for e in edges if e["data"]["id"] == "Q30|REQUESTS|Q668")
    assert edge["family"] == "REQUESTS" and edge["subject_sectors"] == {"GOV": 1}


def test_html_page_shows_requests_with_their_colour_and_codes(kg):
    payload = graph_payload(kg)
    assert "REQUESTS" in payload["style"]["families"]
    edge = next(e for e in payload["edges"] if e["id"] == "Q30|REQUESTS|Q843")
    assert edge["plover_types"] == {"REQUEST": 2} and edge["goldstein"] == -1.0
    demand = next(item for item in edge["evidence"] if item["kind"] == "DEMANDS")
    assert demand["plover_type"] == "REQUEST" and demand["object_sector"] == "MIL"
