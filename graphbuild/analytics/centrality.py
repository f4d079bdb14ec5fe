"""Who is central: degree, betweenness and eigenvector centrality of the actor graph.

Computed on the undirected graph of actor pairs (``to_weighted_graph``), where a
pair's ``weight`` counts the statements linking them. Tiny, empty and
disconnected graphs give numbers, never exceptions.
"""

from __future__ import annotations

import logging
from typing import Any

import networkx as nx

log = logging.getLogger("graphbuild")

#: above this many nodes betweenness is estimated from this many sampled sources
BETWEENNESS_SAMPLE = 1000


def degree_centrality(graph: nx.Graph) -> dict[Any, float]:
    """Share of the other actors each actor is linked to (0 for a graph of one node)."""
    if graph.number_of_nodes() <= 1:
        return dict.fromkeys(graph, 0.0)
    return nx.degree_centrality(graph)


def betweenness_centrality(graph: nx.Graph, sample: int = BETWEENNESS_SAMPLE) -> dict[Any, float]:
    """How often an actor lies on shortest paths between others (hop counts, not weights).

    Exact up to ``sample`` nodes; above that, estimated from ``sample`` source
    nodes chosen with a fixed seed, so big graphs stay tractable and repeatable.
    """
    n = graph.number_of_nodes()
    if n <= 2 or graph.number_of_edges() == 0:
        return dict.fromkeys(graph, 0.0)
    k = sample if n > sample else None
    return nx.betweenness_centrality(graph, k=k, normalized=True, seed=0)


def eigenvector_centrality(graph: nx.Graph, weight: str | None = "weight") -> dict[Any, float]:
    """Actors linked to well-linked actors score high; weighted by statement counts.

    On a disconnected graph the largest component's leading eigenvector
    dominates, so actors in small separate groups get scores near zero: that is
    the measure's meaning, not an error. If power iteration does not converge
    the scores fall back to weighted degree, normalised the same way.
    """
    if graph.number_of_edges() == 0:
        return dict.fromkeys(graph, 0.0)
    try:
        return nx.eigenvector_centrality(graph, max_iter=1000, tol=1e-8, weight=weight)
    except (nx.PowerIterationFailedConvergence, nx.NetworkXException) as exc:
        log.warning("eigenvector centrality did not converge (%s); using weighted degree", exc)
        degree = dict(graph.degree(weight=weight))
        norm = sum(v * v for v in degree.values()) ** 0.5 or 1.0
        return {node: value / norm for node, value in degree.items()}


def centrality_table(graph: nx.Graph) -> list[dict[str, Any]]:
    """One row per actor: id, name, type, statements, degree, betweenness, eigenvector.

    Sorted by eigenvector centrality, then statements, then name.
    """
    degree = degree_centrality(graph)
    betweenness = betweenness_centrality(graph)
    eigenvector = eigenvector_centrality(graph)
    statements = dict(graph.degree(weight="weight"))
    rows = [
        {
            "id": node,
            "name": data.get("name", str(node)),
            "type": data.get("type"),
            "statements": int(statements.get(node, 0)),
            "degree": round(degree[node], 6),
            "betweenness": round(betweenness[node], 6),
            "eigenvector": round(eigenvector[node], 6),
        }
        for node, data in graph.nodes(data=True)
    ]
    rows.sort(key=lambda r: (-r["eigenvector"], -r["statements"], r["name"]))
    return rows
