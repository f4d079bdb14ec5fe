"""Repair for the source of a report hung on the act before it: "North Korea fired a missile
into the sea on Sunday, South Korea's military said" parsed with "South Korea's military" as
an oblique of 'fired' and 'said' left without a subject. Wire copy names its source after
the act, so the shape is common; the one who reports the act is not its target."""

from __future__ import annotations

from ..syntax import dep, lemma, subjects

# labels that tie a word to the head of its noun phrase
_INSIDE_PHRASE = frozenset({"compound", "nmod:poss", "amod", "flat", "nmod:desc", "det", "case"})


def stray_speaker(token, speech_verbs: frozenset[str]) -> bool:
    """The head of the noun phrase the token sits in is followed at once by a speech verb
    that has no subject of its own: the phrase is that verb's speaker, whatever the parse
    says."""
    head = token
    for _ in range(4):
        if dep(head) not in _INSIDE_PHRASE or head.head.i <= head.i:
            break
        head = head.head
    if head.i + 1 >= len(head.doc):
        return False
    verb = head.doc[head.i + 1]  # the phrase's own head, then the verb: nothing between
    return verb.pos_ == "VERB" and lemma(verb) in speech_verbs and not subjects(verb)
