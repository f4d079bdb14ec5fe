"""Universal NER labels (PER, ORG, LOC) for UD English EWT, read onto graphbuild's labels.

UNER (CC BY-SA 4.0) annotates the EWT sentences that training already uses for
syntax; ``sent_id`` joins them to the trees. Its labels map as follows:

- PER -> PERSON, ORG -> ORG.
- LOC has no GPE/LOC split (countries and cities are LOC). A LOC span becomes
  GPE when it is a country, state, province, city or capital in the gazetteers
  (``lexicons/countries``, ``cities``, ``states`` and the countries, aliases and
  capitals of the actor knowledge base) or is followed by ", <state or
  country>" ("Tampa, FL"); LOC when it is a continent, region or natural feature
  by the rules GUM's conversion uses (``loc_names``, ``loc_keywords``); FAC when
  a facility keyword names it. Any other LOC span is left *missing* (spaCy learns
  nothing about those tokens) rather than guessed.
- UNER does not mark nationalities; the same silver NORP as for GUM
  (``lexicons/norp``) is added outside UNER's names.
- A sentence whose UNER tokens differ from the tree's words (6 of 4,078) keeps
  its NER missing.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from training.conllu import Word
from training.entities import _place_label, _silver_norp
from training.kb_names import ACTOR_DIR
from training.lexicons import folded

UNER_TO_LABEL = {"PER": "PERSON", "ORG": "ORG"}

# a span as (start word, end word, label); label None = leave the tokens missing
Span = tuple[int, int, str | None]


def read_iob2(path: Path) -> dict[str, list[tuple[str, str]]]:
    """(word, tag) per token for every ``# sent_id`` of a UNER IOB2 file."""
    sentences: dict[str, list[tuple[str, str]]] = {}
    sent_id: str | None = None
    tokens: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as lines:
        for number, raw in enumerate(lines, 1):
            line = raw.rstrip("\n")
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                if key.strip() == "sent_id":
                    sent_id, tokens = value.strip(), []
                continue
            if not line.strip():
                if sent_id is not None:
                    sentences[sent_id] = tokens
                sent_id = None
                continue
            cols = line.split("\t")
            if len(cols) < 3 or sent_id is None:
                raise ValueError(
                    f"{path}:{number}: expected a token line 'index<TAB>word<TAB>tag' after # sent_id"
                )
            tokens.append((cols[1], cols[2]))
    if sent_id is not None:
        sentences[sent_id] = tokens
    return sentences


def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, UNER label) spans of one sentence's IOB2 tags (a stray I- opens a span)."""
    spans: list[tuple[int, int, str]] = []
    start, label = None, None
    for index, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        if start is not None and (prefix != "I" or kind != label):
            spans.append((start, index, label))
            start, label = None, None
        if prefix == "B" or (prefix == "I" and start is None):
            start, label = index, kind
    return spans


@cache
def gpe_names() -> frozenset[str]:
    """Case-folded countries, states, provinces, cities and capitals."""
    names = set(folded("countries") | folded("cities") | folded("states"))
    with (ACTOR_DIR / "countries.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for field in ("name", "aliases", "capital"):
                names.update(
                    p.strip().lstrip("~").casefold()
                    for p in (row.get(field) or "").split("|")
                    if p.strip()
                )
    return frozenset(names)


def _loc_label(
    words: list[Word], start: int, end: int, spans: list[tuple[int, int, str]]
) -> str | None:
    text = " ".join(w.form for w in words[start:end]).casefold().removeprefix("the ")
    if text in gpe_names():
        return "GPE"
    after = [s for s in spans if s[0] == end + 1 and s[2] == "LOC"]
    if after and end < len(words) and words[end].form == ",":
        following = " ".join(w.form for w in words[after[0][0] : after[0][1]]).casefold()
        if following in folded("states") | folded("countries"):
            return "GPE"
    rule = _place_label(words, start, end)  # GPE is its fallback: not decided here
    return rule if rule in {"LOC", "FAC"} else None


def uner_entities(words: list[Word], tokens: list[tuple[str, str]] | None) -> list[Span] | None:
    """graphbuild NER spans for one EWT sentence from its UNER tags, or None when they do not fit."""
    if tokens is None or [w.form for w in words] != [form for form, _ in tokens]:
        return None
    raw = iob_spans([tag for _, tag in tokens])
    spans: list[Span] = []
    taken = [False] * len(words)
    for start, end, kind in raw:
        label = _loc_label(words, start, end, raw) if kind == "LOC" else UNER_TO_LABEL.get(kind)
        spans.append((start, end, label))
        for index in range(start, end):
            taken[index] = True
    spans.extend(_silver_norp(words, taken))
    return sorted(spans, key=lambda s: s[0])
