"""Geometry of the server-drawn SVG pictures: the ego network and the monthly timeline.

Computed in Python, so the pages need no script. The ego network is radial:
the actor in the middle, neighbours on a first ring grouped by their main family
with the actor, the second hop on an outer ring next to the neighbour that
brings it in. Labels run outward along the radius, so on a ring they never
cross each other.
"""

from __future__ import annotations

import math
from typing import Any

from ..export.style import FAMILY_COLORS, type_color
from ..records import FAMILIES

SIZE = 1000
CENTRE = SIZE / 2
#: only the neighbours with the most statements get a label on the outer ring
OUTER_LABELS = 30


def _node_radius(statements: int) -> float:
    return min(22.0, 6.0 + 2.5 * math.log2(1 + statements))


def _edge_width(statements: int) -> float:
    return min(10.0, 1.0 + 1.6 * math.log2(1 + statements))


def ego_picture(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, Any]:
    """Positions, sizes, labels and edge paths for an ego network (see ``views.ego_network``)."""
    if not nodes:
        return {"size": SIZE, "nodes": [], "edges": []}
    centre_id = nodes[0]["id"]
    rings = {n["id"]: n["ring"] for n in nodes}
    two_rings = any(r == 2 for r in rings.values())
    radius = {0: 0.0, 1: 200.0 if two_rings else 320.0, 2: 380.0}
    # the first ring is ordered by the family that dominates each neighbour's tie to the centre
    with_centre: dict[str, dict[str, int]] = {}
    for e in edges:
        if centre_id in (e["source"], e["target"]):
            other = e["target"] if e["source"] == centre_id else e["source"]
            with_centre.setdefault(other, dict.fromkeys(FAMILIES, 0))[e["family"]] += e[
                "statements"
            ]

    def main_family(node: str) -> int:
        counts = with_centre.get(node) or {}
        return FAMILIES.index(max(FAMILIES, key=lambda f: counts.get(f, 0))) if counts else 3

    weight = {n["id"]: n.get("statements", 0) for n in nodes}
    weight[centre_id] = sum(w for n, w in weight.items() if rings.get(n) == 1)
    first = sorted(
        (n for n in rings if rings[n] == 1), key=lambda n: (main_family(n), -weight[n], n)
    )
    angle: dict[str, float] = {centre_id: 0.0}
    for i, node in enumerate(first):
        angle[node] = 2 * math.pi * i / max(len(first), 1) - math.pi / 2
    # the second ring follows the first: each node sits by its strongest first-ring neighbour
    link: dict[str, dict[str, int]] = {}
    for e in edges:
        for a, b in ((e["source"], e["target"]), (e["target"], e["source"])):
            if rings.get(a) == 2 and rings.get(b) == 1:
                link.setdefault(a, {})[b] = link.setdefault(a, {}).get(b, 0) + e["statements"]
    second_weight: dict[str, int] = {}
    for node, parents in link.items():
        second_weight[node] = sum(parents.values())
    order = {n: i for i, n in enumerate(first)}

    def parent(node: str) -> int:
        parents = link.get(node)
        if not parents:
            return len(first)
        return order[max(sorted(parents), key=lambda p: parents[p])]

    second = sorted(
        (n for n in rings if rings[n] == 2), key=lambda n: (parent(n), -second_weight.get(n, 0), n)
    )
    for i, node in enumerate(second):
        # half a step off the first ring's spokes, so outer labels do not run along its lines
        angle[node] = 2 * math.pi * (i + 0.5) / max(len(second), 1) - math.pi / 2
    labelled_outer = set(sorted(second, key=lambda n: (-second_weight.get(n, 0), n))[:OUTER_LABELS])

    placed = []
    position = {}
    for node in nodes:
        r = radius[node["ring"]]
        x = CENTRE + r * math.cos(angle[node["id"]])
        y = CENTRE + r * math.sin(angle[node["id"]])
        position[node["id"]] = (x, y)
        size = _node_radius(
            weight[node["id"]] if node["ring"] < 2 else second_weight.get(node["id"], 0)
        )
        item = {
            **node,
            "x": round(x, 1),
            "y": round(y, 1),
            "r": round(size, 1),
            "color": type_color(node.get("type")),
            "label": None,
        }
        if node["ring"] == 0:
            item["label"] = {
                "x": round(x, 1),
                "y": round(y - size - 6, 1),
                "anchor": "middle",
                "rotate": 0,
            }
        elif node["ring"] == 1 or node["id"] in labelled_outer:
            theta = math.degrees(angle[node["id"]])
            left = 90 < (theta % 360) < 270
            gap = size + 4
            lx = x + gap * math.cos(angle[node["id"]])
            ly = y + gap * math.sin(angle[node["id"]])
            item["label"] = {
                "x": round(lx, 1),
                "y": round(ly, 1),
                "anchor": "end" if left else "start",
                "rotate": round(theta + 180 if left else theta, 1),
            }
        placed.append(item)

    sizes = {n["id"]: n["r"] for n in placed}
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in edges:
        pairs.setdefault(tuple(sorted((e["source"], e["target"]))), []).append(e)
    drawn = []
    for (lo, hi), group in pairs.items():
        group.sort(key=lambda e: (e["source"] != lo, FAMILIES.index(e["family"])))
        (x1, y1), (x2, y2) = position[lo], position[hi]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        px, py = -(y2 - y1) / length, (x2 - x1) / length
        for k, e in enumerate(group):
            bend = (k - (len(group) - 1) / 2) * 18.0
            cx, cy = (x1 + x2) / 2 + px * bend, (y1 + y2) / 2 + py * bend
            (sx, sy), (tx, ty) = position[e["source"]], position[e["target"]]
            # stop at the rim of the target so the arrow head shows
            dx, dy = tx - cx, ty - cy
            d = math.hypot(dx, dy) or 1.0
            back = sizes[e["target"]] + 2
            tx, ty = tx - dx / d * back, ty - dy / d * back
            drawn.append(
                {
                    **e,
                    "d": f"M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {tx:.1f},{ty:.1f}",
                    "width": round(_edge_width(e["statements"]), 2),
                    "color": FAMILY_COLORS[e["family"]],
                }
            )
    drawn.sort(key=lambda e: e["statements"])  # the busiest on top
    return {"size": SIZE, "nodes": placed, "edges": drawn}


def month_bars(
    timeline: list[dict[str, Any]], width: float = 900, height: float = 180
) -> dict[str, Any]:
    """Stacked bars per month (SUPPORTS, OPPOSES, MEETS) over the dyad's actual date range."""
    if not timeline:
        return {"width": width, "height": height, "bars": [], "ticks": []}
    top = max(sum(row[f] for f in FAMILIES) for row in timeline) or 1
    step = width / len(timeline)
    bar = min(step * 0.8, 36.0)
    bars, ticks = [], []
    every = max(1, math.ceil(len(timeline) / 12))
    plot = height - 24
    for i, row in enumerate(timeline):
        y = plot
        for family in FAMILIES:
            h = plot * row[family] / top
            if h > 0:
                bars.append(
                    {
                        "x": round(i * step + (step - bar) / 2, 1),
                        "y": round(y - h, 1),
                        "w": round(bar, 1),
                        "h": round(h, 1),
                        "color": FAMILY_COLORS[family],
                        "title": f"{row['month']}: {row[family]} {family.lower()}",
                    }
                )
                y -= h
        if i % every == 0:
            ticks.append({"x": round(i * step + step / 2, 1), "label": row["month"]})
    return {
        "width": width,
        "height": height,
        "plot": plot,
        "bars": bars,
        "ticks": ticks,
        "top": top,
    }
