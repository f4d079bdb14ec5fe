"""Events: the statements of different articles that report one happening, merged.

Four hundred articles saying "Xi met Putin" are four hundred statements of one
meeting. Two factual statements belong to one event when

- they link the same actors (in the same direction; MEETS is symmetric, so
  either direction),
- their kinds are compatible: the same family and the same kind, or the same
  CAMEO root code (two digits), or both MEETS (a visit, talks and a meeting
  reported by different outlets are one encounter), and
- their event dates lie within ``WINDOW_DAYS`` of the event's first date.

The event date of a statement is read from its sentence relative to the
article's date ("March 20" or a dateline "MOSCOW, March 20 -" is that day of
the article's year, or the year before if that would be later; "on Monday" is
the last Monday on or before it, "yesterday" the day before, "last week" seven
days before), and is the article date otherwise. Undated statements join only events of the same article.

Deterministic: the events of a build depend only on its statements, which are
grouped in (date, id) order; an event's id hashes its actors, family and first
statement, so adding articles keeps the ids of the events they do not change,
and running again changes nothing. The writer rebuilds ``events.jsonl`` from
every statement of the build, so new articles are merged into existing events.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from ..records import is_factual
from .knowledge_graph import iter_jsonl

EVENTS = "events.jsonl"
WINDOW_DAYS = 3
#: families whose statements say nothing about direction
SYMMETRIC = frozenset({"MEETS"})

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")  # fmt: skip
_ABBREVIATIONS = {m[:3]: i for i, m in enumerate(_MONTHS)} | {"sept": 8}
_MONTH = (
    r"(?P<month>" + "|".join(_MONTHS) + r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?)"
)
_EXPLICIT = re.compile(
    rf"\b{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{{4}})"
    rf"|\b(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH.replace('month', 'month2')}\b",
    re.IGNORECASE,
)
_STEMS = tuple({m[:3] for m in _MONTHS})
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE = re.compile(
    r"\b(?:(?P<on>on|last|this|past)\s+)?(?P<day>"
    + "|".join(_WEEKDAYS)
    + r")\b|\b(?P<word>yesterday|today|tonight|last\s+week|last\s+night)\b",
    re.IGNORECASE,
)


def event_date(sentence: str | None, article_date: str | None) -> str | None:
    """The date a sentence's happening took place, read relative to the article's date."""
    if not article_date:
        return None
    try:
        day = date.fromisoformat(article_date[:10])
    except ValueError:
        return None
    text = sentence or ""
    lower = text.lower()
    # cheap tests first: most sentences name neither a month nor a day (regexes cost 20 us)
    explicit = _EXPLICIT.search(text) if any(m in lower for m in _STEMS) else None
    if explicit:  # "March 20", "on 3 March", a dateline "MOSCOW, March 20 -": this year's, or last
        name = (explicit["month"] or explicit["month2"]).lower().rstrip(".")
        month = (
            _MONTHS.index(name) + 1
            if name in _MONTHS
            else _ABBREVIATIONS[name[:4] if name.startswith("sept") else name[:3]] + 1
        )
        number = int(explicit["day"] or explicit["day2"])
        for year in (day.year, day.year - 1):
            try:
                candidate = date(year, month, number)
            except ValueError:
                break
            if candidate <= day + timedelta(days=1):  # a report never comes before the event
                return candidate.isoformat()
    relative = "day" in lower or "night" in lower or "week" in lower
    match = _RELATIVE.search(text) if relative else None
    if match:
        if match["day"]:
            weekday = _WEEKDAYS.index(match["day"].lower())
            back = (day.weekday() - weekday) % 7  # the last such day on or before the article
            day -= timedelta(days=back)
        else:
            word = " ".join(match["word"].lower().split())
            day -= timedelta(days={"yesterday": 1, "last night": 1, "last week": 7}.get(word, 0))
    return day.isoformat()


class _Statement(NamedTuple):
    """What grouping needs of a statement (a tuple: a big build holds every one)."""

    id: str
    family: str
    kind: str | None
    cameo: str | None
    article_id: str | None
    event_date: str | None


def compatible(a: _Statement, b: _Statement) -> bool:
    """Can statements ``a`` and ``b`` (same actors) report one happening?"""
    if a.family != b.family:
        return False
    if a.family in SYMMETRIC or a.kind == b.kind:
        return True
    ca, cb = str(a.cameo or ""), str(b.cameo or "")
    return len(ca) >= 2 and ca[:2] == cb[:2]


@dataclass
class Event:
    """One happening and the statements that report it."""

    family: str
    subject: dict[str, Any]
    object: dict[str, Any]
    first: str | None
    statements: list[_Statement] = field(default_factory=list)

    @property
    def id(self) -> str:
        head = self.statements[0]
        text = "|".join((self.family, self.subject["id"], self.object["id"], head.id))
        return "ev" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def record(self, article_sources: Mapping[str, str | None]) -> dict[str, Any]:
        dates = [s.event_date for s in self.statements if s.event_date]
        articles = sorted({str(s.article_id) for s in self.statements if s.article_id})
        kinds = Counter(str(s.kind or self.family) for s in self.statements)
        return {
            "id": self.id,
            "family": self.family,
            "kind": sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[0][0],
            "kinds": dict(sorted(kinds.items())),
            "subject": self.subject,
            "object": self.object,
            "symmetric": self.family in SYMMETRIC,
            "date": min(dates) if dates else None,
            "last_date": max(dates) if dates else None,
            "statements": [s.id for s in self.statements],
            "articles": articles,
            "sources": len({article_sources.get(a) or f"article:{a}" for a in articles}),
        }


def _ref(actor: Mapping[str, Any]) -> dict[str, Any]:
    return {"id": str(actor["id"]), "name": actor.get("name"), "type": actor.get("type")}


def find_events(
    relations: Iterable[Mapping[str, Any]],
    article_dates: Mapping[str, str | None] | None = None,
    window_days: int = WINDOW_DAYS,
) -> list[Event]:
    """Group the factual statements of ``relations`` into events (see the module docstring).

    ``article_dates`` (article id -> date) anchors relative dates; a statement's own
    ``date`` is used where the article's is not given.
    """
    article_dates = article_dates or {}
    by_actors: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    refs: dict[str, dict[str, Any]] = {}
    for rel in relations:
        try:
            subject, obj, family = rel["subject"], rel["object"], str(rel["family"])
            key_ids = (str(subject["id"]), str(obj["id"]))
        except (KeyError, TypeError):
            continue
        if not is_factual(rel):
            continue
        refs.setdefault(key_ids[0], _ref(subject))
        refs.setdefault(key_ids[1], _ref(obj))
        if family in SYMMETRIC:
            key_ids = tuple(sorted(key_ids))
        anchor = article_dates.get(str(rel.get("article_id"))) or rel.get("date")
        by_actors.setdefault((family, *key_ids), []).append(
            _Statement(
                str(rel.get("id")),
                family,
                rel.get("kind"),
                rel.get("cameo"),
                rel.get("article_id"),
                event_date(rel.get("sentence"), anchor),
            )  # fmt: skip
        )
    events: list[Event] = []
    for (family, a, b), statements in sorted(by_actors.items()):
        statements.sort(key=lambda s: (s.event_date is None, s.event_date or "", s.id))
        open_events: list[Event] = []
        for statement in statements:
            day = statement.event_date and date.fromisoformat(statement.event_date)
            if day:  # events that began more than a window ago can take no more statements
                open_events = [
                    e for e in open_events
                    if e.first is not None and (day - date.fromisoformat(e.first)).days <= window_days
                ]  # fmt: skip
            home = None
            for event in open_events:
                if not compatible(event.statements[0], statement):
                    continue
                if day or statement.article_id in {s.article_id for s in event.statements}:
                    home = event
                    break
            if home is None:
                home = Event(family, refs[a], refs[b], statement.event_date)
                events.append(home)
                open_events.append(home)
            home.statements.append(statement)
    return events


def event_records(kg) -> Iterator[dict[str, Any]]:
    """The events of a build directory's statements, as lines of ``events.jsonl``, in date
    order (undated last), made one at a time so a big build never holds them all."""
    dates: dict[str, str | None] = {}
    sources: dict[str, str | None] = {}
    for article in kg.articles(with_text=False):
        dates[str(article.get("id"))] = article.get("date")
        sources[str(article.get("id"))] = article.get("source")
    events = find_events(kg.relations(), dates)
    events.sort(key=lambda e: (e.first is None, e.first or "", e.id))
    for event in events:
        yield event.record(sources)


def write_events(kg, path: Path, previous: Path | None = None) -> None:
    """Write ``events.jsonl``: every event of the build, rebuilt from all of its statements
    (so the articles a build adds merge into the events already there)."""
    from ..export._files import atomic_output

    with atomic_output(path) as tmp, open(tmp, "w", encoding="utf-8") as handle:
        for record in event_records(kg):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def load_event_index(directory: str | Path | None) -> dict[str, str]:
    """Statement id -> event id, from ``DIR/events.jsonl``; empty when there is none."""
    if directory is None:
        return {}
    path = Path(directory) / EVENTS
    index: dict[str, str] = {}
    for event in iter_jsonl(path):
        for statement_id in event.get("statements") or ():
            index[str(statement_id)] = str(event["id"])
    return index
