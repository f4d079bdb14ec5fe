"""Events: statements from different articles that report the same happening, merged.

(Written in steps: this module first reads ``events.jsonl``; see docs/exports.md.)
"""

from __future__ import annotations

from pathlib import Path

from .knowledge_graph import iter_jsonl

EVENTS = "events.jsonl"


def load_event_index(directory: str | Path | None) -> dict[str, str]:
    """Statement id -> event id, from ``DIR/events.jsonl``; empty when there is none."""
    if directory is None:
        return {}
    path = Path(directory) / EVENTS
    index: dict[str, str] = {}
    for event in iter_jsonl(path):
        for statement_id in event.get("statements") or ():
            index[str(statement_id)] = str(event["id"])
    return index
