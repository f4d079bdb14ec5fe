"""A game between two sides is no act of force: "Brazil beat Argentina 2-1", "crushed
Australia by 295 runs", "defeated Japan in the final". Sport, quiz and race reports name
countries as their teams; a hostile reading whose trigger carries a score or a contest noun
(``cues.toml [contest]``) is a result, not an event between states."""

from __future__ import annotations

import re

from .syntax import dep, lemma, prepositional

_SCORE = re.compile(r"^\d{1,3}[-–:]\d{1,3}$")
_DASHES = frozenset({"-", "–", ":"})
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


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


def is_contest(trigger, contest_nouns: frozenset[str]) -> bool:
    """The trigger's own dependents (and the words on its prepositional nominals) hold a
    score or a contest noun: "beat Argentina 2-1", "won by three wickets", "in the final"."""
    near = list(trigger.children)
    near += [nominal for _, nominal in prepositional(trigger) if nominal not in near]
    # a score hangs anywhere on them ("beat Germany 3-2" with the score on the object)
    if any(is_score(t) for token in near for t in (token, *token.children)):
        return True
    for token in list(near):
        near += [c for c in token.children if dep(c) in ("compound", "amod", "nummod", "nmod")]
    return any(
        token.pos_ in ("NOUN", "PROPN")  # a noun: "the final offensive" is no contest
        and (lemma(token) in contest_nouns or token.lower_ in contest_nouns)
        for token in near
    )
