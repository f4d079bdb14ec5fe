"""Timelines: how the relations between two actors change over time.

Streams the build directory's relations once for any number of pairs, so a
timeline of a million-statement graph needs no more memory than its buckets.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from ..records import FAMILIES, is_factual

PERIODS = {"day": 10, "month": 7, "year": 4}
UNDATED = "undated"


def find_actor(actors: dict[str, dict[str, Any]], query: str) -> str | None:
    """The id of the actor whose id, name or alias is ``query`` (case-insensitive), or None."""
    if query in actors:
        return query
    wanted = query.casefold().strip()
    for field in ("name", "aliases"):
        for actor_id, actor in sorted(actors.items()):
            values = actor.get(field) or []
            values = [values] if isinstance(values, str) else values
            if any(str(v).casefold() == wanted for v in values):
                return actor_id
    return None


def pair_timelines(
    relations: Iterable[dict[str, Any]],
    pairs: Iterable[tuple[str, str]],
    period: str = "month",
    roll_up: dict[str, str] | None = None,
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Factual statements between each pair (either direction), counted per period and family.

    ``roll_up`` maps actor ids to the ids they count as (e.g. people to their
    countries). Each timeline is a list of rows ``{period, SUPPORTS, OPPOSES,
    MEETS}`` in date order, undated statements last.
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    width = PERIODS[period]
    wanted = {frozenset(pair): tuple(pair) for pair in pairs}
    buckets: dict[tuple[str, str], dict[str, Counter]] = {
        p: defaultdict(Counter) for p in wanted.values()
    }
    roll_up = roll_up or {}
    for rel in relations:
        try:
            if not is_factual(rel) or rel["family"] not in FAMILIES:
                continue
            s, o = rel["subject"]["id"], rel["object"]["id"]
        except (KeyError, TypeError):
            continue
        pair = wanted.get(frozenset((roll_up.get(s, s), roll_up.get(o, o))))
        if pair is None:
            continue
        date = rel.get("date")
        key = date[:width] if isinstance(date, str) and len(date) >= width else UNDATED
        buckets[pair][key][rel["family"]] += 1
    result = {}
    for pair, by_period in buckets.items():
        order = sorted(k for k in by_period if k != UNDATED) + (
            [UNDATED] if UNDATED in by_period else []
        )
        result[pair] = [{"period": k, **{f: by_period[k][f] for f in FAMILIES}} for k in order]
    return result
