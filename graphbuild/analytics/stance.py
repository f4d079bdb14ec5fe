"""Stance balance between countries: supports minus opposes, leaders rolled up.

A statement by Vladimir Putin about Xi Jinping counts as Russia toward China:
each actor is rolled up to its country (a Country is its own country; a person
or body uses its ``country_id``). Actors without a country (the UN, NATO) and
statements within one country are left out of country pairs.
"""

from __future__ import annotations

from typing import Any

import networkx as nx


def country_of(node: Any, data: dict[str, Any]) -> Any | None:
    """The country id an actor rolls up to, or None."""
    if data.get("type") == "Country":
        return node
    return data.get("country_id") or None


def country_graph(multigraph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``multigraph`` rolled up to countries: one edge per (country, country, family), ``count``.

    Nodes are countries with ``name`` and ``type``; statements inside one country are dropped.
    """
    rolled = nx.MultiDiGraph()
    for u, v, family, data in multigraph.edges(keys=True, data=True):
        ends = []
        for node in (u, v):
            attrs = multigraph.nodes[node]
            country = country_of(node, attrs)
            if country is None:
                break
            if country not in rolled:
                known = multigraph.nodes[country] if country in multigraph else {}
                rolled.add_node(
                    country,
                    name=str(known.get("name") or attrs.get("country") or country),
                    type="Country",
                )
            ends.append(country)
        if len(ends) < 2 or ends[0] == ends[1]:
            continue
        if rolled.has_edge(ends[0], ends[1], key=family):
            rolled[ends[0]][ends[1]][family]["count"] += data["count"]
        else:
            rolled.add_edge(ends[0], ends[1], key=family, family=family, count=data["count"])
    return rolled


def stance_balance(multigraph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One row per ordered country pair with statements: supports, opposes, meets, balance.

    ``balance`` = supports - opposes. Rows are sorted by the size of the
    balance, then by the number of statements.
    """
    rolled = country_graph(multigraph)
    rows = []
    for u, v in sorted({(u, v) for u, v in rolled.edges()}, key=str):
        counts = {family: data["count"] for family, data in rolled[u][v].items()}
        supports, opposes, meets = (counts.get(f, 0) for f in ("SUPPORTS", "OPPOSES", "MEETS"))
        if not supports + opposes + meets:
            continue  # requests only: no stance to weigh
        rows.append(
            {
                "from": u,
                "from_name": rolled.nodes[u]["name"],
                "to": v,
                "to_name": rolled.nodes[v]["name"],
                "supports": supports,
                "opposes": opposes,
                "meets": meets,
                "balance": supports - opposes,
            }
        )
    rows.sort(
        key=lambda r: (
            -abs(r["balance"]),
            -(r["supports"] + r["opposes"] + r["meets"]),
            r["from_name"],
            r["to_name"],
        )
    )
    return rows
