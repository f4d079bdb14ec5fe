"""Scoring against event gold files: many one-sentence records, actors at country level.

An event gold file (``eval/plover-gold.json``, made by ``eval/plover_gold.py``)
holds records coded the way event-data projects code them: each sentence is one
short article, its actors are countries or organisations (a sector such as GOV
or MIL is kept beside them, not scored). A prediction about a person or a
national body counts as its country (``country_id``) unless the gold names that
actor itself, so "Putin met Erdogan" matches Russia MEETS Turkey.

Each record is scored with ``graphbuild.eval.score`` and the records are summed
(micro-averaged), at the level (subject, object, family) and family-blind
(the unordered actor pair alone). docs/evaluation.md describes the format.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .eval import Gold, GoldError, Predictions, Report, _read_json, gold_from_dict, score, total
from .records import FAMILIES, article_id_for, is_factual

EVENT_FORMAT = "graphbuild-event-gold/"
PAIR_FAMILY = "MEETS"  # family-blind scoring writes every relation as one undirected family


@dataclass
class EventRecord:
    id: str
    text: str
    date: str | None
    event: str
    gold: Gold
    unscored: str | None = None
    plover_type: str | None = None  # the event type as graphbuild's plover_type names it


@dataclass
class EventGold:
    path: str
    records: list[EventRecord]
    family_of_event: dict[str, str | None] = field(default_factory=dict)


def is_event_gold(path: str | Path) -> bool:
    """True when ``path`` is a JSON file in the event gold format (not a folder)."""
    path = Path(path)
    if not path.is_file():
        return False
    data = _read_json(path)
    return isinstance(data, dict) and str(data.get("format", "")).startswith(EVENT_FORMAT)


def load_event_gold(path: str | Path) -> EventGold:
    path = Path(path)
    data = _read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        raise GoldError(f"{path}: an event gold file is an object with a 'records' list")
    actors = data.get("actors") or {}
    if not isinstance(actors, dict):
        raise GoldError(f"{path}: 'actors' must be an object")
    records, seen = [], set()
    for number, spec in enumerate(data["records"], 1):
        where = f"{path}: record {spec.get('id') or number}"
        if not isinstance(spec, dict) or not spec.get("id") or not spec.get("text"):
            raise GoldError(f"{where}: needs 'id' and 'text'")
        if spec["id"] in seen:
            raise GoldError(f"{where}: duplicate id")
        seen.add(spec["id"])
        names = {
            r[key]
            for section in ("required", "optional")
            for r in spec.get(section) or []
            for key in ("subject", "object")
            if r.get(key)
        }
        unknown = sorted(n for n in names if n not in actors)
        if unknown:
            raise GoldError(f"{where}: actor {unknown[0]!r} is not in the file's 'actors'")
        gold = gold_from_dict(
            {
                "actors": {n: actors[n] for n in names},
                "required": spec.get("required") or [],
                "optional": spec.get("optional") or [],
            },
            where,
        )
        records.append(
            EventRecord(
                spec["id"],
                spec["text"],
                spec.get("date"),
                str(spec.get("event") or ""),
                gold,
                spec.get("unscored"),
                spec.get("plover_type"),
            )
        )
    return EventGold(str(path), records, dict(data.get("family_of_event") or {}))


# --------------------------------------------------------------------------------------
# predictions: relations per record, with the actors (for their country)


@dataclass
class RecordPredictions:
    relations: list[dict[str, Any]]
    actors: dict[str, dict[str, Any]]  # actor id -> {name, type, country, country_id}


def predict(event_gold: EventGold, model: str | None = None) -> dict[str, RecordPredictions]:
    """Run the pipeline over every record's sentence (one article per record)."""
    from .pipeline import get_extractor
    from .records import Article

    extractor = get_extractor(model)
    articles = [
        Article.from_text(r.text, date=r.date, source=r.id, path=f"{event_gold.path}:{r.id}")
        for r in event_gold.records
    ]
    out = {}
    for record, result in zip(event_gold.records, extractor.process_many(articles), strict=True):
        actors = {a.id: a.to_dict() for a in result.actors}
        out[record.id] = RecordPredictions(result.relations, actors)
    return out


def predictions_from_build(event_gold: EventGold, path: str | Path) -> dict[str, RecordPredictions]:
    """Relations of a build directory (or relations.jsonl), matched to records by the
    article id of their text; the build's actors.jsonl gives the actors' countries."""
    from .eval import _read_jsonl, load_predictions

    path = Path(path)
    rows = load_predictions(path).relations
    actors: dict[str, dict] = {}
    actors_file = (path if path.is_dir() else path.parent) / "actors.jsonl"
    if actors_file.exists():
        actors = {a["id"]: a for a in _read_jsonl(actors_file) if a.get("id")}
    by_article: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_article[str(row.get("article_id"))].append(row)
    return {
        r.id: RecordPredictions(by_article.get(article_id_for(r.text), []), actors)
        for r in event_gold.records
    }


def roll_up(rel: dict[str, Any], gold: Gold, actors: dict[str, dict]) -> dict[str, Any]:
    """The relation with each end that is not a gold actor replaced by its country,
    when that country is one (a person or national body counts as its state)."""
    out = dict(rel)
    for end in ("subject", "object"):
        ref = rel.get(end) or {}
        if gold.canonical(ref):
            continue
        actor = actors.get(ref.get("id")) or {}
        country_id = actor.get("country_id")
        if not country_id:
            continue
        country = actors.get(country_id) or {"name": actor.get("country") or country_id}
        country_ref = {"id": country_id, "name": country.get("name"), "type": "Country"}
        if gold.canonical(country_ref):
            out[end] = country_ref
    return out


def _family_blind(gold: Gold) -> Gold:
    """The record's gold with every relation as one unordered pair (family ignored)."""
    pairs: dict[str, list[dict]] = {"required": [], "optional": []}
    seen: set[tuple] = set()
    for section, relations in (("required", gold.required), ("optional", gold.optional)):
        for rel in relations:
            key = tuple(sorted((rel.subject, rel.object)))
            if key in seen:
                continue
            seen.add(key)
            pairs[section].append(
                {"subject": rel.subject, "family": PAIR_FAMILY, "object": rel.object}
            )
    actors = {
        name: {"wikidata": a.wikidata, "type": a.type, "aliases": a.aliases}
        for name, a in gold.actors.items()
    }
    return gold_from_dict({"actors": actors, **pairs}, gold.path)


@dataclass
class EventReport:
    gold: str
    records: list[tuple[EventRecord, Report]]
    pair_family: dict[str, Any]
    pair_only: dict[str, Any]
    by_event: dict[str, dict[str, Any]]
    plover_type: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "pair_family": self.pair_family,
            "pair_only": self.pair_only,
            "by_event": self.by_event,
            "plover_type": self.plover_type,
            "records": [
                {
                    "id": record.id,
                    "text": record.text,
                    "event": record.event,
                    "unscored": record.unscored,
                    "overall": report.overall,
                    "misses": report.misses,
                    "false_positives": report.false_positives,
                }
                for record, report in self.records
            ],
        }


def score_events(event_gold: EventGold, predictions: dict[str, RecordPredictions]) -> EventReport:
    """Per record and summed: at the (subject, object, family) level and family-blind."""
    reports, pair_reports = [], []
    by_event: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    typed = agreed = 0
    for record in event_gold.records:
        pred = predictions.get(record.id) or RecordPredictions([], {})
        # a record with no pair of two actors (an internal event, one side only) says
        # nothing about the pairs a prediction may hold: it is not scored at all
        relations = (
            []
            if record.unscored
            else [roll_up(r, record.gold, pred.actors) for r in pred.relations]
        )
        report = score(record.gold, Predictions(relations, record.id))
        reports.append((record, report))
        blind = [dict(r, family=PAIR_FAMILY) for r in relations if r.get("family") in FAMILIES]
        pair_reports.append(score(_family_blind(record.gold), Predictions(blind, record.id)))
        by_event[record.event][0] += report.overall["found"]
        by_event[record.event][1] += report.overall["required"]
        if record.plover_type:
            for item in report.found:
                typed += 1
                agreed += record.plover_type in _plover_types(record.gold, relations, item)
    pair_family = total([r for _, r in reports])
    pair_only = total(pair_reports)["overall"]
    return EventReport(
        event_gold.path,
        reports,
        pair_family,
        pair_only,
        {
            event: {"found": found, "required": required, "recall": _ratio(found, required)}
            for event, (found, required) in sorted(by_event.items())
        },
        {"found": typed, "agree": agreed, "share": _ratio(agreed, typed)},
    )


def _plover_types(gold: Gold, relations: list[dict], item: dict) -> set[str]:
    """PLOVER types of the factual predictions behind a found gold relation."""
    ends = (item["subject"], item["object"])
    types = set()
    for rel in relations:
        if rel.get("family") != item["family"] or not is_factual(rel):
            continue
        pair = (gold.canonical(rel["subject"]), gold.canonical(rel["object"]))
        if pair == ends or pair == ends[::-1]:
            types.add(rel.get("plover_type"))
    return types


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def format_event_report(report: EventReport, details: bool = True) -> str:
    """The summed scores, recall by event type, then each record's misses and false positives."""
    scored = sum(1 for r, _ in report.records if not r.unscored)
    required = sum(1 for r, _ in report.records if r.gold.required)
    lines = [
        f"gold: {report.gold} ({len(report.records)} records: {scored} scored, "
        f"{required} with required relations)",
        "",
        f"{'':<26}{'P':>7}{'R':>7}{'F1':>7}{'found':>10}{'FP':>5}",
    ]

    def row(label: str, s: dict) -> str:
        return (
            f"{label:<26}{_pct(s['precision'])}{_pct(s['recall'])}{_pct(s['f1'])}"
            f"{s['found']:>5}/{s['required']:<4}{s['fp']:>5}"
        )

    lines.append(row("pair + family", report.pair_family["overall"]))
    for family, s in report.pair_family["by_family"].items():
        if s["required"] or s["tp"] or s["fp"]:
            lines.append(row(f"  {family}", s))
    lines.append(row("pair only (no family)", report.pair_only))
    agreement = report.plover_type
    if agreement.get("found"):
        lines.append(
            f"PLOVER type of the found relations: {agreement['agree']}/{agreement['found']} "
            f"as the coders' ({agreement['share']:.3f})"
        )
    lines += ["", "recall by event type:"]
    for event, s in report.by_event.items():
        if s["required"]:
            lines.append(f"  {event:<14}{_pct(s['recall'])}  {s['found']}/{s['required']}")
    if not details:
        return "\n".join(lines)
    for record, rep in report.records:
        if not (rep.misses or rep.false_positives):
            continue
        lines += ["", f"== {record.id} ({record.event})"]
        lines.append(f"   {record.text}")
        for m in rep.misses:
            lines.append(f"  miss {m['subject']} {m['family']} {m['object']}")
        for e in rep.false_positives:
            lines.append(
                f"  false positive {e['subject']} {e['family']}/{','.join(e['kinds'])} "
                f"{e['object']} (trigger {e['trigger']!r})"
            )
    return "\n".join(lines)


def event_report_json(report: EventReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)
