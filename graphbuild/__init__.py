"""graphbuild: turn news articles into a knowledge graph of who supports, opposes
and meets whom.

    >>> import graphbuild
    >>> kg = graphbuild.build(["seeds/"], out="kg")          # doctest: +SKIP
    >>> graphbuild.extract("Putin praised Xi's leadership.")  # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .graph import KnowledgeGraph


def build(inputs, out, **kwargs: Any) -> KnowledgeGraph:
    """Build (or extend) the graph in directory ``out`` from files, folders or globs."""
    from .builder import build as _build

    return _build(list(inputs) if not isinstance(inputs, str) else [inputs], out, **kwargs)


def extract(
    text: str, *, date: str | None = None, title: str | None = None, model: str | None = None
) -> list[dict]:
    """Relation records for one article's text, without building a graph."""
    from .pipeline import get_extractor
    from .records import Article

    return get_extractor(model).process(Article.from_text(text, date=date, title=title)).relations


def load(directory) -> KnowledgeGraph:
    """The graph of an existing build directory."""
    from .graph import KnowledgeGraph

    return KnowledgeGraph.load(directory)


__all__ = ["__version__", "build", "extract", "load"]
