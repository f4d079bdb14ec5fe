"""A nationality that no role phrase follows: the nation as a group, a crowd, a demonym.

"The Chinese side", "the Russian people", "the Russians" are the nation as a whole
(``how="group"``, no sector); "thousands of Kenyans", "young Tunisians" are people of
that nationality (national, CVL), not the state; "Russian invasion" and "Turkish-backed"
keep the nationality as a plain demonym, for the relation step to read.
"""

from __future__ import annotations

from .matcher import SurfaceMatch
from .phrases import CHAIN_POS, is_plural
from .state import HYPHENS, DocState, Standalone


def coordinated_group(state: DocState, members: list[Standalone], run_end: int) -> bool:
    """ "The Turkish and Greek sides", "the Russian and Chinese people": one group mention
    per country over the same span, as for a shared role. True when coded."""
    head = _group_head(state, members[-1][0].end, run_end)
    if head is None:
        return False
    doc, start = state.doc, members[0][0].start
    if start > 0 and doc[start - 1].lower_ == "the" and not state.taken[start - 1]:
        start -= 1
    for member in members:
        state.add_mention(member[1], start, head, "group")
    return True


def code_without_role(
    state: DocState, match: SurfaceMatch, actor_id_: str, how: str, run_end: int
) -> bool:
    """What no role phrase explains: the nation as a group ("the Chinese side", "the
    Russian people"), "the Russians", or a plain adjectival demonym ("Russian invasion")."""
    doc = state.doc
    head = _group_head(state, match.end, run_end)
    start = (
        match.start - 1 if match.start > 0 and doc[match.start - 1].lower_ == "the" else match.start
    )
    if head is not None:
        state.add_mention(actor_id_, start, head, "group")
        return True
    if how != "demonym":
        return False
    token = doc[match.end - 1]
    hyphen_after = (
        match.end + 1 < len(doc)
        and doc[match.end].text in HYPHENS
        and not token.whitespace_
        and doc[match.end + 1].lower_ in state.kb.roles.patron_words
    )
    crowd = _crowd_start(state, match.start)
    if run_end > match.end or hyphen_after or (match.end < len(doc) and state.taken[match.end]):
        # "Russian invasion", "Turkish-backed" (a patron, not the actor of what follows),
        # and "Russian" in front of "President Vladimir Putin"
        state.add_mention(actor_id_, match.start, match.end, "demonym")
    elif crowd is not None and is_plural(token):
        # "thousands of Kenyans", "young Tunisians": people, not the nation or the state
        state.add_mention(actor_id_, crowd, match.end, "national", sector="CVL")
    elif is_plural(token) or (
        match.start > 0 and doc[match.start - 1].lower_ == "the" and token.pos_ in ("NOUN", "PROPN")
    ):
        state.add_mention(actor_id_, start, match.end, "group")  # "the Russians", "Americans"
    return True


def _crowd_start(state: DocState, start: int) -> int | None:
    """Start of "thousands of", "hundreds of", "young", "angry" right before a plural
    demonym (``crowd_quantities``), or None."""
    doc, words = state.doc, state.kb.roles.crowd_quantities
    if start >= 1 and doc[start - 1].lower_ in words and not state.taken[start - 1]:
        return start - 1
    if (
        start >= 2
        and doc[start - 1].lower_ == "of"
        and (doc[start - 2].lower_ in words or doc[start - 2].like_num)
        and not state.taken[start - 2]
    ):
        return start - 2
    return None


def _group_head(state: DocState, start: int, end: int) -> int | None:
    """End of a group noun phrase right after a demonym ("people", "side")."""
    doc, nouns = state.doc, state.lex.group_nouns
    for stop in range(end, start, -1):
        for first in range(start, stop):
            phrase = " ".join(t.lower_ for t in doc[first:stop])
            if phrase in nouns and all(t.pos_ in CHAIN_POS for t in doc[start:stop]):
                return stop
    return None
