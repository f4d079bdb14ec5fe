"""serve's edge index answers what a plain count over relations.jsonl answers.

The ego network and dyad pages are computed with numpy over every factual edge
read from the store; here the same numbers are counted the slow, obvious way
over the relation records of a 500-actor build, for busy and quiet actors, with
and without filters.
"""

from __future__ import annotations

from collections import Counter

import pytest
from picture_fixture import write_picture_build

from graphbuild.graph import KnowledgeGraph
from graphbuild.serve import views
from graphbuild.serve.store import GraphStore
from graphbuild.stores.embedded import write_store


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    directory = write_picture_build(tmp_path_factory.mktemp("index") / "kg", actors=500)
    write_store(KnowledgeGraph.load(directory), directory / "graph.lbug")
    kg = KnowledgeGraph.load(directory)
    return GraphStore(directory), list(kg.relations(factual_only=True))


def _dyads(relations, keep=lambda r: True) -> Counter:
    return Counter(
        (r["subject"]["id"], r["object"]["id"], r["family"])
        for r in relations
        if keep(r) and r["subject"]["id"] != r["object"]["id"]
    )


FILTERS = [
    views.Filters(),
    views.Filters(family="OPPOSES"),
    views.Filters(kind="VISITS"),
    views.Filters(date_from="2023-01", date_to="2023-06"),
]


def _passes(f: views.Filters):
    def keep(r):
        return (
            (not f.family or r["family"] == f.family)
            and (not f.kind or r["kind"] == f.kind)
            and (not f.date_from or (r["date"] or "") >= f.date_from)
            and (not f.date_to or (r["date"] and r["date"][:7] <= f.date_to))
        )

    return keep


@pytest.mark.parametrize("filters", FILTERS, ids=["all", "opposes", "visits", "2023-H1"])
@pytest.mark.parametrize("actor", ["actor:0", "actor:7", "actor:300"])
def test_ego_network_counts_match_the_relations(build, actor, filters):
    store, relations = build
    expected = _dyads(relations, _passes(filters))
    ego = views.ego_network(store, actor, hops=2, filters=filters, first_ring=500,
                            second_ring=500, max_edges=100_000)  # fmt: skip
    drawn = {(e["source"], e["target"], e["family"]): e["statements"] for e in ego["edges"]}
    ring = {n["id"] for n in ego["nodes"]}
    wanted = {k: n for k, n in expected.items() if k[0] in ring and k[1] in ring}
    assert drawn == wanted
    neighbours = {k[1] if k[0] == actor else k[0] for k in expected if actor in k[:2]}
    assert {n["id"] for n in ego["nodes"] if n["ring"] == 1} == neighbours
    assert ego["hidden_first"] == 0 and ego["hidden_edges"] == 0


def test_rings_are_cut_to_the_busiest_and_say_so(build):
    store, relations = build
    ego = views.ego_network(store, "actor:0", hops=2)
    weight = Counter()
    for (s, o, _), n in _dyads(relations).items():
        if "actor:0" in (s, o):
            weight[o if s == "actor:0" else s] += n
    first = [n for n in ego["nodes"] if n["ring"] == 1]
    assert len(first) == views.FIRST_RING
    assert ego["hidden_first"] == len(weight) - views.FIRST_RING
    cut = sorted(weight.values(), reverse=True)[views.FIRST_RING - 1]
    assert all(weight[n["id"]] >= cut for n in first)  # nobody busier was left out


@pytest.mark.parametrize("filters", FILTERS[:2] + FILTERS[3:], ids=["all", "opposes", "2023-H1"])
def test_dyad_counts_months_and_pages_match_the_relations(build, filters):
    store, relations = build
    a, b = "actor:0", "actor:1"
    keep = _passes(filters)
    between = [
        r for r in relations
        if {r["subject"]["id"], r["object"]["id"]} == {a, b} and keep(r)
    ]  # fmt: skip
    data = views.dyad(store, a, b, filters, limit=10_000)
    assert data["total"] == len(between)
    assert sorted(s["id"] for s in data["statements"]) == sorted(r["id"] for r in between)
    months = Counter(r["date"][:7] for r in between if r["date"])
    assert {row["month"]: sum(row[f] for f in ("SUPPORTS", "OPPOSES", "MEETS"))
            for row in data["timeline"] if any(row[f] for f in ("SUPPORTS", "OPPOSES", "MEETS"))
            } == dict(months)  # fmt: skip
    assert data["articles"] == len({r["article_id"] for r in between})
    paged = views.dyad(store, a, b, filters, offset=5, limit=7)
    assert [s["id"] for s in paged["statements"]] == [s["id"] for s in data["statements"]][5:12]
