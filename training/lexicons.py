"""Word lists that steer the GUM-to-NER conversion and the name augmentation.

They live in ``training/lexicons/*.txt`` (one entry per line, ``#`` comments)
so that people can edit them without touching code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of ``lexicons/<name>.txt`` in file order, blank lines and comments dropped."""
    path = LEXICON_DIR / f"{name}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(stripped for line in lines if (stripped := line.split("#", 1)[0].strip()))


@cache
def folded(name: str) -> frozenset[str]:
    """The entries of a lexicon, case-folded, for membership tests."""
    return frozenset(entry.casefold() for entry in entries(name))
