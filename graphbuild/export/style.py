"""Colours shared by every picture of the graph (PNG plots and the HTML view)."""

from __future__ import annotations

FAMILY_COLORS = {
    "SUPPORTS": "#2e9e44",
    "OPPOSES": "#d62f2f",
    "MEETS": "#2f6fd6",
    "REQUESTS": "#c08a00",
}

TYPE_COLORS = {
    "Person": "#f28e2b",
    "Country": "#4e79a7",
    "Organization": "#b07aa1",
    "ArmedGroup": "#7f3c3c",
    "Group": "#8c8c8c",
}

OTHER_COLOR = "#bbbbbb"


def type_color(actor_type: str | None) -> str:
    return TYPE_COLORS.get(actor_type or "", OTHER_COLOR)
