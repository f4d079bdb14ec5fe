"""Which names the knowledge base does not know are organisations worth a node.

The NER tags many capitalised things ORG: museums ("the Louvre"), awards ("the
Legion of Honour"), plans ("the Membership Action Plan"), seas, bare titles
("Foreign Ministry"). An unknown organisation becomes an actor only with some
evidence that it is one and that it matters here:

- its name holds an organisation word ("Party", "Council", "Front", "Forces"),
  or a noun such as "party" follows it ("the uMkhonto we Sizwe party");
- or it is named twice (its acronym counts: "DA" after "Democratic Alliance");
- or people speak for it ("leader of X", "a spokesman for X").

Acting as a subject is no evidence: "The Louvre reopened", "The Grand Cross ... is".

Never: names of seas, straits and rivers, a title alone ("National Security
Adviser"), names made only of generic words ("Foreign Ministry", "Congress"),
and a one-off modifier of a common noun ("the Crimean bridge").

The NER also misses organisations; a run of capitalised words ending in an
organisation word ("African National Congress") is a candidate too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .finder import Finder

POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")
CONNECTORS = {"of", "for", "and", "the", "de", "du", "des", "la", "le", "al", "we", "el", "-", "&"}
SPEAKS_FOR = {"of", "for"}


@dataclass
class OrgCandidate:
    start: int
    end: int
    name: str
    body_id: str | None  # a country or body named inside or just before it


def _generic(finder: Finder, start: int, end: int) -> bool:
    """Only role, title, group or organisation words: a description, not a name."""
    lex = finder.lex
    for token in finder.doc[start:end]:
        low = token.lower_
        if token.text in POSSESSIVE or token.is_punct or low in CONNECTORS:
            continue
        if not (
            low in lex.role_nouns
            or low in lex.title_words
            or low in lex.group_nouns
            or token.text in lex.org_words
            or finder.body_hint[token.i] is not None
        ):
            return False
    return True


def rejected(finder: Finder, start: int, end: int) -> bool:
    """Names that are never organisation actors, whatever else is said about them."""
    doc, lex = finder.doc, finder.lex
    if any(t.text in lex.place_name_words or t.text in lex.non_actor_words for t in doc[start:end]):
        return (
            True  # "Black Sea", "Strait of Hormuz", "HEROES Act", "World War", "the Louvre Museum"
        )
    if doc[end - 1].lower_ in lex.role_nouns:
        return True  # "National Security Adviser": a title
    return _generic(finder, start, end)


def _has_org_word(finder: Finder, start: int, end: int) -> bool:
    doc, lex = finder.doc, finder.lex
    if any(t.text in lex.org_words for t in doc[start:end]):
        return True
    return end < len(doc) and doc[end].lower_ in lex.org_nouns_after


def _spoken_for(finder: Finder, start: int, end: int) -> bool:
    """People speak for it: "leader of X", "a spokesman for the X"."""
    doc, lex = finder.doc, finder.lex
    k = start - 1
    while k >= 0 and (
        doc[k].lower_ in ("the", "a", "an") or (doc[k].is_lower and doc[k].pos_ == "ADJ")
    ):
        k -= 1
    return k >= 1 and doc[k].lower_ in SPEAKS_FOR and doc[k - 1].lower_ in lex.role_nouns


def _one_off_modifier(finder: Finder, start: int, end: int) -> bool:
    """ "the Crimean bridge", "Rafale Marine fighters": the name only modifies a noun."""
    doc = finder.doc
    last = doc[end - 1]
    return (
        end < len(doc)
        and doc[end].is_lower
        and doc[end].pos_ == "NOUN"
        and last.dep_ in ("compound", "amod")
        and last.head.i >= end
    )


def accepted(finder: Finder, candidate: OrgCandidate, mentions: int) -> bool:
    """Whether an unknown organisation named ``mentions`` times in the article is an actor."""
    start, end = candidate.start, candidate.end
    if _has_org_word(finder, start, end) or candidate.body_id is not None:
        return True
    if mentions >= 2:
        return True
    if _one_off_modifier(finder, start, end):
        return False
    return _spoken_for(finder, start, end)


def initials(name: str) -> str:
    """ "Democratic Alliance" -> "DA", "African National Congress" -> "ANC"."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in CONNECTORS]
    return "".join(w[0] for w in words if w[:1].isupper())


def is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 6 and text.isupper() and text.isalpha()


def capitalised_runs(finder: Finder) -> list[tuple[int, int]]:
    """Names the NER missed or cut short: runs of capitalised words (with "of", "for",
    "and" inside) that end in an organisation word ("African National Congress") or come
    right before a noun such as "party" ("the uMkhonto we Sizwe party"). A run may
    contain NER organisations but not cut one."""
    doc, lex = finder.doc, finder.lex
    runs = []
    i, n = 0, len(doc)
    while i < n:
        if not _capital_word(finder, i):
            i += 1
            continue
        start = end = j = i
        while j < n and (
            _capital_word(finder, j)
            or (doc[j].lower_ in CONNECTORS and j + 1 < n and _capital_word(finder, j + 1))
        ):
            j += 1
            if _capital_word(finder, j - 1):
                end = j
        last, shortest = end, 1
        if not (end < n and doc[end].lower_ in lex.org_nouns_after):
            shortest = 2
            while last > start and doc[last - 1].text not in lex.org_words:
                last -= 1
        first = start
        while first < last and doc[first].lower_ in ("the", "a", "an"):
            first += 1
        if last - first >= shortest and not _cuts_an_organisation(finder, first, last):
            runs.append((first, last))
        i = max(end, i + 1)
    return runs


def _cuts_an_organisation(finder: Finder, start: int, end: int) -> bool:
    for i in (start, end - 1):
        ent = finder.ent_of[i]
        if ent is not None and ent.label_ == "ORG" and (ent.start < start or ent.end > end):
            return True
    return False


def _capital_word(finder: Finder, i: int) -> bool:
    """A capitalised word ("Congress") or one capitalised inside ("uMkhonto")."""
    token = finder.doc[i]
    text = token.text
    return (
        token.is_alpha
        and (text[:1].isupper() or (len(text) > 2 and text[1].isupper()))
        and not finder.taken[i]
        and finder.body_hint[i] is None
        and (text not in finder.lex.not_names or text in finder.lex.org_words)
    )
