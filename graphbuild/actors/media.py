"""Media after a nationality: the state's own, or no actor at all.

"Iranian state media", "Kremlin-run television" and "an official Syrian newspaper"
speak for the state (the country, JRN, agent); "a Russian newspaper" does not, and
neither it nor its nationality is an actor (the tokens are taken, so no later pass
reads "Russian" as the state). The phrases are data (``state_media``,
``state_media_modifiers`` in ``sectors.json``; media nouns in ``lexicon.json``).
"""

from __future__ import annotations

from .matcher import SurfaceMatch
from .phrases import words_of
from .state import HYPHENS, DocState, Standalone


def _state_media(state: DocState, start: int, end: int) -> int | None:
    """End of "state media", "state-run television" at ``start`` (with "outlets" after)."""
    roles = state.kb.roles
    for stop in range(end, start, -1):
        text = state.span_text(start, stop).lower()
        for phrase in roles.state_media:
            if text == phrase or (text.startswith(phrase + " ") and stop - start <= 4):
                return stop
    return None


def code_state_media(
    state: DocState, members: list[Standalone], left: int, start: int, end: int
) -> bool:
    """ "Iranian state media", "Chinese state-run television": the countries' own media
    (JRN, agent) over ``[left, ...)``. True when coded."""
    media_end = _state_media(state, start, end)
    if media_end is None or not _all_countries(state, members):
        return False
    for member in members:
        state.add_mention(member[1], left, media_end, "agent", sector="JRN")
    return True


def code_media_phrase(
    state: DocState,
    members: list[Standalone],
    first: SurfaceMatch,
    left: int,
    start: int,
    end: int,
    possessive: bool,
) -> bool:
    """A phrase with no role in ``[start, end)`` that has a media noun: the state's media
    ("Kremlin-run television", "an official Syrian newspaper": JRN agents), or media that
    are no actor ("a Russian newspaper": taken). False when it has no media noun."""
    doc, lex = state.doc, state.lex
    led = (
        start + 1 < len(doc)
        and doc[start].text in HYPHENS
        and doc[start + 1].lower_ in state.kb.roles.leading_words
    )
    if led and any(t.lower_ in lex.media_nouns for t in doc[start:end]):
        # "Kremlin-run television", "Tehran-controlled media": the state's own media
        if _all_countries(state, members):
            for member in members:
                state.add_mention(member[1], left, end, "agent", sector="JRN")
            return True
    if (
        _all_countries(state, members)
        and any(t.lower_ in lex.media_nouns for t in doc[start:end])
        and not possessive
    ):
        # "a Russian newspaper"; not "the al-Qaeda network", an organisation by name
        front = words_of(doc[max(0, first.start - 3) : first.start])
        named = end < len(doc) and doc[end].pos_ == "PROPN"  # "... news agency IRNA"
        if any(w in state.kb.roles.state_media_modifiers for w in front) and not named:
            for member in members:  # "an official Syrian newspaper": the state's
                state.add_mention(member[1], left, end, "agent", sector="JRN")
            return True
        for i in range(first.start, end):
            state.taken[i] = True  # media are not actors, and neither is their nationality
        return True
    return False


def _all_countries(state: DocState, members: list[Standalone]) -> bool:
    return all(state.kb.actors[m[1]].type == "Country" for m in members)
