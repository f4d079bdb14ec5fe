"""What each page of ``graphbuild serve`` shows, as plain data read from the embedded store.

Every function takes a ``GraphStore`` and returns dicts and lists; the web layer
only renders them. Networks, counts and timelines come from the store's edge
index (``serve.index``: numpy over every factual edge, read once), sentences and
articles from the store by key, so a page of an actor with a hundred thousand
statements costs little more than one with ten. The lists a page shows are
capped, and the page says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..analytics.timeline import months_between
from ..records import FAMILIES
from .store import GraphStore

SEARCH_LIMIT = 50
#: neighbours drawn around an actor (first ring) and beyond them (second ring)
FIRST_RING = 30
SECOND_RING = 30
#: links drawn between neighbours (those with the actor itself are always drawn)
MAX_EDGES = 100
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


def dyad(
    store: GraphStore,
    a: str,
    b: str,
    filters: Filters = Filters(),
    offset: int = 0,
    limit: int = DYAD_PAGE,
) -> dict[str, Any]:
    """Every factual statement between ``a`` and ``b`` (both directions), by month and in full.

    Counts, months, articles and outlets come from the edge index; the page of
    statements (``limit`` from ``offset``, in date order, undated last) is read
    from the store by statement id, with the article each was read from.
    """
    from .index import as_date

    index = store.edge_index()
    offset = max(0, offset)
    passing = index.passing(filters.family, filters.kind, filters.date_from, filters.date_to)
    positions = index.pair(a, b, passing)
    totals: dict[tuple[str, str], int] = {}
    months: dict[str, dict[str, int]] = {}
    undated = 0
    for src, fam, date in zip(
        index.src[positions].tolist(),
        index.fam[positions].tolist(),
        index.date[positions].tolist(),
        strict=True,
    ):
        source, family = index.ids[src], FAMILIES[fam]
        totals[(source, family)] = totals.get((source, family), 0) + 1
        day = as_date(date)
        if day:
            months.setdefault(day[:7], dict.fromkeys(FAMILIES, 0))[family] += 1
        else:
            undated += 1
    timeline = []
    if months:
        timeline = [
            {"month": m, **months.get(m, dict.fromkeys(FAMILIES, 0))}
            for m in months_between(min(months), max(months))
        ]
    page = positions[offset : offset + limit].tolist()
    ids = [index.statement_ids[p] for p in page]
    found = {
        row["id"]: row
        for row in store.rows(
            "UNWIND $ids AS i MATCH (s:Statement {id: i}) RETURN s.id AS id, s.family AS family,"
            " s.kind AS kind, s.date AS date, s.sentence AS sentence,"
            " s.article_id AS article_id, s.modality AS modality, s.confidence AS confidence",
            {"ids": ids},
        )
    }
    # events numbered in date order over the whole dyad, so a page says "event 3"
    event_number: dict[int, int] = {}
    for code in index.event[positions].tolist():
        event_number.setdefault(code, len(event_number) + 1)
    statements = []
    for position, statement_id in zip(page, ids, strict=True):
        row = found.get(statement_id)
        if row is not None:
            source, target = (
                index.ids[int(index.src[position])],
                index.ids[int(index.dst[position])],
            )
            event = event_number[int(index.event[position])]
            statements.append({**row, "source": source, "target": target, "event": event})
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
    article_count, outlet_count = index.articles_and_outlets(positions)
    return {
        "totals": [
            {"source": s, "family": f, "statements": n} for (s, f), n in sorted(totals.items())
        ],
        "total": len(positions),
        "timeline": timeline,
        "undated": undated,
        "statements": statements,
        "offset": offset,
        "limit": limit,
        "sources": outlet_count,
        "articles": article_count,
        "events": len(event_number),
    }
