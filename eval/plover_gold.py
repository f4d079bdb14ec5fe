"""Convert the PLOVER gold-standard records into graphbuild's event gold format.

The PLOVER records (Open Event Data Alliance, CC BY-SA 4.0) code one sentence
each: source and target actors as a country code (or IGO/NGO) plus a sector,
and a PLOVER event type. graphbuild scores relations at the level
(subject country or organisation, object country or organisation, family), so
each record becomes one short article with the relations a PLOVER coder
asserts at that level (docs/evaluation.md, "PLOVER records").

    python eval/plover_gold.py [PLOVER_GSR_CAMEO.txt] [-o eval/plover-gold.json]

The output is written to a temporary file and renamed, so a failed run never
leaves half a gold file.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
from itertools import permutations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "eval" / "plover" / "PLOVER_GSR_CAMEO.txt"
DEFAULT_OUT = ROOT / "eval" / "plover-gold.json"
COUNTRIES = ROOT / "graphbuild" / "data" / "actors" / "countries.csv"

# PLOVER event type -> graphbuild family; None: the type is not a stance, a meeting
# or a request between two actors (docs/evaluation.md explains each choice).
FAMILY_OF_EVENT: dict[str, str | None] = {
    "AGREE": "SUPPORTS",
    "SUPPORT": "SUPPORTS",
    "COOPERATE": "SUPPORTS",
    "AID": "SUPPORTS",
    "CONSULT": "MEETS",
    "REQUEST": "REQUESTS",
    "DEMAND": "REQUESTS",
    "ACCUSE": "OPPOSES",
    "DISAPPROVE": "OPPOSES",
    "REJECT": "OPPOSES",
    "THREATEN": "OPPOSES",
    "PROTEST": "OPPOSES",
    "SANCTION": "OPPOSES",
    "MOBILIZE": "OPPOSES",
    "COERCE": "OPPOSES",
    "ASSAULT": "OPPOSES",
    "FIGHT": "OPPOSES",
    "CONCEDE": None,
    "RETREAT": None,
    "INVESTIGATE": None,
}
SYMMETRIC = {"MEETS"}

# The records use event types of PLOVER 0.5; their names in the CAMEO2PLOVER-2021
# table graphbuild codes with (the PLOVER manual's CAMEO-to-PLOVER translation).
PLOVER_2021 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
               "FIGHT": "ASSAULT"}  # fmt: skip

# Codes in the records that are not ISO 3166 alpha-3, and what they stand for.
COUNTRY_CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

# IGO / NGO / IMG actors: the organisation each actor text stands for (names as in
# graphbuild's organisation table where it has them; Wikidata ids where checked).
# None: the text names no identifiable organisation. A country name: the record's
# code is wrong and the actor is that country's.
ORGANISATIONS: dict[str, tuple[str, str | None] | None] = {
    "Amnesty International": ("Amnesty International", "Q42970"),
    "Arab League Secretary General Chadli Klibi": ("Arab League", "Q7172"),
    "Arab League Secretary-General Chedli Klibi": ("Arab League", "Q7172"),
    "Asia-Pacific Economic Cooperation": ("Asia-Pacific Economic Cooperation", None),
    # the European Community's successor is the European Union
    "European Community": ("European Union", "Q458"),
    "European common market": ("European Union", "Q458"),
    "IAEA": ("International Atomic Energy Agency", None),
    "International Atomic Energy Agency": ("International Atomic Energy Agency", None),
    "International Labor Office": ("International Labour Organization", None),
    "Kofi Annan": ("United Nations", "Q1065"),
    "U.N. Secretary-General Kofi Annan": ("United Nations", "Q1065"),
    "United Nations Emergency Relief Coordinator": ("United Nations", "Q1065"),
    "UN peackeepers": ("United Nations", "Q1065"),
    "United Nations peacekeepers": ("United Nations", "Q1065"),
    "United Nations military personnel": ("United Nations", "Q1065"),
    "United Nations civilian personnel": ("United Nations", "Q1065"),
    "U.N.": ("United Nations", "Q1065"),
    "UN": ("United Nations", "Q1065"),
    "United Nations": ("United Nations", "Q1065"),
    "U.N. war crimes court": ("International Criminal Tribunal for the former Yugoslavia", None),
    "UN refugee agency": ("UN Refugee Agency", None),
    "NATO": ("NATO", "Q7184"),
    "NATO  peacekeeping troops": ("NATO", "Q7184"),
    "OSCE": ("Organization for Security and Co-operation in Europe", "Q81299"),
    "Red Cross": ("International Committee of the Red Cross", None),
    "Red Cross operating in Iraq": ("International Committee of the Red Cross", None),
    "Red Crescent in Bam": ("Iranian Red Crescent Society", None),
    "Security Council": ("United Nations Security Council", "Q37470"),
    "U.N. Security Council": ("United Nations Security Council", "Q37470"),
    "Serbian military police": ("SRB", None),  # coded IGO by mistake: Serbia's police
    "Osama bin Laden's al-Qaeda": ("al-Qaeda", "Q34490"),
    "al-Qaeda leaders": ("al-Qaeda", "Q34490"),
    "Association of African Jurists": ("Association of African Jurists", None),
    "Ceasefire Violations Committee (CFVC)": ("Ceasefire Violations Committee", None),
    "Third World Water Forum": ("World Water Forum", None),
    "new EU members": None,
    "regional peacekeeping force": None,
    "human rights group": None,
    "Muslim hackers": None,
}
ORGANISATION_CODES = {"IGO", "NGO", "IMG", "ISM"}
ORGANISATION_TYPE = {"al-Qaeda": "ArmedGroup"}

ABOUT = (
    "The PLOVER gold-standard records (322 sentences edited from the CAMEO manual's "
    "examples), converted by eval/plover_gold.py. Each record is one short article; its "
    "'required' relations are the PLOVER coder's source x target actor pairs, at the level "
    "(country or organisation, family), the family taken from the PLOVER event type by "
    "'family_of_event'. Where the record's source and target are the same sides of one "
    "act (no target; 'SRC/TAR' markup), each ordered pair of sources is required (one "
    "unordered pair for MEETS). Records whose event type has no family keep their actor "
    "pairs as 'optional' in every family (neither right nor wrong) and count for precision; "
    "records with no pair of two different identifiable countries or organisations (an "
    "internal event, one side only) say why in 'unscored' and are not scored at all. Scored by `graphbuild eval eval/plover-gold.json --predict`, "
    "which counts a predicted person or national body as its country (country_id) unless "
    "the gold names it as an organisation. Sectors are kept for reference, not scored."
)


def load_countries(path: Path = COUNTRIES) -> dict[str, dict[str, str]]:
    """ISO 3166 alpha-3 code -> {name, wikidata} from graphbuild's country table."""
    with open(path, encoding="utf-8", newline="") as handle:
        return {
            row["iso3"]: {"name": row["name"], "wikidata": row["wikidata"]}
            for row in csv.DictReader(handle)
            if row.get("iso3")
        }


def _actor_list(value) -> list[dict]:
    """The record's source or target list; '' / None / a stray string mean none."""
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def resolve(actor: dict, countries: dict, where: str) -> tuple[str | None, dict | None, str]:
    """(gold actor name, its gold entry, why not) for one PLOVER actor."""
    code = (actor.get("code") or "").strip()
    text = " ".join(str(actor.get("actorText") or "").split()) or code
    if code in ORGANISATION_CODES:
        raw = str(actor.get("actorText") or "")
        if raw not in ORGANISATIONS and text not in ORGANISATIONS:
            raise SystemExit(f"{where}: {code} actor {raw!r} is not in ORGANISATIONS")
        target = ORGANISATIONS.get(raw, ORGANISATIONS.get(text))
        if target is None:
            return None, None, f"{text!r} names no identifiable country or organisation"
        name, wikidata = target
        if name in countries:  # a country code written in the organisation table
            code = name
        else:
            entry = {"type": ORGANISATION_TYPE.get(name, "Organization"), "code": code}
            if wikidata:
                entry["wikidata"] = wikidata
            return name, entry, ""
    if not code:
        return None, None, f"{text!r} has no country code"
    code = COUNTRY_CODE_FIXES.get(code, code)
    country = countries.get(code)
    if country is None:
        raise SystemExit(f"{where}: country code {code!r} is not in {COUNTRIES}")
    entry = {"type": "Country", "code": code}
    if country["wikidata"]:
        entry["wikidata"] = country["wikidata"]
    return country["name"], entry, ""


def _context(value) -> list[str]:
    return [c.strip() for c in str(value or "").split(",") if c.strip()]


def convert_record(record: dict, countries: dict, actors: dict) -> dict | None:
    """One PLOVER record as a graphbuild event gold record (None for documentation rows)."""
    if record.get("event") == "DOCUMENT" or not record.get("text"):
        return None
    where = record["id"]
    event = record["event"]
    if event not in FAMILY_OF_EVENT:
        raise SystemExit(f"{where}: event type {event!r} is not in FAMILY_OF_EVENT")
    family = FAMILY_OF_EVENT[event]
    sides: dict[str, list[dict]] = {}
    problems: list[str] = []
    for side in ("source", "target"):
        sides[side] = []
        for actor in _actor_list(record.get(side)):
            name, entry, why = resolve(actor, countries, where)
            if name and entry:
                actors.setdefault(name, entry)
            if why:
                problems.append(why)
            sides[side].append(
                {
                    "text": " ".join(str(actor.get("actorText") or "").split()),
                    "code": actor.get("code") or None,
                    "sector": actor.get("sector") or None,
                    "actor": name,
                }
            )
    sources = [a["actor"] for a in sides["source"] if a["actor"]]
    targets = [a["actor"] for a in sides["target"] if a["actor"]]
    reciprocal = not sides["target"]
    if reciprocal:
        pairs = list(permutations(dict.fromkeys(sources), 2))
    else:
        pairs = [(s, t) for s in dict.fromkeys(sources) for t in dict.fromkeys(targets)]
    pairs = [(s, t) for s, t in pairs if s != t]
    relations: list[dict] = []
    seen: set[tuple] = set()
    for subject, obj in pairs:
        if family in SYMMETRIC:
            key = tuple(sorted((subject, obj)))
            if key in seen:
                continue
            seen.add(key)
        relations.append({"subject": subject, "family": family, "object": obj})
    out = {
        "id": record["id"],
        "text": record["text"],
        "date": record.get("date"),
        "event": event,
        "plover_type": PLOVER_2021.get(event, event),
        "mode": record.get("mode") or None,
        "context": _context(record.get("context")),
        "family": family,
        "reciprocal": reciprocal,
        "source": sides["source"],
        "target": sides["target"],
        "required": [],
        "optional": [],
        "unscored": None,
    }
    if record.get("comment"):
        out["comment"] = record["comment"]
    if not relations:
        if problems:
            out["unscored"] = "; ".join(problems)
        elif reciprocal or not sources:
            out["unscored"] = "no pair of two actors (one side only)"
        else:
            out["unscored"] = "source and target are the same actor (an internal event)"
    elif family is None:
        out["note"] = f"PLOVER {event} has no graphbuild family: its pairs are optional"
        out["optional"] = [
            {"subject": r["subject"], "family": f, "object": r["object"]}
            for r in relations
            for f in ("SUPPORTS", "OPPOSES", "MEETS", "REQUESTS")
        ]
    else:
        out["required"] = relations
        if problems:
            out["note"] = "; ".join(problems)
    return out


def convert(records: list[dict], countries: dict) -> dict:
    actors: dict[str, dict] = {}
    converted = [r for r in (convert_record(x, countries, actors) for x in records) if r]
    seen: dict[str, int] = {}
    for record in converted:  # the source repeats an id once: the second gets a suffix
        seen[record["id"]] = seen.get(record["id"], 0) + 1
        if seen[record["id"]] > 1:
            record["source_id"] = record["id"]
            record["id"] = f"{record['id']}-{seen[record['id']]}"
    return {
        "about": ABOUT,
        "format": "graphbuild-event-gold/1",
        "source": "PLOVER_GSR_CAMEO.txt from github.com/openeventdata/PLOVER "
        "(commit 5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f)",
        "licence": "CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/); "
        "see eval/PLOVER-LICENSE.md",
        "attribution": "Copyright 2016 by the Open Event Data Alliance; converted to "
        "graphbuild's gold format by the graphbuild project",
        "family_of_event": FAMILY_OF_EVENT,
        "actors": dict(sorted(actors.items())),
        "records": converted,
    }


def write_atomic(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1, ensure_ascii=False)
            handle.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        records = json.loads(args.source.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        print(f"{args.source}: cannot read the PLOVER records: {exc}", file=sys.stderr)
        return 2
    data = convert(records, load_countries())
    write_atomic(args.out, data)
    scored = [r for r in data["records"] if r["required"]]
    print(
        f"{args.out}: {len(data['records'])} records, {len(scored)} with required relations "
        f"({sum(len(r['required']) for r in scored)} relations)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
