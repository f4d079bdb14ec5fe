"""Who is central: degree, betweenness and eigenvector centrality of the actor graph.

Computed on the undirected graph of actor pairs (``to_weighted_graph``), where a
pair's ``weight`` counts the statements linking them. Tiny, empty and
disconnected graphs give numbers, never exceptions.
"""

from __future__ import annotations

import logging
from typing import Any

import networkx as nx
import numpy as np

log = logging.getLogger("graphbuild")

#: betweenness costs about (sources x edges); above this budget it is estimated from a sample
#: of source nodes (at least ``MIN_SAMPLE``), which keeps a million-statement graph tractable
BETWEENNESS_BUDGET = 2_000_000
MIN_SAMPLE = 50


def degree_centrality(graph: nx.Graph) -> dict[Any, float]:
    """Share of the other actors each actor is linked to (0 for a graph of one node)."""
    if graph.number_of_nodes() <= 1:
        return dict.fromkeys(graph, 0.0)
    return nx.degree_centrality(graph)


def betweenness_centrality(graph: nx.Graph, budget: int = BETWEENNESS_BUDGET) -> dict[Any, float]:
    """How often an actor lies on shortest paths between others (hop counts, not weights).

    Exact while nodes x edges stays within ``budget``; beyond it, estimated
    from a sample of source nodes chosen with a fixed seed, so big graphs stay
    tractable and results repeatable.
    """
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    if n <= 2 or m == 0:
        return dict.fromkeys(graph, 0.0)
    k = None if n * m <= budget else min(n, max(MIN_SAMPLE, budget // m))
    return nx.betweenness_centrality(graph, k=k, normalized=True, seed=0)


def eigenvector_centrality(
    graph: nx.Graph, weight: str | None = "weight", max_iter: int = 1000, tol: float = 1e-6
) -> dict[Any, float]:
    """Actors linked to well-linked actors score high; weighted by statement counts.

    The same power iteration as ``nx.eigenvector_centrality`` (on A + I, so
    bipartite graphs converge too), vectorised with numpy, because the
    pure-Python loop takes minutes on a graph of a few hundred thousand
    relations. On a disconnected graph the largest component's leading
    eigenvector dominates, so actors in small separate groups score near zero:
    that is the measure's meaning, not an error. Scores have unit length.
    """
    nodes = list(graph)
    if graph.number_of_edges() == 0:
        return dict.fromkeys(nodes, 0.0)
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [
        (index[u], index[v], float(d.get(weight, 1.0)) if weight else 1.0)
        for u, v, d in graph.edges(data=True)
        if u != v
    ]
    if not pairs:
        return dict.fromkeys(nodes, 0.0)
    source, target, w = (np.array(column) for column in zip(*pairs, strict=True))
    n = len(nodes)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        previous = x
        x = (
            previous
            + np.bincount(source, w * previous[target], n)
            + np.bincount(target, w * previous[source], n)
        )
        x /= np.linalg.norm(x) or 1.0
        if np.abs(x - previous).sum() < n * tol:
            break
    else:
        log.warning(
            "eigenvector centrality: no convergence in %d iterations; last estimate kept", max_iter
        )
    return {node: float(value) for node, value in zip(nodes, x, strict=True)}


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
