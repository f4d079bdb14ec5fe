"""GraphML of the aggregated graph, for Gephi, yEd, Cytoscape desktop and networkx.

One node per actor, one edge per (subject, object, family) with the edge key
and ``label`` set to the family. GraphML has no lists or nulls: lists become
"a; b" strings, kinds and evidence JSON strings, and missing values are left out.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from ..graph.networkx import EVIDENCE_CAP, flatten, to_multigraph
from ._files import atomic_output


def gephi_ready(multigraph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Flat attributes plus the ``label`` and ``weight`` Gephi shows by default."""
    graph = flatten(multigraph)
    for _, data in graph.nodes(data=True):
        data["label"] = data.get("name", "")
    for _, _, key, data in graph.edges(keys=True, data=True):
        data["label"] = data.get("family", key)
        data["weight"] = float(data.get("count", 1))
    return graph


def write_graphml(
    kg,
    path: Path,
    previous: Path | None = None,
    evidence_cap: int = EVIDENCE_CAP,
    per_statement: bool = False,
) -> None:
    """Write the build directory's graph as GraphML (rewritten whole; ``previous`` unused).

    One weighted edge per dyad and family; ``per_statement``: one edge per statement.
    """
    graph = gephi_ready(to_multigraph(kg, evidence_cap=evidence_cap, per_statement=per_statement))
    with atomic_output(path) as tmp:
        nx.write_graphml_xml(graph, tmp, encoding="utf-8", prettyprint=False)
