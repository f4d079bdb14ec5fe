"""Relation extraction: who SUPPORTS, OPPOSES and MEETS whom, with the CAMEO-aligned kind,
negation, modality, speaker, evidence sentence and a confidence (see docs/relations.md)."""

from __future__ import annotations

from .document import DocumentExtractor
from .lexicon import Lexicon, load_lexicon
from .ontology import Kind, Ontology, OntologyError, load_ontology

__all__ = [
    "Kind",
    "Lexicon",
    "Ontology",
    "OntologyError",
    "extract_relations",
    "load_lexicon",
    "load_ontology",
]


def extract_relations(doc, doc_actors, article) -> list[dict]:
    """Relation records (docs/architecture.md) for one parsed Doc; offsets are relative to ``doc``.

    The pipeline adds each record's ``id`` and shifts offsets for long articles parsed in parts.
    """
    return DocumentExtractor(doc, doc_actors, article).run()
