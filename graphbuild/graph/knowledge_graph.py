"""A read view over a build directory's JSONL files.

Relations, mentions and articles are streamed from disk, never all held in
memory; actors (far fewer) are loaded once. Every store and export reads the
graph through this class, so they all see the same data.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

from ..records import is_factual

ARTICLES = "articles.jsonl"
ACTORS = "actors.jsonl"
RELATIONS = "relations.jsonl"
MENTIONS = "mentions.jsonl"


class CorruptBuildFile(ValueError):
    """A build directory file that is not valid JSON Lines (edited by hand, disk trouble)."""


def iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a JSONL file; a broken line raises ``CorruptBuildFile`` naming file and line."""
    if not path.exists():
        return
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorruptBuildFile(f"{path}:{number}: not valid JSON ({exc.msg})") from None


class KnowledgeGraph:
    """The graph held in one build directory (``graphbuild build --out DIR``)."""

    def __init__(self, directory: str | Path, new_article_ids: set[str] | None = None):
        self.directory = Path(directory)
        #: ids of the articles the current build added (empty outside a build)
        self.new_article_ids: set[str] = new_article_ids or set()

    @classmethod
    def load(cls, directory: str | Path) -> KnowledgeGraph:
        """The graph of a finished build; an interrupted commit is completed first."""
        from ..builddir import settle

        directory = Path(directory)
        settle(directory)
        if not (directory / ACTORS).exists():
            raise FileNotFoundError(f"{directory}: not a graphbuild build directory (no {ACTORS})")
        return cls(directory)

    @cached_property
    def actors(self) -> dict[str, dict[str, Any]]:
        return {a["id"]: a for a in iter_jsonl(self.directory / ACTORS)}

    def articles(self, with_text: bool = True) -> Iterator[dict[str, Any]]:
        for article in iter_jsonl(self.directory / ARTICLES):
            if not with_text:
                article.pop("text", None)
            yield article

    def relations(self, factual_only: bool = False) -> Iterator[dict[str, Any]]:
        for rel in iter_jsonl(self.directory / RELATIONS):
            if not factual_only or is_factual(rel):
                yield rel

    def mentions(self) -> Iterator[dict[str, Any]]:
        yield from iter_jsonl(self.directory / MENTIONS)

    def article_ids(self) -> set[str]:
        return {a["id"] for a in iter_jsonl(self.directory / ARTICLES)}

    def relation_counts(self) -> Counter:
        """Relations by family, and factual ones (``SUPPORTS``) apart from the rest."""
        counts: Counter = Counter()
        for rel in self.relations():
            counts[rel["family"]] += 1
        return counts

    def __repr__(self) -> str:
        return f"KnowledgeGraph({str(self.directory)!r}, actors={len(self.actors)})"


def merge_actor(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Combine two records of the same actor: union of aliases, first known value of each field."""
    merged = dict(old)
    for key, value in new.items():
        if key == "aliases":
            merged["aliases"] = list(dict.fromkeys([*(old.get("aliases") or []), *(value or [])]))
        elif merged.get(key) in (None, "", []):
            merged[key] = value
    return merged
