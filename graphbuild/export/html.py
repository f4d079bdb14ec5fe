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

Big graphs are cut to their best-connected actors (``MAX_NODES``) and busiest
relations (``MAX_EDGES``): a browser cannot lay out a hundred thousand nodes.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

from ..graph.networkx import EVIDENCE_CAP, to_multigraph
from ._files import atomic_output
from .png import top_nodes
from .style import FAMILY_COLORS, OTHER_COLOR, TYPE_COLORS

ASSETS = Path(__file__).parent / "assets"
MAX_NODES = 1500
MAX_EDGES = 8000
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
    keep = top_nodes(multigraph, max_nodes) if total_nodes > max_nodes else list(multigraph.nodes)
    graph = multigraph.subgraph(keep)
    kept_edges = sorted(
        graph.edges(keys=True, data=True),
        key=lambda e: (-e[3]["count"], str(e[0]), str(e[1]), e[2]),
    )[:max_edges]
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
        }
        for node, attrs in graph.nodes(data=True)
    ]
    return {
        "meta": {
            "actors": total_nodes,
            "relations": total_edges,
            "truncated": len(nodes) < total_nodes or len(edges) < graph.number_of_edges(),
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
