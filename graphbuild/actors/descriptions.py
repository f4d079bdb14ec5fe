"""Definite descriptions that stand for an actor named elsewhere in the article.

- "the alliance", "the bloc", "the council", "the group", "the paramilitaries":
  the organisation named most recently (within a few sentences) that such a noun
  can describe: the nouns listed for it in ``organizations.csv`` (NATO: alliance),
  the head word of its name ("Security Council": council) and, for armed groups,
  "group", "militia", "militants"...;
- "the general", "the president", "the foreign minister": the person last
  introduced with that title ("Senior General Min Aung Hlaing"); failing that, for
  an office title, whoever held the office on the article's date in the country the
  article is clearly about;
- "his Russian counterpart": whoever held the possessor's office in that country.

Nothing is linked when the noun goes on ("the group leader", "the bloc IGAD", "the
group of emerging economies"), or after "former", "then", "late"...
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from .roles import NOT_CURRENT, find_title

if TYPE_CHECKING:
    from .state import DocState

ORG_TYPES = ("Organization", "ArmedGroup")
ORG_WINDOW_SENTENCES = 6
TITLE_OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister")
DOMINANT_MIN_MENTIONS = 3
DOMINANT_RATIO = 2.0
COUNTRY_HOWS = ("name", "alias", "metonym", "demonym", "group", "agent", "title", "pronoun")


def definite_description(state: DocState, i: int, sentence: list[int]) -> int | None:
    """Link "the <noun>" at token ``i``; the number of tokens taken, or None."""
    doc = state.doc
    if doc[i].lower_ != "the" or (i > 0 and doc[i - 1].lower_ in NOT_CURRENT):
        return None
    j = i + 1
    if (
        j < len(doc)
        and doc[j].is_lower
        and doc[j].pos_ == "ADJ"
        and doc[j].lower_ not in NOT_CURRENT
    ):
        j += 1
    if j >= len(doc) or not doc[j].is_alpha or not state.is_free(i, j + 1):
        return None
    if doc[j].lower_ in NOT_CURRENT:
        return None
    for size in (2, 1):  # "the world body", "the alliance"
        noun = " ".join(t.lower_ for t in doc[j : j + size])
        if j + size > len(doc) or _continues(state, j + size):
            continue
        org = _organisation(state, noun, i, sentence)
        if org is not None:
            state.add_mention(org, i, j + size, "coref")
            return j + size - i
    end = _title_end(state, j)
    if _continues(state, end):
        return None
    person = _titled_person(state, j, end, i)
    if person is not None:
        state.add_mention(person, i, end, "title")
        return end - i
    return None


def _title_end(state: DocState, j: int) -> int:
    """End of a title phrase starting at ``j`` ("foreign minister"), else ``j + 1``."""
    doc = state.doc
    words = [t.lower_ for t in doc[j : j + 4]]
    for title in state.kb.titles:
        if tuple(words[: len(title.words)]) == title.words:
            return j + len(title.words)
    return j + 1


def _continues(state: DocState, end: int) -> bool:
    """The noun phrase goes on: "the group of ...", "the bloc IGAD", "the group leader"."""
    doc = state.doc
    if end >= len(doc):
        return False
    after = doc[end]
    if after.lower_ == "of" or (after.text in ("-", "\u2010") and doc[end - 1].whitespace_ == ""):
        return True
    if after.pos_ in ("PROPN", "NOUN", "NUM") and after.text not in ("'s", "\u2019s"):
        return True
    return after.text[:1].isupper() and after.is_alpha


def _organisation(state: DocState, noun: str, i: int, sentence: list[int]) -> str | None:
    here = sentence[i]
    for mention in sorted(state.mentions, key=lambda m: -m.token_start):
        if mention.token_end > i or sentence[mention.token_end - 1] < here - ORG_WINDOW_SENTENCES:
            continue
        actor = state.actor(mention.actor_id)
        if actor.type not in ORG_TYPES or mention.how == "place":
            continue
        if noun in reference_nouns(state, actor):
            return actor.id
    return None


def reference_nouns(state: DocState, actor) -> set[str]:
    """The nouns "the ..." can use for an organisation."""
    lex = state.lex
    nouns = set(state.kb.reference_nouns.get(actor.id, ()))
    for name in (actor.name, *actor.aliases):
        words = name.split()
        if len(words) > 1 and words[-1].lower() in lex.org_name_heads:
            nouns.add(words[-1].lower())
    if actor.type == "ArmedGroup":
        nouns |= lex.armed_group_nouns
    return nouns


def _titled_person(state: DocState, j: int, end: int, i: int) -> str | None:
    """The person last introduced with this title, else the office holder of the
    article's dominant country for an office title."""
    doc, lex = state.doc, state.lex
    words = tuple(t.lower_ for t in doc[j:end])
    title = find_title(state, list(words))
    if title is None and not (len(words) == 1 and words[0] in lex.role_nouns):
        return None
    if title is not None and title.words != words:
        return None
    for start, actor_id, chain_words in reversed(state.titles_seen):
        if start < i and _contains(chain_words, words):
            return actor_id
    if title is None or title.office not in TITLE_OFFICES or title.implies or title.only:
        return None
    country = dominant_country(state)
    if country is None or not state.date:
        return None
    return state.kb.holder(country, title.office, state.date)


def _contains(chain: tuple[str, ...], words: tuple[str, ...]) -> bool:
    size = len(words)
    return any(chain[k : k + size] == words for k in range(len(chain) - size + 1))


def dominant_country(state: DocState) -> str | None:
    """The country the article is clearly about: named at least three times and at
    least twice as often as any other country."""
    counts: Counter[str] = Counter()
    for mention in state.mentions:
        if mention.how in COUNTRY_HOWS and state.actor(mention.actor_id).type == "Country":
            counts[mention.actor_id] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < DOMINANT_MIN_MENTIONS:
        return None
    if len(ranked) == 2 and ranked[0][1] < DOMINANT_RATIO * ranked[1][1]:
        return None
    return ranked[0][0]


def counterpart(state: DocState, i: int) -> None:
    """ "his Russian counterpart", "Erdogan's Russian counterpart": whoever held the
    possessor's office in that country on the article's date."""
    doc, kb = state.doc, state.kb
    if doc[i].lower_ != "counterpart" or i < 2 or not state.date:
        return
    country = next(
        (
            m.actor_id
            for m in state.mentions
            if m.token_end == i and state.actor(m.actor_id).type == "Country"
        ),
        None,
    )
    if country is None:
        return
    k = i - 1
    while k >= 0 and state.taken[k] and doc[k].text not in ("'s", "\u2019s"):
        if any(m.token_start == k and m.how == "pronoun" for m in state.mentions):
            break
        k -= 1
    if k < 0:
        return
    if doc[k].text in ("'s", "\u2019s"):
        k -= 1
    possessor = next(
        (
            m.actor_id
            for m in state.mentions
            if m.token_start <= k < m.token_end and state.actor(m.actor_id).type == "Person"
        ),
        None,
    )
    if possessor is None:
        return
    offices = [t.office for t in kb.person_tenures.get(possessor, ()) if t.covers(state.date)]
    for office in offices:
        holder = kb.holder(country, office, state.date)
        if holder is not None and holder != possessor:
            state.add_mention(holder, i, i + 1, "title")
            return
