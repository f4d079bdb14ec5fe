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


def months_between(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last`` inclusive, so empty months show as gaps."""
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    out = []
    while (year, month) <= end:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def fill_months(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Monthly rows with the months between the first and the last that had none put back
    (all zero), so a picture's axis is time; the undated row stays last."""
    dated = {r["period"]: r for r in rows if r["period"] != UNDATED and len(r["period"]) == 7}
    if len(dated) != len([r for r in rows if r["period"] != UNDATED]) or not dated:
        return rows  # not months
    filled = [
        dated.get(m) or {"period": m, **dict.fromkeys(FAMILIES, 0)}
        for m in months_between(min(dated), max(dated))
    ]
    return filled + [r for r in rows if r["period"] == UNDATED]


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
