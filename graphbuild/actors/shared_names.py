"""Names that several countries share: pick the one the article decides, or none.

"Tripoli" is Libya's capital and a Lebanese city, "Punjab" and "Hyderabad" are in
India and Pakistan, "Congo" names two states, "Macedonia" is North Macedonia's short
name and a Greek region (the rows in ``places.csv`` and ``countries.csv``). Reading
such a name always as one of them codes a Lebanese street fight as Libya's, so it is
resolved by evidence, in this order:

1. the phrase itself: "the Lebanese city of Tripoli", "Greek Macedonia",
   "Hyderabad, Sindh" (a demonym or place of one candidate right around it);
2. a country's own name beats a region that shares it ("Macedonia signed" is the
   state; only step 1 makes it the Greek region);
3. the article: exactly one candidate named elsewhere by a name, demonym, capital or
   place that is not itself shared (the dateline "BEIRUT -" counts like any other).

Anything else ("floods in Congo", "clashes in Tripoli" with no other country) gives
no mention: a wrong country is worse than none.
"""

from __future__ import annotations

from .matcher import SurfaceMatch
from .state import DocState

NAME_HOWS = ("name", "alias")
PLACE_NOUNS = frozenset(
    {"city", "town", "port", "region", "province", "state", "capital", "district", "village"}
)


def shared_candidates(state: DocState, match: SurfaceMatch) -> dict[str, str]:
    """The countries a name stands for, when it stands for more than one: {id: how}."""
    found: dict[str, str] = {}
    for entry in match.entries:
        if state.kb.actors[entry.actor_id].type != "Country" or entry.needs_ner:
            return {}
        found.setdefault(entry.actor_id, entry.how)
    return found if len(found) > 1 else {}


def resolve_shared(
    state: DocState, match: SurfaceMatch, candidates: dict[str, str]
) -> tuple[str, str] | None:
    """The (country, how) the article decides for a shared name, or None."""
    local = _local_country(state, match, candidates)
    if local is not None:
        return local, candidates[local]
    names = [c for c, how in candidates.items() if how in NAME_HOWS]
    if len(names) == 1:
        return names[0], candidates[names[0]]
    named = (_article_countries(state, match) | _dateline_countries(state)) & set(candidates)
    if len(named) == 1:
        chosen = named.pop()
        return chosen, candidates[chosen]
    return None


def _country_at(state: DocState, i: int) -> str | None:
    """The one country a plain (unshared, unambiguous) KB name at token ``i`` names."""
    if not 0 <= i < len(state.doc):
        return None
    match = state.match_at[i]
    if match is None:
        return None
    countries = set()
    for entry in match.entries:
        actor = state.kb.actors[entry.actor_id]
        if actor.type != "Country" or entry.needs_ner:
            return None
        countries.add(actor.id)
    return countries.pop() if len(countries) == 1 else None


def _local_country(state: DocState, match: SurfaceMatch, candidates: dict[str, str]) -> str | None:
    """A candidate the phrase names: "the Lebanese city of Tripoli", "Greek Macedonia",
    "Tripoli, Lebanon", "Hyderabad, Sindh"."""
    doc, start, end = state.doc, match.start, match.end
    before = []
    if start >= 1:
        before.append(start - 1)  # "Greek Macedonia"
    if start >= 3 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in PLACE_NOUNS:
        before.append(start - 3)  # "the Lebanese city of Tripoli"
    if end + 1 < len(doc) and doc[end].text == ",":
        before.append(end + 1)  # "Tripoli, Lebanon"
    for i in before:
        country = _country_at(state, i)
        if country in candidates:
            return country
    return None


def _article_countries(state: DocState, match: SurfaceMatch) -> set[str]:
    """Countries the article names outside the shared name, by plain KB names."""
    found: set[str] = set()
    seen: set[int] = set()
    for other in state.match_at:
        if other is None or other is match or id(other) in seen:
            continue
        seen.add(id(other))
        country = _country_at(state, other.start)
        if country is not None:
            found.add(country)
    return found


def _dateline_countries(state: DocState) -> set[str]:
    """The country of a dateline in capitals that opens the text ("BEIRUT (Reuters) -",
    "BRAZZAVILLE, March 3 -"): the matcher is case-sensitive, so it is looked up here."""
    words = []
    for token in state.doc[:4]:
        if not (token.is_upper and token.is_alpha and len(token) > 1):
            break
        words.append(token.text)
    if not words:
        return set()
    surface = " ".join(words).title()
    ids = {
        e.actor_id
        for e in state.kb.surfaces.get(surface, ())
        if state.kb.actors[e.actor_id].type == "Country" and not e.needs_ner
    }
    return ids if len(ids) == 1 else set()
