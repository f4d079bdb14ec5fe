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

Routes: a demonym, country name or metonym in front of the role phrase ("Israeli
troops", "US general", "Pakistan's interior ministry", "Beijing's envoy"); a role
phrase and "of" + a country ("the government of Sudan"); a state role phrase and
"in" + a country ("opposition lawmakers in Georgia"). Words such as "Western",
"foreign" or "Gulf" in front make the phrase no one state's ("Western diplomats in
Kyiv"): nothing.

Also here: the sector of a seat of government or capital acting ("the Pentagon" ->
MIL, "the Kremlin" -> GOV), of an organisation's name that ends in a role noun
("Houthi rebels" -> REB), and of people in office ("President Putin" -> GOV).
"""

from __future__ import annotations

from dataclasses import dataclass

from .matcher import SurfaceMatch
from .names import fold
from .state import POSSESSIVE, DocState, Standalone

CHAIN_POS = ("NOUN", "PROPN", "ADJ")
MAX_CHAIN = 4  # words between the nationality and the end of the role phrase
MAX_LEFT = 3  # determiners, numbers and adjectives in front of the nationality
HYPHENS = ("-", "\u2010", "\u2011")
FINITE_VERB_TAGS = ("VBD", "VBZ", "VBP", "VB", "MD")
JOINERS = ("and", ",")
NATIONALITY_HOWS = ("demonym", "name", "alias", "metonym", "place")
OVERRIDABLE = frozenset({"GOV", "MIL", "LEG", "COP"})  # heads a modifier may recode
TIME_NOUNS = frozenset({"today", "yesterday", "tonight", "tomorrow", "now"})
COMPASS = frozenset({"north", "south", "east", "west", "central"})  # "in south Serbia"
NOT_CURRENT_WORDS = frozenset({"former", "ex", "late", "then", "future", "retired"})
# "former officials", "business leaders", "civilian advisers": not the state acting
NATIONAL_MODIFIER_SECTORS = frozenset({"ELI", "BUS", "CVL"})


@dataclass
class Role:
    """A role phrase found in ``[start, end)``: its sector and whether it acts for the state."""

    start: int
    end: int
    sector: str
    how: str  # agent | national


def code_roles(state: DocState, standalone: list[Standalone]) -> None:
    """Nationality + role phrases, as agents or nationals; groups and media as before.

    Runs after people and titles ("Russian President Vladimir Putin" keeps "Russian" as
    a demonym) and before countries and organisations are read by name."""
    _hyphenated_tokens(state)
    _leaders_bodies(state)
    items = [s for s in standalone if state.kb.actors[s[1]].type != "Person"]
    done: set[int] = set()
    for index, (match, actor_id_, how) in enumerate(items):
        if index in done or not state.is_free(match.start, match.end):
            continue
        if _not_national_people(state, match, how):
            continue
        if _ethnic_second(state, items, index):
            done.add(index + 1)
            continue
        members = _coordination(state, items, index)
        if len(members) > 1:
            chain_end = _code_members(state, members)
            if chain_end is None or _coordinated_group(state, members, chain_end):
                done.update(range(index, index + len(members)))
                continue
        chain_end = _code_members(state, [items[index]])
        if chain_end is not None:
            _legacy(state, match, actor_id_, how, chain_end)
    _role_of_place(state, standalone)


def _coordinated_group(state: DocState, members: list[Standalone], chain_end: int) -> bool:
    """ "The Turkish and Greek sides", "the Russian and Chinese people": one group mention
    per country over the same span, as for a shared role. True when coded."""
    head = _group_head(state, members[-1][0].end, chain_end)
    if head is None:
        return False
    doc, start = state.doc, members[0][0].start
    if start > 0 and doc[start - 1].lower_ == "the" and not state.taken[start - 1]:
        start -= 1
    for member in members:
        state.add_mention(member[1], start, head, "group")
    return True


def _ethnic_second(state: DocState, items: list[Standalone], index: int) -> bool:
    """ "Bosnian Serb forces", "Iraqi Kurdish fighters", "Malaysian Chinese traders": a
    demonym of a state, then a demonym used for an ethnic group (``ethnic_demonyms``):
    the state is the first; the second names no state. True when coded here."""
    doc = state.doc
    match, actor_id_, how = items[index]
    if how != "demonym" or index + 1 >= len(items):
        return False
    second = items[index + 1]
    if (
        second[2] != "demonym"
        or second[0].start != match.end
        or second[1] == actor_id_
        or second[0].surface.lower() not in state.kb.roles.ethnic_demonyms
        or not state.is_free(second[0].start, second[0].end)
    ):
        return False
    if _code_members(state, [items[index]], chain_from=second[0].end) is None:
        return True
    last = doc[second[0].end - 1]
    if last.tag_ in ("NNS", "NNPS") or last.text.endswith("s"):
        state.add_mention(actor_id_, match.start, second[0].end, "national", sector="CVL")
        return True
    state.add_mention(actor_id_, match.start, match.end, "demonym")
    for i in range(second[0].start, second[0].end):
        state.taken[i] = True
    return True


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
    chain_end = _chain_end(state, chain_start)
    if _coded(state, members, chain_start, chain_end, possessive):
        return None
    if possessive:
        return last[0].end  # "Russia's invasion": the country by name, in a later pass
    return chain_end


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


def _chain_end(state: DocState, start: int) -> int:
    """End of the run of nouns and adjectives after a nationality ("foreign ministry"),
    "state-run" kept as one word; it stops at names, bodies and taken tokens."""
    doc = state.doc
    end = start
    words = 0
    if (
        0 < start < len(doc) - 1
        and doc[start].text in HYPHENS
        and not doc[start - 1].whitespace_
        and doc[start + 1].lower_ in state.kb.roles.leading_words
    ):
        end = start + 2  # "Saudi-led forces", "US-led troops": the leader's forces
    while end < len(doc) and words < MAX_CHAIN:
        token = doc[end]
        if token.text in HYPHENS and end > start and token.whitespace_ == "":
            end += 1
            continue
        if token.pos_ not in CHAIN_POS or state.body_hint[end] is not None or state.taken[end]:
            break
        if token.lower_ in TIME_NOUNS:
            break  # "Syrian officers today ended ..."
        if (
            token.pos_ == "ADJ"
            and end > start
            and doc[end - 1].pos_ == "NOUN"
            and not any(_phrase(state, first, end + 1) for first in range(start, end))
        ):
            break  # "militiamen armed with", "troops loyal to"; not "attorney general"
        if token.tag_ in FINITE_VERB_TAGS and _phrase(state, end, end + 1) is None:
            break  # "U.S. officials briefed reporters": a verb the tagger called an adjective
        ethnic = token.lower_ in state.kb.roles.ethnic_words or (
            state.ent_of[end] is not None and state.ent_of[end].label_ == "NORP"
        )
        if (
            token.pos_ == "PROPN"
            and not token.is_lower
            and not ethnic  # "Iraqi Kurdish fighters", "Afghan Pashtun elders"
            and token.lower_ not in state.lex.title_words  # "Taiwan's Vice Foreign Minister"
            and _phrase(state, end, end + 1) is None
        ):
            break  # a name ("Chinese Premier Li"): not part of a role phrase
        end += 1
        words += 1
    while end > start and doc[end - 1].text in HYPHENS:
        end -= 1
    return end


def _phrase(state: DocState, start: int, end: int) -> str | None:
    """The lower-case text of ``[start, end)`` when it is a known role phrase."""
    if start >= end:
        return None
    text = state.span_text(start, end).lower()
    return text if text in state.kb.roles.phrases else None


def find_role(state: DocState, start: int, end: int, legacy_ok: bool = True) -> Role | None:
    """The role phrase that ends the chain ``[start, end)``: the longest known phrase
    ending at ``end``; a collective noun of the old group list ("military", "government")
    may also end earlier ("US military aid")."""
    roles = state.kb.roles
    for stop in range(end, start, -1):
        for first in range(start, stop):
            text = _phrase(state, first, stop)
            if text is None:
                continue
            held = stop != end and all(
                t.lower_ in roles.held_places for t in state.doc[stop:end]
            )  # "Kampuchean guerrilla camps": the guerrillas' (a target)
            if stop != end and not held and not (legacy_ok and text in state.lex.group_nouns):
                continue
            sector, how = roles.phrases[text]
            return Role(first, end if held else stop, sector, how)
    return None


def _state_media(state: DocState, start: int, end: int) -> int | None:
    """End of "state media", "state-run television" at ``start`` (with "outlets" after)."""
    roles = state.kb.roles
    for stop in range(end, start, -1):
        text = state.span_text(start, stop).lower()
        for phrase in roles.state_media:
            if text == phrase or (text.startswith(phrase + " ") and stop - start <= 4):
                return stop
    return None


def _modifiers(state: DocState, tokens, role: Role) -> Role:
    """Words in front of the head that recode it: "opposition lawmakers" (OPP),
    "military officials" (MIL), "former officials" (ELI, no longer acting)."""
    roles = state.kb.roles
    fixed = text_of(state, role) in roles.unrecoded_heads  # "military rulers" govern
    for word in _words(tokens):
        national = roles.national_modifiers.get(word)
        if national is not None and role.how == "national" and role.sector == "CVL":
            role = Role(role.start, role.end, national, "national")  # "anti-government"
            continue
        sector = roles.modifiers.get(word)
        if sector is None:
            continue
        if sector in NATIONAL_MODIFIER_SECTORS and not fixed:
            return Role(role.start, role.end, sector, "national")
        if role.sector in OVERRIDABLE and role.how == "agent" and not fixed:
            role = Role(role.start, role.end, sector, "agent")
    return role


def _words(tokens) -> list[str]:
    """Lower-case words of ``tokens``, hyphenated compounds joined ("anti-government")."""
    words: list[str] = []
    glue = False
    for token in tokens:
        if token.text in HYPHENS and words and not token.whitespace_:
            words[-1] += "-"
            glue = True
            continue
        if glue:
            words[-1] += token.lower_
            glue = False
        else:
            words.append(token.lower_)
    return words


def _left_edge(state: DocState, start: int) -> int:
    """Determiners, numbers and adjectives in front of a nationality join its phrase:
    "Two Russian diplomats", "A senior Egyptian official", "former Israeli officials"."""
    doc = state.doc
    edge = start
    while (
        edge > 0
        and start - edge < MAX_LEFT
        and not state.taken[edge - 1]
        and state.body_hint[edge - 1] is None
        and (
            doc[edge - 1].pos_ in ("DET", "NUM")
            or (doc[edge - 1].pos_ == "ADJ" and doc[edge - 1].is_alpha)
            or doc[edge - 1].lower_ in state.kb.roles.modifiers
        )
        and doc[edge - 1].lower_ not in ("this", "that", "these", "those", "which", "what")
        and doc[edge - 1].lower_ not in state.kb.roles.not_national  # "the regional bloc"
    ):
        edge -= 1
    return edge


def _coded(
    state: DocState, members: list[Standalone], start: int, end: int, possessive: bool
) -> bool:
    """Code ``members`` + the role phrase in ``[start, end)``; False when there is none."""
    doc, lex = state.doc, state.lex
    first = members[0][0]
    left = _left_edge(state, first.start)
    media_end = _state_media(state, start, end)
    if media_end is not None:
        if all(state.kb.actors[m[1]].type == "Country" for m in members):
            for member in members:
                state.add_mention(member[1], left, media_end, "agent", sector="JRN")
            return True
    role = find_role(state, start, end)
    led = (
        start + 1 < len(doc)
        and doc[start].text in HYPHENS
        and doc[start + 1].lower_ in state.kb.roles.leading_words
    )
    if role is None and led and any(t.lower_ in lex.media_nouns for t in doc[start:end]):
        # "Kremlin-run television", "Tehran-controlled media": the state's own media
        if all(state.kb.actors[m[1]].type == "Country" for m in members):
            for member in members:
                state.add_mention(member[1], left, end, "agent", sector="JRN")
            return True
    if role is None:
        countries = all(state.kb.actors[m[1]].type == "Country" for m in members)
        if (
            countries
            and any(t.lower_ in lex.media_nouns for t in doc[start:end])
            and not possessive
        ):
            # "a Russian newspaper"; not "the al-Qaeda network", an organisation by name
            front = _words(doc[max(0, first.start - 3) : first.start])
            named = end < len(doc) and doc[end].pos_ == "PROPN"  # "... news agency IRNA"
            if any(w in state.kb.roles.state_media_modifiers for w in front) and not named:
                for member in members:  # "an official Syrian newspaper": the state's
                    state.add_mention(member[1], left, end, "agent", sector="JRN")
                return True
            for i in range(first.start, end):
                state.taken[i] = True  # media are not actors, and neither is their nationality
            return True
        return False
    if _describes_person(state, left, role.end):
        return False  # "John Cornyn, U.S. Senator": the person is the actor, not the state
    role = _modifiers(state, [*doc[left : first.start], *doc[start : role.start]], role)
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
    end = _chain_end(state, at)
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


def _legacy(state: DocState, match: SurfaceMatch, actor_id_: str, how: str, chain_end: int) -> bool:
    """What no role phrase explains: the nation as a group ("the Chinese side", "the
    Russian people"), "the Russians", or a plain adjectival demonym ("Russian invasion")."""
    doc = state.doc
    head = _group_head(state, match.end, chain_end)
    start = (
        match.start - 1 if match.start > 0 and doc[match.start - 1].lower_ == "the" else match.start
    )
    if head is not None:
        state.add_mention(actor_id_, start, head, "group")
        return True
    if how != "demonym":
        return False
    token = doc[match.end - 1]
    hyphen_after = (
        match.end + 1 < len(doc)
        and doc[match.end].text in HYPHENS
        and not token.whitespace_
        and doc[match.end + 1].lower_ in state.kb.roles.patron_words
    )
    crowd = _crowd_start(state, match.start)
    if chain_end > match.end or hyphen_after or (match.end < len(doc) and state.taken[match.end]):
        # "Russian invasion", "Turkish-backed" (a patron, not the actor of what follows),
        # and "Russian" in front of "President Vladimir Putin"
        state.add_mention(actor_id_, match.start, match.end, "demonym")
    elif crowd is not None and (token.tag_ in ("NNS", "NNPS") or token.text.endswith("s")):
        # "thousands of Kenyans", "young Tunisians": people, not the nation or the state
        state.add_mention(actor_id_, crowd, match.end, "national", sector="CVL")
    elif (
        token.tag_ in ("NNS", "NNPS")
        or token.text.endswith("s")
        or (
            match.start > 0
            and doc[match.start - 1].lower_ == "the"
            and token.pos_ in ("NOUN", "PROPN")
        )
    ):
        state.add_mention(actor_id_, start, match.end, "group")  # "the Russians", "Americans"
    return True


def _crowd_start(state: DocState, start: int) -> int | None:
    """Start of "thousands of", "hundreds of", "young", "angry" right before a plural
    demonym (``crowd_quantities``), or None."""
    doc, words = state.doc, state.kb.roles.crowd_quantities
    if start >= 1 and doc[start - 1].lower_ in words and not state.taken[start - 1]:
        return start - 1
    if (
        start >= 2
        and doc[start - 1].lower_ == "of"
        and (doc[start - 2].lower_ in words or doc[start - 2].like_num)
        and not state.taken[start - 2]
    ):
        return start - 2
    return None


def _not_national_people(state: DocState, match: SurfaceMatch, how: str) -> bool:
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
        if host is not None and host != match_country(state, match):
            state.add_mention(host, match.start, end, "national", sector="CVL")
        return True
    if match.start == 0 or doc[match.start - 1].lower_ not in roles.descent_words:
        return False
    end, how_, sector = match.end, "national", "CVL"
    if match.end < len(doc) and doc[match.end].pos_ in ("NOUN", "PROPN"):
        role = find_role(state, match.end, _chain_end(state, match.end), legacy_ok=False)
        if role is None or role.start != match.end:
            return False
        end, how_, sector = role.end, role.how, role.sector
    elif not (token.tag_ in ("NNS", "NNPS") or token.text.endswith("s")):
        return False
    for i in range(match.start, end):
        state.taken[i] = True
    at = end + 1 if end + 1 < len(doc) and doc[end].tag_ in ("VBG", "VBN") else end
    host = _country_after_in(state, at)  # "... operating in Macedonia", "... in Serbia"
    if host is not None and host != match_country(state, match):
        state.add_mention(host, match.start - 1, end, how_, sector=sector)
    return True


def match_country(state: DocState, match: SurfaceMatch) -> str | None:
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


def _leaders_bodies(state: DocState) -> None:
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
        end = _chain_end(state, start)
        role = find_role(state, start, end, legacy_ok=False)
        if role is None or role.how != "agent" or role.start != start:
            continue
        if text_of(state, role) not in state.kb.roles.leader_bodies:
            continue
        state.add_mention(country, person.start, role.end, "agent", sector=role.sector)


def _hyphenated_tokens(state: DocState) -> None:
    """A country joined to a word in one token ("U.S.-led", "U.N.-backed"): the tokenizer
    keeps abbreviations whole. With a ``leading_words`` word and a role after ("U.S.-led
    troops") it is that country's agent; otherwise the country as a demonym only."""
    doc, kb = state.doc, state.kb
    for token in doc:
        text = token.text
        cut = max(text.rfind(h) for h in HYPHENS)
        if cut <= 0 or cut == len(text) - 1 or state.taken[token.i]:
            continue
        left, right = text[:cut], text[cut + 1 :]
        if not right.islower():
            continue  # "Russia-Ukraine", "Guinea-Bissau": two names, not a modifier
        ids = {
            e.actor_id
            for e in kb.surfaces.get(left, ())
            if e.how in ("name", "alias", "demonym") and not e.needs_ner
        }
        if len(ids) != 1:
            continue
        actor_id_ = next(iter(ids))
        if right in kb.roles.leading_words and kb.actors[actor_id_].type == "Country":
            end = _chain_end(state, token.i + 1)
            role = find_role(state, token.i + 1, end)
            if role is not None and role.how == "agent":
                left_edge = _left_edge(state, token.i)
                role = _modifiers(state, list(doc[token.i + 1 : role.start]), role)
                state.add_mention(actor_id_, left_edge, role.end, "agent", sector=role.sector)
                continue
        if right in kb.roles.patron_words:
            state.add_mention(actor_id_, token.i, token.i + 1, "demonym")


def _group_head(state: DocState, start: int, end: int) -> int | None:
    """End of a group noun phrase right after a demonym ("people", "side")."""
    doc, nouns = state.doc, state.lex.group_nouns
    for stop in range(end, start, -1):
        for first in range(start, stop):
            phrase = " ".join(t.lower_ for t in doc[first:stop])
            if phrase in nouns and all(t.pos_ in CHAIN_POS for t in doc[start:stop]):
                return stop
    return None


def _role_of_place(state: DocState, standalone: list[Standalone]) -> None:
    """A role phrase with no nationality, then "of" + a country, capital or city ("the
    government of Sudan", "the mayor of Kharkiv": its tokens join the mention) or, for
    civil state roles, "in" + one ("opposition lawmakers in Georgia"; it stays a place)."""
    doc, roles = state.doc, state.kb.roles
    for match, actor_id_, how in standalone:
        if state.kb.actors[actor_id_].type != "Country":
            continue
        if not state.is_free(match.start, match.end) or match.start < 2:
            continue
        preposition = doc[match.start - 1].lower_
        if not (
            (preposition == "of" and how in ("name", "alias", "metonym", "place"))
            or (preposition == "in" and how in ("name", "alias", "metonym", "place"))
        ):
            continue
        if match.end < len(doc) and doc[match.end].pos_ in ("NOUN", "PROPN"):
            continue  # "the government of the Russian Federation's ..." / "in US custody"
        stop = match.start - 1
        begin = stop
        while (
            begin > 0
            and stop - begin < MAX_CHAIN
            and doc[begin - 1].pos_ in (*CHAIN_POS, "DET")
            and not state.taken[begin - 1]
            and state.body_hint[begin - 1] is None
        ):
            begin -= 1
        role = find_role(state, begin, stop, legacy_ok=False)
        if role is None or role.how != "agent":
            continue
        tokens = list(doc[begin : role.start])
        if any(t.lower_ in roles.not_national for t in tokens):
            continue
        role = _modifiers(state, tokens, role)
        if preposition == "in" and text_of(state, role) not in roles.in_country_roles:
            continue  # "troops in Syria", "diplomats in Moscow" are often someone else's
        start = begin
        while start < role.start and doc[start].pos_ not in ("DET", *CHAIN_POS):
            start += 1
        members = [actor_id_]
        end = role.end
        if preposition == "of" and how in ("name", "alias"):
            members, end = _country_list(state, standalone, match, actor_id_)
        elif preposition == "of":
            end = match.end  # "the mayor of Moscow", "the governor of Kherson"
        for member in members:
            mention = state.add_mention(member, start, end, role.how, sector=role.sector)
            if preposition == "in":
                mention.context = "locative"  # a bare role placed by its "in" (context.py)


def _country_list(
    state: DocState, standalone: list[Standalone], match: SurfaceMatch, actor_id_: str
) -> tuple[list[str], int]:
    """ "the leaders of France, Egypt and Jordan": the countries named one after another
    from ``match`` on, and where the list ends."""
    doc = state.doc
    members, end = [actor_id_], match.end
    for other, other_id, how in standalone:
        if other.start <= end:
            continue
        between = doc[end : other.start]
        if not (
            1 <= len(between) <= 2
            and all(t.lower_ in JOINERS for t in between)
            and how in ("name", "alias")
            and state.kb.actors[other_id].type == "Country"
            and state.is_free(other.start, other.end)
        ):
            break
        members.append(other_id)
        end = other.end
    return members, end


def text_of(state: DocState, role: Role) -> str:
    return state.span_text(role.start, role.end).lower()


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
