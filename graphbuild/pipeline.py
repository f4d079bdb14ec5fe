"""Per-article extraction: text -> spaCy Doc -> actors -> relations.

Each article is processed on its own, so the work spreads over worker
processes with no shared state; results come back in input order, which makes
``--workers N`` give exactly the output of ``--workers 1``.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
import signal
import threading
import time
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

#: Longer articles are parsed in parts of about this size. The parser's memory grows
#: with the tokens of a batch (about 4 KB per character), so parts and batches are
#: both bounded in characters: that, not the article's size, sets the peak memory.
PART_CHARS = 50_000
BATCH_CHARS = 100_000  # characters per nlp.pipe batch (a single part may reach PART_CHARS)
BATCH_ARTICLES = 16  # articles per task sent to a worker
PROGRESS_SECONDS = 5.0  # a long article logs a progress line at most this often

#: a sentence end: . ! or ? (and closing quotes or brackets), space, then a capital,
#: digit or opening quote; abbreviations such as "Mr. Putin" can still match, which
#: only costs a cut inside a sentence, never lost text
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


def _last_cut(text: str, lo: int, hi: int) -> int | None:
    """The best place to cut text[lo:hi]: after a paragraph, a line, a sentence, a space."""
    for sep in ("\n\n", "\n"):
        cut = text.rfind(sep, lo, hi)
        if cut != -1:
            return cut + len(sep)
    ends = deque(_SENTENCE_END.finditer(text, lo, hi), maxlen=1)
    if ends:
        return ends[0].end()
    cut = text.rfind(" ", lo, hi)
    return cut + 1 if cut != -1 else None


def split_parts(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """Cut a long text into (offset, part) pieces at paragraph, line or sentence ends.

    Each part is at most ``limit`` characters and at least half of it (but the last);
    the parts cover the text exactly, so offsets into a part plus its offset are
    offsets into the text.
    """
    limit = limit or PART_CHARS  # read at call time, so tests can lower it
    if len(text) <= limit:
        return [(0, text)]
    parts, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            end = _last_cut(text, start + limit // 2, end) or end
        parts.append((start, text[start:end]))
        start = end
    return parts


def _char_batches(
    pieces: Iterable[tuple[str, Any]], size: int, chars: int
) -> Iterator[list[tuple[str, Any]]]:
    """Group (text, context) pieces into batches of at most ``size`` pieces and
    about ``chars`` characters, so one batch never holds a whole long article."""
    batch: list[tuple[str, Any]] = []
    held = 0
    for piece in pieces:
        if batch and (len(batch) >= size or held + len(piece[0]) > chars):
            yield batch
            batch, held = [], 0
        batch.append(piece)
        held += len(piece[0])
    if batch:
        yield batch


class PartsProgress:
    """Progress lines on the log (stderr in the CLI) while a long article is parsed.

    Logged whether or not stderr is a terminal: a line when the article starts, one
    at most every ``PROGRESS_SECONDS``, and one when it is done.
    """

    def __init__(self, where: str, chars: int, parts: int):
        self.where, self.chars, self.parts = where, chars, parts
        self.done = 0
        self.started = self.last = time.monotonic()
        log.info("%s: %.1f M characters, parsing in %d parts", where, chars / 1e6, parts)

    def part_done(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.done == self.parts:
            log.info("%s: %d parts parsed in %.0f s", self.where, self.parts, now - self.started)
        elif now - self.last >= PROGRESS_SECONDS:
            self.last = now
            log.info(
                "%s: part %d of %d parsed (%d%%), %.0f s",
                self.where, self.done, self.parts, 100 * self.done // self.parts, now - self.started,
            )  # fmt: skip


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
        """Results for each article, in order, parsing with ``nlp.pipe`` for throughput.

        Long articles are parsed in parts and batches are bounded in characters, so
        memory stays bounded whatever the size of one article.
        """
        articles = list(articles)
        results = [ArticleResult(a, [], [], []) for a in articles]
        actors_seen: list[dict[str, Actor]] = [{} for _ in articles]
        part_counts: list[int] = []
        progress: dict[int, PartsProgress] = {}
        pieces: list[tuple[str, tuple[int, int]]] = []
        for index, article in enumerate(articles):
            segments = parser_segments(article.text)  # datelines left out
            parts = [
                (start + offset, part_text)
                for start, segment in segments
                for offset, part_text in split_parts(segment)
            ]
            long = len(parts) > len(segments)  # some segment was cut into parts
            part_counts.append(len(parts) if long else 1)
            if long:
                where = article.path or article.id
                progress[index] = PartsProgress(where, len(article.text), len(parts))
            pieces.extend((part_text, (index, offset)) for offset, part_text in parts)
        for batch in _char_batches(pieces, batch_size, BATCH_CHARS):
            for doc, (index, offset) in self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
                article = articles[index]
                self._add_doc(doc, offset, article, results[index], actors_seen[index])
                if index in progress:
                    progress[index].part_done()
        del pieces
        for index, result in enumerate(results):
            result.actors = list(actors_seen[index].values())
            parts = part_counts[index]
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
_extractors_lock = threading.Lock()


def get_extractor(model: str | None = None) -> Extractor:
    """One Extractor per model per process: loading spaCy and the knowledge base is the slow part.

    Thread-safe, so a Dask worker with several threads still loads the pipeline once.
    """
    with _extractors_lock:
        if model not in _extractors:
            _extractors[model] = Extractor(model)
        return _extractors[model]


# --- worker processes -------------------------------------------------------------

_worker: Extractor | None = None


def _init_worker(model: str | None) -> None:
    global _worker
    # A worker inherits the CLI's Python-level SIGTERM handler. A signal that lands just
    # before the worker blocks on the pool's queue lock is then never acted on, and
    # Pool.terminate() at the end of a build waits on that worker for ever. The kernel's
    # default action cannot be missed.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
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
