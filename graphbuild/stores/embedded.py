"""The embedded Cypher store: a LadybugDB database file (``DIR/graph.lbug``).

Serverless Cypher over the graph schema of docs/architecture.md, so the query
library in ``graphbuild/queries`` runs here unchanged and on Neo4j alike.

Writing bulk-loads the big tables (articles, statements, their relationships,
mentions) with ``COPY`` from temporary CSV files, which is an order of
magnitude faster than batched ``UNWIND``; actors (few, with list properties)
go through ``UNWIND``. A build that only adds articles copies the previous
store and appends what is new; a store that does not match the expected
schema or contents is rebuilt from the JSONL files instead.
"""

from __future__ import annotations

import csv
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..graph.knowledge_graph import KnowledgeGraph
from ..records import FAMILIES
from .csv_copy import copy_file, copy_rows, cypher_string
from .dyads import drop_dyad_tables, write_dyad_tables
from .events import drop_event_tables, write_event_tables
from .readonly import check_read_only
from .rows import (
    ARTICLE_FIELDS,
    EDGE_FIELDS,
    FIELD_TYPES,
    STATEMENT_FIELDS,
    actor_rows,
    affiliation_rows,
    article_row,
    mention_rows,
    statement_rows,
)
from .values import plain

log = logging.getLogger("graphbuild")

COLUMN_TYPES = {"bool": "BOOLEAN", "float": "DOUBLE", "int": "INT64", "list": "STRING[]"}


def _columns(fields: Sequence[str], primary_key: str | None = None) -> str:
    """LadybugDB column definitions for row fields (strings unless ``FIELD_TYPES`` says not)."""
    return ", ".join(
        f"`{name}` {COLUMN_TYPES.get(FIELD_TYPES.get(name, ''), 'STRING')}"
        + (" PRIMARY KEY" if name == primary_key else "")
        for name in fields
    )


def _csv_value(value: Any) -> Any:
    """A row value as COPY reads it: a list of plain words as ``[a,b]``."""
    return "[" + ",".join(value) + "]" if isinstance(value, list) else value


def _text_fields(fields: Sequence[str]) -> tuple[str, ...]:
    return tuple(n for n in fields if n not in FIELD_TYPES and n not in ("id", "family"))


EDGE_COLUMNS = _columns(EDGE_FIELDS)

#: the schema of docs/architecture.md in LadybugDB's DDL; the column order is the CSV order
NODE_TABLES: dict[str, str] = {
    "Actor": "id STRING PRIMARY KEY, name STRING, type STRING, aliases STRING[], country STRING, "
    "country_id STRING, wikidata STRING, role STRING",
    "Article": _columns(ARTICLE_FIELDS, primary_key="id"),
    "Statement": _columns(STATEMENT_FIELDS, primary_key="id"),
}
REL_TABLES: dict[str, str] = {
    "MENTIONS": "FROM Article TO Actor, count INT64",
    **{family: f"FROM Actor TO Actor, {EDGE_COLUMNS}" for family in FAMILIES},
    "AFFILIATED_WITH": "FROM Actor TO Actor",
    "HAS_SUBJECT": "FROM Statement TO Actor",
    "HAS_OBJECT": "FROM Statement TO Actor",
    "FROM_ARTICLE": "FROM Statement TO Article",
}
#: string properties whose empty value means "unknown": CSV cannot tell '' from null,
#: so the rows never hold '' and the loader turns the empty CSV fields back into null
NULLABLE_TEXT: dict[str, tuple[str, ...]] = {
    "Article": _text_fields(ARTICLE_FIELDS),
    "Statement": _text_fields(STATEMENT_FIELDS),
    **{family: _text_fields(EDGE_FIELDS) for family in FAMILIES},
}

UPSERT_ACTORS = """
UNWIND $rows AS r
MERGE (a:Actor {id: r.id})
SET a.name = r.name, a.type = r.type, a.aliases = r.aliases, a.country = r.country,
    a.country_id = r.country_id, a.wikidata = r.wikidata, a.role = r.role
"""
LINK_AFFILIATIONS = """
UNWIND $rows AS r
MATCH (a:Actor {id: r.actor_id}), (c:Actor {id: r.country_id})
CREATE (a)-[:AFFILIATED_WITH]->(c)
"""


class StoreError(RuntimeError):
    """The embedded store could not be opened or read; the message names the file."""


class QueryError(StoreError):
    """The engine rejected a Cypher query; the message is the engine's own."""


def _import_ladybug():
    try:
        import ladybug
    except ImportError as exc:  # pragma: no cover - a dependency of graphbuild
        raise StoreError(f"the embedded store needs the 'ladybug' package: {exc}") from None
    return ladybug


@contextmanager
def _connect(path: Path, read_only: bool = False) -> Iterator[Any]:
    ladybug = _import_ladybug()
    try:
        database = ladybug.Database(str(path), read_only=read_only)
    except RuntimeError as exc:
        raise StoreError(f"{path}: cannot open the embedded store: {exc}") from None
    connection = ladybug.Connection(database)
    try:
        yield connection
    finally:
        connection.close()
        database.close()


class _Loader:
    """Appends rows to an open store through CSV files in a scratch folder."""

    def __init__(self, connection: Any, scratch: Path):
        self.connection = connection
        self.scratch = scratch

    def copy(self, table: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        return copy_rows(self.connection, table, self.scratch / f"{table}.csv", header, rows)

    def restore_nulls(self) -> None:
        """Empty CSV fields back to null: one pass over each table."""
        for table, names in NULLABLE_TEXT.items():
            pattern = f"(x:{table})" if table in NODE_TABLES else f"()-[x:{table}]->()"
            where = " OR ".join(f"x.`{n}` = ''" for n in names)
            sets = ", ".join(
                f"x.`{n}` = CASE WHEN x.`{n}` = '' THEN NULL ELSE x.`{n}` END" for n in names
            )
            self.connection.execute(f"MATCH {pattern} WHERE {where} SET {sets}")


def _create_schema(connection: Any) -> None:
    for table, columns in NODE_TABLES.items():
        connection.execute(f"CREATE NODE TABLE {table}({columns})")
    for table, columns in REL_TABLES.items():
        connection.execute(f"CREATE REL TABLE {table}({columns})")


def _schema_matches(connection: Any) -> bool:
    """True when the store has exactly the tables and columns this version writes."""
    result = connection.execute("CALL show_tables() RETURN name, type")
    tables = {}
    while result.has_next():
        name, kind = result.get_next()
        tables[name] = kind
    expected = {**{t: "NODE" for t in NODE_TABLES}, **{t: "REL" for t in REL_TABLES}}
    if tables != expected:
        return False
    for table, columns in {**NODE_TABLES, **REL_TABLES}.items():
        result = connection.execute(f"CALL table_info({cypher_string(table)}) RETURN name")
        names = []
        while result.has_next():
            names.append(result.get_next()[0])
        wanted = [
            part.strip().split()[0].strip("`")
            for part in columns.split(",")
            if not part.strip().startswith(("FROM ", "TO "))
        ]
        if table in REL_TABLES:
            wanted = [w for w in wanted if w not in ("FROM", "TO")]
        if names != wanted:
            return False
    return True


def _count(connection: Any, cypher: str) -> int:
    result = connection.execute(cypher)
    return int(result.get_next()[0])


def write_store(kg: KnowledgeGraph, path: Path, previous: Path | None = None) -> None:
    """Write the embedded Cypher store of ``kg`` to ``path`` (a new file).

    With ``previous`` (the last build's store) and ``kg.new_article_ids``, the
    previous store is copied and only the new articles are appended; otherwise,
    or when the previous store does not fit, the store is built from scratch.
    """
    path = Path(path)
    for leftover in (path, path.with_name(path.name + ".wal")):
        if leftover.exists():
            leftover.unlink()
    if previous is not None and kg.new_article_ids and _try_extend(kg, Path(previous), path):
        return
    with (
        tempfile.TemporaryDirectory(prefix=".lbug-", dir=path.parent) as scratch,
        _connect(path) as connection,
    ):
        _create_schema(connection)
        _load(kg, _Loader(connection, Path(scratch)), only_articles=None)
        write_event_tables(connection, kg.directory)  # events regroup whole: stores/events.py
        write_dyad_tables(connection, kg)  # dyads too: stores/dyads.py


def _try_extend(kg: KnowledgeGraph, previous: Path, path: Path) -> bool:
    """Append the new articles to a copy of ``previous``; False (nothing left behind) if it does not fit."""
    if not previous.is_file() or previous.with_name(previous.name + ".wal").exists():
        return False
    old_articles = kg.article_ids() - kg.new_article_ids
    try:
        shutil.copyfile(previous, path)
        with (
            tempfile.TemporaryDirectory(prefix=".lbug-", dir=path.parent) as scratch,
            _connect(path) as connection,
        ):
            drop_dyad_tables(connection)  # written again whole below
            drop_event_tables(connection)
            fits = _schema_matches(connection) and _count(
                connection, "MATCH (a:Article) RETURN count(a)"
            ) == len(old_articles)
            if fits:
                _load(kg, _Loader(connection, Path(scratch)), only_articles=kg.new_article_ids)
                write_event_tables(connection, kg.directory)
                write_dyad_tables(connection, kg)
                return True
    except (StoreError, RuntimeError, OSError) as exc:
        log.warning("%s: rebuilding the embedded store (%s)", path.name, exc)
    for leftover in (path, path.with_name(path.name + ".wal")):
        if leftover.exists():
            leftover.unlink()
    return False


def _load(kg: KnowledgeGraph, loader: _Loader, only_articles: set[str] | None) -> None:
    """Load everything (``only_articles`` None) or just the records of those articles."""

    def wanted(article_id: str | None) -> bool:
        return only_articles is None or article_id in only_articles

    connection = loader.connection
    in_scope = (rel for rel in kg.relations() if wanted(rel.get("article_id")))
    actors = actor_rows(kg, in_scope)
    if actors:
        connection.execute(UPSERT_ACTORS, {"rows": actors})
    # affiliations from every actor in the store: a country may have become known since
    actors = _store_actor_rows(connection)
    connection.execute("MATCH ()-[x:AFFILIATED_WITH]->() DELETE x")
    affiliations = affiliation_rows(actors)
    if affiliations:
        connection.execute(LINK_AFFILIATIONS, {"rows": affiliations})

    all_article_ids = kg.article_ids()
    articles = (article_row(a) for a in kg.articles(with_text=False) if wanted(a["id"]))
    loader.copy(
        "Article",
        ARTICLE_FIELDS,
        (list(row.values()) for row in articles),
    )

    actor_ids = {row["id"] for row in actors}
    mentions = (m for m in kg.mentions() if wanted(m.get("article_id")))
    loader.copy(
        "MENTIONS",
        ("from", "to", "count"),
        (
            (m["article_id"], m["actor_id"], m["count"])
            for m in mention_rows(mentions, actor_ids, all_article_ids)
        ),
    )
    _load_statements(kg, loader, wanted, all_article_ids)
    loader.restore_nulls()


def _store_actor_rows(connection: Any) -> list[dict[str, Any]]:
    result = connection.execute("MATCH (a:Actor) RETURN a.id, a.country_id")
    rows = []
    while result.has_next():
        actor_id, country_id = result.get_next()
        rows.append({"id": actor_id, "country_id": country_id})
    return rows


def _load_statements(kg: KnowledgeGraph, loader: _Loader, wanted, article_ids: set[str]) -> None:
    """Statement nodes for every statement; an edge per factual one; links to actors and article."""
    scratch = loader.scratch
    files = {
        name: open(scratch / f"{name}.csv", "w", encoding="utf-8", newline="")
        for name in ("Statement", "HAS_SUBJECT", "HAS_OBJECT", "FROM_ARTICLE", *FAMILIES)
    }
    try:
        writers = {
            name: csv.writer(handle, quoting=csv.QUOTE_NONNUMERIC) for name, handle in files.items()
        }
        writers["Statement"].writerow(STATEMENT_FIELDS)
        for name in ("HAS_SUBJECT", "HAS_OBJECT", "FROM_ARTICLE"):
            writers[name].writerow(("from", "to"))
        for family in FAMILIES:
            writers[family].writerow(("from", "to", *EDGE_FIELDS))
        counts = dict.fromkeys(files, 0)
        relations = (rel for rel in kg.relations() if wanted(rel.get("article_id")))
        for row in statement_rows(relations):
            writers["Statement"].writerow([_csv_value(row[name]) for name in STATEMENT_FIELDS])
            writers["HAS_SUBJECT"].writerow((row["id"], row["subject_id"]))
            writers["HAS_OBJECT"].writerow((row["id"], row["object_id"]))
            counts["Statement"] += 1
            counts["HAS_SUBJECT"] += 1
            counts["HAS_OBJECT"] += 1
            if row["article_id"] in article_ids:
                writers["FROM_ARTICLE"].writerow((row["id"], row["article_id"]))
                counts["FROM_ARTICLE"] += 1
            if row["factual"]:
                family = row["family"]
                writers[family].writerow(
                    (
                        row["subject_id"],
                        row["object_id"],
                        *(_csv_value(row[n]) for n in EDGE_FIELDS),
                    )
                )
                counts[family] += 1
    finally:
        for handle in files.values():
            handle.close()
    # nodes before the relationships that point at them
    for name in ("Statement", "HAS_SUBJECT", "HAS_OBJECT", "FROM_ARTICLE", *FAMILIES):
        path = scratch / f"{name}.csv"
        if counts[name]:
            copy_file(loader.connection, name, path)
        os.unlink(path)


def run_query(
    path: str | Path, cypher: str, params: dict[str, Any] | None = None
) -> tuple[list[str], list[list[Any]]]:
    """Run one Cypher query on the store at ``path`` (read-only); return column names and rows.

    Values come back as plain JSON-ready Python values (see ``stores.values.plain``).
    Anything but a reading query raises ``QueryError`` before the store is opened.
    """
    check_read_only(cypher, QueryError)
    path = Path(path)
    if path.is_dir():
        from ..builddir import settle

        settle(path)
    if path.is_dir() and (path / "graph.lbug").exists():
        path = path / "graph.lbug"
    if not path.is_file():
        raise StoreError(
            f"{path}: no embedded store here (build one with 'graphbuild build ... --out DIR')"
        )
    with _connect(path, read_only=True) as connection:
        return execute(connection, cypher, params)


def execute(
    connection: Any, cypher: str, params: dict[str, Any] | None = None
) -> tuple[list[str], list[list[Any]]]:
    """Run Cypher on an open connection; column names and rows of plain values.

    Engine errors become ``QueryError``; of several statements, the last one answers.
    No read-only check here: callers that take a reader's query check it first.
    """
    try:
        result = connection.execute(cypher, params or {})
    except RuntimeError as exc:
        raise QueryError(str(exc).strip()) from None
    if isinstance(result, list):
        result = result[-1]
    columns = list(result.get_column_names())
    rows = []
    while result.has_next():
        rows.append([plain(value) for value in result.get_next()])
    return columns, rows
