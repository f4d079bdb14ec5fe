"""A PNG picture of the network (matplotlib, no display needed).

Drawn with matplotlib's object API (``Figure``), never pyplot, so it works
headless and leaves a notebook's plotting backend alone. Big graphs are cut to
their best-connected actors: a picture of ten thousand nodes shows nothing.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from typing import Any

import networkx as nx
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..graph.networkx import to_multigraph, to_weighted_graph
from ._files import atomic_output
from .style import FAMILY_COLORS, TYPE_COLORS, type_color

MAX_NODES = 120
#: sideways shift of each family's line, so parallel relations of one pair stay visible
FAMILY_OFFSET = {"SUPPORTS": 1.0, "OPPOSES": -1.0, "MEETS": 0.0, "REQUESTS": 0.5}


def top_nodes(multigraph: nx.MultiDiGraph, limit: int) -> list[Any]:
    """The ``limit`` actors with the most statements (ties by id), linked ones first."""
    weighted = to_weighted_graph(multigraph)
    strength = dict(weighted.degree(weight="weight"))
    ranked = sorted(weighted.nodes, key=lambda n: (-strength.get(n, 0), str(n)))
    return ranked[:limit]


def draw_network(
    multigraph: nx.MultiDiGraph,
    path: str | Path,
    *,
    node_colors: dict[Any, str] | None = None,
    legend: dict[str, str] | None = None,
    title: str | None = None,
    max_nodes: int = MAX_NODES,
) -> Path:
    """Draw ``multigraph`` to ``path`` as PNG: node size by statements, edges by family.

    ``node_colors`` overrides the colour by actor type (e.g. colour by bloc),
    with ``legend`` naming those colours.
    """
    keep = top_nodes(multigraph, max_nodes)
    graph = multigraph.subgraph(keep)
    weighted = to_weighted_graph(graph)
    strength = dict(weighted.degree(weight="weight"))
    positions = nx.spring_layout(weighted, seed=7, weight=None) if len(weighted) else {}

    fig = Figure(figsize=(11, 8), dpi=110)
    ax = fig.add_subplot()
    ax.set_axis_off()
    shift = 0.012
    for family, color in FAMILY_COLORS.items():
        segments, widths = [], []
        for u, v, key, data in graph.edges(keys=True, data=True):
            if key != family or u == v:
                continue
            (x1, y1), (x2, y2) = positions[u], positions[v]
            length = math.hypot(x2 - x1, y2 - y1) or 1.0
            dx, dy = (
                -(y2 - y1) / length * shift * FAMILY_OFFSET[family],
                (x2 - x1) / length * shift * FAMILY_OFFSET[family],
            )
            segments.append([(x1 + dx, y1 + dy), (x2 + dx, y2 + dy)])
            widths.append(0.8 + 1.2 * math.log1p(data["count"]))
        if segments:
            ax.add_collection(
                LineCollection(segments, colors=color, linewidths=widths, alpha=0.75, zorder=1)
            )
    nodes = list(graph.nodes)
    if nodes:
        xs = [positions[n][0] for n in nodes]
        ys = [positions[n][1] for n in nodes]
        colors = [
            (node_colors or {}).get(n) or type_color(graph.nodes[n].get("type")) for n in nodes
        ]
        sizes = [60 + 90 * math.sqrt(strength.get(n, 0)) for n in nodes]
        ax.scatter(xs, ys, s=sizes, c=colors, edgecolors="white", linewidths=1.0, zorder=2)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # glyphs missing from the default font
            for n, x, y in zip(nodes, xs, ys, strict=True):
                ax.annotate(
                    str(graph.nodes[n].get("name", n))[:40],
                    (x, y),
                    xytext=(0, 9),
                    textcoords="offset points",
                    ha="center",
                    fontsize=8,
                    zorder=3,
                )
        ax.margins(0.12)
    else:
        ax.text(0.5, 0.5, "no actors", ha="center", va="center", transform=ax.transAxes)
    handles = [Line2D([], [], color=c, lw=2, label=f.lower()) for f, c in FAMILY_COLORS.items()]
    for name, color in (legend or {t: c for t, c in TYPE_COLORS.items()}).items():
        handles.append(Line2D([], [], marker="o", ls="", color=color, label=name))
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False
    )
    shown = (
        f"{len(nodes)} of {multigraph.number_of_nodes()} actors"
        if len(multigraph) > len(nodes)
        else f"{len(nodes)} actors"
    )
    ax.set_title(f"{title or 'graphbuild'} ({shown})", fontsize=11)
    with atomic_output(path) as tmp:
        fig.savefig(tmp, format="png", bbox_inches="tight")
    return Path(path)


def write_png(kg, path: Path, previous: Path | None = None) -> None:
    """Draw the build directory's graph to ``path`` (``previous`` is not needed)."""
    multigraph = to_multigraph(kg, evidence_cap=0)
    draw_network(multigraph, path, title=Path(getattr(kg, "directory", "graph")).name)
