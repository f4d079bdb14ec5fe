"""What each page of ``graphbuild serve`` shows, as plain data read from the embedded store.

Every function takes a ``GraphStore`` and returns dicts and lists; the web layer
only renders them. Queries aggregate in the engine (counts per neighbour and
family, per month) so a page costs the same whether an actor has ten statements
or a hundred thousand; the lists a page shows are capped, and the page says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import FAMILIES
from .store import GraphStore

RELS = "|".join(FAMILIES)
SEARCH_LIMIT = 50
#: neighbours drawn around an actor (first ring) and beyond them (second ring)
FIRST_RING = 40
SECOND_RING = 40
#: links drawn between neighbours (those with the actor itself are always drawn)
MAX_EDGES = 160
#: statements listed on one dyad page; the rest are a "next" link away
DYAD_PAGE = 200


@dataclass(frozen=True)
class Filters:
    """What the ego and dyad pages can be narrowed to; empty means everything."""

    family: str = ""
    kind: str = ""
    date_from: str = ""
    date_to: str = ""

    @classmethod
    def parse(cls, query: dict[str, str]) -> Filters:
        family = query.get("family", "").strip().upper()
        return cls(
            family=family if family in FAMILIES else "",
            kind=query.get("kind", "").strip().upper(),
            date_from=query.get("from", "").strip()[:10],
            date_to=query.get("to", "").strip()[:10],
        )

    def where(self, rel: str = "r") -> str:
        """The Cypher condition of the filters that are set ("true" when none is)."""
        parts = []
        if self.family:
            parts.append(f"{rel}.family = $family")
        if self.kind:
            parts.append(f"{rel}.kind = $kind")
        if self.date_from:
            parts.append(f"{rel}.date >= $from")
        if self.date_to:
            parts.append(f"{rel}.date <= $to")
        return " AND ".join(parts) or "true"

    def params(self) -> dict[str, str]:
        """The parameters ``where`` uses, and only those (the engines refuse unused ones)."""
        params = {"family": self.family, "kind": self.kind, "from": self.date_from}
        params = {k: v for k, v in params.items() if v}
        if self.date_to:
            # "2023-03" as the end means all of March: "~" sorts after every digit and "-"
            params["to"] = self.date_to + "~"
        return params

    def query_string(self) -> dict[str, str]:
        items = {
            "family": self.family,
            "kind": self.kind,
            "from": self.date_from,
            "to": self.date_to,
        }
        return {k: v for k, v in items.items() if v}


def summary(store: GraphStore) -> dict[str, Any]:
    """Totals for the front page."""
    counts = {}
    for label in ("Actor", "Article", "Statement"):
        counts[label] = store.rows(f"MATCH (x:{label}) RETURN count(x) AS n")[0]["n"]
    dates = store.rows(
        "MATCH (t:Article) WHERE t.date IS NOT NULL RETURN min(t.date) AS first, max(t.date) AS last"
    )
    return {"counts": counts, **(dates[0] if dates else {"first": None, "last": None})}


def search_actors(store: GraphStore, text: str, limit: int = SEARCH_LIMIT) -> list[dict[str, Any]]:
    """Actors whose id is ``text`` or whose name or an alias contains it, best-known first."""
    text = text.strip()
    if not text:
        return []
    found = store.rows(
        # the parameter goes through WITH: LadybugDB cannot read one inside any(... WHERE ...)
        "WITH $key AS key MATCH (a:Actor) WHERE a.id = $raw OR toLower(a.name) CONTAINS key"
        " OR any(n IN a.aliases WHERE toLower(n) CONTAINS key)"
        " RETURN a.id AS id, a.name AS name, a.type AS type, a.country AS country,"
        " a.role AS role, a.aliases AS aliases",
        {"raw": text, "key": text.casefold()},
    )
    if not found:
        return []
    index = store.edge_index()
    key = text.casefold()
    for row in found:
        row["statements"] = index.statements_of(row["id"])
    found.sort(
        key=lambda r: (
            not (r["id"] == text or str(r["name"]).casefold() == key),
            -r["statements"],
            str(r["name"]),
            r["id"],
        )
    )
    return found[:limit]


def actor(store: GraphStore, actor_id: str) -> dict[str, Any] | None:
    rows = store.rows(
        "MATCH (a:Actor {id: $id}) RETURN a.id AS id, a.name AS name, a.type AS type,"
        " a.country AS country, a.country_id AS country_id, a.role AS role,"
        " a.aliases AS aliases, a.wikidata AS wikidata",
        {"id": actor_id},
    )
    return rows[0] if rows else None


def ego_network(
    store: GraphStore,
    actor_id: str,
    hops: int = 1,
    filters: Filters = Filters(),
    first_ring: int = FIRST_RING,
    second_ring: int = SECOND_RING,
    max_edges: int = MAX_EDGES,
) -> dict[str, Any]:
    """An actor, its neighbours (and theirs, with ``hops=2``) and one edge per dyad and family.

    The rings are cut to the neighbours with the most statements, and the links
    not touching the actor to the ``max_edges`` busiest; ``hidden_*`` count what
    is left out, so the page can say what it does not draw. Answered from the
    store's edge index (``serve.index``).
    """
    index = store.edge_index()
    if actor_id not in index.number:
        return {"nodes": [], "edges": [], "pairs": [], "kinds": [], "hidden_first": 0,
                "hidden_second": 0, "hidden_edges": 0}  # fmt: skip
    passing = index.passing(filters.family, filters.kind, filters.date_from, filters.date_to)
    ego = index.ego(actor_id, hops, passing, first_ring, second_ring, max_edges)
    ego["edges"].sort(key=lambda e: (-e["statements"], e["source"], e["target"], e["family"]))
    ego["pairs"] = [e for e in ego["edges"] if actor_id in (e["source"], e["target"])]
    ego["kinds"] = index.kinds_of(actor_id)
    return ego


def months_between(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last`` inclusive (so empty months show as gaps)."""
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    out = []
    while (year, month) <= end:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def dyad(
    store: GraphStore,
    a: str,
    b: str,
    filters: Filters = Filters(),
    offset: int = 0,
    limit: int = DYAD_PAGE,
) -> dict[str, Any]:
    """Every factual statement between ``a`` and ``b`` (both directions), by month and in full.

    Statements come in date order (undated last) with their sentence and the
    article they were read from; ``limit`` of them per page, from ``offset``.
    Each direction is its own query anchored on both actors' keys, so the
    engine reads only the pair's relationships.
    """
    offset = max(0, offset)
    directions = [(a, b)] if a == b else [(a, b), (b, a)]
    where = filters.where()
    match = f"MATCH (x:Actor {{id: $s}})-[r:{RELS}]->(y:Actor {{id: $o}}) WHERE {where}"
    totals: dict[tuple[str, str], int] = {}
    months: dict[str, dict[str, int]] = {}
    undated = 0
    statements: list[dict[str, Any]] = []
    article_ids: set[str] = set()
    for s, o in directions:
        params = {"s": s, "o": o, **filters.params()}
        for row in store.rows(
            f"{match} RETURN r.family AS family, left(r.date, 7) AS month, count(r) AS n", params
        ):
            totals[(s, row["family"])] = totals.get((s, row["family"]), 0) + row["n"]
            if row["month"]:
                bucket = months.setdefault(row["month"], dict.fromkeys(FAMILIES, 0))
                bucket[row["family"]] += row["n"]
            else:
                undated += row["n"]
        article_ids.update(
            row["id"]
            for row in store.rows(f"{match} RETURN DISTINCT r.article_id AS id", params)
            if row["id"]
        )
        statements += store.rows(
            f"{match} RETURN r.id AS id, x.id AS source, y.id AS target, r.family AS family,"
            " r.kind AS kind, r.date AS date, r.sentence AS sentence, r.article_id AS article_id,"
            " r.modality AS modality, r.confidence AS confidence"
            " ORDER BY r.date IS NULL, r.date, r.id LIMIT $upto",
            {**params, "upto": offset + limit},
        )
    statements.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["id"]))
    statements = statements[offset : offset + limit]
    timeline = []
    if months:
        timeline = [
            {"month": m, **months.get(m, dict.fromkeys(FAMILIES, 0))}
            for m in months_between(min(months), max(months))
        ]
    shown = sorted({s["article_id"] for s in statements if s["article_id"]})
    articles = {
        row["id"]: row
        for row in store.rows(
            "UNWIND $ids AS i MATCH (t:Article {id: i}) RETURN t.id AS id, t.title AS title,"
            " t.url AS url, t.source AS source, t.date AS date",
            {"ids": shown},
        )
    }
    for statement in statements:
        statement["article"] = articles.get(statement["article_id"])
    sources = store.rows(
        "UNWIND $ids AS i MATCH (t:Article {id: i}) RETURN count(DISTINCT t.source) AS n",
        {"ids": sorted(article_ids)},
    )
    return {
        "totals": [
            {"source": s, "family": f, "statements": n} for (s, f), n in sorted(totals.items())
        ],
        "total": sum(totals.values()),
        "timeline": timeline,
        "undated": undated,
        "statements": statements,
        "offset": offset,
        "limit": limit,
        "sources": sources[0]["n"] if sources else 0,
        "articles": len(article_ids),
    }
