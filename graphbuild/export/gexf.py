"""GEXF 1.2 of the aggregated graph, Gephi's own format.

Same content as the GraphML export (see ``graphml.gephi_ready``): node
``label`` = actor name, edge ``label`` = family, ``weight`` = statements.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from ..graph.networkx import EVIDENCE_CAP, to_multigraph
from ._files import atomic_output
from .graphml import gephi_ready


def write_gexf(
    kg,
    path: Path,
    previous: Path | None = None,
    evidence_cap: int = EVIDENCE_CAP,
    per_statement: bool = False,
) -> None:
    """Write the build directory's graph as GEXF 1.2 (``previous`` unused).

    One weighted edge per dyad and family; ``per_statement``: one edge per statement.
    """
    graph = gephi_ready(to_multigraph(kg, evidence_cap=evidence_cap, per_statement=per_statement))
    for u, v, key, data in graph.edges(keys=True, data=True):
        data["id"] = key if per_statement else f"{u}|{key}|{v}"
    with atomic_output(path) as tmp:
        nx.write_gexf(graph, tmp, encoding="utf-8", prettyprint=False, version="1.2draft")
