"""Relation extraction. PLACEHOLDER while the relations work lands: finds nothing."""

from __future__ import annotations


def extract_relations(doc, doc_actors, article) -> list[dict]:
    return []
