"""Dyad aggregates: statements, events, articles, sources, dates and stance per pair and family."""

from __future__ import annotations

import json
import subprocess
import sys

import networkx as nx
import pytest
from build_dir_fixture import relation_record
from build_dir_fixture import write_build_dir as write_dir

from graphbuild.export.graphml import write_graphml
from graphbuild.export.json import write_node_link
from graphbuild.graph import KnowledgeGraph
from graphbuild.graph.dyads import dyad_aggregates, statement_score
from graphbuild.graph.networkx import to_multigraph

XI = {"id": "Q15031", "name": "Xi Jinping", "type": "Person"}
PUTIN = {"id": "Q7747", "name": "Vladimir Putin", "type": "Person"}
KYIV = {"id": "Q212", "name": "Ukraine", "type": "Country"}

ARTICLES = [
    {"id": "w1", "title": "Summit", "date": "2023-03-20", "url": None, "source": "wire", "text": "."},
    {"id": "w2", "title": "Summit, updated", "date": "2023-03-21", "url": None, "source": "wire",
     "text": ".."},
    {"id": "p1", "title": "Leaders meet", "date": "2023-03-21", "url": None, "source": "paper",
     "text": "..."},
]  # fmt: skip


def _rel(n, subject, family, kind, obj, article, date, goldstein=None, **extra):
    record = relation_record(
        subject, family, kind, obj, article=article, date=date,
        sentence=f"Sentence {n} of a report.", id=f"s{n}", **extra,
    )  # fmt: skip
    if goldstein is not None:
        record["goldstein"] = goldstein
    return record


RELATIONS = [
    # one meeting told by three articles of two outlets
    _rel(1, XI, "MEETS", "VISITS", PUTIN, "w1", "2023-03-20", goldstein=1.9),
    _rel(2, XI, "MEETS", "NEGOTIATES", PUTIN, "w2", "2023-03-20", goldstein=4.0),
    _rel(3, XI, "MEETS", "VISITS", PUTIN, "p1", "2023-03-21"),
    # the other direction is another dyad
    _rel(4, PUTIN, "MEETS", "HOSTS", XI, "p1", "2023-03-21"),
    # Goldstein where present, the family's sign where not
    _rel(5, PUTIN, "OPPOSES", "ATTACKS", KYIV, "w1", "2023-03-20", goldstein=-10.0),
    _rel(6, PUTIN, "OPPOSES", "CRITICIZES", KYIV, "p1", "2023-02-01"),
    # not facts: no part of any dyad
    _rel(7, PUTIN, "OPPOSES", "ATTACKS", KYIV, "w2", "2023-04-01", negated=True),
    _rel(8, XI, "MEETS", "VISITS", PUTIN, "w2", "2024-01-01", modality="future"),
]


def test_statement_score_prefers_goldstein_and_falls_back_to_the_family_sign():
    assert statement_score({"family": "OPPOSES", "goldstein": -10.0}) == -1.0
    assert statement_score({"family": "SUPPORTS", "goldstein": 3.4}) == pytest.approx(0.34)
    assert statement_score({"family": "OPPOSES", "goldstein": None}) == -1.0
    assert statement_score({"family": "SUPPORTS"}) == 1.0
    assert statement_score({"family": "MEETS"}) == 0.25
    assert statement_score({"family": "REQUESTS"}) == 0.0  # no sign, no stance


def test_dyads_count_statements_articles_sources_dates_and_stance():
    sources = {a["id"]: a["source"] for a in ARTICLES}
    dyads = dyad_aggregates(RELATIONS)
    assert set(dyads) == {
        ("Q15031", "Q7747", "MEETS"),
        ("Q7747", "Q15031", "MEETS"),
        ("Q7747", "Q212", "OPPOSES"),
    }
    meeting = dyads[("Q15031", "Q7747", "MEETS")].record(sources)
    assert meeting["statements"] == 3
    assert meeting["events"] == 3  # without events.jsonl each statement is its own event
    assert meeting["articles"] == 3
    assert meeting["sources"] == 2  # wire twice, paper once
    assert (meeting["first_date"], meeting["last_date"]) == ("2023-03-20", "2023-03-21")
    assert meeting["stance"] == pytest.approx((0.19 + 0.4 + 0.25) / 3, abs=1e-4)
    assert meeting["goldstein"] == pytest.approx((1.9 + 4.0) / 2)
    assert meeting["statement_ids"] == ["s1", "s2", "s3"]
    war = dyads[("Q7747", "Q212", "OPPOSES")].record(sources)
    assert war["statements"] == 2  # the negated attack is left out
    assert war["stance"] == -1.0
    assert war["first_date"] == "2023-02-01"


def test_events_collapse_statements_of_one_dyad():
    dyads = dyad_aggregates(RELATIONS, event_of={"s1": "e1", "s2": "e1", "s3": "e1"})
    meeting = dyads[("Q15031", "Q7747", "MEETS")].record({})
    assert meeting["events"] == 1 and meeting["statements"] == 3
    assert meeting["sources"] == 3  # unknown outlets: each article counts as its own


@pytest.fixture
def build(tmp_path):
    actors = [{**XI, "aliases": []}, {**PUTIN, "aliases": []}, {**KYIV, "aliases": []}]
    return write_dir(tmp_path / "kg", actors=actors, articles=ARTICLES, relations=RELATIONS)


def test_exports_draw_one_weighted_edge_per_dyad_with_its_statements(build, tmp_path):
    graph = to_multigraph(KnowledgeGraph.load(build))
    assert graph.number_of_edges() == 3
    meeting = graph.edges["Q15031", "Q7747", "MEETS"]
    assert (meeting["count"], meeting["events"], meeting["sources"]) == (3, 3, 2)
    assert meeting["statement_ids"] == ["s1", "s2", "s3"]
    out = tmp_path / "graph.graphml"
    write_graphml(KnowledgeGraph.load(build), out)
    back = nx.read_graphml(out)
    edge = next(d for _, _, d in back.edges(data=True) if d["label"] == "OPPOSES")
    assert edge["weight"] == 2.0 and edge["stance"] == -1.0 and edge["sources"] == 2
    assert edge["statement_ids"] == "s5; s6"


def test_per_statement_option_keeps_one_edge_per_statement(build, tmp_path):
    out = tmp_path / "graph.json"
    write_node_link(KnowledgeGraph.load(build), out, per_statement=True)
    links = json.loads(out.read_text())["links"]
    assert sorted(link["id"] for link in links) == ["s1", "s2", "s3", "s4", "s5", "s6"]
    attack = next(link for link in links if link["id"] == "s5")
    assert (attack["family"], attack["kind"], attack["goldstein"]) == ("OPPOSES", "ATTACKS", -10.0)
    result = subprocess.run(
        [sys.executable, "-m", "graphbuild", "export", str(build), "-f", "gexf",
         "--per-statement", "-o", str(tmp_path / "g.gexf")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_edges() == 6
    refused = subprocess.run(
        [sys.executable, "-m", "graphbuild", "export", str(build), "-f", "png", "--per-statement"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert refused.returncode == 2 and "--per-statement works with" in refused.stderr
