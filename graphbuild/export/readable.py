"""What a picture of the graph shows, and where: shared by the PNG and the HTML view.

A picture of every actor shows nothing. ``readable_selection`` picks whole
connected groups of actors that fit (cutting a largest group that does not to
its busiest actors) and says in a sentence what it leaves out;
``busiest_lines`` picks the lines (each actor's busiest first); the layouts set
connected groups, or blocs, side by side instead of letting them fly apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ..graph.networkx import to_weighted_graph


@dataclass
class Selection:
    """The actors a picture shows, and a sentence saying what it leaves out."""

    nodes: list[Any]
    total: int
    isolated: int
    other_groups: int
    in_other_groups: int
    cut: int
    groups: int = 1

    @property
    def note(self) -> str:
        """E.g. "60 of 500 actors: the largest connected group, its busiest; hidden: 384 with
        fewer statements, 6 in 1 other group, 50 with no relation"."""
        if not self.isolated and not self.in_other_groups and not self.cut:
            return f"all {self.total} actors"
        shown = (
            "the largest connected group" if self.groups == 1 else f"{self.groups} connected groups"
        )
        hidden = []
        if self.cut:
            hidden.append(f"{self.cut} with fewer statements")
        if self.in_other_groups:
            groups = "group" if self.other_groups == 1 else "groups"
            hidden.append(f"{self.in_other_groups} in {self.other_groups} smaller {groups}")
        if self.isolated:
            hidden.append(f"{self.isolated} with no relation")
        return (
            f"{len(self.nodes)} of {self.total} actors: {shown}"
            + (", its busiest" if self.cut else "")
            + "; hidden: "
            + ", ".join(hidden)
        )


def readable_selection(multigraph: nx.MultiDiGraph, max_nodes: int) -> Selection:
    """The actors worth drawing: connected groups (ignoring direction), largest first, while
    they fit in ``max_nodes``; a largest group bigger than that is cut to its actors with the
    most statements. Actors with no relation and groups that do not fit are counted, not drawn."""
    weighted = to_weighted_graph(multigraph)
    groups = sorted(
        (g for g in nx.connected_components(weighted) if len(g) > 1),
        key=lambda g: (-len(g), min(map(str, g))),
    )
    isolated = sum(1 for n in weighted if weighted.degree(n) == 0)
    if not groups:
        return Selection([], len(weighted), isolated, 0, 0, 0, 0)
    strength = dict(weighted.degree(weight="weight"))
    if len(groups[0]) > max_nodes:
        ranked = sorted(groups[0], key=lambda n: (-strength[n], str(n)))
        chosen, cut = [groups[0]], len(groups[0]) - max_nodes
        nodes = ranked[:max_nodes]
    else:
        chosen, cut, size = [], 0, 0
        for group in groups:
            if size + len(group) <= max_nodes:
                chosen.append(group)
                size += len(group)
        nodes = sorted((n for g in chosen for n in g), key=lambda n: (-strength[n], str(n)))
    left = [g for g in groups if g not in chosen]
    return Selection(
        nodes=nodes,
        total=len(weighted),
        isolated=isolated,
        other_groups=len(left),
        in_other_groups=sum(len(g) for g in left),
        cut=cut,
        groups=len(chosen),
    )


def busiest_lines(graph: nx.MultiDiGraph, limit: int) -> tuple[list, int]:
    """At most ``limit`` lines: each actor's busiest one first (so nobody floats unlinked),
    then the busiest of the rest; and how many were left out."""
    lines = sorted(
        ((u, v, key, data) for u, v, key, data in graph.edges(keys=True, data=True) if u != v),
        key=lambda e: (-e[3]["count"], str(e[0]), str(e[1]), e[2]),
    )
    chosen, seen, keys = [], set(), set()
    for line in lines:
        if line[0] not in seen or line[1] not in seen:
            chosen.append(line)
            seen.update(line[:2])
            keys.add(line[:3])
    rest = [line for line in lines if line[:3] not in keys]
    chosen = (chosen + rest)[:limit]
    return chosen, len(lines) - len(chosen)


def spring_positions(graph: nx.Graph) -> dict[Any, tuple[float, float]]:
    """Spring layout spread by the number of actors, deterministic (seeded). Connected groups
    are laid out one by one and set side by side, biggest first, each in a square whose side
    grows with the root of its size: apart, they would fly to the corners."""
    parts = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(map(str, c))))
    if len(parts) > 1:
        positions: dict[Any, tuple[float, float]] = {}
        left = 0.0
        for part in parts:
            side = math.sqrt(len(part) / len(graph)) * 2
            inner = spring_positions(graph.subgraph(part))
            for node, (x, y) in inner.items():
                positions[node] = (left + side / 2 + x * side / 2.2, y * side / 2.2)
            left += side + 0.1
        return positions
    if len(graph) <= 1:
        return {n: (0.0, 0.0) for n in graph}
    spread = 2.2 / math.sqrt(len(graph))
    raw = nx.spring_layout(graph, seed=7, k=spread, iterations=200, weight=None)
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    half = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: ((x - cx) / half, (y - cy) / half) for n, (x, y) in raw.items()}


def grouped_positions(graph: nx.Graph, groups: dict[Any, Any]) -> dict[Any, tuple[float, float]]:
    """Each group (e.g. a bloc) laid out on its own, the groups side by side on a circle,
    so a reader sees the blocs apart and the lines between them; ungrouped actors last."""
    members: dict[Any, list[Any]] = {}
    for node in graph:
        members.setdefault(groups.get(node, "~"), []).append(node)
    order = sorted(members, key=lambda g: (g == "~", -len(members[g]), str(g)))
    positions: dict[Any, tuple[float, float]] = {}
    ring = 0.0 if len(order) == 1 else 1.0
    for i, group in enumerate(order):
        angle = 2 * math.pi * i / len(order) + math.pi / 2
        cx, cy = ring * math.cos(angle), ring * math.sin(angle)
        scale = 0.25 + 0.35 * math.sqrt(len(members[group]) / max(len(graph), 1))
        inner = spring_positions(graph.subgraph(members[group]))
        for node, (x, y) in inner.items():
            positions[node] = (cx + scale * x, cy + scale * y)
    return positions
