"""Word lists the load-time components share with the actors step.

The title words that end a person's name and the place words that begin a place name
are the actors' lexicon lists (``graphbuild/data/actors/lexicon.json``), kept in one
data file so that the NER's clean-up and the actor rules agree. Read once per process.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_LEXICON = Path(__file__).resolve().parent.parent / "data" / "actors" / "lexicon.json"


@cache
def _lexicon() -> dict:
    with _LEXICON.open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def actor_words(*keys: str) -> frozenset[str]:
    """The words of the actors' lexicon lists ``keys``, together."""
    lexicon = _lexicon()
    return frozenset(word for key in keys for word in lexicon[key])
