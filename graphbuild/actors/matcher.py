"""Finding the knowledge base's names in a parsed Doc.

A PhraseMatcher would need the pipeline's tokenizer at load time; instead the
names are indexed by their first word and compared against the article text at
each token, which keeps every spelling ("Côte d'Ivoire", "U.S.", "Kim Jong-un")
independent of how the tokenizer splits it. One dict lookup per token: cheap
next to parsing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .kb import AliasEntry, KnowledgeBase
from .names import first_piece


@dataclass
class SurfaceMatch:
    """A run of tokens ``[start, end)`` that spells a knowledge-base name."""

    start: int
    end: int
    surface: str
    entries: list[AliasEntry]

    def first(self, how: tuple[str, ...] | None = None) -> AliasEntry | None:
        for entry in self.entries:
            if how is None or entry.how in how:
                return entry
        return None


@lru_cache(maxsize=65536)
def _key(token_text: str) -> str:
    return first_piece(token_text)


def match_surfaces(doc, kb: KnowledgeBase) -> list[SurfaceMatch]:
    """Leftmost-longest matches of knowledge-base names, case-sensitive, on token boundaries."""
    index = kb.index()
    text = doc.text
    token_after_end = {token.idx + len(token.text): token.i + 1 for token in doc}
    matches: list[SurfaceMatch] = []
    i, n = 0, len(doc)
    while i < n:
        token = doc[i]
        found = None
        for surface, entries in index.get(_key(token.text), ()):
            if text.startswith(surface, token.idx):
                end = token_after_end.get(token.idx + len(surface))
                if end is not None:
                    found = SurfaceMatch(i, end, surface, entries)
                    break
        if found is None:
            i += 1
        else:
            matches.append(found)
            i = found.end
    return matches
