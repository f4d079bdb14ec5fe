"""The Dask engine: extraction on a dask.distributed cluster, one task per shard.

The pattern spaCy's authors recommend for large jobs: the inputs are cut into
shards (``shards.py``); each task loads the pipeline once per worker process
(``pipeline.get_extractor`` caches it), extracts its shard and writes the results
disk to disk, to a result file under the work folder (a local path or any fsspec
URL the workers can reach). The client then reads the result files in shard order
and the builder merges them into the build directory in its one atomic commit, so
the output is byte for byte what a local build of the same inputs writes.

A shard whose result file exists is not extracted again: a build that was killed
resumes where it stopped. A worker that dies mid-shard leaves only a temporary file
behind; the scheduler runs the shard again on another worker.

Needs the ``dask`` extra: ``pip install 'graphbuild[dask]'``.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..ingest import Problems, ReadOptions
from ..records import ArticleResult
from . import EngineUnavailable
from .shards import (
    DEFAULT_SHARD_BYTES,
    Shard,
    ShardWriter,
    expand_inputs,
    filesystem,
    plan_shards,
    read_results,
    read_shard,
    run_key,
    shard_done,
)

log = logging.getLogger("graphbuild")

WORK_NAME = ".shards"  # default work folder, inside the build directory
INSTALL_HINT = "the Dask engine needs the dask extra: pip install 'graphbuild[dask]'"


def require_dask() -> None:
    """Raise ``EngineUnavailable`` (with the install command) unless dask.distributed and fsspec import."""
    missing = []
    for module in ("distributed", "fsspec"):
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise EngineUnavailable(f"{INSTALL_HINT} ({', '.join(missing)} not installed)")


# --- on the workers ---------------------------------------------------------------------


def extract_shard(
    shard: Shard, target: str, model: str | None, options: ReadOptions, known: frozenset[str]
) -> str:
    """Extract one shard into the result file ``target``; a finished shard is left alone."""
    from ..pipeline import BATCH_ARTICLES, get_extractor

    if shard_done(target):
        return target
    extractor = get_extractor(model)  # once per worker process
    problems = Problems(echo=False)  # reported by the client, in shard order
    writer = ShardWriter(target)
    try:
        batch: list[Any] = []
        for article in read_shard(shard, problems, options):
            batch.append(article)
            if len(batch) >= BATCH_ARTICLES:
                _write_batch(extractor, batch, known, writer)
                batch = []
        _write_batch(extractor, batch, known, writer)
        writer.commit(problems)
    except BaseException:
        writer.abort()
        raise
    return target


def _write_batch(extractor, batch: list[Any], known: frozenset[str], writer: ShardWriter) -> None:
    results = iter(extractor.process_many([a for a in batch if a.id not in known]))
    for article in batch:
        if article.id in known:
            writer.known(article.id)
        else:
            writer.result(next(results))


# --- on the client ----------------------------------------------------------------------


class DaskEngine:
    """``graphbuild build --engine dask [--scheduler tcp://HOST:PORT]``."""

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int | None = None,
        model: str | None = None,
        work: str | None = None,
        shard_bytes: int | None = None,
    ):
        require_dask()
        self.scheduler = scheduler
        self.workers = workers
        self.model = model
        self.work = work
        self.shard_bytes = shard_bytes or DEFAULT_SHARD_BYTES
        self._targets: list[str] = []
        self._work_dir: str | None = None
        self.options = ReadOptions()

    def _connect(self):
        """A client of ``scheduler``, or of a LocalCluster of ``workers`` processes here."""
        from distributed import Client, LocalCluster

        from ..pipeline import default_workers

        if self.scheduler:
            return Client(self.scheduler), None
        cluster = LocalCluster(
            n_workers=self.workers or default_workers(),
            threads_per_worker=1,  # spaCy is CPU-bound: one process per core
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        return Client(cluster), cluster

    def plan(
        self, inputs: Iterable[str], options: ReadOptions | None, report: Any
    ) -> list[Shard] | None:
        """The shards of the inputs (listed and, for large JSONL, scanned here); None if
        there are no input files."""
        self.options = options or ReadOptions()
        sources = expand_inputs(inputs, report.problems)
        if report.problems.fatal:
            raise EngineUnavailable("; ".join(str(p) for p in report.problems.items if p.fatal))
        return plan_shards(sources, self.shard_bytes) or None

    def results(
        self, plan: list[Shard], known: set[str], report: Any, directory: Any = None
    ) -> Iterator[ArticleResult]:
        shards, options = plan, self.options
        work = self.work or str(Path(directory) / WORK_NAME)
        key = run_key(self.model, options, known)
        targets = [f"{work.rstrip('/')}/{shard.key(key)}.jsonl" for shard in shards]
        self._targets, self._work_dir = targets, work
        pending = [i for i, target in enumerate(targets) if not shard_done(target)]
        log.info(
            "dask: %d shards (%d done before, %d to extract); results in %s",
            len(shards), len(shards) - len(pending), len(pending), work,
        )  # fmt: skip
        futures: dict[int, Any] = {}
        client = cluster = None
        try:
            if pending:
                client, cluster = self._connect()
                # one object on every worker (a bare set would be scattered item by item)
                [frozen] = client.scatter([frozenset(known)], broadcast=True)
                for i in pending:
                    futures[i] = client.submit(
                        extract_shard, shards[i], targets[i], self.model, options, frozen,
                        key=f"graphbuild-shard-{i}-{Path(targets[i]).stem}", pure=False,
                    )  # fmt: skip
            yield from self._merge(shards, targets, futures, known, report)
        finally:
            if client is not None:
                client.close()
            if cluster is not None:
                cluster.close()

    def _merge(self, shards, targets, futures, known: set[str], report) -> Iterator[ArticleResult]:
        """The shards' records in shard order, new articles only (as a local build counts them)."""
        for i, target in enumerate(targets):
            if i in futures:
                futures.pop(i).result()  # waits; a task's error is raised here
            log.debug("dask: merging shard %d of %d (%s)", i + 1, len(targets), shards[i].label())
            for record in read_results(target, report.problems):
                report.articles_read += 1
                article_id = record if isinstance(record, str) else record.article.id
                if isinstance(record, str) or article_id in known:
                    report.articles_duplicate += 1
                    continue
                known.add(article_id)
                report.articles_new += 1
                yield record

    def committed(self) -> None:
        """The build directory has the results: remove this build's result files (and any
        temporary files killed workers left beside them)."""
        if not self._work_dir:
            return
        fs, path = filesystem(self._work_dir)
        names = {t.rsplit("/", 1)[1] for t in self._targets}
        try:
            if not fs.exists(path):
                return
            for item in fs.ls(path, detail=False):
                name = item.rsplit("/", 1)[-1]
                base = name.split(".jsonl", 1)[0] + ".jsonl"
                if base in names:
                    fs.rm(item)
            if not fs.ls(path, detail=False):
                fs.rmdir(path)
        except OSError as exc:
            log.warning("dask: could not clean up %s (%s)", self._work_dir, exc)
