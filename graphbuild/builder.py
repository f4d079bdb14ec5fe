"""The main job: read inputs, extract new articles, merge into a build directory,
and write the derived stores and exports, all in one atomic commit."""

from __future__ import annotations

import importlib
import json
import logging
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .builddir import Transaction, locked
from .engines import Engine, make_engine
from .graph.knowledge_graph import (
    ACTORS,
    ARTICLES,
    MENTIONS,
    RELATIONS,
    KnowledgeGraph,
    iter_jsonl,
    merge_actor,
)
from .ingest import Problems, ReadOptions
from .nlp import model_name
from .records import FAMILIES

log = logging.getLogger("graphbuild")

MANIFEST = "build.json"

#: Outputs derived from the JSONL files on every build: file name -> "module:function".
#: Each function is called as ``write(kg, path, previous)`` where ``previous`` is
#: the output of the last build (or None) and ``kg.new_article_ids`` names what is new.
DERIVED_OUTPUTS: dict[str, str] = {
    # first: the exports after it count events per dyad (graph.events.load_event_index)
    "events.jsonl": "graphbuild.graph.events:write_events",
    "graph.lbug": "graphbuild.stores.embedded:write_store",
    "graph.ttl": "graphbuild.stores.rdf:write_turtle",
    "graph.graphml": "graphbuild.export.graphml:write_graphml",
    "graph.html": "graphbuild.export.html:write_html",
}
OUTPUT_ALIASES = {
    "events": "events.jsonl",
    "store": "graph.lbug",
    "rdf": "graph.ttl",
    "graphml": "graph.graphml",
    "html": "graph.html",
}


class NoArticles(ValueError):
    """The inputs held no article at all; nothing was written, not even the directory."""


@dataclass
class BuildReport:
    """What one build did, for the summary line and for tests."""

    directory: Path
    articles_read: int = 0
    articles_new: int = 0
    articles_duplicate: int = 0
    actors: int = 0
    relations: Counter = field(default_factory=Counter)
    problems: Problems = field(default_factory=Problems)

    @property
    def bad_inputs(self) -> list[str]:
        return self.problems.bad_inputs()

    def summary(self) -> str:
        families = ", ".join(f"{self.relations[f]} {f}" for f in FAMILIES)
        return (
            f"{self.articles_read} articles read: {self.articles_new} new, "
            f"{self.articles_duplicate} already in {self.directory}; "
            f"{len(self.bad_inputs)} inputs with problems. "
            f"Graph: {self.actors} actors, {sum(self.relations.values())} relations ({families})."
        )


def _load_writer(spec: str) -> Callable[..., None]:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def _copy_into(source: Path, handle) -> None:
    if source.exists():
        with open(source, encoding="utf-8") as old:
            shutil.copyfileobj(old, handle)


def _dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n"


def build(
    inputs: Iterable[str],
    out: str | Path,
    *,
    workers: int | None = None,
    model: str | None = None,
    options: ReadOptions | None = None,
    skip_outputs: Iterable[str] = (),
    wait: bool = False,
    progress: Callable[[Iterator], Iterator] | None = None,
    report: BuildReport | None = None,
    engine: Engine | None = None,
) -> KnowledgeGraph:
    """Extract ``inputs`` into the build directory ``out`` and return its graph.

    Articles already in ``out`` are skipped, new ones are added; the JSONL files,
    the embedded store and the exports are replaced together in one commit.
    ``engine`` says where extraction runs (``engines.make_engine``): by default
    ``workers`` processes on this machine.
    """
    engine = engine or make_engine("local", workers=workers, model=model)
    directory = Path(out)
    report = report or BuildReport(directory)
    report.directory = directory
    skipped = {OUTPUT_ALIASES.get(s, s) for s in skip_outputs}
    existed = directory.exists()
    plan = engine.plan(inputs, options, report)  # before the lock, which creates DIR
    if plan is None:
        raise _no_articles(report, directory, existed)
    try:
        return _build_locked(engine, plan, directory, report, skipped, wait, progress, model)
    except NoArticles:
        if not existed:  # the lock made DIR for a build that found nothing to write
            shutil.rmtree(directory, ignore_errors=True)
        raise _no_articles(report, directory, existed) from None


def _no_articles(report: BuildReport, directory: Path, existed: bool) -> NoArticles:
    bad = len(report.problems.bad_inputs())
    kept = "left as it was" if existed else "not created"
    return NoArticles(
        f"no articles to build from ({bad} input{'s' if bad != 1 else ''} with problems); "
        f"{directory} {kept}"
    )


def _build_locked(
    engine, plan, directory, report, skipped, wait, progress, model
) -> KnowledgeGraph:
    """Extract and commit under the build lock. An engine that finds out only while
    extracting that the inputs held no article (the Dask engine plans by file, not by
    article) leaves nothing behind, as the local engine's plan does before the lock."""
    with locked(directory, wait=wait):
        known = KnowledgeGraph(directory).article_ids()
        txn = Transaction(directory)
        try:
            results = engine.results(plan, known, report, directory)
            if progress is not None:
                results = progress(results)
            new_ids = _write_jsonl(directory, txn, results, report)
            if not new_ids and not known and report.articles_read == 0:
                engine.committed()  # nothing to resume: the engine's work files go
                raise NoArticles()
            if not new_ids and _outputs_present(directory, skipped):
                txn.abort()  # nothing new: leave DIR byte for byte as it was
                engine.committed()
                kg = KnowledgeGraph(directory)
                report.actors, report.relations = len(kg.actors), kg.relation_counts()
                return kg
            kg = KnowledgeGraph(txn.staging, new_article_ids=new_ids)
            report.actors = len(kg.actors)
            report.relations = kg.relation_counts()
            for name, spec in DERIVED_OUTPUTS.items():
                if name in skipped:
                    continue
                previous = directory / name
                writer = _load_writer(spec)
                writer(kg, txn.path(name), previous if previous.exists() else None)
            _write_manifest(txn.path(MANIFEST), directory, report, model)
            txn.commit()
            engine.committed()
        except BaseException:
            txn.abort()
            raise
    return KnowledgeGraph(directory)


def _write_jsonl(directory: Path, txn: Transaction, results, report: BuildReport) -> set[str]:
    """Old records first, then the new articles' records; actors merged by id."""
    actors = {a["id"]: a for a in iter_jsonl(directory / ACTORS)}
    new_ids: set[str] = set()
    with (
        open(txn.path(ARTICLES), "w", encoding="utf-8") as articles_out,
        open(txn.path(RELATIONS), "w", encoding="utf-8") as relations_out,
        open(txn.path(MENTIONS), "w", encoding="utf-8") as mentions_out,
    ):
        _copy_into(directory / ARTICLES, articles_out)
        _copy_into(directory / RELATIONS, relations_out)
        _copy_into(directory / MENTIONS, mentions_out)
        for result in results:
            for warning in result.warnings:
                report.problems.add(
                    result.article.path or result.article.id, warning.split(": ", 1)[-1]
                )
            article = result.article
            new_ids.add(article.id)
            articles_out.write(_dump(article.to_dict()))
            for actor in result.actors:
                record = actor.to_dict()
                actors[actor.id] = (
                    merge_actor(actors[actor.id], record) if actor.id in actors else record
                )
            for mention in result.mentions:
                mentions_out.write(_dump(mention.to_dict(article.id)))
            seen: set[str] = set()
            for rel in result.relations:
                if rel["id"] not in seen:
                    seen.add(rel["id"])
                    relations_out.write(_dump(rel))
    with open(txn.path(ACTORS), "w", encoding="utf-8") as actors_out:
        for actor_id in sorted(actors):
            actors_out.write(_dump(actors[actor_id]))
    return new_ids


def _outputs_present(directory: Path, skipped: set[str]) -> bool:
    wanted = [ARTICLES, ACTORS, RELATIONS, MENTIONS, MANIFEST]
    wanted += [name for name in DERIVED_OUTPUTS if name not in skipped]
    return all((directory / name).exists() for name in wanted)


def _write_manifest(path: Path, directory: Path, report: BuildReport, model: str | None) -> None:
    manifest = {
        "graphbuild": __version__,
        "model": model_name(model),
        "counts": {"actors": report.actors, "relations": dict(sorted(report.relations.items()))},
    }
    path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
