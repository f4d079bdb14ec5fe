"""``graph.html``: one self-contained, offline page to explore the graph.

The page is a template (``assets/graph.html``) with its stylesheet and script
inlined, and the graph as JSON in ``<script type="application/json">``. Text
from articles is data, never markup:

- the JSON has ``<``, ``>``, ``&``, U+2028 and U+2029 written as ``\\uXXXX``,
  so no article can close the script element or open a new one;
- the script puts text into the page with ``textContent`` only, and keeps
  links only for http(s) URLs;
- a Content-Security-Policy allows exactly the page's own script and style
  (by hash) and no network at all, so even a mistake cannot run injected code
  or phone home.

A picture of every actor is a hairball, so by default the page holds the
largest connected group of actors cut to its ``MAX_NODES`` busiest, and the
``MAX_EDGES`` busiest links among them (each actor's busiest kept), and says
what it leaves out (``readable.readable_selection``). Positions come from the same
seeded layout as the PNG, so the page opens laid out; the script then lets the
reader drag and zoom, and labels the biggest actors whose labels do not collide.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from pathlib import Path
from typing import Any

import networkx as nx

from ..graph.networkx import EVIDENCE_CAP, to_multigraph
from ._files import atomic_output
from .readable import busiest_lines, readable_selection, spring_positions
from .style import FAMILY_COLORS, OTHER_COLOR, TYPE_COLORS

ASSETS = Path(__file__).parent / "assets"
MAX_NODES = 80
MAX_EDGES = 250
MAX_ALIASES = 8

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def json_for_html(data: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>``, ``&`` or line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.translate(str.maketrans(_JSON_ESCAPES))


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def graph_payload(
    kg,
    max_nodes: int = MAX_NODES,
    max_edges: int = MAX_EDGES,
    evidence_cap: int = EVIDENCE_CAP,
) -> dict[str, Any]:
    """The page's data: nodes, edges with per-kind-and-date counts and evidence, colours, totals."""
    multigraph = to_multigraph(kg, evidence_cap=evidence_cap, histogram=True)
    total_nodes, total_edges = multigraph.number_of_nodes(), multigraph.number_of_edges()
    selection = readable_selection(multigraph, max_nodes)
    graph = multigraph.subgraph(selection.nodes)
    kept_edges, hidden_edges = busiest_lines(graph, max_edges)
    loops = [(u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True) if u == v]
    kept_edges = (kept_edges + loops)[:max_edges]
    drawn = nx.Graph()
    drawn.add_nodes_from(graph)
    drawn.add_edges_from((u, v) for u, v, _, _ in kept_edges if u != v)
    positions = spring_positions(drawn)
    scale = 40 * math.sqrt(max(len(drawn), 1))  # layout units to page units: labels stay legible
    statements: dict[Any, int] = dict.fromkeys(graph.nodes, 0)
    dates: list[str] = []
    edges = []
    for u, v, family, data in kept_edges:
        statements[u] += data["count"]
        if v != u:
            statements[v] += data["count"]
        dates += [d for d in (data["first_date"], data["last_date"]) if d]
        edges.append(
            {
                "id": f"{u}|{family}|{v}",
                "source": u,
                "target": v,
                "family": family,
                "count": data["count"],
                "events": data.get("events"),
                "articles": data.get("articles"),
                "sources": data.get("sources"),
                "stance": data.get("stance"),
                "kinds": data["kinds"],
                "plover_types": data["plover_types"],
                "goldstein": data["goldstein"],
                "first_date": data["first_date"],
                "last_date": data["last_date"],
                "hist": data["histogram"],
                "evidence": [
                    {
                        k: item[k]
                        for k in (
                            "sentence",
                            "kind",
                            "date",
                            "title",
                            "url",
                            "article_id",
                            "modality",
                            "speaker",
                            "plover_type",
                            "plover_mode",
                            "goldstein",
                            "subject_sector",
                            "object_sector",
                        )
                    }
                    for item in data["evidence"]
                ],
            }
        )
    nodes = [
        {
            "id": node,
            "name": attrs["name"],
            "type": attrs["type"],
            "country": attrs.get("country"),
            "role": attrs.get("role"),
            "wikidata": attrs.get("wikidata"),
            "aliases": [a for a in attrs.get("aliases") or [] if a != attrs["name"]][:MAX_ALIASES],
            "statements": statements[node],
            "x": round(float(positions[node][0]) * scale, 1),
            "y": round(float(positions[node][1]) * scale, 1),
        }
        for node, attrs in graph.nodes(data=True)
    ]
    note = selection.note.split(": ", 1)[-1]  # the page counts the actors shown itself
    if hidden_edges:
        note += (
            f"; the {len(kept_edges)} busiest links shown, {hidden_edges} with fewer statements not"
        )
    return {
        "meta": {
            "actors": total_nodes,
            "relations": total_edges,
            "truncated": len(nodes) < total_nodes or len(edges) < graph.number_of_edges(),
            "shown": note,
            "first_date": min(dates) if dates else None,
            "last_date": max(dates) if dates else None,
        },
        "style": {"families": FAMILY_COLORS, "types": TYPE_COLORS, "other": OTHER_COLOR},
        "nodes": nodes,
        "edges": edges,
    }


def render_html(payload: dict[str, Any]) -> str:
    """The page for ``payload`` (see ``graph_payload``), with script and style inlined."""
    template = (ASSETS / "graph.html").read_text(encoding="utf-8")
    style = (ASSETS / "graph.css").read_text(encoding="utf-8")
    script = (ASSETS / "graph.js").read_text(encoding="utf-8")
    csp = (
        f"default-src 'none'; script-src {_csp_hash(script)}; style-src {_csp_hash(style)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    page = template
    for marker, value in (
        ("@@GRAPHBUILD_CSP@@", csp),
        ("@@GRAPHBUILD_STYLE@@", style),
        ("@@GRAPHBUILD_SCRIPT@@", script),
    ):
        before, found, after = page.partition(marker)
        if not found:
            raise RuntimeError(f"{ASSETS / 'graph.html'}: placeholder {marker} missing")
        page = before + value + after
    before, found, after = page.partition("@@GRAPHBUILD_DATA@@")  # last: data is never scanned
    if not found:
        raise RuntimeError(f"{ASSETS / 'graph.html'}: placeholder @@GRAPHBUILD_DATA@@ missing")
    return before + json_for_html(payload) + after


def write_html(kg, path: Path, previous: Path | None = None) -> None:
    """Write the interactive page of the build directory's graph (``previous`` unused)."""
    page = render_html(graph_payload(kg))
    with atomic_output(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
