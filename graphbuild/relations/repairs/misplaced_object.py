"""Repairs for an object the parser gave another role: a name after a transitive verb parsed
inside its subtree ('met U.S. President Joe Biden, who said'), a name merged into a time
phrase ('to Beijing next month'), and a free relative that names the object ('criticised
what he called U.S. reluctance')."""

from __future__ import annotations

from ..syntax import (
    dep,
    lemma,
)


class MisplacedObject:
    """The name right after a transitive verb."""

    def _name_after(self, verb) -> list:
        """The name that follows a transitive verb directly, when the parser gave it another
        role inside the verb's own subtree."""
        doc = verb.doc
        last = None
        i = verb.i + 1
        while i < verb.sent.end and i <= verb.i + 6 and self._has_actor(doc[i]):
            last = doc[i]
            i += 1
        if last is None or last.i not in {t.i for t in verb.subtree}:
            return []
        if any(dep(t) in ("obj", "iobj") for t in verb.children):
            return []
        return [last]


_NAMING_VERBS = frozenset(
    "call describe term label dub brand characterize characterise see regard consider".split()
)


def named_by_free_relative(token) -> list:
    """'criticised what he called U.S. reluctance': the object is what 'what' is called."""
    if token.lower_ != "what":
        return [token]
    for clause in token.children:
        if dep(clause) in ("acl:relcl", "acl") and lemma(clause) in _NAMING_VERBS:
            named = [
                c
                for c in clause.children
                if dep(c) in ("obj", "xcomp", "obl") and c.i > clause.i and c.lower_ != "what"
            ]
            if named:
                return named[:1]
    return [token]


def name_after_preposition(nominal) -> list:
    """'travel to Beijing next month' parsed as 'to [Beijing next month]': the name right
    after the preposition, a modifier of the phrase's head, is what the preposition takes."""
    case = [c for c in nominal.children if dep(c) == "case" and c.i < nominal.i]
    if not case:
        return []
    i = case[-1].i + 1
    doc = nominal.doc
    while i < nominal.i and doc[i].pos_ == "DET":
        i += 1
    first = doc[i]
    if first.i < nominal.i and first.head.i == nominal.i and dep(first) in ("amod", "compound"):
        return [first] if first.pos_ == "PROPN" or first.tag_ == "NNP" else []
    return []


def across_comma(nominal) -> list:
    """'arrived in Bosnia, Defense Secretary William Perry said' parsed as one phrase after
    'in': a phrase cannot run past a comma into the attribution; the name before the comma
    is what the preposition takes, and the nominal after it is dropped."""
    case = [c for c in nominal.children if dep(c) == "case" and c.i < nominal.i]
    if not case:
        return [nominal]
    doc = nominal.doc
    commas = [t for t in doc[case[-1].i + 1 : nominal.i] if t.text == ","]
    if not commas:
        return [nominal]
    first = doc[case[-1].i + 1]
    while first.pos_ == "DET" and first.i < commas[0].i:
        first = doc[first.i + 1]
    return [first] if first.i < commas[0].i and first.pos_ == "PROPN" else []
