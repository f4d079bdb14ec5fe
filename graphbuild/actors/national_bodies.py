"""Long official names that contain another actor's name.

"the United States National Security Council", "Turkey's National Security Council",
"the Russian Security Council" are national bodies the KB does not know, whose names
embed an international body's ("Security Council") and a country or demonym. Read
word by word they become a US national and the UN Security Council. So a capitalised
name that a KB country or organisation opens ("Turkey's", "Russian", "African Union")
is read whole when it holds a word of state bodies (``national_body_heads``: "Council",
"Commission", "Court"; not "University" or "Party") and either embeds the name of
an international body (one with no country of its own: "Security Council", not the
US "National Security Agency") or goes on with a word of state bodies
(``national_body_words``: "National", "Supreme", "Federal" ...):

- opened by a country, its demonym or its possessive: that country's body, an
  ``agent`` with the sector that ``sectors.json`` gives its last body word
  ("Assembly" LEG, "Court" JUD), else GOV ("Council", "Commission");
- opened by an organisation ("the African Union Peace and Security Council"): that
  organisation;
- an international body's name right after a word of state bodies and no KB name ("the
  National Security Council" of an unnamed country): no mention of that body (after
  other capitalised words it stands: "the Euro-NATO Joint Jet Pilot Training").

Runs right after the KB names, before people and the actor coding, and takes the
tokens, so that no later pass reads "National" as nationals.
"""

from __future__ import annotations

from .state import POSSESSIVE, DocState, Standalone

JOINERS = ("and", "of", "for", "on")
CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday".split()
)
STOP_POS = ("DET", "ADP", "PUNCT", "PRON", "VERB", "AUX", "NUM", "CCONJ", "SCONJ")


def find_national_bodies(state: DocState, standalone: list[Standalone]) -> list[Standalone]:
    """The KB names that still stand for themselves once national bodies are read."""
    names = standalone + state.swallowed
    dropped: set[int] = set()  # ids of dropped entries
    for lead in names:
        match, actor_id, how = lead
        actor = state.kb.actors[actor_id]
        if actor.type not in ("Country", "Organization") or id(lead) in dropped:
            continue
        end, inside = _chain(state, names, match.end)
        if end == match.end or not _has_body_word(state, match.end, end):
            continue
        if actor.type == "Country" and how not in ("name", "alias", "demonym"):
            continue  # "Washington State University": a capital opens no national body
        embedded = [e for e in inside if _international(state, e[1])]
        words = state.doc[match.end : end]
        opened = [t for t in words if t.text not in POSSESSIVE]
        if not embedded and not (
            actor.type == "Country" and opened and opened[0].text in state.lex.national_body_words
        ):
            continue
        if any(state.kb.actors[e[1]].type != "Organization" for e in inside) or len(
            embedded
        ) != len(inside):
            continue  # another country or a national body the KB knows inside: leave it
        dropped |= {id(e) for e in inside} | {id(lead)}
        if actor.type == "Country":
            last = [t for t in words if t.text in state.lex.national_body_heads][-1].lower_
            sector = state.kb.roles.phrases.get(last, ("GOV", "agent"))[0]
            state.add_mention(actor_id, match.start, end, "agent", sector=sector)
        else:
            state.add_mention(actor_id, match.start, end, "name")
    for entry in names:  # "the National Security Council" of no named country
        match, actor_id, _how = entry
        if id(entry) in dropped or not _international(state, actor_id):
            continue
        before = state.doc[match.start - 1] if match.start > 0 else None
        if before is not None and before.text in state.lex.national_body_words:
            if state.match_at[before.i] is None:
                dropped.add(id(entry))
    state.swallowed[:] = [e for e in state.swallowed if id(e) not in dropped]
    return [e for e in standalone if id(e) not in dropped]


def _chain(state: DocState, names: list[Standalone], start: int) -> tuple[int, list[Standalone]]:
    """The end of the capitalised words from ``start`` (after a possessive, over joiners
    between capitalised words: "Peace and Security Council") and the KB names inside."""
    doc = state.doc
    i = start
    if i < len(doc) and doc[i].text in POSSESSIVE:
        i += 1
    end = start
    while i < len(doc):
        token = doc[i]
        if _capitalised(token):
            i += 1
            end = i
        elif (
            token.lower_ in JOINERS
            and end == i
            and i + 1 < len(doc)
            and _capitalised(doc[i + 1])
            and not _ends_a_name(state, names, i)
        ):
            i += 1
        else:
            break
    inside = [e for e in names if start <= e[0].start and e[0].end <= end]
    return end, inside


def _ends_a_name(state: DocState, names: list[Standalone], i: int) -> bool:
    """A KB name ends right before the joiner at ``i``: "the United Nations and [the]
    Council of Europe" coordinates two bodies; "Peace and Security" is one name."""
    return any(e[0].end == i for e in names) or (i > 0 and state.match_at[i - 1] is not None)


def _capitalised(token) -> bool:
    if not (token.is_title or token.is_upper) or token.is_sent_start:
        return False
    if token.lower_ in CALENDAR_WORDS or token.ent_type_ == "PERSON":
        return False
    return token.pos_ not in STOP_POS and token.ent_type_ not in ("DATE", "TIME", "CARDINAL")


def _has_body_word(state: DocState, start: int, end: int) -> bool:
    """A word of state bodies (``national_body_heads``: "Council", "Commission", "Court";
    not "University", "Party") ends a part of the name."""
    return any(t.text in state.lex.national_body_heads for t in state.doc[start:end])


def _international(state: DocState, actor_id: str) -> bool:
    actor = state.kb.actors[actor_id]
    return actor.type == "Organization" and actor.country_id is None
