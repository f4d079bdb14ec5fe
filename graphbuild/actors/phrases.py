"""Role phrases: the noun run after a nationality and the known role it ends in.

Every actor-coding rule reads the same thing after a nationality, a person or before
"of" + a country: a short run of nouns and adjectives ("foreign ministry", "state-run
television") whose last known phrase from ``sectors.json`` is the role ("troops" MIL,
agent), and the words in front that recode it ("former officials" ELI, national). This
module reads that phrase, so each rule module (``coding``, ``descent``, ``hyphens``,
``leaders``, ``role_of_place``, ``context``) asks the same question the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .state import HYPHENS, DocState

if TYPE_CHECKING:
    from spacy.tokens import Token

CHAIN_POS = ("NOUN", "PROPN", "ADJ")
MAX_CHAIN = 4  # words between the nationality and the end of the role phrase
MAX_LEFT = 3  # determiners, numbers and adjectives in front of the nationality
FINITE_VERB_TAGS = ("VBD", "VBZ", "VBP", "VB", "MD")
JOINERS = ("and", ",")
OVERRIDABLE = frozenset({"GOV", "MIL", "LEG", "COP"})  # heads a modifier may recode
TIME_NOUNS = frozenset({"today", "yesterday", "tonight", "tomorrow", "now"})
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


def chain_end(state: DocState, start: int) -> int:
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
            and not any(known_phrase(state, first, end + 1) for first in range(start, end))
        ):
            break  # "militiamen armed with", "troops loyal to"; not "attorney general"
        if token.tag_ in FINITE_VERB_TAGS and known_phrase(state, end, end + 1) is None:
            break  # "U.S. officials briefed reporters": a verb the tagger called an adjective
        ethnic = token.lower_ in state.kb.roles.ethnic_words or (
            state.ent_of[end] is not None and state.ent_of[end].label_ == "NORP"
        )
        if (
            token.pos_ == "PROPN"
            and not token.is_lower
            and not ethnic  # "Iraqi Kurdish fighters", "Afghan Pashtun elders"
            and token.lower_ not in state.lex.title_words  # "Taiwan's Vice Foreign Minister"
            and known_phrase(state, end, end + 1) is None
        ):
            break  # a name ("Chinese Premier Li"): not part of a role phrase
        end += 1
        words += 1
    while end > start and doc[end - 1].text in HYPHENS:
        end -= 1
    return end


def known_phrase(state: DocState, start: int, end: int) -> str | None:
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
            text = known_phrase(state, first, stop)
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


def apply_modifiers(state: DocState, tokens: Iterable[Token], role: Role) -> Role:
    """Words in front of the head that recode it: "opposition lawmakers" (OPP),
    "military officials" (MIL), "former officials" (ELI, no longer acting)."""
    roles = state.kb.roles
    fixed = text_of(state, role) in roles.unrecoded_heads  # "military rulers" govern
    for word in words_of(tokens):
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


def words_of(tokens: Iterable[Token]) -> list[str]:
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


def left_edge(state: DocState, start: int) -> int:
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


def text_of(state: DocState, role: Role) -> str:
    """The role phrase's own text, lower-case ("foreign ministry")."""
    return state.span_text(role.start, role.end).lower()


def is_plural(token: Token) -> bool:
    """A plural noun or demonym ("Kenyans", "Serbs"), also where the tagger missed it."""
    return token.tag_ in ("NNS", "NNPS") or token.text.endswith("s")
