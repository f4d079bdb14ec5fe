"""PNG charts for the analysis report (matplotlib ``Figure``, no pyplot, no display)."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..export._files import atomic_output
from ..export.style import FAMILY_COLORS
from ..records import FAMILIES
from .timeline import UNDATED, fill_months

#: colours of blocs 1..10 in the network plot; later blocs are grey
BLOC_COLORS = [
    "#4e79a7",
    "#e15759",
    "#59a14f",
    "#f28e2b",
    "#b07aa1",
    "#76b7b2",
    "#edc948",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
]


def _save(fig: Figure, path: Path) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # glyphs missing from the default font
        with atomic_output(path) as tmp:
            fig.savefig(tmp, format="png", bbox_inches="tight")
    return path


def _short(name: str, width: int = 32) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def plot_centrality(rows: list[dict[str, Any]], path: Path, top: int = 15) -> Path:
    """Bars of eigenvector and betweenness centrality for the ``top`` actors."""
    rows = rows[:top]
    fig = Figure(figsize=(10, 0.35 * max(len(rows), 3) + 1.2), dpi=100)
    names = [_short(r["name"]) for r in rows][::-1]
    for i, measure in enumerate(("eigenvector", "betweenness")):
        ax = fig.add_subplot(1, 2, i + 1)
        ax.barh(range(len(rows)), [r[measure] for r in rows][::-1], color="#4e79a7")
        ax.set_yticks(range(len(rows)), names if i == 0 else [""] * len(rows), fontsize=8)
        ax.set_title(f"{measure} centrality", fontsize=10)
    if not rows:
        fig.text(0.5, 0.5, "no actors", ha="center")
    return _save(fig, path)


def plot_stance(rows: list[dict[str, Any]], path: Path, top: int = 15) -> Path:
    """Bars of supports minus opposes for the country pairs with the strongest stance."""
    rows = rows[:top]
    fig = Figure(figsize=(9, 0.35 * max(len(rows), 3) + 1.2), dpi=100)
    ax = fig.add_subplot()
    labels = [_short(f"{r['from_name']} → {r['to_name']}", 44) for r in rows][::-1]
    values = [r["balance"] for r in rows][::-1]
    colors = [
        FAMILY_COLORS["SUPPORTS"] if v > 0 else FAMILY_COLORS["OPPOSES"] if v < 0 else "#999999"
        for v in values
    ]
    ax.barh(range(len(rows)), values, color=colors)
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_title("stance balance between countries (supports − opposes)", fontsize=10)
    if not rows:
        ax.text(0.5, 0.5, "no statements between countries", ha="center", transform=ax.transAxes)
    return _save(fig, path)


def plot_timelines(timelines: list[dict[str, Any]], path: Path) -> Path:
    """One panel per actor pair: statements per period, stacked by family.

    Monthly timelines run over every month from the first to the last statement
    (empty months stay empty, so the axis is time); at most about 16 month labels
    are written, whatever the range.
    """
    fig = Figure(figsize=(10, 2.6 * max(len(timelines), 1)), dpi=100)
    for i, timeline in enumerate(timelines):
        ax = fig.add_subplot(max(len(timelines), 1), 1, i + 1)
        rows = fill_months(timeline["rows"])
        periods = [r["period"] for r in rows]
        bottom = [0] * len(rows)
        for family in FAMILIES:
            values = [r[family] for r in rows]
            ax.bar(
                range(len(rows)),
                values,
                bottom=bottom,
                width=0.6,
                color=FAMILY_COLORS[family],
                label=family.lower(),
            )
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        every = max(1, -(-len(rows) // 16))
        ticks = [k for k in range(len(rows)) if k % every == 0 or periods[k] == UNDATED]
        ax.set_xticks(
            ticks, [periods[k] for k in ticks], fontsize=8, rotation=45 if len(ticks) > 8 else 0
        )
        ax.set_xlim(-0.8, max(len(rows), 6) - 0.2)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_title(_short(f"{timeline['a_name']} — {timeline['b_name']}", 80), fontsize=10)
        if i == 0:
            ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    if not timelines:
        fig.text(0.5, 0.5, "no actor pairs with statements", ha="center")
    fig.tight_layout()
    return _save(fig, path)
