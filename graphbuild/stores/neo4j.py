"""Loading a build directory into Neo4j, and running Cypher there.

The load is idempotent and resumable: every write is a ``MERGE`` on an id
(actors, articles and statements by id, SUPPORTS / OPPOSES / MEETS / REQUESTS by the
statement id, MENTIONS and the statement links by their two ends), sent as
batched ``UNWIND $rows`` with parameters only, in managed transactions the
driver retries. Loading the same directory twice changes no counts; loading a
bigger one adds only what is new; a load cut short (server stopped, network
gone) completes with no duplicates when run again.

Rows come from ``stores.rows``, the same rows the embedded store holds, so the
query library answers alike on both.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from ..graph.dyads import build_dyads, dyad_row
from ..graph.events import EVENTS
from ..graph.knowledge_graph import KnowledgeGraph, iter_jsonl
from ..records import ACTOR_TYPES, FAMILIES
from .events import event_row
from .rows import (
    ACTOR_FIELDS,
    ARTICLE_FIELDS,
    EDGE_FIELDS,
    STATEMENT_FIELDS,
    actor_rows,
    affiliation_rows,
    article_row,
    mention_rows,
    statement_rows,
)
from .values import plain

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
DEFAULT_BATCH_SIZE = 5000

#: constraints first (they also index the MERGE keys), then the indexes queries use
SCHEMA = [
    "CREATE CONSTRAINT graphbuild_actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT graphbuild_article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT graphbuild_statement_id IF NOT EXISTS FOR (s:Statement) REQUIRE s.id IS UNIQUE",
    *(
        f"CREATE CONSTRAINT graphbuild_{family.lower()}_id IF NOT EXISTS "
        f"FOR ()-[r:{family}]-() REQUIRE r.id IS UNIQUE"
        for family in FAMILIES
    ),
    "CREATE INDEX graphbuild_actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name)",
    "CREATE INDEX graphbuild_actor_country IF NOT EXISTS FOR (a:Actor) ON (a.country_id)",
    "CREATE INDEX graphbuild_article_date IF NOT EXISTS FOR (a:Article) ON (a.date)",
    "CREATE INDEX graphbuild_statement_article IF NOT EXISTS FOR (s:Statement) ON (s.article_id)",
]

MERGE_ACTORS = """
UNWIND $rows AS r
MERGE (a:Actor {id: r.id})
SET a += r.props
"""
#: one statement per type: labels cannot be parameters, and these come from a fixed list
SET_TYPE_LABEL = {
    actor_type: (
        "UNWIND $ids AS id MATCH (a:Actor {id: id}) "
        f"SET a:{actor_type} "
        + " ".join(f"REMOVE a:{other}" for other in ACTOR_TYPES if other != actor_type)
    )
    for actor_type in ACTOR_TYPES
}
DROP_STALE_AFFILIATIONS = """
MATCH (a:Actor)-[x:AFFILIATED_WITH]->(c:Actor)
WHERE a.country_id IS NULL OR a.country_id <> c.id
DELETE x
"""
MERGE_AFFILIATIONS = """
UNWIND $rows AS r
MATCH (a:Actor {id: r.actor_id})
MATCH (c:Actor {id: r.country_id})
MERGE (a)-[:AFFILIATED_WITH]->(c)
"""
#: An article and its mentions are written in one transaction, and so are a statement, its
#: links and its SUPPORTS / OPPOSES / MEETS relationship: a node that exists is complete.
#: Ids are content hashes, so a known id is skipped (a re-run or a resumed load adds only
#: what is new), and uniqueness constraints refuse duplicates even from concurrent loads.
#: The actor-to-actor relationship is MERGEd on its id all the same, so a graph whose
#: Statement nodes someone deleted still loads without duplicating it.
ADD_ARTICLES = """
UNWIND $rows AS r
OPTIONAL MATCH (known:Article {id: r.id})
WITH r WHERE known IS NULL
CREATE (a:Article {id: r.id})
SET a += r.props
WITH a, r
UNWIND CASE WHEN size(r.mentions) = 0 THEN [null] ELSE r.mentions END AS m
OPTIONAL MATCH (actor:Actor {id: m.actor_id})
FOREACH (_ IN CASE WHEN actor IS NULL THEN [] ELSE [1] END |
  CREATE (a)-[:MENTIONS {count: m.count}]->(actor))
RETURN count(DISTINCT a) AS created
"""
ADD_STATEMENTS = (
    """
UNWIND $rows AS r
OPTIONAL MATCH (known:Statement {id: r.id})
WITH r WHERE known IS NULL
MATCH (subject:Actor {id: r.subject_id})
MATCH (object:Actor {id: r.object_id})
OPTIONAL MATCH (article:Article {id: r.article_id})
CREATE (s:Statement {id: r.id})
SET s += r.props
CREATE (s)-[:HAS_SUBJECT]->(subject)
CREATE (s)-[:HAS_OBJECT]->(object)
FOREACH (_ IN CASE WHEN article IS NULL THEN [] ELSE [1] END |
  CREATE (s)-[:FROM_ARTICLE]->(article))
"""
    + "".join(
        # one clause per family: a relationship type cannot be a parameter
        f"FOREACH (_ IN CASE WHEN r.edge = '{family}' THEN [1] ELSE [] END |\n"
        f"  MERGE (subject)-[e:{family} {{id: r.id}}]->(object) SET e += r.edge_props)\n"
        for family in FAMILIES
    )
    + "RETURN count(s) AS created\n"
)

#: Events (``events.jsonl``; stores/events.py has the schema, the embedded store the same)
EVENT_SCHEMA = [
    "CREATE CONSTRAINT graphbuild_event_id IF NOT EXISTS FOR (e:Event) REQUIRE e.id IS UNIQUE",
    "CREATE INDEX graphbuild_event_date IF NOT EXISTS FOR (e:Event) ON (e.date)",
]
#: ids of the events the statements of some articles report now (to find the stale ones)
EVENTS_OF_ARTICLES = """
UNWIND $ids AS article_id
MATCH (s:Statement {article_id: article_id})-[:REPORTS]->(e:Event)
RETURN collect(DISTINCT e.id) AS ids
"""
DELETE_EVENTS = "UNWIND $ids AS id MATCH (e:Event {id: id}) DETACH DELETE e"
#: An event is MERGEd on its id (a hash of its actors, family and first statement), its
#: properties set anew, and its REPORTS made exactly its statements: a regrouped event
#: loses the links of statements that moved to another event.
MERGE_EVENTS = """
UNWIND $rows AS r
MERGE (e:Event {id: r.id})
SET e += r.props
WITH e, r
OPTIONAL MATCH (subject:Actor {id: r.subject_id})
OPTIONAL MATCH (object:Actor {id: r.object_id})
FOREACH (_ IN CASE WHEN subject IS NULL THEN [] ELSE [1] END |
  MERGE (e)-[:EVENT_SUBJECT]->(subject))
FOREACH (_ IN CASE WHEN object IS NULL THEN [] ELSE [1] END |
  MERGE (e)-[:EVENT_OBJECT]->(object))
WITH e, r
CALL (e, r) {
  MATCH (old:Statement)-[x:REPORTS]->(e) WHERE NOT old.id IN r.statements
  DELETE x
}
WITH e, r
UNWIND r.statements AS statement_id
MATCH (s:Statement {id: statement_id})
MERGE (s)-[:REPORTS]->(e)
"""

#: Dyads (graph.dyads; stores/dyads.py has the schema, the embedded store the same): the
#: DYAD relationships of the loaded actors are replaced whole, so loading again changes nothing
DELETE_DYADS = "UNWIND $ids AS id MATCH (:Actor {id: id})-[d:DYAD]-() DELETE d"
CREATE_DYADS = """
UNWIND $rows AS r
MATCH (a:Actor {id: r.subject_id})
MATCH (b:Actor {id: r.object_id})
CREATE (a)-[d:DYAD]->(b)
SET d = r.props
RETURN count(d) AS created
"""


class Neo4jError(RuntimeError):
    """A Neo4j problem told in one line (which server, what went wrong, what to do)."""


@dataclass
class Neo4jSettings:
    """Where and how to connect; the password comes from the environment or a prompt."""

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str | None = None
    database: str | None = None

    @classmethod
    def from_env(
        cls,
        uri: str | None = None,
        user: str | None = None,
        database: str | None = None,
        environ: dict[str, str] | None = None,
    ) -> Neo4jSettings:
        """Explicit values first, then NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE."""
        env = os.environ if environ is None else environ
        return cls(
            uri=uri or env.get("NEO4J_URI") or DEFAULT_URI,
            user=user or env.get("NEO4J_USER") or env.get("NEO4J_USERNAME") or DEFAULT_USER,
            password=env.get("NEO4J_PASSWORD"),
            database=database or env.get("NEO4J_DATABASE") or None,
        )


@dataclass
class LoadReport:
    """What a load sent and what it added (``new``); the rest was there already."""

    actors: int = 0
    articles: int = 0
    new_articles: int = 0
    statements: int = 0
    new_statements: int = 0
    events: int = 0
    dyads: int = 0
    batches: int = 0
    seconds: float = 0.0


SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def _first_line(exc: Exception) -> str:
    text = (getattr(exc, "message", None) or str(exc) or type(exc).__name__).strip()
    reason = re.search(r"\(reason ([^)]*)\)", text)
    if reason:  # "Couldn't connect to ...:\nFailed to establish ... (reason [Errno 111] ...)"
        return reason.group(1).strip()
    return text.splitlines()[0].rstrip(":")


def _explain(exc: Exception, settings: Neo4jSettings) -> Neo4jError:
    """One line for the user, from whatever the driver raised."""
    from neo4j import exceptions as errors

    where = f"Neo4j at {settings.uri}"
    code = getattr(exc, "code", None) or ""
    message = _first_line(exc)
    if isinstance(exc, errors.AuthError) or code.startswith(
        "Neo.ClientError.Security.Unauthorized"
    ):
        return Neo4jError(
            f"{where} refused user {settings.user!r}: wrong user or password "
            "(set NEO4J_USER and NEO4J_PASSWORD)"
        )
    if "DatabaseNotFound" in code:
        return Neo4jError(
            f"{where} has no database {settings.database!r} (check --database or NEO4J_DATABASE)"
        )
    if isinstance(exc, errors.ConfigurationError | ValueError):
        return Neo4jError(f"cannot use {settings.uri!r} as a Neo4j URI: {message}")
    if isinstance(exc, errors.ServiceUnavailable | errors.SessionExpired | OSError):
        hint = "is the server running? check --uri or NEO4J_URI"
        if "+s://" in settings.uri:
            hint += (
                "; with +s, the server's TLS certificate must be trusted (+ssc skips that check)"
            )
        return Neo4jError(f"cannot reach {where}: {message} ({hint})")
    if isinstance(exc, errors.Neo4jError):
        return Neo4jError(f"{where}: {code}: {message}")
    return Neo4jError(f"{where}: {type(exc).__name__}: {message}")


def connect(settings: Neo4jSettings, retry_seconds: float = 30.0):
    """A driver that has proved it can reach the server, log in and see the database.

    Raises ``Neo4jError`` (one line) before anything is written otherwise.
    """
    import neo4j
    from neo4j import exceptions as errors

    if not logging.getLogger().isEnabledFor(logging.DEBUG):  # the driver's own log lines
        logging.getLogger("neo4j").setLevel(logging.CRITICAL)  # repeat what Neo4jError says
    if settings.password is None:
        raise Neo4jError(
            f"no password for Neo4j at {settings.uri}: set NEO4J_PASSWORD "
            "(the password is never taken on the command line)"
        )
    scheme = settings.uri.partition("://")[0].lower()
    if "://" not in settings.uri or scheme not in SCHEMES:
        raise Neo4jError(
            f"cannot use {settings.uri!r} as a Neo4j URI: it must start with "
            + ", ".join(f"{s}://" for s in SCHEMES)
        )
    try:
        driver = neo4j.GraphDatabase.driver(
            settings.uri,
            auth=(settings.user, settings.password),
            max_transaction_retry_time=retry_seconds,
            connection_acquisition_timeout=min(60.0, max(5.0, retry_seconds)),
            connection_timeout=10.0,
        )
    except (errors.ConfigurationError, ValueError) as exc:
        raise _explain(exc, settings) from None
    try:
        driver.verify_connectivity()
        driver.execute_query("RETURN 1", database_=settings.database)
    except Exception as exc:  # noqa: BLE001 - every failure becomes one clear line
        driver.close()
        raise _explain(exc, settings) from None
    return driver


def _batches(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


class _Writer:
    """Sends batches in managed write transactions (the driver retries transient failures)."""

    def __init__(self, driver, settings: Neo4jSettings, batch_size: int, progress):
        self.driver = driver
        self.settings = settings
        self.batch_size = batch_size
        self.progress = progress
        self.batches = 0

    def run(self, cypher: str, **params: Any) -> int:
        """Run one write transaction; return its ``created`` count (0 when it has none)."""

        def work(tx) -> int:
            record = tx.run(cypher, **params).single()
            return (
                int(record["created"]) if record is not None and "created" in record.keys() else 0
            )

        try:
            with self.driver.session(database=self.settings.database) as session:
                return session.execute_write(work)
        except Exception as exc:  # noqa: BLE001 - reported as one line
            raise _explain(exc, self.settings) from None

    def write(self, cypher: str, rows: Iterable[dict[str, Any]]) -> tuple[int, int]:
        """Send rows in batches; return (rows sent, created)."""
        sent = created = 0
        for batch in _batches(rows, self.batch_size):
            created += self.run(cypher, rows=batch)
            sent += len(batch)
            self.batches += 1
            if self.progress:
                self.progress(len(batch))
        return sent, created


def _props(row: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    return {name: row[name] for name in names if name != "id"}


def _article_payloads(kg: KnowledgeGraph, actor_ids: set[str]) -> Iterator[dict[str, Any]]:
    article_ids = kg.article_ids()
    mentions: dict[str, list[dict[str, Any]]] = {}
    for row in mention_rows(kg.mentions(), actor_ids, article_ids):
        mentions.setdefault(row["article_id"], []).append(
            {"actor_id": row["actor_id"], "count": row["count"]}
        )
    for article in kg.articles(with_text=False):
        row = article_row(article)
        yield {
            "id": row["id"],
            "props": _props(row, ARTICLE_FIELDS),
            "mentions": mentions.get(row["id"], []),
        }


def _statement_payloads(kg: KnowledgeGraph) -> Iterator[dict[str, Any]]:
    for row in statement_rows(kg.relations()):
        yield {
            "id": row["id"],
            "subject_id": row["subject_id"],
            "object_id": row["object_id"],
            "article_id": row["article_id"],
            "props": _props(row, STATEMENT_FIELDS),
            "edge": row["family"] if row["factual"] else None,
            "edge_props": {name: row[name] for name in EDGE_FIELDS},
        }


def load_graph(
    kg: KnowledgeGraph,
    driver,
    settings: Neo4jSettings,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> LoadReport:
    """Load the graph of ``kg`` into Neo4j; safe to repeat and to resume after a failure.

    Constraints and indexes first; then actors (merged: a later build may know more of
    them), their type labels and AFFILIATED_WITH; then the articles and statements not
    there yet. ``progress`` is called with the number of rows of each batch written.
    """
    import time

    started = time.perf_counter()
    writer = _Writer(driver, settings, batch_size, progress)
    for statement in SCHEMA:
        writer.run(statement)
    writer.run("CALL db.awaitIndexes(300)")

    report = LoadReport()
    actors = actor_rows(kg, kg.relations())
    report.actors, _ = writer.write(
        MERGE_ACTORS, ({"id": a["id"], "props": _props(a, ACTOR_FIELDS)} for a in actors)
    )
    for actor_type in ACTOR_TYPES:
        ids = (a["id"] for a in actors if a["type"] == actor_type)
        for batch in _batches(ids, batch_size):
            writer.run(SET_TYPE_LABEL[actor_type], ids=batch)
    writer.run(DROP_STALE_AFFILIATIONS)
    writer.write(MERGE_AFFILIATIONS, affiliation_rows(actors))

    actor_ids = {a["id"] for a in actors}
    report.articles, report.new_articles = writer.write(
        ADD_ARTICLES, _article_payloads(kg, actor_ids)
    )
    report.statements, report.new_statements = writer.write(ADD_STATEMENTS, _statement_payloads(kg))
    report.events = load_events(kg, writer)
    report.dyads = load_dyads(kg, writer, actor_ids)
    report.batches = writer.batches
    report.seconds = time.perf_counter() - started
    return report


def _event_payloads(events: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for event in events:
        row = event_row(event)
        yield {
            "id": row["id"],
            "props": {name: value for name, value in row.items() if name != "id"},
            "subject_id": event["subject"]["id"],
            "object_id": event["object"]["id"],
            "statements": [str(s) for s in event.get("statements") or ()],
        }


def load_events(kg: KnowledgeGraph, writer: _Writer) -> int:
    """Make the Event nodes of the loaded articles those of ``DIR/events.jsonl``; how many.

    A build regroups its events whole, so the events that statements of these articles
    report now and that the file no longer has are deleted first; the others are MERGEd
    on their id. Loading again changes nothing; no events.jsonl, no events for them.
    """
    for statement in EVENT_SCHEMA:
        writer.run(statement)
    events = list(iter_jsonl(kg.directory / EVENTS))
    wanted = {str(e["id"]) for e in events}
    stale: set[str] = set()
    for batch in _batches(sorted(kg.article_ids()), writer.batch_size):
        stale.update(_read_ids(writer, EVENTS_OF_ARTICLES, ids=batch))
    for batch in _batches(sorted(stale - wanted), writer.batch_size):
        writer.run(DELETE_EVENTS, ids=batch)
    sent, _ = writer.write(MERGE_EVENTS, _event_payloads(events))
    return sent


def load_dyads(kg: KnowledgeGraph, writer: _Writer, actor_ids: set[str]) -> int:
    """Make the DYAD relationships of the loaded actors those of ``graph.dyads.build_dyads``;
    how many were created. Dyads count over the whole build, so they are replaced whole."""
    for batch in _batches(sorted(actor_ids), writer.batch_size):
        writer.run(DELETE_DYADS, ids=batch)
    rows = (
        {"subject_id": d["subject"], "object_id": d["object"], "props": dyad_row(d)}
        for d in build_dyads(kg)
    )
    _, created = writer.write(CREATE_DYADS, rows)
    return created


def _read_ids(writer: _Writer, cypher: str, **params: Any) -> list[str]:
    """The ``ids`` list one read query returns."""
    try:
        records, _, _ = writer.driver.execute_query(
            cypher, params, database_=writer.settings.database
        )
    except Exception as exc:  # noqa: BLE001 - reported as one line
        raise _explain(exc, writer.settings) from None
    return [str(i) for i in records[0]["ids"]] if records else []


def count_events(driver, settings: Neo4jSettings) -> dict[str, int]:
    """Event nodes and their links, by label and type (the counts the event tests compare)."""
    counts: dict[str, int] = {}
    for name, cypher in (
        ("Event", "MATCH (n:Event) RETURN count(n) AS n"),
        ("EVENT_SUBJECT", "MATCH (:Event)-[r:EVENT_SUBJECT]->(:Actor) RETURN count(r) AS n"),
        ("EVENT_OBJECT", "MATCH (:Event)-[r:EVENT_OBJECT]->(:Actor) RETURN count(r) AS n"),
        ("REPORTS", "MATCH (:Statement)-[r:REPORTS]->(:Event) RETURN count(r) AS n"),
    ):
        records, _, _ = driver.execute_query(cypher, database_=settings.database)
        counts[name] = records[0]["n"]
    return counts


def count_graph(driver, settings: Neo4jSettings) -> dict[str, int]:
    """Nodes by label and relationships by type: what the load tests compare."""
    counts: dict[str, int] = {}
    for label in ("Actor", "Article", "Statement", *ACTOR_TYPES):
        records, _, _ = driver.execute_query(
            f"MATCH (n:{label}) RETURN count(n) AS n", database_=settings.database
        )
        counts[label] = records[0]["n"]
    for rel_type in (
        "MENTIONS",
        "AFFILIATED_WITH",
        "HAS_SUBJECT",
        "HAS_OBJECT",
        "FROM_ARTICLE",
        *FAMILIES,
    ):
        records, _, _ = driver.execute_query(
            f"MATCH ()-[r:{rel_type}]->() RETURN count(r) AS n", database_=settings.database
        )
        counts[rel_type] = records[0]["n"]
    return counts


def run_query(
    driver, settings: Neo4jSettings, cypher: str, params: dict[str, Any] | None = None
) -> tuple[list[str], list[list[Any]]]:
    """Run one read query; return column names and rows of plain values.

    A query the server rejects raises ``Neo4jError`` with the server's message.
    """
    import neo4j

    try:
        records, _, keys = driver.execute_query(
            cypher, params or {}, database_=settings.database, routing_=neo4j.RoutingControl.READ
        )
    except Exception as exc:  # noqa: BLE001 - reported as one line
        raise _explain(exc, settings) from None
    return list(keys), [[plain(value) for value in record.values()] for record in records]
