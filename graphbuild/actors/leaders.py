"""People of a country and their office: their bodies and their sector.

"The Obama administration", "the Assad regime", "Putin's forces" are the leader's
country acting (``leader_bodies``, agent, the role's sector); and every mention of a
person in office carries the sector of that office ("President Putin", "he": GOV),
as event coders code them.
"""

from __future__ import annotations

from .phrases import NOT_CURRENT_WORDS, chain_end, find_role, text_of
from .state import POSSESSIVE, DocState


def code_leaders_bodies(state: DocState) -> None:
    """ "The Obama administration", "the Assad regime", "Putin's forces": a role after a
    person of a country (with or without "'s") is that country's, with the role's sector."""
    doc = state.doc
    for person in state.people:
        actor = state.actor(person.actor_id)
        country = getattr(actor, "country_id", None)
        if not country or country not in state.kb.actors:
            continue
        if state.kb.actors[country].type != "Country":
            continue
        start = person.end + (person.end < len(doc) and doc[person.end].text in POSSESSIVE)
        end = chain_end(state, start)
        role = find_role(state, start, end, legacy_ok=False)
        if role is None or role.how != "agent" or role.start != start:
            continue
        if text_of(state, role) not in state.kb.roles.leader_bodies:
            continue
        state.add_mention(country, person.start, role.end, "agent", sector=role.sector)


def code_people(state: DocState) -> None:
    """People carry the sector of their office on every mention ("President Putin", "the
    U.S. president", "he"): GOV for a national office the KB knows on the article's
    date; else the sector of the title the article gives them, for people of a country
    ("Foreign Ministry spokesman Oleg Nikolenko" GOV, "General X" MIL)."""
    titles: dict[str, list[tuple[str, ...]]] = {}
    for _, actor_id_, words in state.titles_seen:
        titles.setdefault(actor_id_, []).append(words)
    sectors: dict[str, str | None] = {}
    for mention in state.mentions:
        if mention.sector is not None:
            continue
        if mention.actor_id not in sectors:
            sectors[mention.actor_id] = _person_sector(
                state, mention.actor_id, titles.get(mention.actor_id, [])
            )
        mention.sector = sectors[mention.actor_id]


def _person_sector(state: DocState, actor_id_: str, titles: list[tuple[str, ...]]) -> str | None:
    kb = state.kb
    actor = state.actor(actor_id_)
    if actor.type != "Person":
        return None
    if state.date and actor_id_ in kb.actors:
        for tenure in kb.person_tenures.get(actor_id_, ()):
            body = kb.actors.get(tenure.body_id)
            if tenure.covers(state.date) and body is not None and body.type == "Country":
                return "GOV"
    country = kb.actors.get(actor.country_id or "") or state.new_actors.get(actor.country_id or "")
    if country is None or country.type != "Country":
        return None
    for words in titles:
        if any(w in NOT_CURRENT_WORDS for w in words):
            continue
        for size in range(min(3, len(words)), 0, -1):
            found = state.kb.roles.phrases.get(" ".join(words[-size:]))
            if found is not None and found[1] == "agent":
                return found[0]
    return None
