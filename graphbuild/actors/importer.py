"""Importing actors from a user's file (a Wikidata query export, a CSV or JSON list)
into the user knowledge base (``actors.csv`` in the user KB folder), without duplicates:
the same Wikidata id, or the same name and type, is the same actor.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..records import ACTOR_TYPES
from .kb import DATA_DIR, USER_ACTORS_FIELDS, USER_ACTORS_FILE, KnowledgeBase, split_list
from .names import fold

FIELD_NAMES = {
    "wikidata": ("wikidata", "qid", "item", "wikidata_id", "wikidataid", "id"),
    "name": ("name", "itemlabel", "label", "personlabel", "orglabel", "title"),
    "aliases": ("aliases", "itemaltlabel", "altlabel", "alias", "also_known_as"),
    "type": ("type", "instancelabel", "instanceoflabel", "kind", "class"),
    "country": ("country", "countrylabel", "citizenshiplabel", "affiliation", "state"),
    "role": ("role", "positionlabel", "position", "office", "positionheldlabel"),
    "gender": ("gender", "genderlabel", "sexorgenderlabel", "sex"),
}
TYPE_WORDS = (
    ("Person", ("human", "person", "people", "politician", "official")),
    (
        "ArmedGroup",
        ("armed", "militant", "terrorist", "rebel", "paramilitary", "insurgent", "militia"),
    ),
    ("Country", ("country", "sovereign state", "state", "territory", "nation")),
    ("Group", ("ethnic group", "group", "people group")),
    (
        "Organization",
        ("organization", "organisation", "agency", "party", "union", "alliance", "bloc"),
    ),
)
_QID = re.compile(r"(Q\d+)$")


class ActorImportError(ValueError):
    """The import file cannot be read at all; the message says why."""


@dataclass
class ImportReport:
    added: int = 0
    merged: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)
    target: Path | None = None

    def summary(self) -> str:
        return (
            f"{self.added} actors added, {self.merged} merged into existing ones, "
            f"{self.unchanged} already known, {len(self.problems)} rows skipped; "
            f"written to {self.target}"
        )


def read_rows(path: Path) -> list[tuple[str, dict]]:
    """(where, row) pairs from a CSV/TSV, JSON list, JSON Lines or Wikidata SPARQL JSON file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ActorImportError(f"{path}: cannot read ({exc})") from exc
    stripped = text.lstrip()
    if path.suffix.lower() == ".jsonl" or (stripped.startswith("{") and "\n{" in stripped):
        rows = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    rows.append((f"{path}:{number}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    raise ActorImportError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        return rows
    if stripped.startswith(("[", "{")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ActorImportError(f"{path}:{exc.lineno}: not JSON ({exc.msg})") from exc
        if isinstance(data, dict) and "results" in data:  # SPARQL JSON results
            data = [
                {k: v.get("value") for k, v in b.items()}
                for b in data.get("results", {}).get("bindings", [])
            ]
        if not isinstance(data, list):
            raise ActorImportError(f"{path}: expected a JSON list of objects or SPARQL results")
        return [(f"{path}: item {i + 1}", row) for i, row in enumerate(data)]
    dialect = (
        "excel-tab" if path.suffix.lower() == ".tsv" or "\t" in text.split("\n", 1)[0] else "excel"
    )
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if not reader.fieldnames:
        raise ActorImportError(f"{path}: no header row")
    return [(f"{path}:{reader.line_num}", row) for row in reader]


def _pick(row: dict, key: str) -> str:
    lowered = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    for name in FIELD_NAMES[key]:
        value = lowered.get(name)
        if value not in (None, ""):
            if isinstance(value, list):
                return "|".join(str(v) for v in value)
            return str(value).strip()
    return ""


def _type_from(value: str, default: str) -> str | None:
    if value in ACTOR_TYPES:
        return value
    low = value.lower()
    if not low:
        return default
    for type_, words in TYPE_WORDS:
        if any(word in low for word in words):
            return type_
    return None


def normalise_row(row: dict, where: str, default_type: str, kb: KnowledgeBase) -> dict | str:
    """The row in the user KB's ``actors.csv`` form, or a one-line problem."""
    if not isinstance(row, dict):
        return f"{where}: not an object with fields"
    raw_id = _pick(row, "wikidata")
    match = _QID.search(raw_id)
    wikidata = match.group(1) if match else ""
    name = _pick(row, "name")
    if not name or _QID.fullmatch(name):
        return f"{where}: no name (a label column such as itemLabel or name)"
    type_ = _type_from(_pick(row, "type"), default_type)
    if type_ is None:
        return f"{where}: type {_pick(row, 'type')!r} is not one of {', '.join(ACTOR_TYPES)}"
    aliases = split_list(_pick(row, "aliases").replace(", ", "|"))
    country = _pick(row, "country")
    if country:
        body = kb.find_body(country)
        if body is None:
            return f"{where}: country {country!r} is not in the knowledge base (import it first)"
        country = body.name
    gender = {"male": "m", "female": "f", "m": "m", "f": "f"}.get(_pick(row, "gender").lower(), "")
    return {
        "id": "",
        "wikidata": wikidata,
        "name": name,
        "type": type_,
        "aliases": "|".join(a for a in aliases if a != name),
        "country": country,
        "role": _pick(row, "role"),
        "gender": gender,
    }


def _key(row: dict) -> tuple[str, str]:
    if row.get("wikidata"):
        return ("wikidata", row["wikidata"])
    return ("name", f"{fold(row['name'])}|{row['type']}")


def _keys(row: dict) -> list[tuple[str, str]]:
    """Every key a user KB row answers to: its id, its Wikidata id, its name and type."""
    keys = [("id", row["id"])] if row.get("id") else []
    if row.get("wikidata"):
        keys.append(("wikidata", row["wikidata"]))
    keys.append(("name", f"{fold(row['name'])}|{row['type']}"))
    return keys


def _merge_rows(old: dict, new: dict) -> bool:
    """Fold ``new`` into ``old``; True if anything changed."""
    changed = False
    aliases = split_list(old.get("aliases"))
    known = {fold(a) for a in aliases} | {fold(old["name"])}
    for alias in split_list(new.get("aliases")) + (
        [new["name"]] if fold(new["name"]) not in known else []
    ):
        if fold(alias) not in known:
            aliases.append(alias)
            known.add(fold(alias))
            changed = True
    old["aliases"] = "|".join(aliases)
    for attr in ("wikidata", "country", "role", "gender"):
        if not old.get(attr) and new.get(attr):
            old[attr] = new[attr]
            changed = True
    return changed


def import_actors(source: Path, kb_dir: Path, default_type: str = "Organization") -> ImportReport:
    """Merge the actors of ``source`` into ``kb_dir/actors.csv`` (written atomically)."""
    if default_type not in ACTOR_TYPES:
        raise ActorImportError(f"--type {default_type!r} is not one of {', '.join(ACTOR_TYPES)}")
    kb_dir.mkdir(parents=True, exist_ok=True)
    target = kb_dir / USER_ACTORS_FILE
    kb = KnowledgeBase.load([DATA_DIR, kb_dir])
    report = ImportReport(target=target)
    existing: list[dict] = []
    if target.exists():
        with target.open(encoding="utf-8", newline="") as handle:
            existing = [dict(row) for row in csv.DictReader(handle)]
    by_key: dict[tuple[str, str], dict] = {}
    for row in existing:
        for key in _keys(row):
            by_key.setdefault(key, row)
    for where, raw in read_rows(source):
        row = normalise_row(raw, where, default_type, kb)
        if isinstance(row, str):
            report.problems.append(row)
            continue
        key = _key(row)
        known = kb.actors.get(row["wikidata"]) if row["wikidata"] else None
        if known is None and not row["wikidata"]:
            known = next((a for a in kb.find_all(row["name"]) if a.type == row["type"]), None)
        if known is not None:
            if not _merge_rows(_known_state(kb, known), row):
                report.unchanged += 1
                continue
            base = {
                "id": known.id,
                "wikidata": known.wikidata or "",
                "name": known.name,
                "type": known.type,
                "aliases": "",
                "country": "",
                "role": "",
                "gender": "",
            }
            target_row = next((by_key[k] for k in _keys(base) if k in by_key), None)
            if target_row is None:
                target_row = base
                existing.append(base)
                for k in _keys(base):
                    by_key[k] = base
            _merge_rows(target_row, row)
            report.merged += 1
        elif key in by_key:  # added earlier in this same import
            if _merge_rows(by_key[key], row):
                report.merged += 1
            else:
                report.unchanged += 1
        else:
            existing.append(row)
            for k in _keys(row):
                by_key[k] = row
            report.added += 1
    _write_rows(target, existing)
    return report


def _known_state(kb: KnowledgeBase, actor) -> dict:
    """What the knowledge base already says of an actor, in row form."""
    return {
        "name": actor.name,
        "aliases": "|".join(actor.aliases),
        "wikidata": actor.wikidata or "",
        "country": actor.country or "",
        "role": actor.role or "",
        "gender": kb.gender.get(actor.id, ""),
    }


def _write_rows(target: Path, rows: list[dict]) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=USER_ACTORS_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k) or "" for k in USER_ACTORS_FIELDS})
    os.replace(tmp, target)
