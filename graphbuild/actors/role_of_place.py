"""A role phrase placed by "of" or "in" + a country: "the government of Sudan".

With no nationality in front, the country comes after the role: "the government of
Sudan", "the mayor of Kharkiv", "the leaders of France, Egypt and Jordan"; and, for
civil state roles only (``in_country_roles``), "opposition lawmakers in Georgia"
(troops and diplomats "in" a country are often someone else's).
"""

from __future__ import annotations

from .matcher import SurfaceMatch
from .phrases import CHAIN_POS, JOINERS, MAX_CHAIN, apply_modifiers, find_role, text_of
from .state import DocState, Standalone


def code_role_of_place(state: DocState, standalone: list[Standalone]) -> None:
    """A role phrase with no nationality, then "of" + a country, capital or city ("the
    government of Sudan", "the mayor of Kharkiv": its tokens join the mention) or, for
    civil state roles, "in" + one ("opposition lawmakers in Georgia"; it stays a place)."""
    doc, roles = state.doc, state.kb.roles
    for match, actor_id_, how in standalone:
        if state.kb.actors[actor_id_].type != "Country":
            continue
        if not state.is_free(match.start, match.end) or match.start < 2:
            continue
        preposition = doc[match.start - 1].lower_
        if not (
            (preposition == "of" and how in ("name", "alias", "metonym", "place"))
            or (preposition == "in" and how in ("name", "alias", "metonym", "place"))
        ):
            continue
        if match.end < len(doc) and doc[match.end].pos_ in ("NOUN", "PROPN"):
            continue  # "the government of the Russian Federation's ..." / "in US custody"
        stop = match.start - 1
        begin = stop
        while (
            begin > 0
            and stop - begin < MAX_CHAIN
            and doc[begin - 1].pos_ in (*CHAIN_POS, "DET")
            and not state.taken[begin - 1]
            and state.body_hint[begin - 1] is None
        ):
            begin -= 1
        role = find_role(state, begin, stop, legacy_ok=False)
        if role is None or role.how != "agent":
            continue
        tokens = list(doc[begin : role.start])
        if any(t.lower_ in roles.not_national for t in tokens):
            continue
        role = apply_modifiers(state, tokens, role)
        if preposition == "in" and text_of(state, role) not in roles.in_country_roles:
            continue  # "troops in Syria", "diplomats in Moscow" are often someone else's
        start = begin
        while start < role.start and doc[start].pos_ not in ("DET", *CHAIN_POS):
            start += 1
        members = [actor_id_]
        end = role.end
        if preposition == "of" and how in ("name", "alias"):
            members, end = _country_list(state, standalone, match, actor_id_)
        elif preposition == "of":
            end = match.end  # "the mayor of Moscow", "the governor of Kherson"
        for member in members:
            mention = state.add_mention(member, start, end, role.how, sector=role.sector)
            if preposition == "in":
                mention.context = "locative"  # a bare role placed by its "in" (context.py)


def _country_list(
    state: DocState, standalone: list[Standalone], match: SurfaceMatch, actor_id_: str
) -> tuple[list[str], int]:
    """ "the leaders of France, Egypt and Jordan": the countries named one after another
    from ``match`` on, and where the list ends."""
    doc = state.doc
    members, end = [actor_id_], match.end
    for other, other_id, how in standalone:
        if other.start <= end:
            continue
        between = doc[end : other.start]
        if not (
            1 <= len(between) <= 2
            and all(t.lower_ in JOINERS for t in between)
            and how in ("name", "alias")
            and state.kb.actors[other_id].type == "Country"
            and state.is_free(other.start, other.end)
        ):
            break
        members.append(other_id)
        end = other.end
    return members, end
