"""The graph schema of docs/architecture.md as flat rows, shared by every Cypher store.

Neo4j and the embedded store load exactly these rows, so the same query files
give the same answers on both. Rows hold plain values only (strings, numbers,
booleans, lists of strings, None), never Cypher.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from ..graph.knowledge_graph import KnowledgeGraph
from ..records import ACTOR_TYPES, FAMILIES, is_factual

ACTOR_FIELDS = ("id", "name", "type", "aliases", "country", "country_id", "wikidata", "role")
ARTICLE_FIELDS = ("id", "title", "date", "url", "source", "place")
STATEMENT_FIELDS = (
    "id",
    "family",
    "kind",
    "cameo",
    "quad_class",
    "negated",
    "modality",
    "confidence",
    "article_id",
    "date",
    "sentence",
    "start",
    "end",
    "plover_type",
    "plover_mode",
    "plover_context",
    "goldstein",
    "subject_sector",
    "object_sector",
)
#: properties of a SUPPORTS / OPPOSES / MEETS / REQUESTS relationship (``family`` too,
#: so queries can read it without the engine-specific ``type(r)`` / ``label(r)``)
EDGE_FIELDS = (
    "id",
    "family",
    "kind",
    "cameo",
    "quad_class",
    "date",
    "article_id",
    "sentence",
    "start",
    "end",
    "confidence",
    "modality",
    "plover_type",
    "plover_mode",
    "plover_context",
    "goldstein",
    "subject_sector",
    "object_sector",
)
#: fields that are not strings (every other field is a string or null)
FIELD_TYPES = {
    "negated": "bool",
    "confidence": "float",
    "goldstein": "float",
    "start": "int",
    "end": "int",
    "plover_context": "list",
}


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def actor_row(record: dict[str, Any]) -> dict[str, Any]:
    """One Actor node; unknown types become Group so a bad record cannot break a label."""
    row = {name: _text(record.get(name)) for name in ACTOR_FIELDS if name != "aliases"}
    row["name"] = row["name"] or row["id"]
    if row["type"] not in ACTOR_TYPES:
        row["type"] = "Group"
    row["aliases"] = [str(a) for a in record.get("aliases") or [] if a is not None]
    return row


def actor_rows(
    kg: KnowledgeGraph, relations: Iterable[dict[str, Any]] = ()
) -> list[dict[str, Any]]:
    """Every actor of ``actors.jsonl``, plus any actor a relation names that the file lacks."""
    rows = {actor_id: actor_row(record) for actor_id, record in kg.actors.items()}
    for rel in relations:
        for side in ("subject", "object"):
            ref = rel.get(side) or {}
            if ref.get("id") and ref["id"] not in rows:
                rows[ref["id"]] = actor_row(ref)
    return [rows[actor_id] for actor_id in sorted(rows)]


def article_row(record: dict[str, Any]) -> dict[str, Any]:
    return {name: _text(record.get(name)) for name in ARTICLE_FIELDS}


def _int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def statement_row(rel: dict[str, Any]) -> dict[str, Any]:
    """One Statement node with the ids of its subject and object (``subject_id``, ``object_id``)."""
    row: dict[str, Any] = {name: _text(rel.get(name)) for name in STATEMENT_FIELDS}
    row["negated"] = bool(rel.get("negated"))
    row["confidence"] = _float(rel.get("confidence"))
    row["start"] = _int(rel.get("start"))
    row["end"] = _int(rel.get("end"))
    row["goldstein"] = _float(rel.get("goldstein"))
    context = rel.get("plover_context")
    row["plover_context"] = [str(c) for c in context if c] if isinstance(context, list) else []
    subject, obj = rel.get("subject") or {}, rel.get("object") or {}
    row["subject_sector"] = _text(subject.get("sector") or None)
    row["object_sector"] = _text(obj.get("sector") or None)
    row["subject_id"] = subject.get("id")
    row["object_id"] = obj.get("id")
    row["factual"] = is_factual(rel)
    return row


def edge_props(statement: dict[str, Any]) -> dict[str, Any]:
    """The properties of the actor-to-actor relationship made from a factual statement."""
    return {name: statement[name] for name in EDGE_FIELDS}


def statement_rows(relations: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Statements with a known family and both actors named; anything else cannot be an edge."""
    seen: set[str] = set()
    for rel in relations:
        row = statement_row(rel)
        if row["family"] not in FAMILIES or not (
            row["id"] and row["subject_id"] and row["object_id"]
        ):
            continue
        if row["id"] in seen:
            continue
        seen.add(row["id"])
        yield row


def mention_rows(
    mentions: Iterable[dict[str, Any]], actor_ids: set[str], article_ids: set[str]
) -> list[dict[str, Any]]:
    """``(:Article)-[:MENTIONS {count}]->(:Actor)``: mentions counted per article and actor."""
    counts: Counter = Counter()
    for mention in mentions:
        key = (mention.get("article_id"), mention.get("actor_id"))
        if key[0] in article_ids and key[1] in actor_ids:
            counts[key] += 1
    return [
        {"article_id": article_id, "actor_id": actor_id, "count": count}
        for (article_id, actor_id), count in sorted(counts.items())
    ]


def affiliation_rows(actors: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """``(:Actor)-[:AFFILIATED_WITH]->(:Actor)``: a person or body to its country, where known."""
    rows = list(actors)
    ids = {row["id"] for row in rows}
    return [
        {"actor_id": row["id"], "country_id": row["country_id"]}
        for row in rows
        if row["country_id"] and row["country_id"] != row["id"] and row["country_id"] in ids
    ]
