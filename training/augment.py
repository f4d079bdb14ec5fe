"""Silver augmentation of gold training sentences.

Name substitution swaps each gold name for another name of the same label
and the same number of words (so the gold tree, tags and morphology stay
valid), drawn from the lexicons. It teaches the NER that unfamiliar names in
familiar contexts ("Ukrainian President X said") are still names, which the
166k-word GUM corpus alone cannot. Typographic variants turn straight quotes
and apostrophes into the curly ones most news sites print.
"""

from __future__ import annotations

import random
from dataclasses import replace
from functools import lru_cache

from training.conllu import Word
from training.lexicons import entries

_CURLY = {("'s", None): "’s", ("n't", None): "n’t", ("'", "``"): "‘", ("'", "''"): "’",
          ('"', "``"): "“", ('"', "''"): "”", ("'re", None): "’re", ("'ve", None): "’ve",
          ("'ll", None): "’ll", ("'m", None): "’m", ("'d", None): "’d"}


def _multiword(names: tuple[str, ...]) -> dict[int, list[list[str]]]:
    by_length: dict[int, list[list[str]]] = {}
    for name in names:
        if "," in name:
            continue
        parts = name.split()
        by_length.setdefault(len(parts), []).append(parts)
    return by_length


@lru_cache(maxsize=None)
def _pools() -> dict[str, dict[int, list[list[str]]]]:
    given = [g for g in entries("given_names") if " " not in g]
    family = [f for f in entries("family_names") if " " not in f]
    persons: dict[int, list[list[str]]] = {1: [[f] for f in family]}
    persons[2] = [[g, f] for g in given for f in family]
    persons[3] = [[g, h, f] for g in given[:20] for h in given[20:40] for f in family]
    return {
        "PERSON": persons,
        "GPE": _multiword(entries("countries") + entries("cities")),
        "ORG": _multiword(entries("organizations")),
        "LOC": _multiword(entries("loc_names")),
    }


def substitute_names(
    words: list[Word], spans: list[tuple[int, int, str]], rng: random.Random, rate: float = 0.7
) -> list[Word]:
    """A copy of the sentence where some names are replaced by same-length names of the same label."""
    out = list(words)
    pools = _pools()
    for start, end, label in spans:
        options = pools.get(label, {}).get(end - start)
        if not options or rng.random() > rate:
            continue
        name = rng.choice(options)
        for offset, part in enumerate(name):
            old = out[start + offset]
            out[start + offset] = replace(old, form=part, lemma=part)
    return out


def curly_quotes(words: list[Word]) -> list[Word]:
    """A copy with straight quotes and apostrophes made typographic."""
    out = []
    for word in words:
        form = _CURLY.get((word.form, word.xpos)) or _CURLY.get((word.form.lower(), None))
        out.append(replace(word, form=form) if form else word)
    return out
