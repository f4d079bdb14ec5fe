"""Pass 5: countries and organisations by name, alias or metonym, as agents or places.

"Beijing has billed", "the Kremlin said" (a seat acting for the government);
"arrived in Moscow", "peace in Ukraine", "rockets fired at Haifa" (``how ==
"place"``: a location, not an agent; cities and regions from ``places.csv`` are
always places).
"""

from __future__ import annotations

from .coding import name_sector
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
