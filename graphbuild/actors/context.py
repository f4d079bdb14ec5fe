"""Bare role phrases ("police", "the army", "rebels", "government forces") whose country
the phrase does not name, resolved from the context where the context settles it.

Wire news often names the country once and then only the roles: "Fighting flared in
Liberia. Rebels said ..."; "Police in Kenya fired tear gas". Event coders code these
as that country with the role's sector (LBR REB, KEN COP). This pass does the same,
for the roles that belong to the place they are in (``context_roles`` in
``sectors.json``: police, rebels, the army, the government, the opposition, ...; and
any role after "government", "regime" or "state": "government troops"), never for
roles that are often someone else's abroad ("troops", "soldiers", "diplomats").

The country comes from, most certain first (``Mention.context`` says which):

1. ``locative``: "in" + a place of one country in the phrase itself ("rebels in
   northern Uganda", "riot police in Kinshasa"), or in the clause the phrase is the
   subject or object of, when that clause names no other country ("the army shelled
   villages in eastern Congo"); an "in" + a place the knowledge base cannot place
   settles it too: no mention;
2. ``dateline``: the article's dateline place (``find_actors(place=...)``), when the
   sentence names no other country;
3. ``article``: the one country the article names (by name, demonym, capital, city,
   or as the country of a person it names), when it names exactly one.

Otherwise no mention: a wrong country is worse than none. The mention is
``how="agent"`` with the role's sector, like "Kenyan police".
"""

from __future__ import annotations

from .phrases import CHAIN_POS, NOT_CURRENT_WORDS, find_role, text_of
from .state import HYPHENS, POSSESSIVE, DocState

LOCATIVES = ("in", "inside")
SUBJECT_OR_OBJECT = ("nsubj", "nsubjpass", "nsubj:pass", "dobj", "obj")
OBJECTS = ("dobj", "obj")
POSSESSIVE_DETERMINERS = frozenset({"its", "his", "her", "their", "our", "my", "your", "whose"})
PHRASE_POS = (*CHAIN_POS, "DET", "NUM")
MASS_ROLES = frozenset({"police", "opposition", "military", "army"})  # "police said"


def resolve_bare_roles(state: DocState, place: str | None = None) -> None:
    """Bare local role phrases as agents of the country their context names."""
    roles = state.kb.roles
    if not roles.context_roles:
        return
    dateline = _country_of_place(state, place) if place else None
    countries = _article_countries(state)
    doc = state.doc
    for token in doc:
        if state.taken[token.i] or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if token.dep_ == "compound" or (
            token.i + 1 < len(doc) and doc[token.i + 1].text in HYPHENS and not token.whitespace_
        ):
            continue  # "police officers", "rebel-held": the phrase ends later
        begin = _phrase_start(state, token.i)
        if begin is None:
            continue
        role = find_role(state, begin, token.i + 1, legacy_ok=False)
        if role is None or role.end != token.i + 1:
            continue
        crowd = role.how == "national" and text_of(state, role) in roles.context_nationals
        if role.how != "agent" and not crowd:
            continue
        prev = doc[begin - 1] if begin > 0 else None
        if (
            begin == role.start
            and prev is not None
            and prev.pos_ == "ADP"
            and token.i in (prev.head.i, *[c.i for c in prev.children])
        ):
            continue  # "remain in opposition", "go to court", "in parliament": no actor
        if (
            not any(t.pos_ == "DET" for t in doc[begin : role.end])
            and (
                (token.tag_ == "NN" and token.is_lower)
                or (token.tag_ in ("NN", "NNP") and token.is_sent_start)
            )
            and token.lower_ not in MASS_ROLES
        ):
            continue  # "government is not the solution": government in general
        front = [t.lower_ for t in doc[begin : role.start]]
        local = (
            crowd
            or text_of(state, role) in roles.context_roles
            or any(w in roles.state_modifiers for w in front)
        )
        if not local or any(w in roles.not_national or w in NOT_CURRENT_WORDS for w in front):
            continue
        found = _locative(state, token)
        how_found = "locative"
        if found is False:
            continue
        if crowd and found is not None and not _named_place(state, token.sent, found):
            continue  # "prisoners held in Israeli jails": a demonym is no place of theirs
        if found is None and dateline is not None:
            others = _countries_in(state, token.sent.start, token.sent.end) - {dateline}
            found, how_found = (dateline, "dateline") if not others else (None, "")
        if found is None and len(countries) == 1 and not crowd:
            # never for crowds: "protesters denounced Russia" may be anywhere
            found, how_found = next(iter(countries)), "article"
        if found is None and len(countries) > 1 and not crowd:
            found = _the_other_country(state, token, role, countries)
            how_found = "article"
        if found is None:
            continue
        start = begin
        while start < role.start and doc[start].pos_ not in ("DET", *CHAIN_POS):
            start += 1
        sector = role.sector
        for word in front:
            sector = (
                roles.modifiers.get(word, sector)
                if sector in ("GOV", "MIL", "LEG", "COP")
                else sector
            )
        if crowd:
            national = [roles.national_modifiers.get(w) for w in front]
            sector = next((x for x in national if x), role.sector)
        mention = state.add_mention(found, start, role.end, role.how, sector=sector)
        mention.context = how_found


def _the_other_country(state: DocState, head, role, countries: set[str]) -> str | None:
    """ "Fighting spread in Myanmar. The junta accused Thailand ...": the role's own clause
    acts on Thailand, so the junta is not Thailand's; the one country left, named before
    the role, is its. None when more or none are left."""
    verb = head.head
    if head.dep_ not in SUBJECT_OR_OBJECT or verb.pos_ not in ("VERB", "AUX"):
        return None
    tokens = [t.i for t in verb.subtree]
    acted_on = _countries_in(state, min(tokens), max(tokens) + 1)
    before = _countries_in(state, 0, role.start)
    left = (countries - acted_on) & before
    return next(iter(left)) if len(left) == 1 and acted_on else None


def _named_place(state: DocState, sent, country: str) -> bool:
    """The sentence names ``country`` or one of its places (not only a demonym)."""
    return any(
        m.actor_id == country
        and m.how in ("place", "name", "alias", "metonym")
        and m.token_start is not None
        and sent.start <= m.token_start < sent.end
        for m in state.mentions
    )


def _phrase_start(state: DocState, head: int) -> int | None:
    """Start of the determiner/adjective/noun run ending at ``head``; None when the run
    has a nationality, a name, a possessive or a pronoun determiner in it (not bare)."""
    doc = state.doc
    begin = head
    while begin > 0 and head - begin < 4:
        prev = doc[begin - 1]
        if prev.pos_ not in PHRASE_POS or prev.text in POSSESSIVE:
            break
        begin -= 1
    for i in range(begin, head + 1):
        t = doc[i]
        if state.taken[i] or state.body_hint[i] is not None or state.match_at[i] is not None:
            return None
        if t.lower_ in POSSESSIVE_DETERMINERS:
            return None
        ent = state.ent_of[i]
        if (
            ent is not None
            and ent.label_ != "NORP"
            and not t.is_lower
            and i != head
            and t.lower_ not in state.kb.roles.state_modifiers
        ):
            return None  # "Hamas fighters", "Zapatista rebels": someone named, not bare
    if begin > 0 and doc[begin - 1].text in POSSESSIVE:
        return None  # "the group's fighters"
    return begin


def _locative(state: DocState, head) -> str | None | bool:
    """The country of an "in" + place in the phrase or its clause; False when such a
    place is there but names no single country (unknown place, or two countries)."""
    found = _in_places(state, head)
    if found:
        return next(iter(found)) if len(found) == 1 and found != {None} else False
    verb = head.head
    if head.dep_ not in SUBJECT_OR_OBJECT or verb.pos_ not in ("VERB", "AUX"):
        return None
    places = _in_places(state, verb)
    for child in verb.children:
        if child.dep_ in (*OBJECTS, "obl") and child.i != head.i:
            places |= _in_places(state, child)
    if not places:
        return None
    if len(places) != 1 or places == {None}:
        return False
    country = next(iter(places))
    clause = verb.subtree
    tokens = [t.i for t in clause]
    others = _countries_in(state, min(tokens), max(tokens) + 1) - {country}
    return False if others else country


def _in_places(state: DocState, token) -> set[str | None]:
    """Countries of the places after "in" hanging on ``token``; None for a place the
    knowledge base cannot place."""
    out: set[str | None] = set()
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in LOCATIVES:  # "in" heads its noun
            sub = list(child.subtree)
        elif child.dep_ in ("nmod", "obl") and any(
            c.dep_ == "case" and c.lower_ in LOCATIVES for c in child.children
        ):  # the noun heads "in" (Universal Dependencies)
            sub = list(child.subtree)
        else:
            continue
        countries = _countries_in(state, sub[0].i, sub[-1].i + 1)
        if countries:
            out |= countries
        elif any(
            state.ent_of[t.i] is not None and state.ent_of[t.i].label_ in ("GPE", "LOC")
            for t in sub
        ):
            out.add(None)
    return out


def _countries_in(state: DocState, start: int, end: int) -> set[str]:
    """Countries with a mention inside tokens ``[start, end)``."""
    out = set()
    for m in state.mentions:
        if m.token_start is None or not (start <= m.token_start and m.token_end <= end):
            continue
        actor = state.actor(m.actor_id)
        if actor.type == "Country":
            out.add(actor.id)
        elif actor.type == "Person" and actor.country_id in state.kb.actors:
            if state.kb.actors[actor.country_id].type == "Country":
                out.add(actor.country_id)
    return out


def _article_countries(state: DocState) -> set[str]:
    return _countries_in(state, 0, len(state.doc))


def _country_of_place(state: DocState, place: str) -> str | None:
    """The country a dateline place names ("Nairobi", "NAIROBI, Kenya", "Manila")."""
    kb = state.kb
    for part in [place, *place.split(",")]:
        part = part.strip()
        for surface in (part, part.title()):
            ids = {
                e.actor_id
                for e in kb.surfaces.get(surface, ())
                if e.how in ("name", "alias", "metonym", "place")
                and kb.actors[e.actor_id].type == "Country"
            }
            if len(ids) == 1:
                return next(iter(ids))
    return None
