"""Pass 5: countries and organisations by name, alias or metonym, as agents or places.

"Beijing has billed", "the Kremlin said" (a seat acting for the government);
"arrived in Moscow", "peace in Ukraine", "rockets fired at Haifa" (``how ==
"place"``: a location, not an agent; cities and regions from ``places.csv`` are
always places). A name acting carries its sector (``name_sector``): a seat of
government ("the Pentagon" MIL, "the Kremlin" GOV), the KB's ("Mossad" SPY), or a role
noun it ends in ("Houthi rebels" REB).
"""

from __future__ import annotations

from .matcher import SurfaceMatch
from .names import fold
from .state import POSSESSIVE, DocState, Standalone


def find_bodies(state: DocState, standalone: list[Standalone]) -> None:
    """Countries and organisations by name, alias or metonym, as agents or as places."""
    doc, lex = state.doc, state.lex
    for match, actor_id_, how in standalone:
        actor = state.kb.actors[actor_id_]
        if actor.type == "Person" or how == "demonym" or not state.is_free(match.start, match.end):
            continue
        after = doc[match.end] if match.end < len(doc) else None
        possessive = after is not None and after.text in POSSESSIVE
        # "U.S. power", "the U.S. president": the name modifies a noun, "the" is the noun's
        compound = after is not None and after.pos_ in ("NOUN", "PROPN") and not possessive
        start = match.start
        if start > 0 and doc[start - 1].lower_ == "the" and not state.taken[start - 1]:
            if not compound:
                start -= 1
        lead = start
        while lead > 0 and doc[lead - 1].lower_ in lex.compass_words and lead > start - 2:
            lead -= 1  # "in Western Cambodia", "in northern Iraq": the place is the country's
        before = doc[lead - 1].lower_ if lead > 0 else ""
        if how == "place":
            kind = "place"  # a city or region: never the state acting
        elif how == "metonym":
            kind = (
                "place"
                if before in lex.place_prepositions and not possessive and not compound
                else "metonym"
            )
        else:
            kind = "name" if fold(match.surface) == fold(actor.name) else "alias"
            if (
                actor.type == "Country"
                and before in lex.country_place_prepositions
                and not possessive
                and not compound
            ):
                kind = "place"
        sector = name_sector(state, match, actor_id_, how) if kind != "place" else None
        state.add_mention(actor_id_, start, match.end, kind, sector=sector)


def name_sector(state: DocState, match: SurfaceMatch, actor_id_: str, how: str) -> str | None:
    """The sector a country or organisation named here carries: a seat or capital acting
    ("the Pentagon" MIL, "the Kremlin", "Beijing" GOV), an organisation's own sector in
    the KB ("Mossad" SPY, "Hamas" REB), or a name that ends in a role noun ("Houthi
    rebels" REB); None for a plain name ("Russia", "NATO")."""
    roles = state.kb.roles
    actor = state.kb.actors[actor_id_]
    if how == "metonym" and actor.type == "Country":
        for seat, sector in roles.seat_sectors.items():
            if fold(seat) == fold(match.surface):
                return sector
        return roles.metonym_sector
    if actor_id_ in state.kb.sectors:
        return state.kb.sectors[actor_id_]  # "Mossad" SPY, "Hamas" REB (organizations.csv)
    words = match.surface.split()
    for size in range(min(3, len(words) - 1), 0, -1):
        tail = words[-size:]
        if not all(w.islower() for w in tail):
            break  # "Rapid Support Forces": part of a proper name, not a role
        found = roles.phrases.get(" ".join(tail))
        if found is not None and found[1] == "agent":
            return found[0]
    return None
