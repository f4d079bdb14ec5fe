"""A locative relative clause and the place it modifies: in "China, where it has formed a
partnership" or "the country in which they operate", the clause's subject pronoun is
someone acting in the place, so it cannot stand for the place itself. Shared by the actors
step's coreference and the relation step's pronoun fallback."""

from __future__ import annotations

SUBJECT_LABELS = ("nsubj", "nsubjpass", "nsubj:pass")
RELATIVE_CLAUSE_LABELS = ("acl:relcl", "relcl", "acl")
# "in which", "at which": prepositions of place before a relative "which"
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "within", "inside", "into"})
_LINKS = ("flat", "flat:name", "compound", "conj", "appos")


def _opener(pronoun):
    """The word that opens the pronoun's locative relative clause ("where", the "in" of
    "in which"), right before the pronoun; None if there is none."""
    doc, i = pronoun.doc, pronoun.i
    if i >= 1 and doc[i - 1].lower_ == "where":
        return doc[i - 1]
    if i >= 2 and doc[i - 1].lower_ == "which" and doc[i - 2].lower_ in LOCATIVE_PREPOSITIONS:
        return doc[i - 2]
    return None


def locative_clause_place(pronoun):
    """The noun the pronoun's locative relative clause modifies, if the pronoun is that
    clause's subject ("China, where it ..." -> China); None otherwise. A "where" after a
    verb ("asked where it would go") opens a question, not a relative clause."""
    if not pronoun.doc.has_annotation("DEP") or pronoun.dep_ not in SUBJECT_LABELS:
        return None
    opener = _opener(pronoun)
    if opener is None:
        return None
    clause = pronoun.head
    if clause.dep_ in RELATIVE_CLAUSE_LABELS and clause.head.i < opener.i:
        if clause.head.pos_ in ("NOUN", "PROPN"):
            return clause.head
    # the parser hung the clause elsewhere ("..., where it formed" as an adverbial clause of
    # the main verb): the noun right before the opener and its comma
    k = opener.i - 1
    while k >= 0 and pronoun.doc[k].is_punct:
        k -= 1
    if k < 0 or pronoun.doc[k].pos_ not in ("NOUN", "PROPN"):
        return None
    return pronoun.doc[k]


def place_tokens(place) -> set[int]:
    """The place noun with its name, coordination and apposition ("South Korea", "Kenya and
    Uganda, where they ...", "China, the country where it ..."): every token a mention of
    the place may sit on."""
    top = place
    while top.dep_ in _LINKS and top.head.i != top.i:
        top = top.head
    found = {top.i}
    stack = [top]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.dep_ in _LINKS and child.i not in found:
                found.add(child.i)
                stack.append(child)
    return found
