"""The local engine: read inputs here, extract with a process pool on this machine."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Any

from ..ingest import ReadOptions, read_inputs
from ..pipeline import extract_articles
from ..records import Article, ArticleResult
from . import new_articles


@dataclass
class LocalEngine:
    """``graphbuild build --workers N``: what ``build`` has always done."""

    workers: int | None = None
    model: str | None = None

    def plan(
        self, inputs: Iterable[str], options: ReadOptions | None, report: Any
    ) -> Iterator[Article] | None:
        """The articles, read lazily; None if the inputs hold none at all."""
        read = read_inputs(inputs, report.problems, options)
        first = next(read, None)
        return None if first is None else chain([first], read)

    def results(
        self, plan: Iterator[Article], known: set[str], report: Any, directory: Any = None
    ) -> Iterator[ArticleResult]:
        articles = new_articles(plan, known, report)
        return extract_articles(articles, model=self.model, workers=self.workers)

    def committed(self) -> None:
        pass
