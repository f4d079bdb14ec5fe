"""Pass 4: demonyms and country names that modify a noun.

"Chinese officials", "the Russian Defence Ministry" (the country's people or
institutions), "Russian state media" (media are never actors, nor is their
nationality), or a plain adjectival mention ("Russian invasion").
"""

from __future__ import annotations

from .matcher import SurfaceMatch
from .state import DocState, Standalone


def find_groups(state: DocState, standalone: list[Standalone]) -> None:
    """Demonyms and country names that modify a noun: groups ("Chinese officials"),
    media ("Russian state media", never an actor) or a plain adjectival mention."""
    doc, lex = state.doc, state.lex
    for match, actor_id_, how in standalone:
        if state.kb.actors[actor_id_].type == "Person" or not state.is_free(match.start, match.end):
            continue
        chain_end = match.end
        while (
            chain_end < len(doc)
            and chain_end - match.end < 4
            and doc[chain_end].pos_ in ("NOUN", "PROPN", "ADJ")
            and state.body_hint[chain_end] is None
            and not state.taken[chain_end]
        ):
            chain_end += 1
        words = [t.lower_ for t in doc[match.end : chain_end]]
        if any(w in lex.media_nouns for w in words):
            for i in range(match.start, chain_end):
                state.taken[i] = True  # media are not actors, and neither is their nationality
            continue
        head = _group_head(state, match.end, chain_end)
        if head is not None:
            start = (
                match.start - 1
                if match.start > 0 and doc[match.start - 1].lower_ == "the"
                else match.start
            )
            state.add_mention(actor_id_, start, head, "group")
            continue
        if how == "demonym":
            _plain_demonym(state, match, actor_id_, chain_end)


def _group_head(state: DocState, start: int, end: int) -> int | None:
    """End of a group noun phrase right after a demonym ("officials", "foreign ministry")."""
    doc, nouns = state.doc, state.lex.group_nouns
    for stop in range(end, start, -1):
        for first in range(start, stop):
            phrase = " ".join(t.lower_ for t in doc[first:stop])
            if phrase in nouns and all(t.pos_ in ("NOUN", "PROPN", "ADJ") for t in doc[start:stop]):
                return stop
    return None


def _plain_demonym(state: DocState, match: SurfaceMatch, actor_id_: str, chain_end: int) -> None:
    doc = state.doc
    token = doc[match.end - 1]
    if chain_end > match.end or (match.end < len(doc) and state.taken[match.end]):
        # "Russian invasion", and "Russian" in front of "President Vladimir Putin"
        state.add_mention(actor_id_, match.start, match.end, "demonym")
    elif (
        token.tag_ in ("NNS", "NNPS")
        or token.text.endswith("s")
        or (
            match.start > 0
            and doc[match.start - 1].lower_ == "the"
            and token.pos_ in ("NOUN", "PROPN")
        )
    ):
        start = (
            match.start - 1
            if match.start > 0 and doc[match.start - 1].lower_ == "the"
            else match.start
        )
        state.add_mention(actor_id_, start, match.end, "group")  # "the Russians", "Americans"
