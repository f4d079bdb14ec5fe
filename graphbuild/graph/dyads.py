"""Dyad aggregates: what one actor did towards another, per family, summed over every report.

Four hundred articles reporting one meeting are four hundred statements but one
event from perhaps a dozen sources; a picture or an analyst needs all three
numbers. For every ordered pair of actors and family (``subject -> object``,
SUPPORTS/OPPOSES/MEETS/...) a ``Dyad`` counts factual statements, distinct
events (when events are known, see ``graph.events``; else each statement is its
own event), articles and sources (outlets), the first and last date, and a
signed stance score.

The stance score is the mean over the dyad's statements of each statement's
score in [-1, 1]: its Goldstein score / 10 where the relation record has one
(``goldstein``, -10 conflict .. +10 cooperation), else the family's sign
(``networkx.SIGN``: SUPPORTS +1, OPPOSES -1, MEETS +0.25; families without a
sign count 0). ``goldstein`` is the mean of the Goldstein scores present alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..records import FAMILIES, is_factual

#: sign of one statement of each family when it carries no Goldstein score; the same
#: weights as the signed graph (graph.networkx.SIGN), kept here so the two cannot drift
FAMILY_SIGN = {"SUPPORTS": 1.0, "OPPOSES": -1.0, "MEETS": 0.25}
GOLDSTEIN_RANGE = 10.0


def statement_score(rel: Mapping[str, Any]) -> float:
    """One statement's stance in [-1, 1]: Goldstein / 10 when known, else the family's sign."""
    goldstein = rel.get("goldstein")
    if isinstance(goldstein, int | float) and not isinstance(goldstein, bool):
        return max(-1.0, min(1.0, float(goldstein) / GOLDSTEIN_RANGE))
    return FAMILY_SIGN.get(str(rel.get("family")), 0.0)


@dataclass
class Dyad:
    """Every factual statement of one (subject, object, family)."""

    subject: str
    object: str
    family: str
    statement_ids: list[str] = field(default_factory=list)
    article_ids: set[str] = field(default_factory=set)
    event_ids: set[str] = field(default_factory=set)
    first_date: str | None = None
    last_date: str | None = None
    stance_sum: float = 0.0
    goldstein_sum: float = 0.0
    goldstein_count: int = 0

    def add(self, rel: Mapping[str, Any], event_id: str | None = None) -> None:
        statement_id = str(rel.get("id") or len(self.statement_ids))
        self.statement_ids.append(statement_id)
        article = rel.get("article_id")
        if article:
            self.article_ids.add(str(article))
        self.event_ids.add(event_id or f"statement:{statement_id}")
        date = rel.get("date")
        if isinstance(date, str) and date:
            if self.first_date is None or date < self.first_date:
                self.first_date = date
            if self.last_date is None or date > self.last_date:
                self.last_date = date
        self.stance_sum += statement_score(rel)
        goldstein = rel.get("goldstein")
        if isinstance(goldstein, int | float) and not isinstance(goldstein, bool):
            self.goldstein_sum += float(goldstein)
            self.goldstein_count += 1

    @property
    def statements(self) -> int:
        return len(self.statement_ids)

    def sources(self, article_sources: Mapping[str, str | None]) -> int:
        """Distinct outlets; an article without a known outlet counts as its own source."""
        return len({article_sources.get(a) or f"article:{a}" for a in self.article_ids})

    def record(self, article_sources: Mapping[str, str | None]) -> dict[str, Any]:
        """The dyad as a plain record (what exports and views show)."""
        n = self.statements
        return {
            "subject": self.subject,
            "object": self.object,
            "family": self.family,
            "statements": n,
            "events": len(self.event_ids),
            "articles": len(self.article_ids),
            "sources": self.sources(article_sources),
            "first_date": self.first_date,
            "last_date": self.last_date,
            "stance": round(self.stance_sum / n, 4) if n else 0.0,
            "goldstein": round(self.goldstein_sum / self.goldstein_count, 3)
            if self.goldstein_count
            else None,
            "statement_ids": list(self.statement_ids),
        }


def dyad_aggregates(
    relations: Iterable[Mapping[str, Any]],
    event_of: Mapping[str, str] | None = None,
) -> dict[tuple[str, str, str], Dyad]:
    """Aggregate the factual statements of ``relations`` per (subject id, object id, family).

    ``event_of`` maps statement ids to event ids (``graph.events``); statements
    it does not name count as events of their own. Malformed records are skipped.
    """
    event_of = event_of or {}
    dyads: dict[tuple[str, str, str], Dyad] = {}
    for rel in relations:
        try:
            subject, obj, family = rel["subject"]["id"], rel["object"]["id"], rel["family"]
        except (KeyError, TypeError):
            continue
        if family not in FAMILIES or not is_factual(rel):
            continue
        key = (str(subject), str(obj), str(family))
        dyad = dyads.get(key)
        if dyad is None:
            dyad = dyads[key] = Dyad(*key)
        dyad.add(rel, event_of.get(str(rel.get("id"))))
    return dyads


def article_sources(articles: Iterable[Mapping[str, Any]]) -> dict[str, str | None]:
    """Article id -> outlet (``source``) of a build directory's articles."""
    return {str(a["id"]): a.get("source") or None for a in articles if a.get("id")}


def build_dyads(kg, skip: set[str] | frozenset = frozenset()) -> list[dict[str, Any]]:
    """The dyad records of a build directory (what every store writes): its relations
    (less the ids in ``skip``), its events (``events.jsonl``, when there) and its
    articles' outlets, in key order."""
    from .events import load_event_index

    relations = (
        r
        for r in kg.relations()
        if not (skip and isinstance(r, dict) and str(r.get("id", "?")) in skip)
    )
    dyads = dyad_aggregates(relations, load_event_index(kg.directory))
    sources = article_sources(kg.articles(with_text=False))
    return [dyads[key].record(sources) for key in sorted(dyads)]


def dyad_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """The properties of one DYAD relationship, from one dyad record (every store holds
    these: counts, not the statement ids, so a relationship stays small)."""
    return {
        "family": record["family"],
        "statements": int(record["statements"]),
        "events": int(record["events"]),
        "articles": int(record["articles"]),
        "sources": int(record["sources"]),
        "first_date": record.get("first_date") or None,
        "last_date": record.get("last_date") or None,
        "stance": float(record["stance"]),
        "goldstein": None if record.get("goldstein") is None else float(record["goldstein"]),
    }


#: the DYAD relationship's properties, in order: the keys of ``dyad_row`` (every store writes these)
DYAD_FIELDS: tuple[str, ...] = tuple(
    dyad_row({"family": "", "statements": 0, "events": 0, "articles": 0, "sources": 0, "stance": 0})
)
