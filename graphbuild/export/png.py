"""A PNG picture of the network (matplotlib, no display needed) that a person can read.

Drawn with matplotlib's object API (``Figure``), never pyplot, so it works
headless and leaves a notebook's plotting backend alone. A picture of every
actor shows nothing, so by default it shows the largest connected group of
actors, cut to the ones with the most statements, and says what it leaves out
(``export.readable``). Each dyad and family is one line, its width by the
number of statements, with an arrow towards the object (MEETS has none: it is
symmetric). Only the busiest actors are labelled, and a label that would cover
another is left out. The legend names only what the picture holds.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from typing import Any

import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from ..graph.networkx import to_multigraph, to_weighted_graph
from ._files import atomic_output
from .readable import busiest_lines, grouped_positions, readable_selection, spring_positions
from .style import FAMILY_COLORS, OTHER_COLOR, TYPE_COLORS, type_color

MAX_NODES = 60
#: lines drawn: the busiest dyads among the actors shown (the rest are counted in the note)
MAX_EDGES = 150
#: actors with a label: the busiest ones, as long as their labels do not collide
MAX_LABELS = 30
LABEL_LENGTH = 30
#: the busiest actors get a label even over another actor's dot (never over a label)
ALWAYS_LABELLED = 8
#: bend of each family's line, so parallel relations of one pair stay apart
FAMILY_BEND = {"SUPPORTS": 0.12, "OPPOSES": -0.12, "MEETS": 0.0, "REQUESTS": 0.24}
SYMMETRIC = {"MEETS"}


def _shorten(name: str) -> str:
    return name if len(name) <= LABEL_LENGTH else name[: LABEL_LENGTH - 1] + "…"


def _place_labels(fig: Figure, ax, nodes, positions, sizes, names) -> int:
    """Label the busiest nodes first, each above, below, right or left of its dot, wherever it
    covers no label already placed and no other dot; skip it when no place is free."""
    canvas = FigureCanvasAgg(fig)
    renderer = canvas.get_renderer()
    taken = []
    dots = []
    for n in nodes:
        x, y = ax.transData.transform(positions[n])
        radius = math.sqrt(sizes[n]) / 2 * fig.dpi / 72
        dots.append((n, x - radius, y - radius, x + radius, y + radius))
    placed = 0
    for rank, n in enumerate(nodes[:MAX_LABELS]):
        r = math.sqrt(sizes[n]) / 2 + 2
        for dx, dy, ha, va in (
            (0, r, "center", "bottom"), (0, -r, "center", "top"),
            (r, 0, "left", "center"), (-r, 0, "right", "center"),
        ):  # fmt: skip
            text = ax.annotate(
                _shorten(names[n]), positions[n], xytext=(dx, dy), textcoords="offset points",
                ha=ha, va=va, fontsize=8, zorder=4,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            )  # fmt: skip
            box = text.get_window_extent(renderer)
            clash = (
                any(
                    box.x0 < x1 and box.x1 > x0 and box.y0 < y1 and box.y1 > y0
                    for x0, y0, x1, y1 in taken
                )
                or rank >= ALWAYS_LABELLED
                and any(  # the dots of busier actors stay visible
                    box.x0 < x1 and box.x1 > x0 and box.y0 < y1 and box.y1 > y0
                    for other, x0, y0, x1, y1 in dots[:MAX_LABELS]
                    if other != n
                )
            )
            if not clash:
                taken.append((box.x0, box.y0, box.x1, box.y1))
                placed += 1
                break
            text.remove()
    return placed


def draw_network(
    multigraph: nx.MultiDiGraph,
    path: str | Path,
    *,
    node_colors: dict[Any, str] | None = None,
    legend: dict[str, str] | None = None,
    title: str | None = None,
    max_nodes: int = MAX_NODES,
    max_edges: int = MAX_EDGES,
    groups: dict[Any, Any] | None = None,
) -> Path:
    """Draw ``multigraph`` to ``path`` as PNG (see the module's docstring for what it shows).

    ``node_colors`` overrides the colour by actor type (e.g. colour by bloc),
    with ``legend`` naming those colours; ``groups`` (actor -> group, e.g. its
    bloc) lays each group out apart from the others.
    """
    selection = readable_selection(multigraph, max_nodes)
    graph = multigraph.subgraph(selection.nodes)
    weighted = to_weighted_graph(graph)
    strength = dict(weighted.degree(weight="weight"))
    lines, hidden_lines = busiest_lines(graph, max_edges)
    drawn = nx.Graph()
    drawn.add_nodes_from(graph)
    drawn.add_edges_from((u, v) for u, v, _, _ in lines)
    # blocs: each laid out by all its ties (inside a bloc, the drawn lines may be few)
    positions = grouped_positions(weighted, groups) if groups else spring_positions(drawn)
    names = {n: str(graph.nodes[n].get("name", n)) for n in graph}

    fig = Figure(figsize=(12, 9), dpi=110)
    ax = fig.add_subplot()
    ax.set_axis_off()
    nodes = sorted(graph.nodes, key=lambda n: (-strength.get(n, 0), str(n)))
    top = max([strength.get(n, 0) for n in nodes] + [1])
    sizes = {n: 40 + 900 * math.sqrt(strength.get(n, 0) / top) for n in nodes}
    families_drawn = set()
    widest = max([data["count"] for _, _, _, data in lines] + [1])
    for u, v, key, data in reversed(lines):  # the busiest lines on top
        family = data.get("family", key)
        families_drawn.add(family)
        ax.add_patch(
            FancyArrowPatch(
                positions[u],
                positions[v],
                arrowstyle="-" if family in SYMMETRIC else "-|>",
                mutation_scale=9 + 3 * math.log1p(data["count"]),
                connectionstyle=f"arc3,rad={FAMILY_BEND.get(family, 0.0)}",
                color=FAMILY_COLORS.get(family, OTHER_COLOR),
                linewidth=0.6 + 4.5 * math.log1p(data["count"]) / math.log1p(widest),
                alpha=0.6,
                zorder=1,
                shrinkA=math.sqrt(sizes[u]) / 2,
                shrinkB=math.sqrt(sizes[v]) / 2 + 1,
            )  # fmt: skip
        )
    if nodes:
        xs = [positions[n][0] for n in nodes]
        ys = [positions[n][1] for n in nodes]
        colors = [
            (node_colors or {}).get(n) or type_color(graph.nodes[n].get("type")) for n in nodes
        ]
        ax.scatter(
            xs, ys, s=[sizes[n] for n in nodes], c=colors, edgecolors="white", linewidths=1.0,
            zorder=2,
        )  # fmt: skip
        pad = 0.08
        ax.set_xlim(min(xs) - pad, max(xs) + pad)
        ax.set_ylim(min(ys) - pad, max(ys) + pad)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # glyphs missing from the default font
            labelled = _place_labels(fig, ax, nodes, positions, sizes, names)
    else:
        labelled = 0
        ax.text(0.5, 0.5, "no relations", ha="center", va="center", transform=ax.transAxes)
    handles = [
        Line2D(
            [],
            [],
            color=FAMILY_COLORS.get(f, OTHER_COLOR),
            lw=2.5,
            label=f.lower() + ("" if f in SYMMETRIC else " →"),
        )  # fmt: skip
        for f in FAMILY_COLORS
        if f in families_drawn
    ]
    if node_colors is None:
        present = {graph.nodes[n].get("type") for n in nodes}
        legend = {t: c for t, c in TYPE_COLORS.items() if t in present}
    else:
        used = {node_colors.get(n) for n in nodes}
        legend = {name: c for name, c in (legend or {}).items() if c in used}
    for name, color in legend.items():
        handles.append(Line2D([], [], marker="o", ls="", color=color, label=name))
    if handles:
        ax.legend(
            handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9,
            frameon=False, title="line width: statements\ndot size: statements of the actor",
            title_fontsize=8,
        )  # fmt: skip
    ax.set_title(title or "graphbuild", fontsize=12, loc="left")
    note = selection.note
    if hidden_lines:
        note += f"; the {max_edges} busiest links drawn, {hidden_lines} with fewer statements not"
    if labelled < len(nodes):
        note += f"; {labelled} busiest actors labelled"
    fig.text(0.01, 0.01, note, fontsize=8, color="#555555")
    with atomic_output(path) as tmp:
        fig.savefig(tmp, format="png", bbox_inches="tight")
    return Path(path)


def write_png(kg, path: Path, previous: Path | None = None) -> None:
    """Draw the build directory's graph to ``path`` (``previous`` is not needed)."""
    multigraph = to_multigraph(kg, evidence_cap=0)
    draw_network(multigraph, path, title=Path(getattr(kg, "directory", "graph")).name)
