"""Descent and ethnicity: a demonym that names people of a descent, not a state.

"Bosnian Serb forces" and "Iraqi Kurdish fighters" are the first state's (the second
demonym, ``ethnic_demonyms``, names an ethnic group); "ethnic Albanians in Serbia" and
"the Russian minority in Estonia" are the host country's people (``descent_words``,
``descent_nouns``), and with no host named no one's: never the state of the demonym.
"""

from __future__ import annotations

from .matcher import SurfaceMatch
from .phrases import chain_end, find_role, is_plural
from .state import DocState, Standalone

COMPASS = frozenset({"north", "south", "east", "west", "central"})  # "in south Serbia"


def ethnic_second(state: DocState, items: list[Standalone], index: int) -> Standalone | None:
    """ "Bosnian Serb forces", "Iraqi Kurdish fighters", "Malaysian Chinese traders": a
    demonym of a state, then a demonym used for an ethnic group (``ethnic_demonyms``):
    the state is the first; the second names no state. The second, when it is one;
    ``coding`` codes the role after it as the first's."""
    match, actor_id_, how = items[index]
    if how != "demonym" or index + 1 >= len(items):
        return None
    second = items[index + 1]
    if (
        second[2] != "demonym"
        or second[0].start != match.end
        or second[1] == actor_id_
        or second[0].surface.lower() not in state.kb.roles.ethnic_demonyms
        or not state.is_free(second[0].start, second[0].end)
    ):
        return None
    return second


def code_ethnic_group(state: DocState, first: Standalone, second: Standalone) -> None:
    """No role after the second demonym: "Bosnian Serbs" (plural) are people of that
    descent in the first state (national CVL); else the first stays a plain demonym and
    the second's tokens are taken."""
    match, actor_id_, _ = first
    last = state.doc[second[0].end - 1]
    if is_plural(last):
        state.add_mention(actor_id_, match.start, second[0].end, "national", sector="CVL")
        return
    state.add_mention(actor_id_, match.start, match.end, "demonym")
    for i in range(second[0].start, second[0].end):
        state.taken[i] = True


def code_descent(state: DocState, match: SurfaceMatch, how: str) -> bool:
    """ "Ethnic Hungarians in Slovakia", "ethnic Albanian rebels in Macedonia": a demonym
    after a ``descent_words`` word names people of that descent, not the state nor its
    nationals. They are the state an "in" after them names (civilians, or the role's
    sector), else no one; the tokens are taken."""
    doc, roles = state.doc, state.kb.roles
    token = doc[match.end - 1]
    if how != "demonym":
        return False
    if match.end < len(doc) and doc[match.end].lower_ in roles.descent_nouns:
        # "the Albanian population of the province", "the Russian minority in Estonia"
        end = match.end + 1
        for i in range(match.start, end):
            state.taken[i] = True
        host = _country_after_in(state, end, ("in", "of"))
        if host is not None and host != _match_country(state, match):
            state.add_mention(host, match.start, end, "national", sector="CVL")
        return True
    if match.start == 0 or doc[match.start - 1].lower_ not in roles.descent_words:
        return False
    end, how_, sector = match.end, "national", "CVL"
    if match.end < len(doc) and doc[match.end].pos_ in ("NOUN", "PROPN"):
        role = find_role(state, match.end, chain_end(state, match.end), legacy_ok=False)
        if role is None or role.start != match.end:
            return False
        end, how_, sector = role.end, role.how, role.sector
    elif not is_plural(token):
        return False
    for i in range(match.start, end):
        state.taken[i] = True
    at = end + 1 if end + 1 < len(doc) and doc[end].tag_ in ("VBG", "VBN") else end
    host = _country_after_in(state, at)  # "... operating in Macedonia", "... in Serbia"
    if host is not None and host != _match_country(state, match):
        state.add_mention(host, match.start - 1, end, how_, sector=sector)
    return True


def _match_country(state: DocState, match: SurfaceMatch) -> str | None:
    """The country of the KB name matched at ``match``, if any."""
    hint = state.body_hint[match.start]
    return hint[1] if hint is not None else None


def _country_after_in(state: DocState, end: int, preps: tuple[str, ...] = ("in",)) -> str | None:
    """The country named by "in" + up to two adjectives + a country at ``end``."""
    doc = state.doc
    if end >= len(doc) or doc[end].lower_ not in preps:
        return None
    for k in range(end + 1, min(end + 4, len(doc))):
        hint = state.body_hint[k]
        if hint is not None:
            kind = state.kb.actors[hint[1]].type
            return hint[1] if kind == "Country" and hint[0].start == k else None
        if doc[k].pos_ not in ("ADJ", "DET") and doc[k].lower_ not in COMPASS:
            return None
    return None
