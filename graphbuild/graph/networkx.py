"""KnowledgeGraph -> networkx graphs, the common ground of analytics and exports.

Relations are streamed once and aggregated per (subject, object, family), so a
build directory with a million statements becomes a graph with one edge per
actor pair and family, each carrying counts, kinds, dates and a *capped* list of
evidence. Sentences beyond the cap are never held in memory.

Only factual statements (``records.is_factual``) become edges: negated,
hypothetical and future statements stay evidence in the stores, never a line
in a picture that a reader would take as fact.
"""

from __future__ import annotations

import heapq
import json
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..records import FAMILIES, is_factual
from .dyads import Dyad

log = logging.getLogger("graphbuild")

#: evidence items kept per aggregated edge (the most recent ones)
EVIDENCE_CAP = 5

#: weight of one statement of each family in the signed graph. MEETS is weakly
#: positive: leaders who meet are usually on speaking terms, but a meeting is
#: no alliance (rivals negotiate too), so it counts a quarter of a SUPPORTS.
#: REQUESTS (appeals, requests, demands) is no stance and has no sign: the signed
#: graph leaves it out.
SIGN = {"SUPPORTS": 1.0, "OPPOSES": -1.0, "MEETS": 0.25}

ACTOR_FIELDS = ("name", "type", "country", "country_id", "wikidata", "role", "aliases")


@dataclass
class EdgeSummary:
    """Every factual statement of one (subject, object, family), aggregated."""

    subject: str
    object: str
    family: str
    count: int = 0
    kinds: Counter = field(default_factory=Counter)
    first_date: str | None = None
    last_date: str | None = None
    undated: int = 0
    confidence_sum: float = 0.0
    plover_types: Counter = field(default_factory=Counter)
    goldstein_sum: float = 0.0
    goldstein_count: int = 0
    subject_sectors: Counter = field(default_factory=Counter)
    object_sectors: Counter = field(default_factory=Counter)
    #: (kind, date or "") -> statements; kept only when asked for (the HTML filters use it)
    histogram: Counter | None = None
    _evidence: list = field(default_factory=list)  # min-heap of (date, confidence, id, item)
    #: events, articles, sources, stance and the statement ids (graph.dyads)
    dyad: Dyad | None = None
    #: article id -> outlet, filled in once the articles are read
    sources: dict[str, str | None] = field(default_factory=dict)

    def add(self, rel: dict[str, Any], cap: int, event_id: str | None = None) -> None:
        if self.dyad is None:
            self.dyad = Dyad(self.subject, self.object, self.family)
        self.dyad.add(rel, event_id)
        self.count += 1
        kind = str(rel.get("kind") or self.family)
        self.kinds[kind] += 1
        date = rel.get("date")
        date = date if isinstance(date, str) and date else None
        if date:
            if self.first_date is None or date < self.first_date:
                self.first_date = date
            if self.last_date is None or date > self.last_date:
                self.last_date = date
        else:
            self.undated += 1
        confidence = rel.get("confidence")
        confidence = float(confidence) if isinstance(confidence, int | float) else 0.0
        self.confidence_sum += confidence
        if isinstance(rel.get("plover_type"), str):
            self.plover_types[rel["plover_type"]] += 1
        score = rel.get("goldstein")
        if isinstance(score, int | float) and not isinstance(score, bool):
            self.goldstein_sum += score
            self.goldstein_count += 1
        for role, sectors in (("subject", self.subject_sectors), ("object", self.object_sectors)):
            sector = rel[role].get("sector")
            if isinstance(sector, str) and sector:
                sectors[sector] += 1
        if self.histogram is not None:
            self.histogram[(kind, date or "")] += 1
        if cap <= 0:
            return
        key = (date or "", confidence, str(rel.get("id", "")))
        if len(self._evidence) < cap or key > self._evidence[0][:3]:
            item = _evidence_item(rel, kind, date)
            entry = (*key, item)
            if len(self._evidence) < cap:
                heapq.heappush(self._evidence, entry)
            else:
                heapq.heapreplace(self._evidence, entry)

    @property
    def evidence(self) -> list[dict[str, Any]]:
        """The kept evidence, most recent first."""
        return [entry[3] for entry in sorted(self._evidence, key=lambda e: e[:3], reverse=True)]

    @property
    def confidence(self) -> float:
        return round(self.confidence_sum / self.count, 4) if self.count else 0.0

    @property
    def goldstein(self) -> float | None:
        """Mean Goldstein score of the statements that have one."""
        if not self.goldstein_count:
            return None
        return round(self.goldstein_sum / self.goldstein_count, 2)

    def attributes(self) -> dict[str, Any]:
        attrs: dict[str, Any] = {
            "family": self.family,
            "count": self.count,
            "kinds": dict(self.kinds.most_common()),
            "plover_types": dict(self.plover_types.most_common()),
            "goldstein": self.goldstein,
            "subject_sectors": dict(self.subject_sectors.most_common()),
            "object_sectors": dict(self.object_sectors.most_common()),
            "first_date": self.first_date,
            "last_date": self.last_date,
            "undated": self.undated,
            "confidence": self.confidence,
            "evidence": self.evidence,
        }
        if self.histogram is not None:
            attrs["histogram"] = sorted([k, d, n] for (k, d), n in self.histogram.items())
        if self.dyad is not None:
            dyad = self.dyad.record(self.sources)
            for name in ("events", "articles", "sources", "stance", "statement_ids"):
                attrs[name] = dyad[name]
        return attrs


def _evidence_item(rel: dict[str, Any], kind: str, date: str | None) -> dict[str, Any]:
    speaker = rel.get("speaker") or None
    context = rel.get("plover_context")
    return {
        "relation_id": rel.get("id"),
        "kind": kind,
        "cameo": rel.get("cameo"),
        "plover_type": rel.get("plover_type"),
        "plover_mode": rel.get("plover_mode"),
        "plover_context": list(context) if isinstance(context, list) else [],
        "goldstein": rel.get("goldstein"),
        "subject_sector": rel["subject"].get("sector"),
        "object_sector": rel["object"].get("sector"),
        "date": date,
        "sentence": str(rel.get("sentence") or ""),
        "article_id": rel.get("article_id"),
        "modality": rel.get("modality"),
        "confidence": rel.get("confidence"),
        "speaker": speaker.get("name") if isinstance(speaker, dict) else None,
        "title": None,
        "url": None,
    }


def _well_formed(rel: Any) -> bool:
    try:
        return (
            isinstance(rel, dict)
            and rel.get("family") in FAMILIES
            and isinstance(rel["subject"]["id"], str)
            and isinstance(rel["object"]["id"], str)
            and isinstance(rel["negated"], bool)
            and isinstance(rel["modality"], str)
        )
    except (KeyError, TypeError):
        return False


def aggregate_relations(
    relations: Iterable[dict[str, Any]],
    evidence_cap: int = EVIDENCE_CAP,
    histogram: bool = False,
    event_of: dict[str, str] | None = None,
) -> tuple[dict[tuple[str, str, str], EdgeSummary], dict[str, dict[str, Any]]]:
    """Aggregate factual statements per (subject id, object id, family): one edge per dyad.

    Returns the edge summaries and the actor references seen in the relations
    (``{id: {id, name, type}}``), so actors missing from actors.jsonl still get a node.
    ``event_of`` (statement id -> event id, from events.jsonl) lets each edge count
    events as well as statements. Malformed records are skipped with one warning.
    """
    event_of = event_of or {}
    edges: dict[tuple[str, str, str], EdgeSummary] = {}
    refs: dict[str, dict[str, Any]] = {}
    skipped = 0
    for rel in relations:
        if not _well_formed(rel):
            skipped += 1
            continue
        if not is_factual(rel):
            continue
        subject, obj, family = rel["subject"], rel["object"], rel["family"]
        for ref in (subject, obj):
            refs.setdefault(ref["id"], ref)
        key = (subject["id"], obj["id"], family)
        summary = edges.get(key)
        if summary is None:
            summary = edges[key] = EdgeSummary(*key, histogram=Counter() if histogram else None)
        summary.add(rel, evidence_cap, event_of.get(str(rel.get("id"))))
    if skipped:
        log.warning("%d malformed relation records skipped", skipped)
    return edges, refs


def _attach_articles(kg, edges: Iterable[EdgeSummary]) -> None:
    """Fill title and url of the kept evidence, and each edge's article -> outlet map."""
    edges = list(edges)
    wanted: dict[str, list[dict[str, Any]]] = {}
    cited: set[str] = set()
    for summary in edges:
        for entry in summary._evidence:
            item = entry[3]
            if item["article_id"]:
                wanted.setdefault(item["article_id"], []).append(item)
        if summary.dyad is not None:
            cited |= summary.dyad.article_ids
    if not wanted and not cited:
        return
    sources: dict[str, str | None] = {}
    for article in kg.articles(with_text=False):
        if article.get("id") in cited:
            sources[article["id"]] = article.get("source") or None
        items = wanted.get(article.get("id"))
        for item in items or ():
            item["title"] = article.get("title")
            item["url"] = article.get("url")
            if not item["date"]:
                item["date"] = article.get("date")
    for summary in edges:
        summary.sources = sources


def actor_attributes(actor: dict[str, Any]) -> dict[str, Any]:
    """The node attributes of an actor record."""
    attrs = {key: actor.get(key) for key in ACTOR_FIELDS}
    attrs["name"] = str(attrs["name"] or actor.get("id"))
    attrs["type"] = attrs["type"] or "Group"
    attrs["aliases"] = list(attrs["aliases"] or [])
    return attrs


def to_multigraph(
    kg,
    evidence_cap: int = EVIDENCE_CAP,
    histogram: bool = False,
    include_isolated: bool = True,
    per_statement: bool = False,
) -> nx.MultiDiGraph:
    """The aggregated multi-relation graph: one edge per (subject, object, family), key = family.

    Node attributes: name, type, country, country_id, wikidata, role, aliases.
    Edge attributes: family, count (= statements), kinds ({kind: n}), plover_types
    ({type: n}), goldstein (mean over the statements that have one), subject_sectors
    and object_sectors ({sector: n}), first_date, last_date, undated, confidence
    (mean), evidence (at most ``evidence_cap`` items with sentence, kind, CAMEO and
    PLOVER codes, Goldstein score, sectors, date, article id/title/url, modality,
    speaker) and the dyad aggregates of ``graph.dyads``: events, articles, sources,
    stance and statement_ids (every statement behind the edge).

    ``per_statement`` draws one edge per factual statement instead (key = statement id).
    """
    if per_statement:
        return _statement_multigraph(kg, include_isolated)
    from .events import load_event_index

    edges, refs = aggregate_relations(
        kg.relations(), evidence_cap, histogram, load_event_index(getattr(kg, "directory", None))
    )
    _attach_articles(kg, edges.values())
    graph = nx.MultiDiGraph(name=str(getattr(kg, "directory", "graphbuild")))
    actors = kg.actors
    linked = {n for key in edges for n in key[:2]}
    for actor_id, actor in actors.items():
        if include_isolated or actor_id in linked:
            graph.add_node(actor_id, **actor_attributes(actor))
    for actor_id in linked - set(actors):
        graph.add_node(actor_id, **actor_attributes(refs[actor_id]))
    for (subject, obj, family), summary in edges.items():
        graph.add_edge(subject, obj, key=family, **summary.attributes())
    return graph


#: relation fields an edge of the per-statement graph carries
STATEMENT_EDGE_FIELDS = (
    "family", "kind", "cameo", "quad_class", "goldstein", "date", "article_id", "sentence",
    "modality", "confidence",
)  # fmt: skip


def _statement_multigraph(kg, include_isolated: bool) -> nx.MultiDiGraph:
    """One edge per factual statement, keyed by the statement id, with its own fields."""
    graph = nx.MultiDiGraph(name=str(getattr(kg, "directory", "graphbuild")))
    actors = kg.actors
    if include_isolated:
        for actor_id, actor in actors.items():
            graph.add_node(actor_id, **actor_attributes(actor))
    for rel in kg.relations():
        if not _well_formed(rel) or not is_factual(rel):
            continue
        for ref in (rel["subject"], rel["object"]):
            if ref["id"] not in graph:
                graph.add_node(ref["id"], **actor_attributes(actors.get(ref["id"], ref)))
        attrs = {name: rel.get(name) for name in STATEMENT_EDGE_FIELDS}
        attrs["count"] = 1
        graph.add_edge(rel["subject"]["id"], rel["object"]["id"], key=str(rel.get("id")), **attrs)
    return graph


def to_signed_graph(multigraph: nx.MultiDiGraph) -> nx.Graph:
    """Collapse to an undirected signed graph: one edge per actor pair.

    Edge attributes: supports, opposes, meets (statement counts, both
    directions) and ``weight`` = supports - opposes + 0.25 * meets (see ``SIGN``).
    Self-loops (an actor and itself) and REQUESTS statements (no stance) are dropped.
    """
    signed = nx.Graph()
    signed.add_nodes_from(multigraph.nodes(data=True))
    for u, v, family, data in multigraph.edges(keys=True, data=True):
        if u == v or family not in SIGN:
            continue
        if not signed.has_edge(u, v):
            signed.add_edge(u, v, supports=0, opposes=0, meets=0, weight=0.0)
        edge = signed[u][v]
        edge[family.lower()] += data["count"]
        edge["weight"] += SIGN[family] * data["count"]
    return signed


def to_weighted_graph(multigraph: nx.MultiDiGraph) -> nx.Graph:
    """Collapse to an undirected graph whose edge ``weight`` counts all statements of a pair."""
    weighted = nx.Graph()
    weighted.add_nodes_from(multigraph.nodes(data=True))
    for u, v, data in multigraph.edges(data=True):
        if u == v:
            continue
        if weighted.has_edge(u, v):
            weighted[u][v]["weight"] += data["count"]
        else:
            weighted.add_edge(u, v, weight=data["count"])
    return weighted


def flat_value(value: Any) -> Any:
    """A value GraphML/GEXF readers (networkx, Gephi) accept: str, int, float or bool.

    None has no representation (callers drop it); a list of strings becomes
    "a; b"; anything nested becomes a JSON string.
    """
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def flat_attributes(attrs: dict[str, Any]) -> dict[str, Any]:
    """``attrs`` with None dropped and every other value made flat (see ``flat_value``)."""
    return {key: flat_value(value) for key, value in attrs.items() if value is not None}


def flatten(graph: nx.Graph) -> nx.Graph:
    """A copy of ``graph`` whose node, edge and graph attributes are all flat."""
    flat = graph.__class__()
    flat.graph.update(flat_attributes(graph.graph))
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **flat_attributes(data))
    if graph.is_multigraph():
        for u, v, key, data in graph.edges(keys=True, data=True):
            flat.add_edge(u, v, key=key, **flat_attributes(data))
    else:
        for u, v, data in graph.edges(data=True):
            flat.add_edge(u, v, **flat_attributes(data))
    return flat
