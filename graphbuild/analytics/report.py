"""``graphbuild analyze``: every analysis of a build directory, as Markdown, JSON and PNG.

``analyze(kg)`` computes; ``write_report(kg, out)`` also writes report.md,
report.json, centrality.png, blocs.png (the network coloured by bloc),
stance.png and timelines.png into ``out``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..export._files import atomic_output
from ..export.png import draw_network
from ..graph.networkx import SIGN, to_multigraph, to_signed_graph, to_weighted_graph
from ..records import FAMILIES
from .blocs import bloc_report, signed_louvain, signed_modularity
from .centrality import centrality_table
from .plots import BLOC_COLORS, plot_centrality, plot_stance, plot_timelines
from .stance import country_graph, stance_balance
from .timeline import find_actor, pair_timelines

TOP = 20
TIMELINE_PAIRS = 5


class UnknownActor(ValueError):
    """A name given for a timeline matches no actor of the graph."""


def busiest_pairs(weighted, limit: int) -> list[tuple[str, str]]:
    """The actor pairs linked by the most statements."""
    edges = sorted(weighted.edges(data="weight"), key=lambda e: (-e[2], str(e[0]), str(e[1])))
    return [(u, v) for u, v, _ in edges[:limit]]


def resolve_pairs(
    actors: dict[str, dict[str, Any]], pairs: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Actor ids for pairs given by id, name or alias; ``UnknownActor`` names the first miss."""
    resolved = []
    for pair in pairs:
        ids = []
        for query in pair:
            actor_id = find_actor(actors, query)
            if actor_id is None:
                raise UnknownActor(f"no actor named {query!r} in the graph")
            ids.append(actor_id)
        resolved.append((ids[0], ids[1]))
    return resolved


def analyze(
    kg, pairs: Iterable[tuple[str, str]] | None = None, top: int = TOP, period: str = "month"
) -> dict[str, Any]:
    """Centrality, blocs, stance balance and pair timelines of ``kg`` as one JSON-ready dict.

    ``pairs`` (ids, names or aliases) chooses the timelines; by default the
    pairs with the most statements.
    """
    multigraph = to_multigraph(kg, evidence_cap=0)
    weighted = to_weighted_graph(multigraph)
    signed = to_signed_graph(multigraph)
    families: Counter = Counter()
    for _, _, family, count in multigraph.edges(keys=True, data="count"):
        families[family] += count

    centrality = centrality_table(weighted)
    blocs = signed_louvain(signed)
    linked_blocs = [b for b in blocs if any(signed.degree(n) for n in b)]
    countries = to_signed_graph(country_graph(multigraph))
    country_blocs = signed_louvain(countries)
    chosen = resolve_pairs(kg.actors, pairs) if pairs else busiest_pairs(weighted, TIMELINE_PAIRS)
    timelines = pair_timelines(kg.relations(factual_only=True), chosen, period=period)

    def name(actor_id: str) -> str:
        return (
            str(multigraph.nodes[actor_id].get("name", actor_id))
            if actor_id in multigraph
            else actor_id
        )

    return {
        "directory": str(kg.directory),
        "summary": {
            "actors": multigraph.number_of_nodes(),
            "linked_actors": sum(1 for n in weighted if weighted.degree(n)),
            "actor_pairs": weighted.number_of_edges(),
            "factual_statements": {f: families[f] for f in FAMILIES},
        },
        "centrality": centrality[:top] if top else centrality,
        "blocs": {
            "method": "Louvain on signed modularity (Gomez, Jensen & Arenas 2009)",
            "weights": SIGN,
            "signed_modularity": round(signed_modularity(signed, blocs), 6),
            "blocs": bloc_report(signed, linked_blocs),
            "unlinked_actors": sum(len(b) for b in blocs) - sum(len(b) for b in linked_blocs),
            "country_blocs": bloc_report(countries, country_blocs),
            "country_signed_modularity": round(signed_modularity(countries, country_blocs), 6),
        },
        "stance": stance_balance(multigraph),
        "timelines": [
            {"a": a, "a_name": name(a), "b": b, "b_name": name(b), "period": period, "rows": rows}
            for (a, b), rows in timelines.items()
        ],
        "_graphs": {"multigraph": multigraph, "blocs": linked_blocs},
    }


def _cell(value: Any) -> str:
    """Markdown table cell: no pipes, newlines or raw HTML from article text."""
    text = " ".join(str(value).split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def _table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines + [""]


def to_markdown(report: dict[str, Any], top: int = TOP) -> str:
    """The report as Markdown, linking the PNG plots written beside it."""
    summary = report["summary"]
    statements = ", ".join(f"{n} {f}" for f, n in summary["factual_statements"].items())
    lines = [
        f"# graphbuild analysis of {_cell(report['directory'])}",
        "",
        f"{summary['actors']} actors ({summary['linked_actors']} linked), "
        f"{summary['actor_pairs']} linked pairs; factual statements: {statements}.",
        "Only factual statements count: negated, hypothetical and future ones are left out.",
        "",
        "![network coloured by bloc](blocs.png)",
        "",
        "## Central actors",
        "",
        "Degree: share of other actors linked; betweenness: share of shortest paths through the "
        "actor; eigenvector: linked to well-linked actors (weighted by statements).",
        "",
    ]
    lines += _table(
        ["actor", "type", "statements", "degree", "betweenness", "eigenvector"],
        [
            [
                r["name"],
                r["type"],
                r["statements"],
                f"{r['degree']:.3f}",
                f"{r['betweenness']:.3f}",
                f"{r['eigenvector']:.3f}",
            ]
            for r in report["centrality"][:top]
        ],
    )
    lines += ["![centrality](centrality.png)", "", "## Blocs", ""]
    blocs = report["blocs"]
    lines += [
        f"Method: {blocs['method']}. Each statement weighs SUPPORTS {SIGN['SUPPORTS']:+g}, "
        f"OPPOSES {SIGN['OPPOSES']:+g}, MEETS {SIGN['MEETS']:+g}; a pair's weights are summed; "
        "REQUESTS (appeals, requests, demands) is no stance and weighs nothing. "
        f"Signed modularity {blocs['signed_modularity']:.3f}.",
        "",
    ]
    for bloc in blocs["blocs"]:
        toward = ", ".join(f"bloc {k}: {w:+g}" for k, w in bloc["toward"].items()) or "no links"
        lines.append(
            f"- **Bloc {bloc['bloc']}** ({bloc['size']}): {_cell(', '.join(bloc['names']))}. "
            f"Net weight inside {bloc['internal_weight']:+g}; toward {toward}."
        )
    if blocs["unlinked_actors"]:
        lines.append(
            f"- {blocs['unlinked_actors']} actors without factual relations are in no bloc."
        )
    lines += [
        "",
        "The same with people and bodies rolled up to their countries "
        f"(signed modularity {blocs['country_signed_modularity']:.3f}):",
        "",
    ]
    for bloc in blocs["country_blocs"]:
        lines.append(f"- **Country bloc {bloc['bloc']}**: {_cell(', '.join(bloc['names']))}")
    lines += [
        "",
        "## Stance balance between countries",
        "",
        "People and bodies count for their country; balance = supports − opposes.",
        "",
    ]
    lines += _table(
        ["from", "to", "supports", "opposes", "meets", "balance"],
        [
            [
                r["from_name"],
                r["to_name"],
                r["supports"],
                r["opposes"],
                r["meets"],
                f"{r['balance']:+d}",
            ]
            for r in report["stance"][:top]
        ],
    )
    lines += ["![stance](stance.png)", "", "## Timelines", ""]
    for timeline in report["timelines"]:
        lines += [f"### {_cell(timeline['a_name'])} and {_cell(timeline['b_name'])}", ""]
        lines += _table(
            ["period", *FAMILIES],
            [[r["period"], *(r[f] for f in FAMILIES)] for r in timeline["rows"]],
        )
    lines += ["![timelines](timelines.png)", ""]
    return "\n".join(lines)


def write_report(
    kg,
    out: str | Path,
    pairs: Iterable[tuple[str, str]] | None = None,
    top: int = TOP,
    period: str = "month",
) -> dict[str, Path]:
    """Analyse ``kg`` and write report.md, report.json and the PNG plots into ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report = analyze(kg, pairs=pairs, top=top, period=period)
    graphs = report.pop("_graphs")
    colors = dict.fromkeys(graphs["multigraph"], "#cccccc")
    legend = {}
    groups = {}
    for k, bloc in enumerate(graphs["blocs"][: len(BLOC_COLORS)]):
        legend[f"bloc {k + 1}"] = BLOC_COLORS[k]
        colors.update(dict.fromkeys(bloc, BLOC_COLORS[k]))
        groups.update(dict.fromkeys(bloc, k))
    paths = {
        "markdown": out / "report.md",
        "json": out / "report.json",
        "blocs": draw_network(
            graphs["multigraph"],
            out / "blocs.png",
            node_colors=colors,
            legend=legend,
            title="blocs",
            groups=groups,
        ),
        "centrality": plot_centrality(report["centrality"], out / "centrality.png"),
        "stance": plot_stance(report["stance"], out / "stance.png"),
        "timelines": plot_timelines(report["timelines"], out / "timelines.png"),
    }
    with atomic_output(paths["json"]) as tmp:
        tmp.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    with atomic_output(paths["markdown"]) as tmp:
        tmp.write_text(to_markdown(report, top), encoding="utf-8")
    return paths
