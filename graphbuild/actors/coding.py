"""Actor coding: nationality + role -> the state (or organisation) it acts for + a sector.

News names most actors by role, not by name: "Israeli troops", "the Iraqi foreign
ministry", "a Kenyan court", "Beijing's envoy", "Senior Polish and Lithuanian
officials", "NATO troops". Event coders (CAMEO, PLOVER) code these as a country or
organisation plus a sector (GOV, MIL, JUD, LEG, REB, ...). So does this pass: the
mention's actor is the country or organisation, never an "officials" node, and the
role is kept as ``Mention.sector``. The role nouns and their sectors are data
(``graphbuild/data/actors/sectors.json``).

Three kinds of result, told apart by ``Mention.how``:

- ``agent``: the role acts for the state or organisation ("Russian forces" -> Russia,
  MIL; "Iranian state media" -> Iran, JRN). A coordination ("American and British
  forces") gives one mention per actor over the same span.
- ``national``: people or bodies of a nationality that do not act for the state
  ("two Brazilian men" -> Brazil, CVL; "a Nigerian student" -> EDU; "Chinese
  companies" -> BUS; "former Israeli officials" -> ELI). The relation step must not
  read them as the state acting; they may be the target of an act.
- ``group`` (no sector): the nation as a whole ("the Russian people", "the Chinese
  side"); and media that do not speak for the state ("a Russian newspaper") give no
  mention at all.

This module is the core route, a demonym, country name or metonym in front of the
role phrase ("Israeli troops", "US general", "Pakistan's interior ministry",
"Beijing's envoy"), coordinations of them ("American and British forces"), and
``code_roles``, which runs the rule families in order, each in its own module:

- ``phrases``: the role phrase itself (noun run, known role, modifiers), shared by all;
- ``hyphens``: "U.S.-led troops", "U.N.-backed" (one token);
- ``leaders``: "the Obama administration" (and people's sectors, a later pass);
- ``descent``: "Bosnian Serb forces", "ethnic Albanians in Serbia";
- ``media``: "Iranian state media" (the state's), "a Russian newspaper" (no actor);
- ``groups``: no role after the nationality: "the Chinese side", "thousands of
  Kenyans", "Russian invasion";
- ``role_of_place``: "the government of Sudan", "opposition lawmakers in Georgia".

Words such as "Western", "foreign" or "Gulf" in front make the phrase no one state's
("Western diplomats in Kyiv"): nothing. The sector of a name acting ("the Pentagon",
"Houthi rebels") is ``bodies.name_sector``.
"""

from __future__ import annotations

from .descent import code_descent, code_ethnic_group, ethnic_second
from .groups import code_without_role, coordinated_group
from .hyphens import code_hyphenated_tokens
from .leaders import code_leaders_bodies
from .media import code_media_phrase, code_state_media
from .phrases import JOINERS, Role, apply_modifiers, chain_end, find_role, left_edge
from .role_of_place import code_role_of_place
from .state import POSSESSIVE, DocState, Standalone


def code_roles(state: DocState, standalone: list[Standalone]) -> None:
    """Nationality + role phrases, as agents or nationals; then each rule family
    (module docstring) where the core route does not apply.

    Runs after people and titles ("Russian President Vladimir Putin" keeps "Russian" as
    a demonym) and before countries and organisations are read by name."""
    code_hyphenated_tokens(state)
    code_leaders_bodies(state)
    items = [s for s in standalone if state.kb.actors[s[1]].type != "Person"]
    done: set[int] = set()
    for index, (match, actor_id_, how) in enumerate(items):
        if index in done or not state.is_free(match.start, match.end):
            continue
        if code_descent(state, match, how):
            continue
        second = ethnic_second(state, items, index)
        if second is not None:
            done.add(index + 1)
            if _code_members(state, [items[index]], chain_from=second[0].end) is not None:
                code_ethnic_group(state, items[index], second)
            continue
        members = _coordination(state, items, index)
        if len(members) > 1:
            run_end = _code_members(state, members)
            if run_end is None or coordinated_group(state, members, run_end):
                done.update(range(index, index + len(members)))
                continue
        run_end = _code_members(state, [items[index]])
        if run_end is not None:
            code_without_role(state, match, actor_id_, how, run_end)
    code_role_of_place(state, standalone)


def _code_members(
    state: DocState, members: list[Standalone], chain_from: int | None = None
) -> int | None:
    """Code the countries ``members`` and the role phrase after the last one; None when
    done, else the end of the noun run after them (for the old group reading)."""
    last = members[-1]
    chain_start = last[0].end if chain_from is None else chain_from
    possessive = (
        chain_start < len(state.doc)
        and state.doc[chain_start].text in POSSESSIVE
        and last[2] != "demonym"
    )
    if possessive:
        chain_start += 1
    run_end = chain_end(state, chain_start)
    if _coded(state, members, chain_start, run_end, possessive):
        return None
    if possessive:
        return last[0].end  # "Russia's invasion": the country by name, in a later pass
    return run_end


def _coordination(state: DocState, items: list[Standalone], index: int) -> list[Standalone]:
    """ "American and British forces", "Polish, Czech and Slovak officials": countries
    joined by commas and "and" that share the role after the last one."""
    doc = state.doc
    members = [items[index]]
    k = index
    while k + 1 < len(items):
        current, following = items[k][0], items[k + 1]
        between = doc[current.end : following[0].start]
        if not (
            1 <= len(between) <= 2
            and all(t.lower_ in JOINERS for t in between)
            and following[2] == "demonym"
            and members[0][2] == "demonym"
            and state.kb.actors[following[1]].type == "Country"
            and state.is_free(following[0].start, following[0].end)
        ):
            break
        members.append(following)
        k += 1
    return members


def _coded(
    state: DocState, members: list[Standalone], start: int, end: int, possessive: bool
) -> bool:
    """Code ``members`` + the role phrase in ``[start, end)``; False when there is none."""
    doc = state.doc
    first = members[0][0]
    left = left_edge(state, first.start)
    if code_state_media(state, members, left, start, end):
        return True
    role = find_role(state, start, end)
    if role is None:
        return code_media_phrase(state, members, first, left, start, end, possessive)
    if _describes_person(state, left, role.end):
        return False  # "John Cornyn, U.S. Senator": the person is the actor, not the state
    role = apply_modifiers(state, [*doc[left : first.start], *doc[start : role.start]], role)
    for member in members:
        state.add_mention(member[1], left, role.end, role.how, sector=role.sector)
    _shared_nationality(state, members, role)
    return True


def _shared_nationality(state: DocState, members: list[Standalone], role: Role) -> None:
    """ "Israeli helicopters and tanks", "Russian troops and warplanes": a second role of the
    same kind after "and" shares the nationality (an agent only after an agent)."""
    doc = state.doc
    at = role.end + 1
    if at >= len(doc) or doc[role.end].lower_ != "and" or state.taken[at]:
        return
    end = chain_end(state, at)
    second = find_role(state, at, end, legacy_ok=False)
    if second is None or second.start != at or second.how != role.how:
        return
    for member in members:
        state.add_mention(member[1], at, second.end, second.how, sector=second.sector)


def _describes_person(state: DocState, start: int, end: int) -> bool:
    """The phrase is a title in apposition to a named person: right after "Name," or
    right before ", Name" ("China's ambassador, Liu Jieyi, said")."""
    doc = state.doc
    after_name = (
        start >= 2 and doc[start - 1].text == "," and any(p.end == start - 1 for p in state.people)
    )
    before_name = (
        end + 1 < len(doc)
        and doc[end].text == ","
        and any(p.start == end + 1 for p in state.people)
    )
    return after_name or before_name or _title_of_next_person(state, end)


def _title_of_next_person(state: DocState, end: int) -> bool:
    """ "U.S. Ambassador to the United Nations Nikki Haley": the role phrase is the title
    of the name after it (at most a "to the <body>" in between)."""
    doc = state.doc
    k = end
    while k < len(doc) and k - end <= 6:
        if any(p.start == k for p in state.people):
            return True
        token = doc[k]
        if not (token.pos_ in ("DET", "ADP") or state.body_hint[k] is not None):
            return False
        k += 1
    return False
