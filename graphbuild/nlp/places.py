"""Names inside place names ("the Strait of Hormuz") are not people or organisations.

An NER trained on little data tags the name after "<place word> of" by itself and
often as a PERSON ("Hormuz") or an ORG ("Aden" of "the Gulf of Aden"). Whatever the
NER says, that name is the tail of a place name, so this component relabels such a
PERSON or ORG entity as LOC and, where the place word is in no other entity, takes it
in ("Strait of Hormuz"); a PERSON or ORG that begins with "<place word> of" becomes
LOC too. It runs before the person-name completion, so that such a
name is never extended as a person. A GPE stays as it is: "the Gulf of Mexico" names
a country, and deciding what that means is the actors step's concern. The place words
are the actors' lexicon list ``place_name_words`` (case-sensitive: "Strait", "Gulf").
It works at load time, on every pipeline, so that no actor or relation step sees the
wrong label.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .wordlists import actor_words

_RELABELLED = {"PERSON", "ORG"}


def place_name_words() -> frozenset[str]:
    """Capitalised words that head a place name ("Strait", "Gulf", "Bay", "Sea")."""
    return actor_words("place_name_words")


def place_name_tails(doc: Doc) -> Doc:
    """Relabel a PERSON or ORG right after "<place word> of" as LOC, place word included;
    likewise one that begins with "<place word> of"."""
    words = place_name_words()
    changed = False
    entities = list(doc.ents)
    for index, ent in enumerate(entities):
        start = ent.start
        if ent.label_ not in _RELABELLED:
            continue
        if len(ent) > 2 and ent[0].text in words and ent[1].lower_ == "of":
            entities[index] = Span(doc, start, ent.end, label="LOC")  # "Strait of Malacca"
            changed = True
            continue
        if start < 2 or doc[start - 1].lower_ != "of":
            continue
        place = doc[start - 2]
        if place.text not in words:
            continue
        if place.ent_iob_ in {"O", ""} and doc[start - 1].ent_iob_ in {"O", ""}:
            start -= 2
        entities[index] = Span(doc, start, ent.end, label="LOC")
        changed = True
    if changed:
        doc.ents = entities
    return doc


@Language.component("graphbuild_place_names")
def place_names_component(doc: Doc) -> Doc:
    return place_name_tails(doc)
