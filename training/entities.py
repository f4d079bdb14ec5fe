"""Named-entity spans from GUM's entity layer (the ``Entity=`` MISC annotation).

GUM marks every mention (named or not) with a type and, where it has one, a
Wikipedia identity. A mention is *named* when its syntactic head is a proper
noun or it carries an identity; its name is the contiguous run of proper
nouns around that head (determiners, descriptions and, for people, titles are
left out, as OntoNotes-style NER does). Types map as follows:

- person -> PERSON; a plural or group name ("Muslims", "Bangladeshis") -> NORP
- organization -> ORG, or GPE when the name is a country/state/city in the
  gazetteer (GUM types countries acting as agents as organizations)
- place -> LOC for continents, regions and natural features (lexicons
  ``loc_names`` and ``loc_keywords``), FAC for buildings, streets and sites
  (``fac_keywords``), otherwise GPE (countries, cities, states, provinces)

Nested mentions: the outermost name wins; inner names that do not overlap the
outer name survive ("U.S." inside "U.S. President Donald Trump" -> GPE).
Demonyms and religious/political group words outside any gold name become
silver NORP (lexicon ``norp``), which never overrides gold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from training.conllu import Word
from training.lexicons import folded

_ENTITY_ITEM = re.compile(r"\(([^()]+)(\))?|(\d+)\)")
_CONNECTORS = {"of", "the", "and", "&", "de", "du", "la", "del", "for", "on", "-", ".", "'s"}
_NAME_XPOS = {"NNP", "NNPS"}
_GROUP_ENDINGS = ("ans", "ese", "is", "ers", "ites")


@dataclass(frozen=True)
class Mention:
    start: int  # first word, 0-based
    end: int  # one past the last word
    etype: str
    identity: str | None


def mentions(words: list[Word]) -> list[Mention]:
    """All GUM mentions of one sentence, from the bracketed Entity= annotation."""
    open_at: dict[str, list[tuple[int, str, str | None]]] = {}
    found: list[Mention] = []
    for index, word in enumerate(words):
        annotation = word.misc.get("Entity")
        if not annotation:
            continue
        for match in _ENTITY_ITEM.finditer(annotation):
            body, closes_here, closing_id = match.groups()
            if body is not None:
                fields = body.split("-", 7)
                eid, etype = fields[0], fields[1] if len(fields) > 1 else ""
                identity = fields[7] if len(fields) > 7 else None
                if closes_here:
                    found.append(Mention(index, index + 1, etype, identity))
                else:
                    open_at.setdefault(eid, []).append((index, etype, identity))
            elif closing_id is not None and open_at.get(closing_id):
                start, etype, identity = open_at[closing_id].pop()
                found.append(Mention(start, index + 1, etype, identity))
    return found


def _head(words: list[Word], start: int, end: int) -> int:
    """The word of the span whose head lies outside it (the first such word)."""
    for index in range(start, end):
        head = words[index].head - 1
        if not start <= head < end:
            return index
    return start


def _is_name(word: Word) -> bool:
    return word.upos == "PROPN" or word.xpos in _NAME_XPOS


def _name_run(words: list[Word], start: int, end: int, head: int) -> tuple[int, int] | None:
    """The contiguous run of proper nouns (with inner connectors) around the head."""
    if not _is_name(words[head]):
        return None
    left = head
    while left - 1 >= start and (
        _is_name(words[left - 1])
        or (
            words[left - 1].form.casefold() in _CONNECTORS
            and left - 2 >= start
            and _is_name(words[left - 2])
        )
    ):
        left -= 1
    right = head + 1
    while right < end and (
        _is_name(words[right])
        or (
            words[right].form.casefold() in _CONNECTORS
            and right + 1 < end
            and _is_name(words[right + 1])
        )
    ):
        right += 1
    return left, right


def _person_name(words: list[Word], left: int, right: int, head: int) -> tuple[int, int] | None:
    """Drop titles and anything before them: "U.S. President Donald Trump" -> "Donald Trump"."""
    titles = folded("titles")
    start = head
    while start - 1 >= left and words[start - 1].form.casefold().rstrip(".") not in titles:
        if words[start - 1].form.casefold() in _CONNECTORS:
            break
        start -= 1
    while start < right and words[start].form.casefold().rstrip(".") in titles:
        start += 1
    if start >= right:
        return None
    return start, right


def _text(words: list[Word], start: int, end: int) -> str:
    return " ".join(w.form for w in words[start:end])


def _place_label(words: list[Word], start: int, end: int) -> str:
    text = _text(words, start, end).casefold()
    if text.removeprefix("the ") in folded("loc_names"):
        return "LOC"
    last = words[end - 1].form.casefold()
    first = words[start].form.casefold()
    if last in folded("loc_keywords") or first in {"mount", "mt.", "lake", "cape"}:
        return "LOC"
    if last in folded("fac_keywords") or words[start].form.casefold() in folded("fac_keywords"):
        return "FAC"
    return "GPE"


def _label(words: list[Word], start: int, end: int, head: int, etype: str) -> str | None:
    if etype == "person":
        form = words[head].form
        if form.casefold() in folded("norp"):
            return "NORP"
        if words[head].xpos == "NNPS":
            # a plural group name: a nationality or similar ("Texans"), else not a name at all
            return "NORP" if form[:1].isupper() and form.endswith(_GROUP_ENDINGS) else None
        return "PERSON"
    if etype == "organization":
        text = _text(words, start, end).casefold().removeprefix("the ")
        return "GPE" if text in folded("countries") | folded("cities") else "ORG"
    if etype == "place":
        return _place_label(words, start, end)
    return None


def named_entities(words: list[Word]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, label) word spans for one sentence, gold then silver."""
    candidates: list[tuple[int, int, str, int]] = []
    for mention in mentions(words):
        if mention.etype not in {"person", "organization", "place"}:
            continue
        head = _head(words, mention.start, mention.end)
        run = _name_run(words, mention.start, mention.end, head)
        if run is None:
            continue
        left, right = run
        if mention.etype == "person":
            trimmed = _person_name(words, left, right, head)
            if trimmed is None:
                continue
            left, right = trimmed
        while left < right and words[left].form.casefold() in _CONNECTORS:
            left += 1
        while right > left and words[right - 1].form.casefold() in _CONNECTORS:
            right -= 1
        if left >= right:
            continue
        label = _label(words, left, right, head, mention.etype)
        if label is not None:
            candidates.append((left, right, label, mention.end - mention.start))
    # the outermost mention first; an inner name survives only where it does not overlap
    candidates.sort(key=lambda c: (-c[3], c[0]))
    taken = [False] * len(words)
    spans: list[tuple[int, int, str]] = []
    for left, right, label, _ in candidates:
        if any(taken[left:right]):
            continue
        spans.append((left, right, label))
        for index in range(left, right):
            taken[index] = True
    spans.extend(_silver_norp(words, taken))
    return sorted(spans)


def _silver_norp(words: list[Word], taken: list[bool]) -> list[tuple[int, int, str]]:
    norp = folded("norp")
    spans = []
    for index, word in enumerate(words):
        if taken[index] or not word.form[:1].isupper():
            continue
        if word.form.casefold() in norp and word.upos in {"ADJ", "PROPN", "NOUN"}:
            spans.append((index, index + 1, "NORP"))
    return spans
