"""Write graphbuild/data/relations/plover.csv from the PLOVER project's CAMEO2PLOVER table.

    python scripts/plover_table.py [CAMEO2PLOVER-2021.txt]

The source table (PLOVER manual draft 0.8, 2021; CC BY-SA 4.0, Open Event Data
Alliance) gives each CAMEO code its PLOVER event type, mode and context. It has
no rows for CAMEO 01 (public statements) or 02 (appeals), and the manual's
cue-category table lists both as "dropped". PLOVER defines REQUEST as "all
requests, demands, and orders", which takes in an appeal, so graphbuild codes
02 as REQUEST: the 02 rows below follow the 10 (demand) rows code for code and
say so in `note`; 01 keeps no PLOVER type.
graphbuild reads the CSV at run time; it never reads the source table.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "eval" / "plover" / "CAMEO2PLOVER-2021.txt"
OUT = ROOT / "graphbuild" / "data" / "relations" / "plover.csv"

HEADER = """\
# CAMEO code -> PLOVER event type, mode and context.
# Derived from CAMEO2PLOVER-2021.txt (PLOVER manual draft 0.8, 17 September 2021,
# edited by Philip Schrodt), github.com/openeventdata/PLOVER, Copyright the Open
# Event Data Alliance, licensed CC BY-SA 4.0
# (https://creativecommons.org/licenses/by-sa/4.0/); this table is shared under the
# same licence. Written by scripts/plover_table.py; rows whose note says so are
# graphbuild's additions (CAMEO 01 and 02, which the source table lacks).
# A CAMEO code not listed takes the row of its nearest parent (0314 -> 031 -> 03).
# plover_context: contexts separated by ';'. An empty plover_type: no PLOVER event type.
"""

APPEAL_NOTE = (
    "not in CAMEO2PLOVER-2021 (PLOVER drops 02; its REQUEST is all requests): "
    "follows the 10 (demand) row with the same digits"
)
STATEMENT_NOTE = "not in CAMEO2PLOVER-2021: PLOVER has no event type for public statements"

# CAMEO 02 codes and their names (CAMEO codebook); mode and context come from the
# 10 row with the same last digits (021 <- 101, 0253 <- 1053 ...).
APPEALS = {
    "02": "Appeal",
    "020": "Make an appeal or request",
    "021": "Appeal for material cooperation",
    "0211": "Appeal for economic cooperation",
    "0212": "Appeal for military cooperation",
    "0213": "Appeal for judicial cooperation",
    "0214": "Appeal for intelligence",
    "022": "Appeal for diplomatic cooperation (such as policy support)",
    "023": "Appeal for aid",
    "0231": "Appeal for economic aid",
    "0232": "Appeal for military aid",
    "0233": "Appeal for humanitarian aid",
    "0234": "Appeal for military protection or peacekeeping",
    "024": "Appeal for political reform",
    "0241": "Appeal for change in leadership",
    "0242": "Appeal for policy change",
    "0243": "Appeal for rights",
    "0244": "Appeal for change in institutions, regime",
    "025": "Appeal to yield",
    "0251": "Appeal for easing of administrative sanctions",
    "0252": "Appeal for easing of popular dissent",
    "0253": "Appeal for release of persons or property",
    "0254": "Appeal for easing of economic sanctions, boycott, or embargo",
    "0255": "Appeal for target to allow international involvement (non-mediation)",
    "0256": "Appeal for de-escalation of military engagement",
    "026": "Appeal to others to meet or negotiate",
    "027": "Appeal to others to settle dispute",
    "028": "Appeal to others to engage in or accept mediation",
}
STATEMENTS = {"01": "Make public statement"}

LINE = re.compile(r"^(?P<code>\d{2,4})\s*:\s*(?P<body>[^#]*?)\s*(?:#\s*(?P<name>.*))?$")


def parse(text: str, where: str) -> dict[str, dict[str, str]]:
    """Rows of the source table by CAMEO code (the first row of a repeated code wins)."""
    rows: dict[str, dict[str, str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#") or line.startswith("~"):
            continue
        match = LINE.match(line)
        if not match:
            raise SystemExit(f"{where}:{number}: cannot read {line!r}")
        fields = [f.strip() for f in match["body"].split(",")]
        fields += [""] * (3 - len(fields))
        event, mode, context = fields[:3]
        if not re.fullmatch(r"[A-Z]+", event):
            raise SystemExit(f"{where}:{number}: no PLOVER event type in {line!r}")
        name = (match["name"] or "").split("21.09.17")[0].strip()
        rows.setdefault(
            match["code"],
            {
                "plover_type": event,
                "plover_mode": mode,
                "plover_context": ";".join(c.strip() for c in context.split(";") if c.strip()),
                "cameo_name": name,
                "note": "",
            },
        )
    return rows


def add_missing(rows: dict[str, dict[str, str]]) -> None:
    for code, name in STATEMENTS.items():
        rows[code] = {
            "plover_type": "",
            "plover_mode": "",
            "plover_context": "",
            "cameo_name": name,
            "note": STATEMENT_NOTE,
        }
    for code, name in APPEALS.items():
        demand = rows["10" + code[2:]]
        rows[code] = dict(demand, cameo_name=name, note=APPEAL_NOTE)


def _order(code: str) -> tuple:
    return (code[:2], code)


def write(rows: dict[str, dict[str, str]], path: Path) -> None:
    buffer = io.StringIO()
    buffer.write(HEADER)
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["cameo", "plover_type", "plover_mode", "plover_context", "cameo_name", "note"])
    for code in sorted(rows, key=_order):
        row = rows[code]
        writer.writerow(
            [
                code,
                row["plover_type"],
                row["plover_mode"],
                row["plover_context"],
                row["cameo_name"],
                row["note"],
            ]
        )
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(buffer.getvalue())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    source = Path(argv[0]) if argv else DEFAULT_SOURCE
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        print(f"{source}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return 2
    rows = parse(text, str(source))
    add_missing(rows)
    write(rows, OUT)
    print(f"{OUT}: {len(rows)} CAMEO codes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
