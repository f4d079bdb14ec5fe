"""A columnar index of the factual edges, read once from the store, for the ego-network page.

An ego network of a busy actor (a country in a hundred thousand statements) and
its neighbours' ties touches a large share of the graph; grouping that in the
engine per page costs seconds. So the app reads every factual edge once (actor
ids, family, kind, date: one query, a few seconds at 100,000 articles) into
numpy arrays sorted by subject and by object, and answers an ego network by
slicing the arrays of the actors involved. Sentences and articles stay in the
store: the dyad page reads them from there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..records import FAMILIES

NO_DATE = -1
_DIGITS = re.compile(r"\D")


def date_key(text: str | None, end: bool = False) -> int | None:
    """``YYYY[-MM[-DD]]`` as the integer YYYYMMDD; a partial date spans its whole year or month.

    ``end`` pads with 9s, so "2022-12" as an end date includes every day of December.
    None when the text holds no digits.
    """
    digits = _DIGITS.sub("", text or "")[:8]
    if not digits:
        return None
    return int(digits.ljust(8, "9" if end else "0"))


@dataclass
class EdgeGroups:
    """Edges grouped per (source, target, family): parallel arrays, one entry per group."""

    source: np.ndarray
    target: np.ndarray
    family: np.ndarray
    statements: np.ndarray
    first: np.ndarray
    last: np.ndarray


class EdgeIndex:
    """Every factual edge of a store as arrays; actors as small integers."""

    def __init__(
        self,
        rows: list[list[Any]],
        actors: list[dict[str, Any]],
        articles: list[list[Any]] | None = None,
        event_of: dict[str, str] | None = None,
    ):
        """``rows``: (subject id, object id, family, kind, date, statement id, article id);
        ``articles``: (article id, source); ``event_of``: statement id -> event id."""
        self.actors = {a["id"]: a for a in actors}
        article_number: dict[str, int] = {}
        outlet_number: dict[str, int] = {}
        outlets = []
        for article_id, outlet in articles or ():
            # an article without a known outlet is a source of its own (a negative number)
            number = len(article_number)
            article_number[article_id] = number
            if outlet:
                outlets.append(outlet_number.setdefault(outlet, len(outlet_number)))
            else:
                outlets.append(-1 - number)
        self.article_outlet = np.array(outlets, dtype=np.int64)
        self.ids: list[str] = sorted(self.actors)
        self.number = {actor_id: i for i, actor_id in enumerate(self.ids)}
        self.kinds: list[str] = sorted({str(r[3]) for r in rows if r[3]})
        kind_number = {k: i for i, k in enumerate(self.kinds)}
        family_number = {f: i for i, f in enumerate(FAMILIES)}
        n = len(rows)
        src = np.empty(n, dtype=np.int32)
        dst = np.empty(n, dtype=np.int32)
        fam = np.empty(n, dtype=np.int8)
        kind = np.empty(n, dtype=np.int32)
        date = np.empty(n, dtype=np.int32)
        article = np.empty(n, dtype=np.int64)
        event = np.empty(n, dtype=np.int64)
        event_number: dict[str, int] = {}
        event_of = event_of or {}
        self.statement_ids: list[str] = []
        for i, (s, o, f, k, d, statement_id, article_id) in enumerate(rows):
            self.statement_ids.append(statement_id)
            article[i] = article_number.get(article_id, -1)
            known = event_of.get(statement_id)
            # a statement no event names is an event of its own (a negative number)
            event[i] = event_number.setdefault(known, len(event_number)) if known else -1 - i
            src[i] = self._node(s)
            dst[i] = self._node(o)
            fam[i] = family_number.get(f, 0)
            kind[i] = kind_number.get(k, -1) if k else -1
            date[i] = date_key(d) or NO_DATE if d else NO_DATE
        self.src, self.dst, self.fam, self.kind, self.date = src, dst, fam, kind, date
        self.article = article
        self.event = event
        size = len(self.ids)
        self.out_order = np.argsort(src, kind="stable")
        self.out_ptr = np.searchsorted(src[self.out_order], np.arange(size + 1))
        self.in_order = np.argsort(dst, kind="stable")
        self.in_ptr = np.searchsorted(dst[self.in_order], np.arange(size + 1))
        self.degree = np.diff(self.out_ptr) + np.diff(self.in_ptr)

    def _node(self, actor_id: str) -> int:
        number = self.number.get(actor_id)
        if number is None:  # an edge to an actor the Actor table lacks: still a node
            number = self.number[actor_id] = len(self.ids)
            self.ids.append(actor_id)
            self.actors[actor_id] = {"id": actor_id, "name": actor_id, "type": None}
        return number

    def statements_of(self, actor_id: str) -> int:
        number = self.number.get(actor_id)
        return int(self.degree[number]) if number is not None else 0

    def passing(
        self, family: str = "", kind: str = "", date_from: str = "", date_to: str = ""
    ) -> np.ndarray:
        """A boolean per edge: does it pass the filters (an empty filter passes all)?"""
        keep = self.src != self.dst  # an actor and itself is no link
        if family:
            keep &= self.fam == (FAMILIES.index(family) if family in FAMILIES else -1)
        if kind:
            keep &= self.kind == (self.kinds.index(kind) if kind in self.kinds else -2)
        low, high = date_key(date_from), date_key(date_to, end=True)
        if low is not None:
            keep &= self.date >= low
        if high is not None:
            keep &= (self.date <= high) & (self.date != NO_DATE)
        return keep

    def ego(
        self,
        actor_id: str,
        hops: int,
        passing: np.ndarray,
        first_ring: int,
        second_ring: int,
        max_edges: int,
    ) -> dict[str, Any]:
        """The rings around ``actor_id`` and the edge groups among them (see views.ego_network).

        Every step is one pass of numpy over the edge arrays: the neighbours' weights
        by ``bincount``, the rings as boolean masks over the actors.
        """
        size = len(self.ids)
        centre = self.number[actor_id]
        touching = passing & ((self.src == centre) | (self.dst == centre))
        other = np.where(self.src[touching] == centre, self.dst[touching], self.src[touching])
        weight = np.bincount(other, minlength=size)
        first = _top(weight, first_ring)
        hidden_first = int(np.count_nonzero(weight)) - len(first)
        in_ring = np.zeros(size, dtype=bool)
        in_ring[centre] = True
        in_ring[first] = True
        rings = {centre: 0, **{int(n): 1 for n in first}}
        hidden_second = 0
        if hops >= 2 and len(first):
            first_mask = np.zeros(size, dtype=bool)
            first_mask[first] = True
            leaving = passing & (first_mask[self.src] != first_mask[self.dst])
            leaving &= (self.src != centre) & (self.dst != centre)
            outside = np.where(first_mask[self.src[leaving]], self.dst[leaving], self.src[leaving])
            weight2 = np.bincount(outside, minlength=size)
            second = _top(weight2, second_ring)
            hidden_second = int(np.count_nonzero(weight2)) - len(second)
            in_ring[second] = True
            rings.update({int(n): 2 for n in second})
            weight[second] = weight2[second]
        inside = np.flatnonzero(passing & in_ring[self.src] & in_ring[self.dst])
        groups = self.group(inside)
        with_centre = (groups.source == centre) | (groups.target == centre)
        others = np.flatnonzero(~with_centre)
        others = others[np.argsort(-groups.statements[others], kind="stable")]
        chosen = np.concatenate([np.flatnonzero(with_centre), others[:max_edges]])
        edges = [
            {
                "source": self.ids[int(groups.source[i])],
                "target": self.ids[int(groups.target[i])],
                "family": FAMILIES[int(groups.family[i])],
                "statements": int(groups.statements[i]),
                "first_date": as_date(int(groups.first[i])),
                "last_date": as_date(int(groups.last[i])),
            }
            for i in chosen.tolist()
        ]
        nodes = [
            {**self.actors[self.ids[n]], "ring": ring, "statements": int(weight[n])}
            for n, ring in rings.items()
        ]
        return {
            "nodes": nodes,
            "edges": edges,
            "hidden_first": hidden_first,
            "hidden_second": hidden_second,
            "hidden_edges": max(0, len(others) - max_edges),
        }

    def group(self, positions: np.ndarray) -> EdgeGroups:
        """One entry per (source, target, family) among ``positions``, with counts and dates."""
        if len(positions) == 0:
            empty = np.empty(0, dtype=np.int64)
            return EdgeGroups(empty, empty, empty, empty, empty, empty)
        key = (
            self.src[positions].astype(np.int64) * (len(self.ids) + 1) + self.dst[positions]
        ) * 8 + self.fam[positions]
        order = np.argsort(key, kind="stable")
        key, ordered = key[order], positions[order]
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        dates = self.date[ordered]
        big = np.where(dates == NO_DATE, np.iinfo(np.int32).max, dates)
        return EdgeGroups(
            source=self.src[ordered[starts]],
            target=self.dst[ordered[starts]],
            family=self.fam[ordered[starts]],
            statements=np.diff(np.r_[starts, len(key)]),
            first=np.minimum.reduceat(big, starts),
            last=np.maximum.reduceat(dates, starts),
        )

    def pair(self, a: str, b: str, passing: np.ndarray) -> np.ndarray:
        """Positions of the passing edges between ``a`` and ``b`` (either way), dated first by date."""
        na, nb = self.number.get(a), self.number.get(b)
        if na is None or nb is None:
            return np.empty(0, dtype=np.int64)
        parts = []
        for s, o in ((na, nb), (nb, na)) if na != nb else ((na, nb),):
            out = self.out_order[self.out_ptr[s] : self.out_ptr[s + 1]]
            parts.append(out[self.dst[out] == o])
        positions = np.concatenate(parts)
        positions = positions[passing[positions]]
        dates = np.where(
            self.date[positions] == NO_DATE, np.iinfo(np.int32).max, self.date[positions]
        )
        return positions[np.lexsort((positions, dates))]

    def articles_and_outlets(self, positions: np.ndarray) -> tuple[int, int]:
        """How many distinct articles and outlets the edges at ``positions`` come from."""
        known = self.article[positions]
        known = np.unique(known[known >= 0])
        return len(known), len(np.unique(self.article_outlet[known])) if len(known) else 0

    def events_in(self, positions: np.ndarray) -> int:
        """How many distinct events the edges at ``positions`` report."""
        return len(np.unique(self.event[positions]))

    def kinds_of(self, actor_id: str) -> list[dict[str, Any]]:
        """The actor's statements per family and kind, most frequent first."""
        number = self.number.get(actor_id)
        if number is None:
            return []
        positions = np.flatnonzero((self.src == number) | (self.dst == number))
        pairs = (
            self.fam[positions].astype(np.int64) * (len(self.kinds) + 2) + self.kind[positions] + 1
        )
        values, counts = np.unique(pairs, return_counts=True)
        out = []
        for value, count in zip(values.tolist(), counts.tolist(), strict=True):
            family, kind = divmod(value, len(self.kinds) + 2)
            out.append(
                {
                    "family": FAMILIES[family],
                    "kind": self.kinds[kind - 1] if kind > 0 else None,
                    "n": count,
                }
            )
        out.sort(key=lambda r: (-r["n"], str(r["kind"])))
        return out


def _top(weight: np.ndarray, limit: int) -> np.ndarray:
    """The indices of the ``limit`` largest positive weights, largest first (ties: lower index)."""
    candidates = np.flatnonzero(weight > 0)
    order = np.lexsort((candidates, -weight[candidates]))
    return candidates[order[:limit]]


def as_date(value: int) -> str | None:
    """YYYYMMDD back to ``YYYY-MM-DD``; None for no date."""
    if value in (NO_DATE, np.iinfo(np.int32).max):
        return None
    text = f"{int(value):08d}"
    return f"{text[:4]}-{text[4:6]}-{text[6:]}"
