"""Scoring a build's actors against the ``actors`` of article gold files.

A gold file (``eval/dev/gold/*.json``, the format of the seed gold file) lists
every geopolitical actor its article mentions, with a Wikidata id where known
and, for people, the country (and, where it differs, the body they speak for:
``affiliation``). ``other_entities`` names things that are neither required nor
wrong as actors (companies, national assemblies).

For each article this finds, from the build directory's ``articles.jsonl``,
``mentions.jsonl`` and ``actors.jsonl``:

- **found**: gold actors some predicted actor of the article stands for (the same
  Wikidata id, else the same name or alias, folded);
- **wrong id**: a gold actor with a Wikidata id found only under another id;
- **wrong country**: a person or body whose predicted country is neither the gold
  country nor the affiliation; **unaffiliated**: one with no country at all;
- **spurious**: predicted actors that stand for no gold actor or other entity.

    report = score_build(sorted(Path("eval/dev/gold").glob("*.json")), Path("/tmp/devkg"))
    print(format_report(report))
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .names import fold


class ScoringError(ValueError):
    """A gold file or build directory cannot be read; the message names it."""


@dataclass
class GoldActor:
    name: str
    type: str | None
    wikidata: str | None
    names: set[str]  # folded name and aliases
    countries: set[str]  # folded acceptable countries / affiliations (empty: not checked)


@dataclass
class ArticleScore:
    gold_file: str
    article: str
    gold: int = 0
    found: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    wrong_id: list[tuple[str, str]] = field(default_factory=list)  # (gold name, predicted id)
    wrong_country: list[tuple[str, str]] = field(default_factory=list)  # (gold, predicted)
    unaffiliated: list[str] = field(default_factory=list)
    spurious: list[tuple[str, str]] = field(default_factory=list)  # (id, name)


@dataclass
class Report:
    articles: list[ArticleScore]

    @property
    def gold(self) -> int:
        return sum(a.gold for a in self.articles)

    @property
    def found(self) -> int:
        return sum(len(a.found) for a in self.articles)

    @property
    def spurious(self) -> int:
        return sum(len(a.spurious) for a in self.articles)

    def to_dict(self) -> dict:
        return {
            "gold": self.gold,
            "found": self.found,
            "spurious": self.spurious,
            "articles": [vars(a) for a in self.articles],
        }


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScoringError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise ScoringError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        raise ScoringError(f"{path.parent}: not a build directory (no {path.name})")
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ScoringError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
    return rows


def gold_actors(data: dict, where: str) -> tuple[list[GoldActor], set[str]]:
    """The gold actors of one gold file, and the folded names of its other entities."""
    actors = data.get("actors")
    if not isinstance(actors, dict):
        raise ScoringError(f"{where}: 'actors' must be an object of name -> spec")
    result = []
    for name, spec in actors.items():
        if not isinstance(spec, dict):
            raise ScoringError(f"{where}: actor {name!r} must be an object")
        names = {fold(name)} | {fold(a) for a in spec.get("aliases") or []}
        countries = {fold(c) for c in (spec.get("country"), spec.get("affiliation")) if c}
        result.append(GoldActor(name, spec.get("type"), spec.get("wikidata"), names, countries))
    others = {fold(n) for n in data.get("other_entities") or []}
    return result, others


def _predicted_names(actor: dict) -> set[str]:
    return {fold(actor.get("name") or "")} | {fold(a) for a in actor.get("aliases") or []}


def _stands_for(gold: GoldActor, actor: dict) -> bool:
    if gold.wikidata and actor.get("id") == gold.wikidata:
        return True
    if gold.type and actor.get("type") and gold.type != actor.get("type"):
        if {gold.type, actor.get("type")} != {"Organization", "ArmedGroup"}:
            return False
    return bool(gold.names & _predicted_names(actor))


def score_article(
    gold_path: Path, data: dict, article_id: str, mentioned: set[str], actors: dict[str, dict]
) -> ArticleScore:
    golds, others = gold_actors(data, str(gold_path))
    score = ArticleScore(str(gold_path), str(data.get("article")), gold=len(golds))
    claimed: set[str] = set()
    for gold in golds:
        matches = [
            actors[a] for a in sorted(mentioned) if a in actors and _stands_for(gold, actors[a])
        ]
        if not matches:
            score.missed.append(gold.name)
            continue
        score.found.append(gold.name)
        claimed.update(m["id"] for m in matches)
        if gold.wikidata and all(m["id"] != gold.wikidata for m in matches):
            score.wrong_id.append((gold.name, matches[0]["id"]))
        if gold.countries and gold.type != "Country":
            countries = {fold(m.get("country") or "") for m in matches} - {""}
            if not countries:
                score.unaffiliated.append(gold.name)
            elif not countries & gold.countries:
                score.wrong_country.append((gold.name, ", ".join(sorted(countries))))
    for actor_id in sorted(mentioned - claimed):
        actor = actors.get(actor_id, {"id": actor_id, "name": actor_id})
        if _predicted_names(actor) & others:
            continue
        score.spurious.append((actor_id, actor.get("name") or actor_id))
    return score


def score_build(gold_files: Iterable[Path], build_dir: Path) -> Report:
    """Score every gold file's article found in ``build_dir`` (matched by file name)."""
    build_dir = Path(build_dir)
    articles = _read_jsonl(build_dir / "articles.jsonl")
    by_name = {}
    for row in articles:
        source = str(row.get("path") or row.get("source") or "")
        if source:
            by_name[Path(source.split(":")[0]).name] = row["id"]
    mentioned: dict[str, set[str]] = {}
    for row in _read_jsonl(build_dir / "mentions.jsonl"):
        mentioned.setdefault(row.get("article_id"), set()).add(row.get("actor_id"))
    actors = {row["id"]: row for row in _read_jsonl(build_dir / "actors.jsonl") if "id" in row}
    report = Report([])
    for gold_path in gold_files:
        gold_path = Path(gold_path)
        data = _read_json(gold_path)
        if not isinstance(data, dict) or not data.get("article"):
            raise ScoringError(f"{gold_path}: a gold file names its 'article'")
        article_id = by_name.get(Path(data["article"]).name)
        if article_id is None:
            raise ScoringError(f"{gold_path}: article {data['article']!r} is not in {build_dir}")
        report.articles.append(
            score_article(gold_path, data, article_id, mentioned.get(article_id, set()), actors)
        )
    return report


def format_report(report: Report) -> str:
    lines = []
    for a in report.articles:
        lines.append(
            f"{Path(a.gold_file).stem}: {len(a.found)}/{a.gold} found, {len(a.spurious)} spurious"
        )
        for label, items in (
            ("missed", a.missed),
            ("wrong id", a.wrong_id),
            ("wrong country", a.wrong_country),
            ("unaffiliated", a.unaffiliated),
            ("spurious", a.spurious),
        ):
            if items:
                shown = ", ".join(" -> ".join(i) if isinstance(i, tuple) else i for i in items)
                lines.append(f"  {label}: {shown}")
    lines.append(
        f"total: {report.found}/{report.gold} gold actors found, {report.spurious} spurious, "
        f"{sum(len(a.wrong_id) for a in report.articles)} wrong ids, "
        f"{sum(len(a.wrong_country) for a in report.articles)} wrong countries, "
        f"{sum(len(a.unaffiliated) for a in report.articles)} unaffiliated"
    )
    return "\n".join(lines)
