"""The codes event-data users work with beside CAMEO: the PLOVER event type, mode and
context, and the Goldstein score, looked up from a relation's CAMEO code.

Both tables are data in ``graphbuild/data/relations/``: ``plover.csv`` (derived from
the PLOVER project's CAMEO2PLOVER-2021 table) and ``goldstein.csv``. A code missing
from a table takes the row of its nearest parent code (0314 -> 031 -> 03), so a finer
code a lexicon entry gives still gets its codes.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .ontology import DATA_DIR, OntologyError

PLOVER_FILE = DATA_DIR / "plover.csv"
WORD = re.compile(r"[a-z][a-z_-]*")
GOLDSTEIN_FILE = DATA_DIR / "goldstein.csv"


@dataclass(frozen=True)
class PloverCode:
    type: str | None
    mode: str | None
    context: tuple[str, ...] = ()


NO_PLOVER = PloverCode(None, None, ())


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) of a CSV file whose leading '#' lines are comments."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise OntologyError(f"{path}: cannot read: {exc.strerror or exc}") from None
    start = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    reader = csv.DictReader(lines[start:])
    return [(start + reader.line_num, row) for row in reader]


def _code(value: str | None, path: Path, number: int) -> str:
    code = (value or "").strip()
    if not (code.isdigit() and 2 <= len(code) <= 4):
        raise OntologyError(f"{path}:{number}: {value!r} is not a CAMEO code (2 to 4 digits)")
    return code


@lru_cache(maxsize=4)
def load_plover(path: Path = PLOVER_FILE) -> dict[str, PloverCode]:
    """CAMEO code -> PloverCode, from ``plover.csv``."""
    table: dict[str, PloverCode] = {}
    for number, row in _rows(path):
        code = _code(row.get("cameo"), path, number)
        event = (row.get("plover_type") or "").strip() or None
        if event is not None and not event.isupper():
            raise OntologyError(f"{path}:{number}: PLOVER type {event!r} is not upper case")
        mode = (row.get("plover_mode") or "").strip() or None
        context = tuple(
            c.strip() for c in (row.get("plover_context") or "").split(";") if c.strip()
        )
        for word in (mode, *context):  # plain words: stores write them into lists and CSV
            if word is not None and not WORD.fullmatch(word):
                raise OntologyError(f"{path}:{number}: {word!r} is not a PLOVER mode or context")
        table[code] = PloverCode(event, mode, context)
    return table


@lru_cache(maxsize=4)
def load_goldstein(path: Path = GOLDSTEIN_FILE) -> dict[str, float]:
    """CAMEO code -> Goldstein score, from ``goldstein.csv``."""
    table: dict[str, float] = {}
    for number, row in _rows(path):
        code = _code(row.get("cameo"), path, number)
        try:
            score = float(row.get("goldstein") or "")
        except ValueError:
            raise OntologyError(
                f"{path}:{number}: Goldstein score {row.get('goldstein')!r} is not a number"
            ) from None
        if not -10 <= score <= 10:
            raise OntologyError(f"{path}:{number}: Goldstein score {score} is not in -10..10")
        table[code] = score
    return table


def _nearest(table: dict, cameo: str | None):
    """The entry of ``cameo`` or of its nearest parent code; None when there is none."""
    code = str(cameo or "").strip()
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return None


def plover_code(cameo: str | None) -> PloverCode:
    """PLOVER type, mode and context of a CAMEO code (all empty for no code, or CAMEO 01)."""
    return _nearest(load_plover(), cameo) or NO_PLOVER


def goldstein(cameo: str | None) -> float | None:
    """Goldstein score of a CAMEO code; None without a code."""
    return _nearest(load_goldstein(), cameo)


def annotate_codes(rel: dict[str, Any]) -> dict[str, Any]:
    """Set ``plover_type``, ``plover_mode``, ``plover_context`` and ``goldstein`` on a
    relation record from its ``cameo`` (in place; the record is returned)."""
    plover = plover_code(rel.get("cameo"))
    rel["plover_type"] = plover.type
    rel["plover_mode"] = plover.mode
    rel["plover_context"] = list(plover.context)
    rel["goldstein"] = goldstein(rel.get("cameo"))
    return rel
