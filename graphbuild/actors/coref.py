"""Conservative in-article coreference: a wrong link is worse than none.

- "he"/"she" (and his, her, him, himself...) to a compatible person in the same
  sentence or the one before, preferring the subject when several fit;
- "the two", "the two leaders", "both men" to the two people last named ("the two
  countries" to the two countries), one Mention per actor over the same span;
- "its"/"itself" to the nearest country or organisation in the same sentence (a
  singular body such as "the Russian Defence Ministry" counts; places do not).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..records import Mention
    from .finder import Finder

SUBJECT_DEPS = ("nsubj", "nsubjpass", "nsubj:pass")
BODY_TYPES = ("Country", "Organization", "ArmedGroup")
BODY_HOWS = ("name", "alias", "metonym", "pronoun")
REFLEXIVE = ("himself", "herself")
OBJECT_FORMS = ("him", "her")
PAIR_WINDOW_SENTENCES = 3


def _sentence_ids(doc) -> list[int]:
    ids = [0] * len(doc)
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return ids
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            ids[i] = number
    return ids


def resolve_coreference(finder: Finder) -> None:
    doc, lex = finder.doc, finder.lex
    sentence = _sentence_ids(doc)
    i = 0
    while i < len(doc):
        token = doc[i]
        low = token.lower_
        step = 1
        if finder.taken[i]:
            pass
        elif low in ("the", "both"):
            step = _pair(finder, i, sentence) or 1
        elif low in lex.masculine_pronouns:
            _person_pronoun(finder, token, "m", sentence)
        elif low in lex.feminine_pronouns:
            _person_pronoun(finder, token, "f", sentence)
        elif low in lex.body_pronouns:
            _body_pronoun(finder, token, sentence)
        i += step


def _type(finder: Finder, mention: Mention) -> str:
    return finder.actor(mention.actor_id).type


def _head(finder: Finder, mention: Mention):
    return finder.doc[mention.token_end - 1]


def _compatible(finder: Finder, actor_id: str, gender: str) -> bool:
    known = finder.kb.gender.get(actor_id) or finder.gender.get(actor_id)
    return known is None or known == gender


def _person_pronoun(finder: Finder, token, gender: str, sentence: list[int]) -> None:
    here = sentence[token.i]
    candidates = [
        m
        for m in finder.mentions
        if m.token_end <= token.i
        and sentence[m.token_end - 1] >= here - 1
        and m.how != "place"
        and _type(finder, m) == "Person"
        and _compatible(finder, m.actor_id, gender)
    ]
    low = token.lower_
    is_object = low in OBJECT_FORMS and token.dep_ not in ("poss",)
    if low in REFLEXIVE:
        candidates = [
            m
            for m in candidates
            if _head(finder, m).dep_ in SUBJECT_DEPS and _head(finder, m).head == token.head
        ]
    elif is_object:  # "Xi met Putin and praised him": him is not the subject of praised
        candidates = [
            m
            for m in candidates
            if not (_head(finder, m).dep_ in SUBJECT_DEPS and _head(finder, m).head == token.head)
        ]
    same = [m for m in candidates if sentence[m.token_end - 1] == here]
    pool = same or candidates
    actors = {m.actor_id for m in pool}
    if len(actors) == 1:
        chosen = actors.pop()
    else:
        subjects = [m for m in pool if _head(finder, m).dep_ in SUBJECT_DEPS]
        if not subjects:
            return
        chosen = max(subjects, key=lambda m: m.token_start).actor_id
    finder.add_mention(chosen, token.i, token.i + 1, "pronoun")


def _body_pronoun(finder: Finder, token, sentence: list[int]) -> None:
    here = sentence[token.i]
    candidates = [
        m
        for m in finder.mentions
        if m.token_end <= token.i
        and sentence[m.token_end - 1] == here
        and (m.how in BODY_HOWS or (m.how == "group" and _head(finder, m).tag_ in ("NN", "NNP")))
        and _type(finder, m) in BODY_TYPES
    ]
    if not candidates:
        return
    nearest = max(candidates, key=lambda m: m.token_start)
    between = finder.doc[nearest.token_end : token.i]
    if any(t.tag_ == "NN" and t.dep_ in SUBJECT_DEPS for t in between):
        return  # "Russia's plan and its ..."-style readings are too uncertain
    finder.add_mention(nearest.actor_id, token.i, token.i + 1, "pronoun")


def _pair(finder: Finder, i: int, sentence: list[int]) -> int | None:
    """'the two (leaders)' / 'both leaders': one mention per actor of the last two named."""
    doc, lex = finder.doc, finder.lex
    if doc[i].lower_ == "the":
        if i + 1 >= len(doc) or doc[i + 1].lower_ != "two":
            return None
        noun_at = i + 2
    else:
        noun_at = i + 1
    noun = doc[noun_at].lower_ if noun_at < len(doc) else ""
    if noun in lex.pair_nouns:
        kind, end = "Person", noun_at + 1
    elif noun in lex.pair_country_nouns:
        kind, end = "Country", noun_at + 1
    elif doc[i].lower_ == "the" and (
        noun_at >= len(doc) or doc[noun_at].pos_ not in ("NOUN", "PROPN", "NUM", "ADJ")
    ):
        kind, end = "Person", noun_at
    else:
        return None
    if not finder.is_free(i, end):
        return None
    here = sentence[i]
    chosen: list[str] = []
    for mention in sorted(finder.mentions, key=lambda m: -m.token_start):
        if mention.token_end > i or sentence[mention.token_end - 1] < here - PAIR_WINDOW_SENTENCES:
            continue
        if _type(finder, mention) == kind and mention.actor_id not in chosen:
            chosen.append(mention.actor_id)
            if len(chosen) == 2:
                break
    if len(chosen) != 2:
        return None
    for actor in reversed(chosen):
        finder.add_mention(actor, i, end, "coref")
    return end - i
