"""Event nodes in the embedded store, from the build directory's ``events.jsonl``.

Schema (added to the store of docs/architecture.md):

- ``Event {id, family, kind, date, last_date, symmetric, statements, articles, sources}``
- ``(:Event)-[:EVENT_SUBJECT]->(:Actor)``, ``(:Event)-[:EVENT_OBJECT]->(:Actor)``
  (for MEETS, ``symmetric`` is true and the two are in id order)
- ``(:Statement)-[:REPORTS]->(:Event)``: each statement of the event

A build regroups events from all of its statements (new articles merge into
old events), so the Event tables are dropped and written again whole on every
build, after the rest of the store; the incremental path of the store drops
them before it checks and extends the rest.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from ..graph.events import EVENTS
from ..graph.knowledge_graph import iter_jsonl
from .csv_copy import copy_rows

EVENT_NODE_TABLES: dict[str, str] = {
    "Event": "id STRING PRIMARY KEY, family STRING, kind STRING, date STRING, "
    "last_date STRING, symmetric BOOLEAN, statements INT64, articles INT64, sources INT64",
}
EVENT_REL_TABLES: dict[str, str] = {
    "EVENT_SUBJECT": "FROM Event TO Actor",
    "EVENT_OBJECT": "FROM Event TO Actor",
    "REPORTS": "FROM Statement TO Event",
}
NULLABLE = ("kind", "date", "last_date")


def event_row(event: dict[str, Any]) -> dict[str, Any]:
    """The properties of one Event node, from one line of ``events.jsonl`` (every store
    holds these: counts, not lists, so a node stays small however many reports it has)."""
    return {
        "id": event["id"],
        "family": event["family"],
        "kind": event.get("kind") or None,
        "date": event.get("date") or None,
        "last_date": event.get("last_date") or None,
        "symmetric": bool(event.get("symmetric")),
        "statements": len(event.get("statements") or ()),
        "articles": len(event.get("articles") or ()),
        "sources": int(event.get("sources") or 0),
    }


#: the Event node's properties, in order: the keys of ``event_row`` (every store writes these)
EVENT_FIELDS: tuple[str, ...] = tuple(event_row({"id": "", "family": ""}))


def drop_event_tables(connection: Any) -> None:
    """Remove the Event tables if the store has them (relationships first)."""
    result = connection.execute("CALL show_tables() RETURN name")
    present = {row[0] for row in result.get_all()}
    for table in (*EVENT_REL_TABLES, *EVENT_NODE_TABLES):
        if table in present:
            connection.execute(f"DROP TABLE {table}")


def _csv_cell(value: Any) -> Any:
    """CSV has no null: an empty text field, turned back into null after COPY."""
    return "" if value is None else value


def write_event_tables(connection: Any, directory: str | Path) -> int:
    """(Re)write the Event nodes and links from ``directory/events.jsonl``; how many events.

    No events.jsonl, no Event nodes. The statements and actors the events name are in
    the store: both come from the same build directory.
    """
    drop_event_tables(connection)
    for table, columns in EVENT_NODE_TABLES.items():
        connection.execute(f"CREATE NODE TABLE {table}({columns})")
    for table, columns in EVENT_REL_TABLES.items():
        connection.execute(f"CREATE REL TABLE {table}({columns})")
    events = list(iter_jsonl(Path(directory) / EVENTS))
    with tempfile.TemporaryDirectory(prefix=".events-", dir=Path(directory)) as scratch:
        folder = Path(scratch)
        copy_rows(
            connection,
            "Event",
            folder / "Event.csv",
            EVENT_FIELDS,
            ([_csv_cell(v) for v in event_row(e).values()] for e in events),
        )
        for table, end in (("EVENT_SUBJECT", "subject"), ("EVENT_OBJECT", "object")):
            copy_rows(
                connection,
                table,
                folder / f"{table}.csv",
                ("from", "to"),
                ((e["id"], e[end]["id"]) for e in events),
            )
        copy_rows(
            connection,
            "REPORTS",
            folder / "REPORTS.csv",
            ("from", "to"),
            ((s, e["id"]) for e in events for s in e.get("statements") or ()),
        )
    if events:  # CSV has no null: the empty text fields become null again
        where = " OR ".join(f"e.{n} = ''" for n in NULLABLE)
        sets = ", ".join(f"e.{n} = CASE WHEN e.{n} = '' THEN NULL ELSE e.{n} END" for n in NULLABLE)
        connection.execute(f"MATCH (e:Event) WHERE {where} SET {sets}")
    return len(events)
