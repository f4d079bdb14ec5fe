"""Completing person names the NER cut short, and freeing them of titles.

A statistical NER trained on little data sometimes tags only part of a
multiword name ("Xi" of "Xi Jinping", "Kowalczyk" of "Marta Kowalczyk") while
the parser links the words as one name (UD ``flat`` or ``compound`` between
proper nouns; the first word is the head). This component extends a PERSON
entity over such proper nouns on either side that belong to no other entity,
never across punctuation, never ending in a title word ("Bulgarian President")
nor taking one on the left. It also strips title words the NER
left at the front of a PERSON ("State Antony Blinken" of "Secretary of State
Antony Blinken", "President Putin"): titles are not part of a name, and the
actors step reads them in front of the name. The title words are the actors'
lexicon lists (``role_nouns``, ``title_words``), kept in one data file.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .wordlists import actor_words

_NAME_DEPS = {"flat", "flat:name", "compound", "name"}


def title_words() -> frozenset[str]:
    """Lower-cased words of titles and roles ("president", "secretary", "state", "of")."""
    return actor_words("role_nouns", "title_words")


def _linked(token: Token, span_start: int, span_end: int) -> bool:
    """Is ``token`` joined to the span by a name relation, in either direction, or a
    ``flat`` sibling of its first word ("Mensah" of "Kofi Mensah Asante": both hang on
    "Kofi")?"""
    if span_start <= token.head.i < span_end and token.dep_ in _NAME_DEPS:
        return True
    first = token.doc[span_start]
    if (
        token.dep_.startswith("flat")
        and first.dep_.startswith("flat")
        and token.head.i == first.head.i
        and token.head.i != token.i
    ):
        return True
    return any(
        child.dep_ in _NAME_DEPS and span_start <= child.i < span_end for child in token.children
    )


def _is_proper(token: Token) -> bool:
    return (token.pos_ == "PROPN" or token.tag_ in {"NNP", "NNPS"}) and token.text[:1].isupper()


def _free(token: Token) -> bool:
    """A proper noun in no entity: may join a neighbouring name."""
    return token.ent_iob_ in {"O", ""} and _is_proper(token)


def _without_titles(doc: Doc, start: int, end: int) -> int:
    """New start of a PERSON span once leading title words are dropped; kept whole if
    nothing but titles would remain, or no proper noun follows them."""
    titles = title_words()
    first = start
    while first < end and doc[first].lower_ in titles:
        first += 1
    if first == start or first == end or not _is_proper(doc[first]):
        return start
    return first


def complete_person_names(doc: Doc) -> Doc:
    """Strip leading titles from PERSON entities, then extend them over the proper
    nouns on either side joined to them as one name."""
    if not doc.has_annotation("DEP"):
        return doc
    changed = False
    entities = list(doc.ents)
    for index, ent in enumerate(entities):
        if ent.label_ != "PERSON":
            continue
        start = _without_titles(doc, ent.start, ent.end)
        stripped = start != ent.start  # a stripped title is never taken back
        end = ent.end
        while (
            end < len(doc)
            and doc[end - 1].whitespace_
            and _free(doc[end])
            and _linked(doc[end], start, end)
        ):
            end += 1
        while end > ent.end and doc[end - 1].lower_ in title_words():
            end -= 1  # "Bulgarian President": a title after the name is not taken
        while (
            not stripped
            and start > 0
            and doc[start - 1].whitespace_
            and _free(doc[start - 1])
            and doc[start - 1].lower_ not in title_words()
            and _linked(doc[start - 1], start, end)
        ):
            start -= 1
        if (start, end) != (ent.start, ent.end):
            entities[index] = Span(doc, start, end, label=ent.label)
            changed = True
    if changed:
        doc.ents = entities
    return doc


@Language.component("graphbuild_person_names")
def person_names_component(doc: Doc) -> Doc:
    return complete_person_names(doc)
