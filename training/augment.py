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
from functools import cache

from training.conllu import Word
from training.kb_names import kb_names
from training.lexicons import entries

KB_SHARE = 0.4  # with --kb-names: this share of substituted names of a length comes from the KB

_CURLY = {
    ("'s", None): "’s",
    ("n't", None): "n’t",
    ("'", "``"): "‘",
    ("'", "''"): "’",
    ('"', "``"): "“",
    ('"', "''"): "”",
    ("'re", None): "’re",
    ("'ve", None): "’ve",
    ("'ll", None): "’ll",
    ("'m", None): "’m",
    ("'d", None): "’d",
}


def _multiword(names: tuple[str, ...]) -> dict[int, list[list[str]]]:
    by_length: dict[int, list[list[str]]] = {}
    for name in names:
        if "," in name:
            continue
        parts = name.split()
        by_length.setdefault(len(parts), []).append(parts)
    return by_length


@cache
def _pools(
    kb_share: float = 0.0, person_kb_share: float = 0.0
) -> dict[str, dict[int, list[list[str]]]]:
    given = [g for g in entries("given_names") if " " not in g]
    family = [f for f in entries("family_names") if " " not in f]
    persons: dict[int, list[list[str]]] = {1: [[f] for f in family]}
    persons[2] = [[g, f] for g in given for f in family]
    persons[3] = [[g, h, f] for g in given[:20] for h in given[20:40] for f in family]
    for entry in entries("east_asian_names"):
        family_name, _, given_name = entry.partition("|")
        parts = [family_name, *given_name.split()]
        # weighted so that family-name-first names are about a tenth of the two-word pool
        persons.setdefault(len(parts), []).extend([parts] * (len(persons[2]) // 400 + 1))
    pools = {
        "PERSON": persons,
        "GPE": _multiword(entries("countries") + entries("cities")),
        "ORG": _multiword(entries("organizations")),
        "LOC": _multiword(entries("loc_names")),
    }
    if kb_share:
        for label, names in kb_names().items():
            pools[label] = _blend(pools[label], names, kb_share)
    elif person_kb_share:
        # PERSON only: news names leaders from every region, the generic lists mostly Western names
        pools["PERSON"] = _blend(pools["PERSON"], kb_names()["PERSON"], person_kb_share)
    return pools


def _blend(
    pool: dict[int, list[list[str]]], names: tuple[str, ...], share: float
) -> dict[int, list[list[str]]]:
    """The pool with knowledge-base names added, repeated so they make up about ``share`` of each length."""
    blended = {length: list(options) for length, options in pool.items()}
    for length, extra in _multiword(names).items():
        generic = len(pool.get(length, []))
        weight = max(1, round(share * generic / ((1 - share) * len(extra))))
        blended.setdefault(length, []).extend(extra * weight)
    return blended


def substitute_names(
    words: list[Word],
    spans: list[tuple[int, int, str]],
    rng: random.Random,
    rate: float = 0.7,
    kb_share: float = 0.0,
    person_kb_share: float = 0.0,
) -> list[Word]:
    """A copy of the sentence where some names are replaced by same-length names of the same label.

    ``kb_share`` > 0 draws that share of the names from the actor knowledge base
    (training/kb_names.py); ``person_kb_share`` does so for person names only.
    The shipped model was trained with 0 for both (docs/model.md).
    """
    out = list(words)
    pools = _pools(kb_share, person_kb_share)
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


def insert_titles(
    words: list[Word], spans: list[tuple[int, int, str]], rng: random.Random, rate: float = 0.25
) -> tuple[list[Word], list[tuple[int, int, str]]]:
    """Put "[Demonym] Title" before some bare person names, with UD-consistent syntax.

    GUM has few "Russian President X" phrases, which news is full of; the
    inserted title is ``nmod:desc`` of the name (as GUM and EWT annotate it),
    a second title word is its ``compound``, the demonym its ``amod`` and NORP.
    """
    titles = [t.split("|") for t in entries("person_titles")]
    demonyms = [d for d in entries("demonym_adjectives") if " " not in d]
    out, out_spans = list(words), []
    shift = 0
    for start, end, label in spans:
        start, end = start + shift, end + shift
        previous = out[start - 1] if start > 0 else None
        if (
            label != "PERSON"
            or rng.random() > rate
            or (previous is not None and (previous.upos == "PROPN" or previous.form[:1].isupper()))
        ):
            out_spans.append((start, end, label))
            continue
        name_head = next(
            (i for i in range(start, end) if not start <= out[i].head - 1 < end), start
        )
        title = rng.choice(titles)
        new: list[Word] = []
        demonym = (
            rng.choice(demonyms)
            if rng.random() < 0.5 and title[-1] not in {"Mr.", "Mrs.", "Ms.", "Dr."}
            else None
        )
        if demonym:
            new.append(Word(demonym, demonym, "ADJ", "JJ", "Degree=Pos", 0, "amod", {}))
        for word in title[:-1]:
            new.append(Word(word, word, "PROPN", "NNP", "Number=Sing", 0, "compound", {}))
        new.append(Word(title[-1], title[-1], "PROPN", "NNP", "Number=Sing", 0, "nmod:desc", {}))
        count = len(new)
        # re-point every head after the insertion point, then attach the new words
        for index, word in enumerate(out):
            if word.head - 1 >= start:
                out[index] = replace(word, head=word.head + count)
        title_position = start + count  # 1-based index of the last title word
        name_position = name_head + count + 1
        for index, word in enumerate(new):
            head = name_position if word.deprel == "nmod:desc" else title_position
            new[index] = replace(word, head=head)
        out[start:start] = new
        if demonym:
            out_spans.append((start, start + 1, "NORP"))
        out_spans.append((start + count, end + count, label))
        shift += count
    return out, out_spans
