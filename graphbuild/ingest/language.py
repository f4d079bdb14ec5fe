"""A cheap check that a text is English, so other languages are skipped with a warning
instead of yielding nonsense parses. Function words are a strong, fast signal."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENGLISH_FUNCTION_WORDS = frozenset(
    """the of and to in a is that for on with as was by it at from he his be are
    this an have has not but or they its which their said were been will would who
    had after over more than also about into says she her we our you i on against""".split()
)


def english_score(text: str, sample: int = 5000) -> tuple[float, int]:
    """Share of English function words among the first words, and how many words were seen."""
    words = [w.lower() for w in _WORD.findall(text[:sample])]
    if not words:
        return 0.0, 0
    hits = sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS)
    return hits / len(words), len(words)


def looks_english(text: str) -> bool:
    """False only when there is enough text to judge and almost no English function words."""
    score, count = english_score(text)
    if count < 25:
        return True  # too short to judge: give it the benefit of the doubt
    return score >= 0.08
