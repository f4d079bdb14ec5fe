"""Per-article extraction: text -> spaCy Doc -> actors -> relations.

Each article is processed on its own, so the work spreads over worker
processes with no shared state; results come back in input order, which makes
``--workers N`` give exactly the output of ``--workers 1``.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from .actors import KnowledgeBase, find_actors
from .ingest.dateline import parser_segments
from .nlp import load_pipeline
from .records import Actor, Article, ArticleResult, Mention, relation_id
from .relations import extract_relations
from .relations.codes import annotate_codes

log = logging.getLogger("graphbuild")

PART_CHARS = 100_000  # longer articles are parsed in parts of about this size
BATCH_ARTICLES = 16  # articles per task sent to a worker


def split_parts(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """Cut a long text into (offset, part) pieces at paragraph, line or sentence ends."""
    limit = limit or PART_CHARS  # read at call time, so tests can lower it
    if len(text) <= limit:
        return [(0, text)]
    parts, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            window = text[start + limit // 2 : end]
            for sep in ("\n\n", "\n", ". ", " "):
                cut = window.rfind(sep)
                if cut != -1:
                    end = start + limit // 2 + cut + len(sep)
                    break
        parts.append((start, text[start:end]))
        start = end
    return parts


class Extractor:
    """Holds the loaded spaCy pipeline and knowledge base for one process."""

    def __init__(self, model: str | None = None, kb: KnowledgeBase | None = None):
        self.nlp = load_pipeline(model)
        self.kb = kb if kb is not None else KnowledgeBase.load_default()

    def process(self, article: Article) -> ArticleResult:
        return next(self.process_many([article]))

    def process_many(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[ArticleResult]:
        """Results for each article, in order, parsing with ``nlp.pipe`` for throughput."""
        articles = list(articles)
        pieces = [
            (part_text, (index, start + offset))
            for index, article in enumerate(articles)
            for start, segment in parser_segments(article.text)  # datelines left out
            for offset, part_text in split_parts(segment)
        ]
        results = [ArticleResult(a, [], [], []) for a in articles]
        actors_seen: list[dict[str, Actor]] = [{} for _ in articles]
        for doc, (index, offset) in self.nlp.pipe(pieces, as_tuples=True, batch_size=batch_size):
            article = articles[index]
            self._add_doc(doc, offset, article, results[index], actors_seen[index])
        for index, result in enumerate(results):
            result.actors = list(actors_seen[index].values())
            parts = len(split_parts(articles[index].text))
            if parts > 1:
                result.warnings.append(
                    f"{articles[index].path}: article is {len(articles[index].text) / 1e6:.1f} M "
                    f"characters; parsed in {parts} parts (coreference does not cross parts)"
                )
            yield result

    def _add_doc(
        self, doc, offset: int, article: Article, result: ArticleResult, actors: dict
    ) -> None:
        found = find_actors(doc, self.kb, article.date, place=article.place)
        for actor_id, actor in found.actors.items():
            actors.setdefault(actor_id, actor)
        for mention in found.mentions:
            result.mentions.append(
                Mention(
                    mention.actor_id,
                    mention.text,
                    mention.start + offset,
                    mention.end + offset,
                    mention.how,
                    sector=mention.sector,
                    context=mention.context,
                )
            )
        for rel in extract_relations(doc, found, article):
            rel["start"] += offset
            rel["end"] += offset
            if rel.get("trigger"):
                rel["trigger"]["start"] += offset
                rel["trigger"]["end"] += offset
            annotate_codes(
                rel
            )  # PLOVER type, mode, context and Goldstein score from the CAMEO code
            rel["id"] = relation_id(rel)
            result.relations.append(rel)


_extractors: dict[str | None, Extractor] = {}


def get_extractor(model: str | None = None) -> Extractor:
    """One Extractor per model per process: loading spaCy and the knowledge base is the slow part."""
    if model not in _extractors:
        _extractors[model] = Extractor(model)
    return _extractors[model]


# --- worker processes -------------------------------------------------------------

_worker: Extractor | None = None


def _init_worker(model: str | None) -> None:
    global _worker
    _worker = get_extractor(model)


def _run_batch(batch: list[Article]) -> list[ArticleResult]:
    assert _worker is not None
    return list(_worker.process_many(batch))


def default_workers() -> int:
    return max(
        1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def extract_articles(
    articles: Iterable[Article], model: str | None = None, workers: int | None = None
) -> Iterator[ArticleResult]:
    """Extract every article, in input order, with ``workers`` processes.

    At most a few batches per worker are in flight, so memory stays bounded
    however many articles stream in.
    """
    workers = workers or default_workers()
    if workers <= 1:
        extractor = get_extractor(model)
        for batch in _batches(articles, BATCH_ARTICLES):
            yield from extractor.process_many(batch)
        return
    get_extractor(
        model
    )  # fail fast in the parent if the model cannot load; forked workers inherit it
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(model,)) as pool:
        pending: deque[Any] = deque()
        for batch in _batches(articles, BATCH_ARTICLES):
            pending.append(pool.apply_async(_run_batch, (batch,)))
            if len(pending) >= workers * 3:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
