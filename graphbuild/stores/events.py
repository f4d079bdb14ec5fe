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

from pathlib import Path
from typing import Any

from ..graph.events import EVENTS
from ..graph.knowledge_graph import iter_jsonl

EVENT_NODE_TABLES: dict[str, str] = {
    "Event": "id STRING PRIMARY KEY, family STRING, kind STRING, date STRING, "
    "last_date STRING, symmetric BOOLEAN, statements INT64, articles INT64, sources INT64",
}
EVENT_REL_TABLES: dict[str, str] = {
    "EVENT_SUBJECT": "FROM Event TO Actor",
    "EVENT_OBJECT": "FROM Event TO Actor",
    "REPORTS": "FROM Statement TO Event",
}
BATCH = 5000

_NODES = """
UNWIND $rows AS r
CREATE (:Event {id: r.id, family: r.family, kind: r.kind, date: r.date, last_date: r.last_date,
                symmetric: r.symmetric, statements: r.statements, articles: r.articles,
                sources: r.sources})
"""
_ENDS = """
UNWIND $rows AS r
MATCH (e:Event {id: r.event}), (a:Actor {id: r.actor})
CREATE (e)-[:{rel}]->(a)
"""
_REPORTS = """
UNWIND $rows AS r
MATCH (s:Statement {id: r.statement}), (e:Event {id: r.event})
CREATE (s)-[:REPORTS]->(e)
"""


def drop_event_tables(connection: Any) -> None:
    """Remove the Event tables if the store has them (relationships first)."""
    result = connection.execute("CALL show_tables() RETURN name")
    present = {row[0] for row in result.get_all()}
    for table in (*EVENT_REL_TABLES, *EVENT_NODE_TABLES):
        if table in present:
            connection.execute(f"DROP TABLE {table}")


def _batches(rows: list[dict[str, Any]]):
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def write_event_tables(connection: Any, directory: str | Path) -> int:
    """(Re)write the Event nodes and links from ``directory/events.jsonl``; how many events.

    Events whose actors or statements are not in the store are written without those
    links (a store is never refused for them); no events.jsonl, no Event nodes.
    """
    drop_event_tables(connection)
    for table, columns in EVENT_NODE_TABLES.items():
        connection.execute(f"CREATE NODE TABLE {table}({columns})")
    for table, columns in EVENT_REL_TABLES.items():
        connection.execute(f"CREATE REL TABLE {table}({columns})")
    nodes, ends, reports = [], {"EVENT_SUBJECT": [], "EVENT_OBJECT": []}, []
    for event in iter_jsonl(Path(directory) / EVENTS):
        nodes.append(
            {
                "id": event["id"],
                "family": event["family"],
                "kind": event.get("kind"),
                "date": event.get("date"),
                "last_date": event.get("last_date"),
                "symmetric": bool(event.get("symmetric")),
                "statements": len(event.get("statements") or ()),
                "articles": len(event.get("articles") or ()),
                "sources": int(event.get("sources") or 0),
            }
        )
        ends["EVENT_SUBJECT"].append({"event": event["id"], "actor": event["subject"]["id"]})
        ends["EVENT_OBJECT"].append({"event": event["id"], "actor": event["object"]["id"]})
        reports += [{"statement": s, "event": event["id"]} for s in event.get("statements") or ()]
    for batch in _batches(nodes):
        connection.execute(_NODES, {"rows": batch})
    for rel, rows in ends.items():
        for batch in _batches(rows):
            connection.execute(_ENDS.replace("{rel}", rel), {"rows": batch})
    for batch in _batches(reports):
        connection.execute(_REPORTS, {"rows": batch})
    return len(nodes)
