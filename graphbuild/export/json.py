"""JSON for web graph libraries: node-link (D3 and networkx) and Cytoscape.js elements.

Lists and nulls are kept as JSON has them; edge ids are ``subject|FAMILY|object``,
unique because edges are aggregated per (subject, object, family) (with
``per_statement``, one edge per statement, the statement id).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from ..graph.networkx import EVIDENCE_CAP, to_multigraph
from ..records import FAMILIES
from ._files import atomic_output


def edge_id(u: str, v: str, key: str) -> str:
    """``subject|FAMILY|object`` for a dyad edge; the statement id for a per-statement edge."""
    return f"{u}|{key}|{v}" if key in FAMILIES else key


def node_link(multigraph: nx.MultiDiGraph) -> dict[str, Any]:
    """D3-style ``{nodes, links}``; ``nx.node_link_graph(data, edges="links")`` reads it back."""
    data = nx.node_link_data(multigraph, edges="links")
    for link in data["links"]:
        link["id"] = edge_id(link["source"], link["target"], link["key"])
    return data


def cytoscape(multigraph: nx.MultiDiGraph) -> dict[str, Any]:
    """Cytoscape.js ``{elements: {nodes, edges}}``; ``nx.cytoscape_graph`` reads it back."""
    nodes = [
        {"data": {**data, "id": str(n), "value": n}} for n, data in multigraph.nodes(data=True)
    ]
    edges = [
        {"data": {**data, "id": edge_id(u, v, key), "source": str(u), "target": str(v), "key": key}}
        for u, v, key, data in multigraph.edges(keys=True, data=True)
    ]
    return {
        "data": {"name": multigraph.graph.get("name", "graphbuild")},
        "directed": True,
        "multigraph": True,
        "elements": {"nodes": nodes, "edges": edges},
    }


def _dump(data: dict[str, Any], path: Path) -> None:
    with atomic_output(path) as tmp:
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)


def write_node_link(
    kg,
    path: Path,
    previous: Path | None = None,
    evidence_cap: int = EVIDENCE_CAP,
    per_statement: bool = False,
) -> None:
    """Write node-link JSON (D3 ``nodes``/``links``): one link per dyad and family by default."""
    graph = to_multigraph(kg, evidence_cap=evidence_cap, per_statement=per_statement)
    _dump(node_link(graph), path)


def write_cytoscape(
    kg,
    path: Path,
    previous: Path | None = None,
    evidence_cap: int = EVIDENCE_CAP,
    per_statement: bool = False,
) -> None:
    """Write Cytoscape.js JSON: one edge per dyad and family by default."""
    graph = to_multigraph(kg, evidence_cap=evidence_cap, per_statement=per_statement)
    _dump(cytoscape(graph), path)
