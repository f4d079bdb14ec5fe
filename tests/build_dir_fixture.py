"""Writing hand-made build directories for tests that need no model or extractor.

The store, export and RDF tests each hold their own small graph (shaped for
what they test); this module is what they share: the record layout of
docs/architecture.md and the JSONL writing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from graphbuild.records import relation_id
from graphbuild.relations.codes import annotate_codes


def actor_ref(actor: dict) -> dict:
    """The ``{id, name, type}`` form a relation uses for its subject and object."""
    return {"id": actor["id"], "name": actor["name"], "type": actor["type"]}


def relation_record(
    subject: dict,
    family: str,
    kind: str,
    obj: dict,
    *,
    article: str,
    date: str | None,
    sentence: str,
    id: str | None = None,
    negated: bool = False,
    modality: str = "asserted",
    confidence: float = 0.9,
    cameo: str | None = None,
    quad_class: str | None = None,
    start: int = 0,
    trigger: dict | None = None,
    speaker: dict | None = None,
) -> dict:
    """One line of relations.jsonl, with the codes of its ``cameo`` as the pipeline adds
    them; ``id`` defaults to the pipeline's stable hash."""
    record = {
        "subject": subject,
        "object": obj,
        "family": family,
        "kind": kind,
        "cameo": cameo,
        "quad_class": quad_class,
        "negated": negated,
        "modality": modality,
        "confidence": confidence,
        "article_id": article,
        "date": date,
        "sentence": sentence,
        "start": start,
        "end": start + len(sentence),
        "trigger": trigger,
        "speaker": speaker,
    }
    annotate_codes(record)
    return {"id": id or relation_id(record), **record}


def write_jsonl(path: Path, records: Iterable[dict]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record) + "\n")  # ASCII escapes: lone surrogates survive


def write_build_dir(
    directory: Path,
    *,
    actors: Iterable[dict],
    articles: Iterable[dict],
    relations: Iterable[dict],
    mentions: Iterable[dict] = (),
) -> Path:
    """The four JSONL files of a build directory (no derived outputs)."""
    directory.mkdir(parents=True, exist_ok=True)
    write_jsonl(directory / "actors.jsonl", actors)
    write_jsonl(directory / "articles.jsonl", articles)
    write_jsonl(directory / "relations.jsonl", relations)
    write_jsonl(directory / "mentions.jsonl", mentions)
    return directory
