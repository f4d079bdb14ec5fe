"""Completing person names the NER cut short.

A statistical NER trained on little data sometimes tags only part of a
multiword name ("Xi" of "Xi Jinping") while the parser links the words as
one name (UD ``flat`` or ``compound`` between proper nouns). This component
extends a PERSON entity rightwards over such proper nouns that belong to no
other entity. It never shortens or relabels an entity, and never crosses
punctuation or a title.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

_NAME_DEPS = {"flat", "flat:name", "compound", "name"}


def _linked(token: Token, span_start: int, span_end: int) -> bool:
    """Is ``token`` joined to the span by a name relation, in either direction?"""
    if span_start <= token.head.i < span_end and token.dep_ in _NAME_DEPS:
        return True
    return any(
        child.dep_ in _NAME_DEPS and span_start <= child.i < span_end for child in token.children
    )


def _is_proper(token: Token) -> bool:
    return (token.pos_ == "PROPN" or token.tag_ in {"NNP", "NNPS"}) and token.text[:1].isupper()


def complete_person_names(doc: Doc) -> Doc:
    """Extend PERSON entities over following proper nouns joined to them as one name."""
    if not doc.has_annotation("DEP"):
        return doc
    changed = False
    entities = list(doc.ents)
    for index, ent in enumerate(entities):
        if ent.label_ != "PERSON":
            continue
        end = ent.end
        while (
            end < len(doc)
            and doc[end].ent_iob_ in {"O", ""}
            and doc[end - 1].whitespace_
            and _is_proper(doc[end])
            and _linked(doc[end], ent.start, end)
        ):
            end += 1
        if end != ent.end:
            entities[index] = Span(doc, ent.start, end, label=ent.label)
            changed = True
    if changed:
        doc.ents = entities
    return doc


@Language.component("graphbuild_person_names")
def person_names_component(doc: Doc) -> Doc:
    return complete_person_names(doc)
