"""A game between two sides is no act of force: "Brazil beat Argentina 2-1", "crushed
Australia by 295 runs", "defeated Japan in the final", "won the Song Contest, beating Croatia
into second place". Sport, song and quiz reports name countries as their teams; a hostile
reading whose trigger carries a score, a contest noun or a placing (``cues.toml [contest]``)
is a result, not an event between states."""

from __future__ import annotations

import re

from .syntax import dep, lemma, prepositional

_SCORE = re.compile(r"^\d{1,3}[-–:]\d{1,3}$")
_DASHES = frozenset({"-", "–", ":"})
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# an adjunct clause ("..., beating Croatia") shares the contest of the clause it hangs on
_ADJUNCT = frozenset({"advcl", "conj", "xcomp"})


def is_score(token) -> bool:
    """'2-1' as one token, or '2', '-', '1' as three; not a span of days ("on 14-15 May")."""
    doc, i = token.doc, token.i
    if _SCORE.match(token.text):
        end = i + 1
    elif (
        token.text.isdigit()
        and len(token.text) <= 3
        and i + 2 < len(doc)
        and doc[i + 1].text in _DASHES
        and doc[i + 2].text.isdigit()
        and len(doc[i + 2].text) <= 3
    ):
        end = i + 3
    else:
        return False
    return end >= len(doc) or doc[end].lower_ not in _MONTHS


def _near(head, cues) -> list:
    """A head's dependents and its prepositional nominals, less the time phrases: "struck
    Gaza during the World Cup final" dates the strike by the game."""
    timed = {n.i for prep, n in prepositional(head) if prep in cues.time_prepositions}
    near = [c for c in head.children if c.i not in timed]
    near += [n for _, n in prepositional(head) if n not in near and n.i not in timed]
    return near


def is_contest(trigger, cues) -> bool:
    """The trigger's own dependents (or those of the clause it is an adjunct of) hold a
    score, a contest noun or a placing: "beat Argentina 2-1", "won by three wickets", "in
    the final", "into second place"."""
    near = _near(trigger, cues)
    if dep(trigger) in _ADJUNCT and trigger.head.i != trigger.i:
        near += [t for t in _near(trigger.head, cues) if t.i != trigger.i and t not in near]
    # a score hangs anywhere on them ("beat Germany 3-2" with the score on the object)
    if any(is_score(t) for token in near for t in (token, *token.children)):
        return True
    for token in list(near):
        near += [c for c in token.children if dep(c) in ("compound", "amod", "nummod", "nmod")]
    for token in near:
        if token.pos_ not in ("NOUN", "PROPN"):
            continue  # a noun: "the final offensive" is no contest
        word = lemma(token)
        if word in cues.contest_nouns or token.lower_ in cues.contest_nouns:
            return True
        if word in cues.contest_placings and any(
            c.lower_ in cues.contest_ordinals for c in token.children
        ):
            return True
    return False
