"""Names from graphbuild's actor knowledge base, for name-substitution augmentation.

The generic lexicons teach the NER that unfamiliar names are names; the
knowledge base adds the names news is actually full of: leaders from every
region (not only Western given/family names), organisations by their
acronyms ("ECOWAS", "SADC", "IAEA"), capitals. Without them an unseen
acronym at the start of a sentence ("ECOWAS imposed sanctions") is read by
its suffix and tagged as a verb. The issue allows silver names from the
knowledge base; they only replace gold names of the same label and length,
so no gold annotation is overwritten.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

ACTOR_DIR = Path(__file__).resolve().parent.parent / "graphbuild" / "data" / "actors"
KB_FILES = tuple(ACTOR_DIR / f"{name}.csv" for name in ("countries", "organizations", "people"))


def actor_rows(name: str) -> list[dict[str, str]]:
    """The rows of one of the knowledge base's CSV files (``countries``, ``people``, ...)."""
    with (ACTOR_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def split_list(value: str | None) -> list[str]:
    """A ``|``-separated cell ("aliases", "capital") as its parts."""
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def _usable(name: str) -> bool:
    """Names that tokenise into words the way the treebank's names do (no commas or brackets)."""
    return bool(name) and not any(ch in name for ch in ',()"/~')


@cache
def kb_names() -> dict[str, tuple[str, ...]]:
    """PERSON, ORG and GPE names from the knowledge base, each list without duplicates."""
    people: list[str] = []
    for row in actor_rows("people"):
        for name in [row["name"], *split_list(row.get("aliases"))]:
            people.append(name)
        surname = row["name"].split()[-1]
        if len(row["name"].split()) > 1:
            people.append(surname)  # news names people by surname after the first mention
    organizations = [
        name
        for row in actor_rows("organizations")
        for name in [row["name"], *split_list(row.get("aliases"))]
    ]
    places = [
        name
        for row in actor_rows("countries")
        for name in [row["name"], *split_list(row.get("aliases")), *split_list(row.get("capital"))]
    ]
    return {
        label: tuple(dict.fromkeys(n for n in (name.lstrip("~") for name in names) if _usable(n)))
        for label, names in (("PERSON", people), ("ORG", organizations), ("GPE", places))
    }
