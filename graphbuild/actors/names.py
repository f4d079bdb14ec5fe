"""Spelling helpers shared by the knowledge base and the matcher.

Names reach us with and without accents ("Erdoğan", "Erdogan") and with
straight or curly apostrophes, so every comparison goes through ``fold``.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})
_FIRST_PIECE = re.compile(r"\w+|[^\w\s]", re.UNICODE)

TYPE_PREFIXES = {
    "Person": "person",
    "Country": "country",
    "Organization": "organization",
    "ArmedGroup": "armedgroup",
    "Group": "group",
}


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i")


def fold(text: str) -> str:
    """Case-, accent-, apostrophe- and space-insensitive form of a name, for lookups."""
    text = strip_accents(text.translate(_APOSTROPHES).translate(_DASHES))
    return re.sub(r"\s+", " ", text).strip().casefold()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def actor_id(name: str, type_: str, wikidata: str | None = None) -> str:
    """The Wikidata id when known, else a slug with a type prefix (``person:oleg-nikolenko``)."""
    if wikidata:
        return wikidata
    return f"{TYPE_PREFIXES.get(type_, 'actor')}:{slug(name)}"


def first_piece(text: str) -> str:
    """The leading word (or punctuation mark) of a text, folded: the key the matcher indexes on."""
    match = _FIRST_PIECE.search(fold(text))
    return match.group(0) if match else ""


def spelling_variants(surface: str) -> set[str]:
    """A name as written plus its accent-free and curly-apostrophe forms, all matched alike."""
    variants = {surface, strip_accents(surface)}
    for variant in list(variants):
        if "'" in variant:
            variants.add(variant.replace("'", "\u2019"))
        if "-" in variant:
            variants.add(variant.replace("-", " "))
    return {v for v in variants if v.strip()}
