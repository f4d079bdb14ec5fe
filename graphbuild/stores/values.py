"""Engine values as plain Python values, so both Cypher stores answer alike.

LadybugDB returns nodes as dicts with internal ``_ID``/``_LABEL`` keys and some
sums as ``Decimal``; the Neo4j driver returns ``Node``/``Relationship``/``Path``
objects and its own temporal types. ``plain`` turns all of these into JSON-ready
values: nodes and relationships become their property dicts (with ``_labels`` or
``_type``), paths become ``{"nodes": [...], "relationships": [...]}``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

_LADYBUG_INTERNAL = ("_ID", "_SRC", "_DST")


def plain(value: Any) -> Any:
    """A JSON-ready copy of one value returned by either engine."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return _plain_mapping(value)
    return _plain_neo4j(value)


def _plain_mapping(value: dict[str, Any]) -> dict[str, Any]:
    if "_NODES" in value and "_RELS" in value:  # a LadybugDB path
        return {"nodes": plain(value["_NODES"]), "relationships": plain(value["_RELS"])}
    if "_LABEL" not in value:  # a map or struct
        return {k: plain(v) for k, v in value.items()}
    # a LadybugDB node or relationship: absent properties read as null, as in Neo4j
    out = {
        k: plain(v)
        for k, v in value.items()
        if k not in _LADYBUG_INTERNAL and k != "_LABEL" and v is not None
    }
    if "_SRC" in value:
        out["_type"] = value["_LABEL"]
    else:
        out["_labels"] = [value["_LABEL"]]
    return out


def _plain_neo4j(value: Any) -> Any:
    try:
        from neo4j import graph
        from neo4j import time as neo4j_time
    except ImportError:  # pragma: no cover - neo4j is a dependency
        return str(value)
    if isinstance(value, graph.Node):
        return {**{k: plain(v) for k, v in value.items()}, "_labels": sorted(value.labels)}
    if isinstance(value, graph.Relationship):
        return {**{k: plain(v) for k, v in value.items()}, "_type": value.type}
    if isinstance(value, graph.Path):
        return {
            "nodes": [plain(n) for n in value.nodes],
            "relationships": [plain(r) for r in value.relationships],
        }
    if isinstance(value, neo4j_time.Date | neo4j_time.DateTime | neo4j_time.Time):
        return value.iso_format()
    if isinstance(value, neo4j_time.Duration):
        return str(value)
    return str(value)
