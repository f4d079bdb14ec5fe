"""DYAD relationships in the embedded store, from ``graph.dyads.build_dyads``.

Schema (added to the store of docs/architecture.md):

- ``(:Actor)-[:DYAD {family, statements, events, articles, sources, first_date,
  last_date, stance, goldstein}]->(:Actor)``: one per (subject, object, family) of
  factual statements, the same aggregates as every export edge

Dyads count events, articles and sources over the whole build, so like the Event
tables (stores/events.py) the DYAD table is dropped and written again whole on
every build, after the Event tables.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from ..graph.dyads import DYAD_FIELDS, build_dyads, dyad_row
from .csv_copy import copy_rows

DYAD_REL_TABLES: dict[str, str] = {
    "DYAD": "FROM Actor TO Actor, family STRING, statements INT64, events INT64, "
    "articles INT64, sources INT64, first_date STRING, last_date STRING, stance DOUBLE, "
    "goldstein DOUBLE",
}
NULLABLE_TEXT = ("first_date", "last_date")


def drop_dyad_tables(connection: Any) -> None:
    """Remove the DYAD table if the store has it."""
    result = connection.execute("CALL show_tables() RETURN name")
    present = {row[0] for row in result.get_all()}
    for table in DYAD_REL_TABLES:
        if table in present:
            connection.execute(f"DROP TABLE {table}")


def _csv_cell(value: Any) -> Any:
    """CSV has no null: an empty text field, turned back into null after COPY."""
    return "" if value is None else value


def write_dyad_tables(connection: Any, kg: Any) -> int:
    """(Re)write the DYAD relationships of ``kg``; how many. The actors are in the store."""
    drop_dyad_tables(connection)
    for table, columns in DYAD_REL_TABLES.items():
        connection.execute(f"CREATE REL TABLE {table}({columns})")
    dyads = build_dyads(kg)
    with tempfile.TemporaryDirectory(prefix=".dyads-", dir=Path(kg.directory)) as scratch:
        copy_rows(
            connection,
            "DYAD",
            Path(scratch) / "DYAD.csv",
            ("from", "to", *DYAD_FIELDS),
            (
                [d["subject"], d["object"], *(_csv_cell(v) for v in dyad_row(d).values())]
                for d in dyads
            ),
        )
    if dyads:  # CSV has no null: the empty text fields become null again
        where = " OR ".join(f"d.{n} = ''" for n in NULLABLE_TEXT)
        sets = ", ".join(
            f"d.{n} = CASE WHEN d.{n} = '' THEN NULL ELSE d.{n} END" for n in NULLABLE_TEXT
        )
        connection.execute(f"MATCH ()-[d:DYAD]->() WHERE {where} SET {sets}")
    return len(dyads)
