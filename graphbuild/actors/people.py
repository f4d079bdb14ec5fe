"""Pass 2: people, linked to the knowledge base or new, with their titles.

KB names first, then NER PERSON spans and names a title vouches for (``spans``):
a full name in the KB; else a one-word name that ends (or, surname first, begins)
a full name in the same article; else the only KB person with that surname in
office on the date; else a new person. The title chain in front, an appositive
after, or a title before a comma (``roles``) gives role, affiliation and gender.
"""

from __future__ import annotations

from ..records import Actor
from .names import actor_id, fold
from .roles import (
    country_acting_before,
    parse_appositive,
    parse_preceding_appositive,
    parse_title_chain,
)
from .spans import person_spans
from .state import DocState, PersonSpan, Standalone


def find_people(state: DocState, standalone: list[Standalone]) -> None:
    kb, doc = state.kb, state.doc
    covered = [False] * len(doc)
    for match, actor_id_, how in standalone:
        for i in range(match.start, match.end):
            covered[i] = True
        if kb.actors[actor_id_].type == "Person":
            span_how = "name" if how == "name" else "alias"
            state.people.append(
                PersonSpan(match.start, match.end, match.start, match.end, actor_id_, span_how)
            )
    unknown = []
    for start, end, licensed in person_spans(state):
        if start >= end or any(covered[start:end]) or any(state.taken[start:end]):
            continue  # (taken: the title of a work, a national body's name)
        if state.span_text(start, end) in state.lex.not_names:
            continue
        if not licensed and not any(t.pos_ == "PROPN" for t in doc[start:end]):
            continue  # "Government", "Pardon": capitalised words, not names
        if not licensed and end - start == 1 and doc[start].tag_ in ("NNS", "NNPS"):
            continue  # "Fishermen said ...": a plural noun, not a name
        unknown.append((start, end))
        _unswallow(state, start, standalone)
    for start, end in sorted(unknown, key=lambda se: (se[1] - se[0] < 2, se[0])):
        _link_person(state, start, end)
    state.people.sort(key=lambda p: p.start)
    for person in state.people:
        _attach_title(state, person)
    for person in state.people:
        state.add_mention(person.actor_id, person.start, person.end, person.how)


def _unswallow(state: DocState, name_start: int, standalone: list[Standalone]) -> None:
    """A KB body the NER wrapped together with the name after it ("Ambassador to the
    [United Nations Nikki Haley]") is a mention of its own after all."""
    for entry in state.swallowed:
        if entry[0].end == name_start:
            state.swallowed.remove(entry)
            standalone.append(entry)
            standalone.sort(key=lambda e: e[0].start)
            return


def _link_person(state: DocState, start: int, end: int) -> None:
    kb = state.kb
    name = state.span_text(start, end)
    how = "name"
    if end - start >= 2:
        known = kb.find(name, types=("Person",))
        person_id = known.id if known else None
    else:
        person_id = _short_form(state, start, name)
        how = "coref" if person_id else "name"
        if person_id is None and state.date:
            in_office = [p for p in kb.persons_by_surname(name) if kb.in_office_on(p, state.date)]
            if len(in_office) == 1:
                person_id, how = in_office[0], "alias"
    if person_id is None:
        person_id = actor_id(name, "Person")
        if person_id not in state.new_actors:
            state.new_actors[person_id] = Actor(id=person_id, name=name, type="Person")
    elif person_id in state.new_actors and name != state.new_actors[person_id].name:
        aliases = state.new_actors[person_id].aliases
        if name not in aliases:
            aliases.append(name)
    state.people.append(PersonSpan(start, end, start, end, person_id, how))


def _short_form(state: DocState, start: int, word: str) -> str | None:
    """The person a one-word name stands for: a full name in this article that ends
    (or, for names written surname first, begins) with it; the nearest earlier one wins."""
    key = fold(word)
    before, after = [], []
    for person in state.people:
        if person.name_end - person.name_start < 2:
            continue
        words = [fold(t.text) for t in state.doc[person.name_start : person.name_end]]
        if key in (words[-1], words[0]):
            (before if person.start < start else after).append(person)
    if before:
        return max(before, key=lambda p: p.start).actor_id
    if after:
        return min(after, key=lambda p: p.start).actor_id
    return None


def _attach_title(state: DocState, person: PersonSpan) -> None:
    chain = parse_title_chain(state, person.start)
    if chain is not None:
        person.start = chain.start
    appositive = parse_appositive(state, person.end)
    if chain is None and appositive is None:
        appositive = parse_preceding_appositive(state, person.start)
    for found in (chain, appositive):
        if found is not None and found.role:
            words = tuple(found.role.lower().split())
            state.titles_seen.append((person.start, person.actor_id, words))
    new = state.new_actors.get(person.actor_id)
    if new is None:
        return
    if chain is not None and chain.body_id is None and chain.start == person.start:
        chain.body_id = country_acting_before(state, person.start, chain.role)
    for found in (chain, appositive):
        if found is None:
            continue
        if new.country_id is None and found.body_id is not None:
            body = state.actor(found.body_id)
            new.country, new.country_id = body.name, body.id
        if new.role is None and found.role:
            new.role = found.role
        if found.gender and person.actor_id not in state.gender:
            state.gender[person.actor_id] = found.gender
