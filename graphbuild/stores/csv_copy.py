"""Bulk loading of LadybugDB tables through CSV files and COPY.

Row-by-row UNWIND with a MATCH per row takes minutes at the sizes of a real build;
COPY from a CSV file takes seconds. The store's own tables and the Event tables
(``stores/events.py``) load the same way, with the same CSV dialect.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

#: how COPY reads the files this module writes
CSV_OPTIONS = "(HEADER=true, ESCAPE='\"', PARALLEL=false)"


def cypher_string(text: str) -> str:
    """A Cypher string literal (for COPY's file name, which cannot be a parameter)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Strings quoted, numbers and null bare; returns the number of rows."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_NONNUMERIC)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def copy_file(connection: Any, table: str, path: Path) -> None:
    """COPY one CSV file written by ``write_csv`` into ``table``."""
    connection.execute(f"COPY {table} FROM {cypher_string(str(path))} {CSV_OPTIONS}")


def copy_rows(
    connection: Any, table: str, path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Write ``rows`` to the scratch file ``path``, COPY them into ``table``, remove the
    file; returns the number of rows (an empty file is not copied: COPY refuses it)."""
    count = write_csv(path, header, rows)
    if count:
        copy_file(connection, table, path)
    path.unlink()
    return count
