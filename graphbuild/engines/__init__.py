"""Where extraction runs: ``local`` (this machine's processes) or ``dask`` (a Dask cluster).

An engine turns a build's inputs into ``ArticleResult`` records in input order,
skipping articles the build directory (or this run) already has and counting
them on the build report. The builder merges what it yields into the build
directory the same way for every engine, so an engine changes where the work is
done, never what is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from ..ingest import ReadOptions
from ..records import Article, ArticleResult

ENGINES = ("local", "dask")


class EngineUnavailable(RuntimeError):
    """The engine cannot run here (a missing extra, an input it cannot read); says what to do."""


class Engine(Protocol):
    def plan(self, inputs: Iterable[str], options: ReadOptions | None, report: Any) -> Any:
        """What the build will read, found before the build directory is touched; None when
        there is no article to build from (the builder then writes nothing)."""
        ...

    def results(
        self, plan: Any, known: set[str], report: Any, directory: Any
    ) -> Iterator[ArticleResult]:
        """ArticleResults of the new articles, in input order; counts go on ``report``."""
        ...

    def committed(self) -> None:
        """Called once the build directory holds the results: drop any intermediate state."""
        ...


def new_articles(articles: Iterable[Article], known: set[str], report: Any) -> Iterator[Article]:
    """Drop articles the directory (or this run) already has: same normalised text, same id."""
    for article in articles:
        report.articles_read += 1
        if article.id in known:
            report.articles_duplicate += 1
            continue
        known.add(article.id)
        report.articles_new += 1
        yield article


def make_engine(name: str = "local", **settings: Any) -> Engine:
    """The engine called ``name`` with its settings (``workers``, ``model``; for dask also
    ``scheduler``, ``work`` and ``shard_bytes``)."""
    if name == "local":
        from .local import LocalEngine

        return LocalEngine(workers=settings.get("workers"), model=settings.get("model"))
    if name == "dask":
        try:
            from .dask import DaskEngine
        except ImportError as exc:  # fsspec missing: the dask extra is not installed
            raise EngineUnavailable(
                f"the Dask engine needs the dask extra: pip install 'graphbuild[dask]' "
                f"({exc.name} not installed)"
            ) from None
        return DaskEngine(**settings)
    raise ValueError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
