"""Reading other pipelines' NER labels as graphbuild's (PERSON, ORG, GPE, LOC, NORP, FAC).

The mapping is data (``graphbuild/data/nlp/entity_labels.json``). A pipeline
whose labels are already canonical (the shipped model, OntoNotes-style
``en_core_web_*``) gets no extra component; any other gets
``graphbuild_entity_labels`` after its NER, which relabels ``doc.ents``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

LABELS_FILE = Path(__file__).resolve().parent.parent / "data" / "nlp" / "entity_labels.json"
CANONICAL = ("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC")


@cache
def _table() -> dict:
    return json.loads(LABELS_FILE.read_text(encoding="utf-8"))


def label_mapping(ner_labels: list[str] | tuple[str, ...]) -> dict[str, str]:
    """The relabelling a pipeline with these NER labels needs (empty when none is needed)."""
    table = _table()
    labels = {label.upper(): target for label, target in table["labels"].items()}
    mapping = {label: labels.get(label.upper(), label) for label in ner_labels}
    has_gpe = any(target == "GPE" for target in mapping.values())
    if not has_gpe and table.get("loc_without_gpe"):
        mapping = {
            label: table["loc_without_gpe"] if target == "LOC" else target
            for label, target in mapping.items()
        }
    return {label: target for label, target in mapping.items() if label != target}


class EntityLabelMapper:
    """Relabels entities in place; spans and their order stay the same."""

    def __init__(self, mapping: dict[str, str]):
        self.mapping = dict(mapping)

    def __call__(self, doc: Doc) -> Doc:
        if self.mapping and doc.ents:
            doc.ents = [
                Span(doc, ent.start, ent.end, label=self.mapping.get(ent.label_, ent.label_))
                for ent in doc.ents
            ]
        return doc


@Language.factory("graphbuild_entity_labels", default_config={"mapping": {}})
def make_entity_label_mapper(
    nlp: Language, name: str, mapping: dict[str, str]
) -> EntityLabelMapper:
    return EntityLabelMapper(mapping)


def add_label_mapping(nlp: Language) -> dict[str, str]:
    """Add the relabelling component after the pipeline's NER where needed; return the mapping."""
    ner_names = [name for name in nlp.pipe_names if name == "ner" or name.endswith("ner")]
    if not ner_names or "graphbuild_entity_labels" in nlp.pipe_names:
        return {}
    mapping = label_mapping(tuple(nlp.get_pipe(ner_names[-1]).labels))
    if mapping:
        nlp.add_pipe("graphbuild_entity_labels", after=ner_names[-1], config={"mapping": mapping})
    return mapping
