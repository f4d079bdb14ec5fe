"""One read-only connection to a build directory's ``graph.lbug``, kept open between pages.

Opening a LadybugDB database costs more than most of the queries the pages run,
so the app keeps one open. When a new build replaces the file (a rename: the
inode changes), the next query opens the new one, so a running server always
shows the latest committed build.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from ..stores.embedded import QueryError, StoreError, _import_ladybug, execute

STORE_FILE = "graph.lbug"


class GraphStore:
    """Runs the app's own Cypher on a build directory's store, one query at a time."""

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)
        self._lock = threading.Lock()
        self._database: Any = None
        self._connection: Any = None
        self._identity: tuple[int, int, int] | None = None
        self._index: Any = None

    @property
    def path(self) -> Path:
        return self.directory / STORE_FILE

    def _current_identity(self) -> tuple[int, int, int]:
        from ..builddir import settle

        settle(self.directory)
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            raise StoreError(
                f"{self.path}: no embedded store here "
                "(build one with 'graphbuild build ... --out DIR')"
            ) from None
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def _open(self) -> Any:
        identity = self._current_identity()
        if self._connection is not None and identity == self._identity:
            return self._connection
        self.close_unlocked()
        ladybug = _import_ladybug()
        try:
            self._database = ladybug.Database(str(self.path), read_only=True)
        except RuntimeError as exc:
            raise StoreError(f"{self.path}: cannot open the embedded store: {exc}") from None
        self._connection = ladybug.Connection(self._database)
        self._identity = identity
        return self._connection

    def rows(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """The result as a list of ``{column: plain value}``."""
        with self._lock:
            columns, rows = execute(self._open(), cypher, params)
        return [dict(zip(columns, row, strict=True)) for row in rows]

    def user_query(
        self, cypher: str, params: dict[str, Any] | None = None
    ) -> tuple[list[str], list[list[Any]]]:
        """A reader's own Cypher (Cypher box, question library) on the open connection.

        The same read-only guard as ``graphbuild query`` first (``stores.readonly``), so
        COPY, LOAD, ATTACH, writes and procedures other than the catalogue are refused
        before the engine sees them; the store is open read-only besides.
        """
        from ..stores.readonly import check_read_only

        check_read_only(cypher, QueryError)
        with self._lock:
            return execute(self._open(), cypher, params)

    def edge_index(self) -> Any:
        """The ``EdgeIndex`` of the current store, read on first use and after a new build."""
        from ..records import FAMILIES
        from .index import EdgeIndex

        with self._lock:
            connection = self._open()
            if self._index is None:
                try:
                    # a store written by an older graphbuild may lack a newer family's table
                    result = connection.execute("CALL show_tables() RETURN name")
                    tables = {row[0] for row in result.get_all()}
                    families = "|".join(f for f in FAMILIES if f in tables)
                    edges = connection.execute(
                        f"MATCH (x:Actor)-[r:{families}]->(y:Actor)"
                        " RETURN x.id, y.id, r.family, r.kind, r.date, r.id, r.article_id"
                    ).get_all()
                    articles = connection.execute(
                        "MATCH (t:Article) RETURN t.id, t.source"
                    ).get_all()
                    actors = (
                        connection.execute(
                            "MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.type AS type,"
                            " a.country AS country"
                        )
                        .rows_as_dict()
                        .get_all()
                    )
                except RuntimeError as exc:
                    raise QueryError(str(exc).strip()) from None
                from ..graph.events import load_event_index

                self._index = EdgeIndex(edges, actors, articles, load_event_index(self.directory))
            return self._index

    def close_unlocked(self) -> None:
        if self._connection is not None:
            self._connection.close()
        if self._database is not None:
            self._database.close()
        self._connection = self._database = self._identity = self._index = None

    def close(self) -> None:
        with self._lock:
            self.close_unlocked()
