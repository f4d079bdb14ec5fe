"""Scoring predicted relations against hand-made gold files.

Two gold formats (docs/relations.md):

* an article gold file (``tests/seed-gold.json``): actors with aliases,
  ``required``, ``optional`` and ``must_not`` relations for one article,
  scored the way its ``about`` and ``equivalent_note`` say (``score``);
* a case file (``tests/cases/*.json``): many short texts, each with every
  relation it should yield, including negated and non-factual ones, scored
  strictly (``score_cases``).
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .records import FAMILIES, MODALITIES, is_factual

SYMMETRIC_FAMILIES = {"MEETS"}


class GoldError(ValueError):
    """A gold or prediction file cannot be used; the message names the file and the problem."""


def fold(name: str) -> str:
    """Case- and accent-insensitive comparison key for actor names."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().replace("’", "'").split())


# --------------------------------------------------------------------------------------
# gold files


@dataclass
class GoldActor:
    name: str
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    type: str | None = None
    country: str | None = None


@dataclass
class GoldRelation:
    subject: str
    family: str
    object: str
    kind: str | None = None
    evidence: str = ""
    why: str = ""
    match_kind: bool = False
    negated: bool | None = False  # None: either (optional case relations)
    modality: tuple[str, ...] = ("asserted", "reported")
    section: str = "required"


@dataclass
class Gold:
    path: str
    actors: dict[str, GoldActor]
    required: list[GoldRelation]
    optional: list[GoldRelation]
    must_not: list[GoldRelation]
    equivalents: dict[str, set[str]]
    article: str | None = None
    date: str | None = None
    _names: dict[str, str] = field(default_factory=dict)
    _ids: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, actor in self.actors.items():
            for surface in (name, *actor.aliases):
                self._names.setdefault(fold(surface), name)
            if actor.wikidata:
                self._ids[actor.wikidata] = name

    def canonical(self, ref: dict[str, Any] | str | None) -> str | None:
        """The gold actor a predicted ``{id, name, type}`` (or a bare name) stands for."""
        if ref is None:
            return None
        if isinstance(ref, str):
            return self._names.get(fold(ref), ref if ref in self.actors else None)
        if ref.get("id") in self._ids:
            return self._ids[ref["id"]]
        return self._names.get(fold(str(ref.get("name", ""))))

    def same_or_equivalent(self, name: str) -> set[str]:
        return {name} | self.equivalents.get(name, set())


def _relation(spec: dict, where: str, section: str, known: dict[str, GoldActor]) -> GoldRelation:
    for key in ("subject", "family", "object"):
        if not spec.get(key):
            raise GoldError(f"{where}: a {section} relation lacks {key!r}: {spec}")
    if spec["family"] not in FAMILIES:
        raise GoldError(f"{where}: family {spec['family']!r} is not one of {', '.join(FAMILIES)}")
    modality = spec.get("modality", ("asserted", "reported"))
    modality = (modality,) if isinstance(modality, str) else tuple(modality)
    for value in modality:
        if value not in MODALITIES:
            raise GoldError(f"{where}: modality {value!r} is not one of {', '.join(MODALITIES)}")
    for key in ("subject", "object"):
        known.setdefault(spec[key], GoldActor(spec[key]))
    return GoldRelation(
        subject=spec["subject"],
        family=spec["family"],
        object=spec["object"],
        kind=spec.get("kind"),
        evidence=spec.get("evidence", ""),
        why=spec.get("why", ""),
        match_kind=bool(spec.get("match_kind", False)),
        negated=bool(spec.get("negated", False)),
        modality=modality,
        section=section,
    )


def _actors(data: dict, where: str) -> dict[str, GoldActor]:
    actors = {}
    for name, spec in (data.get("actors") or {}).items():
        if not isinstance(spec, dict):
            raise GoldError(f"{where}: actor {name!r} must be an object")
        actors[name] = GoldActor(
            name=name,
            aliases=list(spec.get("aliases") or []),
            wikidata=spec.get("wikidata"),
            type=spec.get("type"),
            country=spec.get("country"),
        )
    return actors


def gold_from_dict(data: dict, where: str = "<gold>") -> Gold:
    """A Gold from the parsed JSON of a gold file."""
    if not isinstance(data, dict):
        raise GoldError(f"{where}: a gold file is a JSON object")
    actors = _actors(data, where)
    sections = {
        section: [_relation(spec, where, section, actors) for spec in data.get(section) or []]
        for section in ("required", "optional", "must_not")
    }
    equivalents: dict[str, set[str]] = defaultdict(set)
    for group in data.get("equivalent_for_scoring") or []:
        for name in group:
            equivalents[name] |= set(group) - {name}
    return Gold(
        path=where,
        actors=actors,
        required=sections["required"],
        optional=sections["optional"],
        must_not=sections["must_not"],
        equivalents=dict(equivalents),
        article=data.get("article"),
        date=data.get("date"),
    )


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None


def load_gold(path: str | Path) -> Gold:
    path = Path(path)
    return gold_from_dict(_read_json(path), str(path))


# --------------------------------------------------------------------------------------
# predictions


@dataclass
class Predictions:
    relations: list[dict[str, Any]]
    source: str
    article_id: str | None = None
    note: str = ""


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise GoldError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
                if not isinstance(row, dict):
                    raise GoldError(f"{path}:{number}: a relation record must be a JSON object")
                rows.append(row)
    except OSError as exc:
        raise GoldError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return rows


def _check_relation(row: dict, where: str) -> None:
    for key in ("subject", "object", "family"):
        if key not in row:
            raise GoldError(f"{where}: relation record lacks {key!r}")
    for key in ("subject", "object"):
        if not isinstance(row[key], dict):
            raise GoldError(f"{where}: {key} must be an object {{id, name, type}}")


def load_predictions(path: str | Path, article: str | None = None) -> Predictions:
    """Relations from a build directory or a relations.jsonl file.

    From a build directory holding several articles, only the article named
    ``article`` (an article id, or a file name matched against the articles'
    source paths, e.g. the gold file's ``article``) is kept when it is found.
    """
    path = Path(path)
    if path.is_dir():
        relations_file = path / "relations.jsonl"
        if not relations_file.exists():
            raise GoldError(f"{path}: not a build directory (no relations.jsonl)")
    elif path.exists():
        relations_file = path
    else:
        raise GoldError(f"{path}: no such file or directory")
    rows = _read_jsonl(relations_file)
    for number, row in enumerate(rows, 1):
        _check_relation(row, f"{relations_file}:{number}")
    predictions = Predictions(rows, str(relations_file))
    if article:
        article_id = _article_id(path if path.is_dir() else relations_file.parent, article, rows)
        if article_id:
            predictions.relations = [r for r in rows if r.get("article_id") == article_id]
            predictions.article_id = article_id
        elif len({r.get("article_id") for r in rows}) > 1:
            predictions.note = f"article {article!r} not found; scoring all {len(rows)} relations"
    return predictions


def _article_id(directory: Path, article: str, rows: list[dict]) -> str | None:
    ids = {r.get("article_id") for r in rows}
    if article in ids:
        return article
    name = Path(article).name
    articles = directory / "articles.jsonl"
    if articles.exists():
        for row in _read_jsonl(articles):
            source = str(row.get("path") or row.get("source") or row.get("url") or "")
            if source and Path(source.split(":")[0]).name == name:
                return row.get("id")
    return None


# --------------------------------------------------------------------------------------
# scoring an article gold file


@dataclass
class PredictedEdge:
    """Distinct factual (subject, family, object) among the predictions, with its evidence."""

    subject: str
    family: str
    object: str
    kinds: set[str]
    records: list[dict[str, Any]]
    known: bool  # both ends are gold actors

    def key(self) -> tuple[str, str, str]:
        return edge_key(self.subject, self.family, self.object)


def edge_key(subject: str, family: str, obj: str) -> tuple[str, str, str]:
    if family in SYMMETRIC_FAMILIES and obj < subject:
        subject, obj = obj, subject
    return subject, family, obj


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _counts_to_scores(tp: int, fp: int, found: int, required: int) -> dict[str, Any]:
    """P/R/F1 with their counts: precision over predicted edges (tp, fp), recall over
    required gold relations (found of required); one article or a sum of articles."""
    precision, recall = _ratio(tp, tp + fp), _ratio(found, required)
    return {
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision, recall),
        "tp": tp,
        "fp": fp,
        "fn": required - found,
        "required": required,
        "found": found,
    }


def _f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int | None]:
    """Precision, recall and F1 from counts (None where a ratio has no denominator)."""
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    return {
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision, recall),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


@dataclass
class Report:
    gold: str
    predictions: str
    overall: dict
    by_family: dict[str, dict]
    by_kind: dict[str, dict]
    found: list[dict]
    misses: list[dict]
    false_positives: list[dict]
    violations: list[dict]
    counts: dict[str, int]
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predictions": self.predictions,
            "counts": self.counts,
            "overall": self.overall,
            "by_family": self.by_family,
            "by_kind": self.by_kind,
            "must_not_violations": self.violations,
            "found": self.found,
            "misses": self.misses,
            "false_positives": self.false_positives,
            "notes": self.notes,
        }


def _edges(gold: Gold, relations: list[dict]) -> dict[tuple, PredictedEdge]:
    edges: dict[tuple, PredictedEdge] = {}
    for rel in relations:
        if not is_factual(rel):
            continue
        subject = (
            gold.canonical(rel["subject"])
            or f"?{rel['subject'].get('name') or rel['subject'].get('id')}"
        )
        obj = (
            gold.canonical(rel["object"])
            or f"?{rel['object'].get('name') or rel['object'].get('id')}"
        )
        key = edge_key(subject, rel["family"], obj)
        edge = edges.get(key)
        if edge is None:
            known = subject in gold.actors and obj in gold.actors
            edge = edges[key] = PredictedEdge(key[0], rel["family"], key[2], set(), [], known)
        edge.kinds.add(rel.get("kind") or "")
        edge.records.append(rel)
    return edges


@lru_cache(maxsize=1)
def symmetric_kinds() -> frozenset[str]:
    """Kinds the ontology marks symmetric (AGREES, SIGNS_AGREEMENT, the MEETS kinds)."""
    from .relations.ontology import load_ontology

    return frozenset(name for name, kind in load_ontology().kinds.items() if kind.symmetric)


def _reversible(edge: PredictedEdge, rel: GoldRelation) -> bool:
    """MEETS edges, and edges of symmetric kinds only ("Israel and Hamas agreed"), match a
    gold relation written in either direction."""
    if rel.family in SYMMETRIC_FAMILIES:
        return True
    symmetric = symmetric_kinds()
    kinds = {k for k in edge.kinds if k}
    return bool(kinds) and kinds <= symmetric and (rel.kind is None or rel.kind in symmetric)


def _matches(edge: PredictedEdge, rel: GoldRelation, subjects: set[str], objects: set[str]) -> bool:
    if edge.family != rel.family:
        return False
    if edge.subject in subjects and edge.object in objects:
        return True
    return _reversible(edge, rel) and edge.subject in objects and edge.object in subjects


def _credit(
    gold: Gold, rel: GoldRelation, edges: dict[tuple, PredictedEdge]
) -> tuple[list[PredictedEdge], bool]:
    """Edges credited to a gold relation, and whether the match is exact (not via equivalence)."""
    exact = [e for e in edges.values() if _matches(e, rel, {rel.subject}, {rel.object})]
    if exact:
        return exact, True
    subjects = gold.same_or_equivalent(rel.subject)  # the note allows it for the subject only
    return [e for e in edges.values() if _matches(e, rel, subjects, {rel.object})], False


def _evidence(edge: PredictedEdge) -> dict[str, Any]:
    best = max(edge.records, key=lambda r: r.get("confidence", 0))
    return {
        "subject": edge.subject,
        "family": edge.family,
        "object": edge.object,
        "kinds": sorted(k for k in edge.kinds if k),
        "modality": best.get("modality"),
        "confidence": best.get("confidence"),
        "trigger": (best.get("trigger") or {}).get("text"),
        "sentence": best.get("sentence", ""),
    }


def score(gold: Gold, predictions: Predictions | list[dict]) -> Report:
    """P/R/F1 overall, by family and by kind; misses, false positives, must-not violations."""
    if isinstance(predictions, list):
        predictions = Predictions(predictions, "<predictions>")
    edges = _edges(gold, predictions.relations)
    credited: dict[tuple, list[GoldRelation]] = defaultdict(list)
    found, misses = [], []
    equivalence_credits = 0
    for rel in gold.required + gold.optional:
        matched, exact = _credit(gold, rel, edges)
        for edge in matched:
            credited[edge.key()].append(rel)
        if rel.section != "required":
            continue
        item = {
            "subject": rel.subject,
            "family": rel.family,
            "object": rel.object,
            "kind": rel.kind,
            "evidence": rel.evidence,
        }
        if matched:
            equivalence_credits += 0 if exact else 1
            item["match"] = "exact" if exact else "equivalent"
            item["kind_found"] = rel.kind is None or any(rel.kind in e.kinds for e in matched)
            item["predicted"] = [_evidence(e) for e in matched]
            found.append(item)
        else:
            misses.append(item)
    false_positives = [_evidence(e) for key, e in edges.items() if key not in credited]
    violations = []
    for rel in gold.must_not:
        subjects, objects = (
            gold.same_or_equivalent(rel.subject),
            {rel.object},
        )
        for edge in edges.values():
            if not _matches(edge, rel, subjects, objects):
                continue
            records = [r for r in edge.records if not rel.match_kind or r.get("kind") == rel.kind]
            if records:
                violations.append(
                    {
                        "subject": rel.subject,
                        "family": rel.family,
                        "object": rel.object,
                        "kind": rel.kind,
                        "why": rel.why,
                        "predicted": _evidence(
                            PredictedEdge(
                                edge.subject,
                                edge.family,
                                edge.object,
                                {r.get("kind") for r in records},
                                records,
                                True,
                            )
                        ),
                    }
                )

    def family_scores(family: str | None) -> dict:
        """Recall over required gold; precision over distinct factual predicted edges."""
        wanted = sum(1 for r in gold.required if family is None or r.family == family)
        hit = sum(1 for item in found if family is None or item["family"] == family)
        right = sum(1 for k, e in edges.items() if k in credited and family in (None, e.family))
        fp = sum(1 for e in false_positives if family is None or e["family"] == family)
        return _counts_to_scores(right, fp, hit, wanted)

    by_kind = _kind_scores(gold, edges, credited)
    notes = [predictions.note] if predictions.note else []
    if equivalence_credits:
        notes.append(
            f"{equivalence_credits} required relations credited via leader/country equivalence"
        )
    return Report(
        gold=gold.path,
        predictions=predictions.source,
        overall=family_scores(None),
        by_family={f: family_scores(f) for f in FAMILIES},
        by_kind=by_kind,
        found=found,
        misses=misses,
        false_positives=false_positives,
        violations=violations,
        counts={
            "relations": len(predictions.relations),
            "factual": sum(1 for r in predictions.relations if is_factual(r)),
            "factual_edges": len(edges),
            "required": len(gold.required),
            "optional": len(gold.optional),
            "must_not": len(gold.must_not),
            "equivalence_credits": equivalence_credits,
        },
        notes=notes,
    )


def gold_files(paths: list[str | Path]) -> list[Path]:
    """Gold files named directly or as folders of ``*.json`` files, in name order."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(path.glob("*.json"))
        else:
            found.append(path)
    if not found:
        raise GoldError(f"{', '.join(map(str, paths))}: no gold files (*.json)")
    return found


def score_many(gold_paths: list[str | Path], pred: str | Path) -> tuple[list[Report], dict]:
    """One report per article gold file against one build, and the micro-averaged total.

    Each gold file is scored against its own article's relations only; a gold article the
    build does not hold is scored against no predictions (and the report says so).
    """
    reports = []
    paths = gold_files(gold_paths)
    for path in paths:
        gold = load_gold(path)
        predictions = load_predictions(pred, article=gold.article)
        if gold.article and predictions.article_id is None and len(paths) > 1:
            note = f"article {gold.article!r} is not in {pred}"
            predictions = Predictions([], predictions.source, note=note)
        reports.append(score(gold, predictions))
    return reports, total(reports)


def total(reports: list[Report]) -> dict[str, Any]:
    """Micro-averaged P/R/F1 over several article reports, overall and by family."""

    def summed(pick) -> dict:
        tp = sum(pick(r)["tp"] for r in reports)
        fp = sum(pick(r)["fp"] for r in reports)
        required = sum(pick(r)["required"] for r in reports)
        found = sum(pick(r)["found"] for r in reports)
        return _counts_to_scores(tp, fp, found, required)

    return {
        "articles": len(reports),
        "overall": summed(lambda r: r.overall),
        "by_family": {f: summed(lambda r, f=f: r.by_family[f]) for f in FAMILIES},
        "must_not_violations": sum(len(r.violations) for r in reports),
    }


def _kind_scores(gold: Gold, edges: dict, credited: dict) -> dict[str, dict]:
    """Per kind: recall over required gold with that kind; precision over predicted (edge, kind)."""
    kinds = sorted(
        {r.kind for r in gold.required + gold.optional if r.kind}
        | {k for e in edges.values() for k in e.kinds if k}
    )
    result = {}
    for kind in kinds:
        wanted = [r for r in gold.required if r.kind == kind]
        hit = 0
        for rel in wanted:
            matched, _ = _credit(gold, rel, edges)
            hit += any(kind in e.kinds for e in matched)
        tp = fp = 0
        for key, edge in edges.items():
            if kind not in edge.kinds:
                continue
            golds = credited.get(key, [])
            if any(g.kind == kind for g in golds):
                tp += 1
            elif any(g.kind is None for g in golds):
                continue  # the gold does not say which kind: neither right nor wrong
            else:
                fp += 1
        precision, recall = _ratio(tp, tp + fp), _ratio(hit, len(wanted))
        result[kind] = {
            "precision": precision,
            "recall": recall,
            "f1": _f1(precision, recall),
            "tp": tp,
            "fp": fp,
            "fn": len(wanted) - hit,
            "required": len(wanted),
            "found": hit,
        }
    return result


# --------------------------------------------------------------------------------------
# scoring test cases


@dataclass
class Case:
    id: str
    text: str
    expect: list[GoldRelation]
    patterns: list[str] = field(default_factory=list)
    date: str | None = None
    note: str = ""
    optional: list[GoldRelation] = field(default_factory=list)


@dataclass
class CaseSet:
    path: str
    cases: list[Case]
    gold: Gold  # actors and aliases shared by all cases


def load_cases(path: str | Path) -> CaseSet:
    path = Path(path)
    data = _read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise GoldError(f"{path}: a case file is an object with a 'cases' list")
    actors = _actors(data, str(path))
    cases, seen = [], set()
    for number, spec in enumerate(data["cases"], 1):
        where = f"{path}: case {spec.get('id') or number}"
        if not spec.get("id") or not spec.get("text"):
            raise GoldError(f"{where}: needs 'id' and 'text'")
        if spec["id"] in seen:
            raise GoldError(f"{where}: duplicate id")
        seen.add(spec["id"])
        expect = [_relation(r, where, "expect", actors) for r in spec.get("expect") or []]
        optional = [_optional_relation(r, where, actors) for r in spec.get("optional") or []]
        cases.append(
            Case(
                spec["id"],
                spec["text"],
                expect,
                list(spec.get("patterns") or []),
                spec.get("date"),
                spec.get("note", ""),
                optional,
            )
        )
    gold = Gold(str(path), actors, [], [], [], {})
    return CaseSet(str(path), cases, gold)


def _optional_relation(spec: dict, where: str, actors: dict[str, GoldActor]) -> GoldRelation:
    """An optional case relation: unless the spec says otherwise, any negation and modality."""
    relation = _relation(spec, where, "optional", actors)
    if "modality" not in spec:
        relation.modality = tuple(MODALITIES)
    if "negated" not in spec:
        relation.negated = None
    return relation


def _case_match(gold: Gold, want: GoldRelation, rel: dict) -> bool:
    subject, obj = gold.canonical(rel["subject"]), gold.canonical(rel["object"])
    ends = (subject, obj) == (want.subject, want.object) or (
        want.family in SYMMETRIC_FAMILIES and (obj, subject) == (want.subject, want.object)
    )
    return (
        ends
        and rel.get("family") == want.family
        and (want.kind is None or rel.get("kind") == want.kind)
        and (want.negated is None or bool(rel.get("negated")) == want.negated)
        and rel.get("modality") in want.modality
    )


def score_cases(case_set: CaseSet, predictions: dict[str, list[dict]]) -> dict[str, Any]:
    """Strict scores over test cases: every prediction must be expected, with its negation
    and modality.

    Symmetric (MEETS) relations match in either direction, and one prediction
    covers an expectation stated either way.
    """
    gold = case_set.gold
    tp = fp = fn = 0
    failures = []
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for case in case_set.cases:
        rels = predictions.get(case.id, [])
        used: set[int] = set()
        missing = []
        for want in case.expect:
            hit = next(
                (i for i, r in enumerate(rels) if i not in used and _case_match(gold, want, r)),
                None,
            )
            if hit is None and want.family in SYMMETRIC_FAMILIES:
                hit = next((i for i, r in enumerate(rels) if _case_match(gold, want, r)), None)
            if hit is None:
                missing.append(want)
                per_kind[want.kind or want.family][2] += 1
            else:
                used.add(hit)
                per_kind[want.kind or want.family][0] += 1
        # an optional relation (implicit, presupposed) is neither right nor wrong
        extra = [
            r
            for i, r in enumerate(rels)
            if i not in used
            and not any(_case_match(gold, w, r) for w in (*case.expect, *case.optional))
        ]
        for r in extra:
            per_kind[r.get("kind") or r.get("family")][1] += 1
        tp += len(case.expect) - len(missing)
        fn += len(missing)
        fp += len(extra)
        if missing or extra:
            failures.append(
                {
                    "id": case.id,
                    "text": case.text,
                    "missing": [_describe_gold(w) for w in missing],
                    "unexpected": [_describe_prediction(r) for r in extra],
                }
            )
    return {
        "cases": len(case_set.cases),
        "passed": len(case_set.cases) - len(failures),
        "overall": prf(tp, fp, fn),
        "by_kind": {k: prf(*v) for k, v in sorted(per_kind.items())},
        "failures": failures,
    }


def _describe_gold(want: GoldRelation) -> str:
    modality = "|".join(want.modality)
    kind = want.kind or "*"
    return f"{want.subject} {want.family}/{kind} {want.object} neg={want.negated} {modality}"


def _describe_prediction(rel: dict) -> str:
    return (
        f"{rel['subject']['name']} {rel['family']}/{rel.get('kind')} {rel['object']['name']} "
        f"neg={rel.get('negated')} {rel.get('modality')}"
    )


# --------------------------------------------------------------------------------------
# text rendering


def _pct(value) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def format_report(report: Report) -> str:
    """A plain-text report for the terminal."""
    lines = [
        f"gold:        {report.gold}",
        f"predictions: {report.predictions} ({report.counts['relations']} relations, "
        f"{report.counts['factual']} factual, "
        f"{report.counts['factual_edges']} distinct factual edges)",
        *[f"note:        {n}" for n in report.notes],
        "",
        f"{'':<22}{'P':>7}{'R':>7}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}",
    ]

    def row(label: str, s: dict) -> str:
        return (
            f"{label:<22}{_pct(s['precision'])}{_pct(s['recall'])}{_pct(s['f1'])}"
            f"{s['tp']:>5}{s['fp']:>5}{s['fn']:>5}"
        )

    lines.append(row("overall", report.overall))
    for family, s in report.by_family.items():
        lines.append(row(f"  {family}", s))
    for kind, s in report.by_kind.items():
        if s["tp"] or s["fp"] or s["required"]:
            lines.append(row(f"  kind {kind}", s))
    lines += [
        "",
        f"required found: {len(report.found)}/{report.counts['required']}   "
        f"must-not violations: {len(report.violations)}",
    ]
    if report.violations:
        lines.append("must-not violations:")
        for v in report.violations:
            lines.append(
                f"  - {v['subject']} {v['family']}/{v['kind'] or '*'} {v['object']}: {v['why']}"
            )
            lines.append(f'      "{v["predicted"]["sentence"]}"')
    if report.misses:
        lines.append("misses:")
        for m in report.misses:
            lines.append(
                f"  - {m['subject']} {m['family']}/{m['kind'] or '*'} {m['object']}"
                f"   evidence: {m['evidence']}"
            )
    if report.false_positives:
        lines.append("false positives:")
        for e in report.false_positives:
            lines.append(
                f"  - {e['subject']} {e['family']}/{','.join(e['kinds'])} {e['object']} "
                f"({e['modality']}, {e['confidence']}, trigger {e['trigger']!r})"
            )
            lines.append(f'      "{e["sentence"]}"')
    wrong_kind = [f for f in report.found if not f.get("kind_found")]
    if wrong_kind:
        lines.append("found with another kind:")
        for f in wrong_kind:
            kinds = sorted({k for p in f["predicted"] for k in p["kinds"]})
            lines.append(
                f"  - {f['subject']} {f['family']} {f['object']}: "
                f"want {f['kind']}, got {', '.join(kinds)}"
            )
    return "\n".join(lines)


def format_many(reports: list[Report], summary: dict) -> str:
    """Several article reports: a table, then each article's misses, false positives and
    violations, then the total."""
    lines = [f"{'article':<44}{'P':>7}{'R':>7}{'F1':>7}{'found':>8}{'FP':>4}{'viol':>5}"]
    for report in reports:
        o = report.overall
        name = Path(report.gold).stem[:43]
        lines.append(
            f"{name:<44}{_pct(o['precision'])}{_pct(o['recall'])}{_pct(o['f1'])}"
            f"{o['found']:>4}/{o['required']:<3}{o['fp']:>4}{len(report.violations):>5}"
        )
    o = summary["overall"]
    lines.append(
        f"{'total (micro)':<44}{_pct(o['precision'])}{_pct(o['recall'])}{_pct(o['f1'])}"
        f"{o['found']:>4}/{o['required']:<3}{o['fp']:>4}{summary['must_not_violations']:>5}"
    )
    for family, s in summary["by_family"].items():
        lines.append(
            f"{'  ' + family:<44}{_pct(s['precision'])}{_pct(s['recall'])}{_pct(s['f1'])}"
            f"{s['found']:>4}/{s['required']:<3}{s['fp']:>4}"
        )
    for report in reports:
        if not (report.misses or report.false_positives or report.violations or report.notes):
            continue
        lines += ["", f"== {Path(report.gold).stem}"]
        lines += [f"  note: {n}" for n in report.notes]
        for v in report.violations:
            lines.append(
                f"  VIOLATION {v['subject']} {v['family']}/{v['kind'] or '*'} {v['object']}"
            )
            lines.append(f'      "{v["predicted"]["sentence"]}"')
        for m in report.misses:
            lines.append(f"  miss {m['subject']} {m['family']}/{m['kind'] or '*'} {m['object']}")
            lines.append(f"      evidence: {m['evidence']}")
        for e in report.false_positives:
            lines.append(
                f"  false positive {e['subject']} {e['family']}/{','.join(e['kinds'])} "
                f"{e['object']} ({e['modality']}, trigger {e['trigger']!r})"
            )
            lines.append(f'      "{e["sentence"]}"')
    return "\n".join(lines)
