"""Pass 1: knowledge-base names that stand for an actor here.

Every KB name the matcher finds is checked against the NER where it is ambiguous
("~Chad"), and dropped where it is only part of a longer named thing ("The
Washington Post", "New Mexico"); countries and bodies leave a ``body_hint`` on
their tokens for the later passes (titles, groups, organisations) either way.
"""

from __future__ import annotations

from .matcher import SurfaceMatch, match_surfaces
from .state import BODY_TYPES, NER_COMPATIBLE, DocState, Standalone


def find_names(state: DocState) -> list[Standalone]:
    """KB names that stand for an actor here, as (match, actor id, how)."""
    matches = match_surfaces(state.doc, state.kb)
    for match in matches:
        for i in range(match.start, match.end):
            state.match_at[i] = match
    standalone = []
    for match in matches:
        chosen = _choose(state, match)
        if chosen is None:
            continue
        actor_id_, how = chosen
        ent = state.ent_of[match.start]
        in_media = (
            ent is not None and ent.label_ == "ORG" and state.is_media_name(ent.start, ent.end)
        ) or (state.media_follows(match.end))
        if state.kb.actors[actor_id_].type in BODY_TYPES and not in_media:
            for i in range(match.start, match.end):
                state.body_hint[i] = (match, actor_id_, how)
        if _swallowed(state, match):
            state.swallowed.append((match, actor_id_, how))
            continue
        standalone.append((match, actor_id_, how))
    return standalone


def ner_agrees(state: DocState, match: SurfaceMatch, actor_type: str) -> bool:
    """The NER tags exactly this span (with or without "the") with a label that fits."""
    start = match.start
    if start > 0 and state.doc[start - 1].lower_ == "the":
        start -= 1
    for ent in {state.ent_of[i] for i in range(match.start, match.end)} - {None}:
        if ent.start in (start, match.start) and ent.end == match.end:
            return ent.label_ in NER_COMPATIBLE.get(actor_type, ())
    return False


def _choose(state: DocState, match: SurfaceMatch) -> tuple[str, str] | None:
    """The one actor a name stands for here, or None when it is ambiguous or unconfirmed."""
    chosen: dict[str, str] = {}
    for entry in match.entries:
        actor = state.kb.actors[entry.actor_id]
        if entry.needs_ner and not ner_agrees(state, match, actor.type):
            continue
        chosen.setdefault(entry.actor_id, entry.how)
    if len(chosen) > 1:
        labels = {
            state.ent_of[i].label_
            for i in range(match.start, match.end)
            if state.ent_of[i] is not None
        }
        chosen = {
            a: how
            for a, how in chosen.items()
            if NER_COMPATIBLE.get(state.kb.actors[a].type, set()) & labels
        }
    if len(chosen) != 1:
        return None
    return next(iter(chosen.items()))


def _swallowed(state: DocState, match: SurfaceMatch) -> bool:
    """True when the name is only part of a longer named thing ("The Washington Post",
    "New Mexico", "University of Washington"), not a mention of the actor itself."""
    if state.media_follows(match.end):
        return True
    if match.end - match.start > 1 and any(
        state.kb.actors[e.actor_id].type == "Person" for e in match.entries
    ):
        return False  # a full name from the KB: the NER at most wrapped a title around it
    lex = state.lex
    for ent in {state.ent_of[i] for i in range(match.start, match.end)} - {None}:
        if (
            ent.start <= match.start
            and ent.end >= match.end
            and (ent.start, ent.end) != (match.start, match.end)
        ):
            roles = [t.i for t in ent if t.lower_ in lex.role_nouns]
            end = roles[-1] if roles and roles[-1] >= match.end else ent.end  # "U.S. Senator X"
            for token in ent.doc[ent.start : end]:
                if match.start <= token.i < match.end or state.match_at[token.i] is not None:
                    continue
                if token.lower_ in lex.title_words or token.lower_ in lex.role_nouns:
                    continue
                if token.text in lex.not_names:
                    continue  # "the United Arab Emirates [on Saturday]" tagged as one
                if token.pos_ == "PROPN":  # "The Washington Post", "New Mexico"
                    return True
    return False
