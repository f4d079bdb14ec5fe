"""Pass 1: knowledge-base names that stand for an actor here.

Every KB name the matcher finds is checked against the NER where it is ambiguous
("~Chad"), and dropped where it is only part of a longer named thing ("The
Washington Post", "New Mexico"); countries and bodies leave a ``body_hint`` on
their tokens for the later passes (titles, groups, organisations) either way.
"""

from __future__ import annotations

from .matcher import SurfaceMatch, match_surfaces
from .shared_names import resolve_shared, shared_candidates
from .state import BODY_TYPES, NER_COMPATIBLE, POSSESSIVE, DocState, Standalone


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


def country_context(state: DocState, match: SurfaceMatch) -> bool:
    """An ambiguous country name ("~Niger", "~Georgia", "~Chad") the NER tagged as
    something else or missed, in a context only a country fits: after a preposition of
    place ("flew to Jordan"), coordinated with another country ("Sudan and Chad"),
    owning a role ("Niger's ambassador"), or the subject of a state's act ("Niger closed
    its border"). Never inside a longer
    name ("Chad Smith", "Michael Jordan"), when a person in the article bears the name,
    or in an American article ("the governor of Georgia", "Atlanta")."""
    doc, lex = state.doc, state.lex
    start, end = match.start, match.end
    if _inside_longer_name(state, match):
        return False
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    surface = state.span_text(start, end)
    for ent in state.doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1 and surface in ent.text.split():
            return False  # "Michael Jordan ... Jordan said"
    if any(t.text in lex.us_state_context for t in doc):
        return False
    if before is not None and before.lower_ in lex.state_name_context:
        if before.lower_ not in ("and", "or", "nor"):
            return True
        return start >= 2 and _is_country_at(state, start - 2)
    if after is not None and after.lower_ in ("and", "or", ",") and _is_country_at(state, end + 1):
        return True
    if after is not None and after.text in POSSESSIVE and end + 1 < len(doc):
        owned = doc[end + 1].lower_  # "Niger's ambassador", "Georgia's foreign ministry"
        if owned in lex.role_nouns or owned in lex.title_words or owned in state.kb.roles.phrases:
            return True
    head = doc[start:end].root
    return head.dep_.startswith("nsubj") and head.head.lemma_.lower() in lex.state_verbs


def us_state_or_country(state: DocState, match: SurfaceMatch) -> str | None:
    """A country name that is also a US state ("Georgia"): "state" where the article is
    American (a US state or city, "county", "sheriff", "governor", "Atlanta"), "country"
    where it places the name abroad ("Tbilisi", "Abkhazia", "Russia"; the words are
    ``us_state_countries``) or names the country otherwise (its capital, its demonym), and
    None where it does neither or both. Both: the name's own sentence decides, as above.
    Whatever the NER says: a good NER types the state GPE as readily as the country."""
    if _inside_longer_name(state, match):
        return None
    abroad_words = state.lex.us_state_countries.get(match.surface, frozenset())

    def decide(tokens) -> str | None:
        american = _has_any(tokens, state.lex.us_state_context | state.lex.us_places)
        abroad = _has_any(tokens, abroad_words) or any(
            _names_country_otherwise(state, t.i, match) for t in tokens
        )
        if american == abroad:
            return None
        return "state" if american else "country"

    decided = decide(state.doc)
    if decided is None:
        sentence = state.doc[match.start].sent if state.doc.has_annotation("SENT_START") else None
        if sentence is not None:
            decided = decide(sentence)
    return decided


def _has_any(tokens, words: frozenset[str]) -> bool:
    """Any of ``words`` (one or two words each, case-sensitive) among ``tokens``."""
    previous = None
    for token in tokens:
        if token.text in words or (previous is not None and f"{previous} {token.text}" in words):
            return True
        previous = token.text
    return False


def _names_country_otherwise(state: DocState, i: int, match: SurfaceMatch) -> bool:
    """Token ``i`` starts another KB name, not itself ambiguous, of a country ``match``
    may be ("Tbilisi", "Georgian" for "Georgia")."""
    other = state.match_at[i]
    if other is None or other is match or other.start != i:
        return False
    countries = {e.actor_id for e in match.entries}
    return any(e.actor_id in countries and not e.needs_ner for e in other.entries)


def _inside_longer_name(state: DocState, match: SurfaceMatch) -> bool:
    """Part of a longer name: an entity reaching past it ("Georgia Tech", "Chad Smith",
    unless it only wraps coordinated countries), or a capitalised proper noun right after
    it or right before it inside the sentence ("Michael Jordan")."""
    doc = state.doc
    start, end = match.start, match.end
    for ent in {state.ent_of[i] for i in range(start, end)} - {None}:
        if (ent.start < start or ent.end > end) and not _coordinated(state, ent, start, end):
            return True
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if after is not None and after.pos_ == "PROPN" and after.is_title:
        return True  # "Chad Smith"
    return (
        before is not None
        and before.pos_ == "PROPN"
        and before.is_title
        and not before.is_sent_start
    )  # "Michael Jordan"


def _coordinated(state: DocState, ent, start: int, end: int) -> bool:
    """The NER wrapped coordinated countries into one span ("the Emirates and Saudi
    Arabia"): every other token of it is a joiner or part of a plain country name."""
    for token in ent:
        if start <= token.i < end or token.lower_ in ("and", "or", ",", "the"):
            continue
        if not _is_country_at(state, token.i):
            return False
    return True


def _is_country_at(state: DocState, i: int) -> bool:
    """A KB country name (not an ambiguous one) at token ``i``."""
    if not 0 <= i < len(state.doc):
        return False
    match = state.match_at[i]
    return match is not None and any(
        state.kb.actors[e.actor_id].type == "Country" and not e.needs_ner for e in match.entries
    )


def _choose(state: DocState, match: SurfaceMatch) -> tuple[str, str] | None:
    """The one actor a name stands for here, or None when it is ambiguous or unconfirmed;
    a name several countries share is the one the article decides (``shared_names``)."""
    shared = shared_candidates(state, match)
    if shared:
        return resolve_shared(state, match, shared)
    chosen: dict[str, str] = {}
    for entry in match.entries:
        actor = state.kb.actors[entry.actor_id]
        if actor.type == "Country" and match.surface in state.lex.us_state_countries:
            if us_state_or_country(state, match) == "country":
                chosen.setdefault(entry.actor_id, entry.how)
            continue
        if entry.needs_ner and not (
            ner_agrees(state, match, actor.type)
            or (actor.type == "Country" and country_context(state, match))
        ):
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
                if token.lower_ in lex.compass_words and token.i < match.start:
                    continue  # "Western Cambodia", "northern Iraq": the country's part
                if token.pos_ == "PROPN" and not token.is_lower:  # "The Washington Post"
                    return True  # ("the Azerbaijani republic" tagged as one: not a name)
    return False
