"""Bulk import of a build directory with ``neo4j-admin database import full``.

For first loads and backfills: Neo4j's offline importer writes the store files
directly, an order of magnitude faster than transactions over Bolt, but only into
a stopped database that it creates (or replaces). ``neo4j load`` stays the way to
add to a running database.

The CSV files hold exactly the rows of ``stores.rows`` (the rows ``neo4j load`` and
the embedded store write): columns come from its field lists and relationship
types from the statements' families, and each column's type is read from the
values written, so a field or family added there flows into the import unchanged.

Files (in ``DIR/neo4j-import/`` unless told otherwise), a header file and a data
file each: ``Actor``, ``Article`` and ``Statement`` nodes (actors also get their
type as a second label), ``MENTIONS``,
``AFFILIATED_WITH``, ``HAS_SUBJECT``, ``HAS_OBJECT``, ``FROM_ARTICLE``, one file
of actor-to-actor relationships whose ``:TYPE`` column is the family, and the events of
``DIR/events.jsonl`` as ``neo4j load`` writes them: ``Event`` nodes (columns from
``stores.events.event_row``), ``EVENT_SUBJECT`` and ``EVENT_OBJECT`` to their actors and
``REPORTS`` from each of their statements, and ``DYAD`` relationships between actors
(columns from ``graph.dyads.dyad_row``, as ``neo4j load`` writes them).

Nodes are numbered in one sequence as they are written, and the numbers are the
importer's ids with ``--id-type=actual``: they become the store's node ids, so
neo4j-admin builds, sorts and searches no map from string ids to nodes; the
graph's own ``id`` is a plain string property.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..graph.dyads import DYAD_FIELDS, build_dyads, dyad_row
from ..graph.events import EVENTS
from ..graph.knowledge_graph import KnowledgeGraph, iter_jsonl
from . import rows  # read at call time: fields added there flow into the import
from .events import EVENT_FIELDS, event_row

FOLDER_NAME = "neo4j-import"
#: between the items of a list value (aliases) and of the labels; a control character
#: that no name holds (any that a value does hold is replaced by a space)
ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_OPTION = "U+001F"


#: the JVM of graphbuild's own neo4j-admin runs (``server=``): the quick JIT compiler
#: only (an import lasts seconds to minutes, and on few cores the optimising compiler's
#: threads take the CPU the importer's threads need) and the throughput collector (the
#: importer's garbage is short-lived; G1's concurrent work costs more); docs/neo4j.md has
#: the measurements
IMPORT_JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC")
#: the processors the importer's JVM is told it has, at least: neo4j-admin sizes its worker
#: threads from them, and on fewer cores its pipeline steps wait on each other's queues
#: with a core idle (measured on 2 cores: docs/neo4j.md)
IMPORT_MIN_PROCESSORS = 4


def import_jvm_options(cores: int | None = None) -> tuple[str, ...]:
    """The JVM options of graphbuild's own neo4j-admin runs on a machine of ``cores``."""
    cores = cores or os.cpu_count() or 1
    if cores >= IMPORT_MIN_PROCESSORS:
        return IMPORT_JVM_OPTIONS
    return (*IMPORT_JVM_OPTIONS, f"-XX:ActiveProcessorCount={IMPORT_MIN_PROCESSORS}")


class Neo4jImportError(RuntimeError):
    """The import could not run or failed; the message says why (neo4j-admin's own words)."""


# --- CSV -----------------------------------------------------------------------------


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _cell(value: Any) -> str:
    """One CSV field: null unquoted and empty (no property), strings always quoted."""
    if value.__class__ is str:  # most cells: first, and without isinstance
        return '"' + value.replace('"', '""') + '"'
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return _quote(ARRAY_DELIMITER.join(str(v).replace(ARRAY_DELIMITER, " ") for v in value))
    return _quote(str(value))


#: ``rows.FIELD_TYPES`` names -> the importer's types
DECLARED_TYPES = {
    "bool": "boolean",
    "float": "double",
    "int": "long",
    "list": "string[]",
    "str": "string",
}


def _type_name(seen: set[type]) -> str:
    """The importer's type for a column from the Python types of its values."""
    if not seen:
        return "string"
    if seen == {bool}:
        return "boolean"
    if seen == {int}:
        return "long"
    if seen <= {int, float}:
        return "double"
    if seen <= {list, tuple}:
        return "string[]"
    return "string"


class Table:
    """One data file and its header file; column types are settled when it closes."""

    def __init__(self, folder: Path, name: str, head: list[str], columns: Iterable[str]):
        self.name = name
        self.head = head  # the :ID / :START_ID / :END_ID / :TYPE / :LABEL columns, in order
        self.columns = list(columns)  # property columns, after the head
        #: the Python types of each row's values, once per distinct combination (few)
        self.shapes: set[tuple[type, ...]] = set()
        self.header_path = folder / f"{name}.header.csv"
        self.data_path = folder / f"{name}.csv"
        self.handle = open(self.data_path, "w", encoding="utf-8", newline="", buffering=1 << 20)
        self.rows = 0
        self.multiline = False
        self.longest = 0  # characters of the longest line, for the importer's read buffer

    def write(self, head: list[Any], props: dict[str, Any]) -> None:
        values = list(map(props.get, self.columns))
        self.shapes.add(tuple(map(type, values)))
        line = ",".join(map(_cell, head + values))
        if not self.multiline and ("\n" in line or "\r" in line):
            self.multiline = True
        if len(line) > self.longest:
            self.longest = len(line)
        self.handle.write(line + "\n")
        self.rows += 1

    def write_link(self, start: int, end: int) -> None:
        """One relationship without properties between two node numbers."""
        self.handle.write(f"{start},{end}\n")
        self.rows += 1

    def column_type(self, column: str) -> str:
        """The type ``stores.rows`` declares for the field, else the one its values show."""
        declared = getattr(rows, "FIELD_TYPES", {}).get(column)
        if declared in DECLARED_TYPES:
            return DECLARED_TYPES[declared]
        index = self.columns.index(column)
        return _type_name({shape[index] for shape in self.shapes} - {type(None)})

    def close(self) -> None:
        self.handle.close()
        names = [*self.head, *(f"{c}:{self.column_type(c)}" for c in self.columns)]
        self.header_path.write_text(",".join(names) + "\n", encoding="utf-8")

    @property
    def files(self) -> str:
        return f"{self.header_path},{self.data_path}"


#: the importer reads its input in buffers of this size (its default is 4 MiB): large
#: enough for any line, and small enough that the sample it parses on one thread before
#: the import (to estimate sizes) stays short
READ_BUFFER_MIN = 1 << 20


@dataclass
class ImportFiles:
    """The CSV files of one build directory and what they hold."""

    folder: Path
    nodes: list[tuple[str, Table]] = field(default_factory=list)  # (default label, table)
    relationships: list[tuple[str | None, Table]] = field(default_factory=list)  # (type, table)

    @property
    def node_count(self) -> int:
        return sum(t.rows for _, t in self.nodes)

    @property
    def relationship_count(self) -> int:
        return sum(t.rows for _, t in self.relationships)

    @property
    def read_buffer_size(self) -> int:
        """Bytes: at least twice the longest line (UTF-8, up to 4 bytes a character)."""
        longest = max((t.longest for _, t in self.nodes + self.relationships), default=0)
        size = READ_BUFFER_MIN
        while size < 8 * longest:
            size *= 2
        return size

    def arguments(self, database: str = "neo4j", overwrite: bool = False) -> list[str]:
        """The arguments of ``neo4j-admin`` that import these files into ``database``."""
        # the database first: the --nodes/--relationships options take every value after them
        args = [
            "database",
            "import",
            "full",
            database,
            f"--array-delimiter={ARRAY_DELIMITER_OPTION}",
        ]
        # node numbers are the store's own node ids: no id map to build and look up
        args += ["--id-type=actual", "--normalize-types=false"]
        args.append(f"--read-buffer-size={self.read_buffer_size}")
        args.append(f"--report-file={self.folder / 'import.report'}")  # not the working folder
        for label, table in self.nodes:  # in the order of their numbers, as "actual" requires
            args.append(f"--nodes={label}={table.files}")
        for rel_type, table in self.relationships:
            args.append(f"--relationships={rel_type + '=' if rel_type else ''}{table.files}")
        multiline = [t.data_path for _, t in self.nodes + self.relationships if t.multiline]
        if multiline:
            args += ["--multiline-fields-format=v2", f"--multiline-fields={','.join(map(str, multiline))}"]  # fmt: skip
        if overwrite:
            args.append("--overwrite-destination=true")
        return args


class NodeNumbers:
    """Node id -> node number, one sequence over every label (what ``--id-type=actual``
    reads: numbers rising through the node files in the order they are given)."""

    def __init__(self) -> None:
        self.next = 0
        self.by_label: dict[str, dict[str, int]] = {}

    def add(self, label: str, node_id: str) -> int:
        self.by_label.setdefault(label, {})[node_id] = number = self.next
        self.next += 1
        return number

    def of(self, label: str) -> dict[str, int]:
        return self.by_label.setdefault(label, {})


def write_import_files(kg: KnowledgeGraph, folder: Path) -> ImportFiles:
    """Write the header and data files of every node and relationship of ``kg``.

    Nodes are numbered in the order they are written (``NodeNumbers``); the ``id``
    property is a column of its own, a string as ``neo4j load`` writes it.
    """
    folder.mkdir(parents=True, exist_ok=True)
    files = ImportFiles(folder)
    numbers = NodeNumbers()

    def node_table(name: str, fields: Iterable[str], extra_head=()) -> Table:
        table = Table(folder, name, [":ID", *extra_head], fields)
        files.nodes.append((name, table))
        return table

    def rel_table(name: str, props: Iterable[str] = (), typed=False) -> Table:
        head = [":START_ID", ":END_ID", *([":TYPE"] if typed else [])]
        table = Table(folder, name, head, props)
        files.relationships.append((None if typed else name, table))
        return table

    actors = rows.actor_rows(kg, kg.relations())
    table = node_table("Actor", rows.ACTOR_FIELDS, [":LABEL"])
    for actor in actors:
        table.write([numbers.add("Actor", actor["id"]), ["Actor", actor["type"]]], actor)
    actor_number = numbers.of("Actor")
    affiliated = rel_table("AFFILIATED_WITH")
    for row in rows.affiliation_rows(actors):
        affiliated.write_link(actor_number[row["actor_id"]], actor_number[row["country_id"]])
    del actors

    articles = node_table("Article", rows.ARTICLE_FIELDS)
    article_number = numbers.of("Article")
    for record in kg.articles(with_text=False):
        row = rows.article_row(record)
        if row["id"] in article_number:
            continue
        articles.write([numbers.add("Article", row["id"])], row)
    mention_list = rows.mention_rows(kg.mentions(), actor_number.keys(), article_number.keys())
    ends = ("article_id", "actor_id")
    counted = [k for k in (mention_list[0] if mention_list else {}) if k not in ends]
    mentions = rel_table("MENTIONS", counted)
    for row in mention_list:
        mentions.write([article_number[row["article_id"]], actor_number[row["actor_id"]]], row)
    del mention_list

    statements = node_table("Statement", rows.STATEMENT_FIELDS)
    subjects = rel_table("HAS_SUBJECT")
    objects = rel_table("HAS_OBJECT")
    sources = rel_table("FROM_ARTICLE")
    # one file for every family: its :TYPE column is the statement's family
    edges = rel_table("facts", rows.EDGE_FIELDS, typed=True)
    for row in rows.statement_rows(kg.relations()):
        number = numbers.add("Statement", row["id"])
        subject = actor_number[str(row["subject_id"])]
        obj = actor_number[str(row["object_id"])]
        statements.write([number], row)
        subjects.write_link(number, subject)
        objects.write_link(number, obj)
        if row["article_id"] in article_number:
            sources.write_link(number, article_number[row["article_id"]])
        if row["factual"]:
            edges.write([subject, obj, row["family"]], row)
    _write_events(kg, node_table, rel_table, numbers)
    dyads = rel_table("DYAD", DYAD_FIELDS)
    for dyad in build_dyads(kg):
        subject, obj = actor_number.get(dyad["subject"]), actor_number.get(dyad["object"])
        if subject is not None and obj is not None:
            dyads.write([subject, obj], dyad_row(dyad))
    for _, table in files.nodes + files.relationships:
        table.close()
    return files


def _write_events(kg, node_table, rel_table, numbers: NodeNumbers) -> None:
    """The Event nodes and links of ``DIR/events.jsonl``, as ``neo4j load`` writes them.

    Links go only to actors and statements in the import (the load MATCHes them, so it
    skips the others too); an id the file repeats is written once, its last line winning
    as the load's MERGE would have it.
    """
    events = {str(e["id"]): e for e in iter_jsonl(kg.directory / EVENTS)}
    nodes = node_table("Event", EVENT_FIELDS)
    actor_number, statement_number = numbers.of("Actor"), numbers.of("Statement")
    ends = {end: rel_table(name) for end, name in (("subject", "EVENT_SUBJECT"), ("object", "EVENT_OBJECT"))}  # fmt: skip
    reports = rel_table("REPORTS")
    for event_id, event in events.items():
        number = numbers.add("Event", event_id)
        nodes.write([number], event_row(event))
        for end, table in ends.items():
            actor = actor_number.get(str(event[end]["id"]))
            if actor is not None:
                table.write_link(number, actor)
        for statement_id in dict.fromkeys(str(s) for s in event.get("statements") or ()):
            if statement_id in statement_number:
                reports.write_link(statement_number[statement_id], number)


# --- running neo4j-admin ----------------------------------------------------------------


@dataclass
class ImportReport:
    nodes: int
    relationships: int
    csv_seconds: float
    import_seconds: float  # the neo4j-admin command, JVM start included
    output: str

    @property
    def admin_seconds(self) -> float | None:
        """The import's own time as neo4j-admin reports it ("IMPORT DONE in 1m 2s 345ms")."""
        done = _DONE.search(self.output)
        if not done:
            return None
        units = {"h": 3600, "m": 60, "s": 1, "ms": 0.001}
        return sum(int(n) * units[u] for n, u in re.findall(r"(\d+)(ms|h|m|s)\b", done.group(1)))


_DONE = re.compile(r"IMPORT DONE in ((?:\d+(?:ms|h|m|s)\s*)+)")


def admin_error(output: str) -> str:
    """neo4j-admin's message without the Java stack trace under it."""
    lines = [
        line for line in output.strip().splitlines() if not line.startswith(("\tat ", "\t..."))
    ]
    return "\n".join(lines[-12:])


def run_admin(command: list[str], env: dict[str, str] | None = None) -> str:
    """Run a neo4j-admin import command; its output, or ``Neo4jImportError`` with its last lines."""
    try:
        done = subprocess.run(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
    except OSError as exc:
        raise Neo4jImportError(f"cannot run {command[0]}: {exc.strerror}") from None
    if done.returncode != 0:
        tail = admin_error(done.stdout)
        raise Neo4jImportError(f"neo4j-admin import failed (exit {done.returncode}):\n{tail}")
    return done.stdout


def import_build(
    directory: Path,
    *,
    admin: str | list[str] | None = None,
    server=None,
    database: str = "neo4j",
    overwrite: bool = False,
    folder: Path | None = None,
) -> ImportReport:
    """Write the CSV files of ``directory`` and import them with neo4j-admin.

    ``server`` is a stopped ``neo4j_local.LocalServer`` (its own admin tool is used);
    else ``admin`` is the neo4j-admin command (a path, or e.g. ``docker exec NAME
    neo4j-admin``) of the stopped server to import into.
    """
    started = time.perf_counter()
    files = write_import_files(KnowledgeGraph.load(directory), folder or directory / FOLDER_NAME)
    csv_seconds = time.perf_counter() - started
    started = time.perf_counter()
    arguments = files.arguments(database, overwrite)
    if server is not None:
        from .neo4j_local import ServerError

        try:
            output = server.admin(*arguments, jvm_options=import_jvm_options())
        except ServerError as exc:
            raise Neo4jImportError(str(exc)) from None
    else:
        command = shlex.split(admin) if isinstance(admin, str) else list(admin or ["neo4j-admin"])
        output = run_admin(command + arguments)
    import_seconds = time.perf_counter() - started
    return ImportReport(
        files.node_count, files.relationship_count, csv_seconds, import_seconds, output
    )


def create_schema(driver, settings) -> None:
    """graphbuild's constraints and indexes, which an offline import does not make."""
    from .neo4j import EVENT_SCHEMA, SCHEMA

    for statement in [*SCHEMA, *EVENT_SCHEMA, "CALL db.awaitIndexes(300)"]:
        driver.execute_query(statement, database_=settings.database)
