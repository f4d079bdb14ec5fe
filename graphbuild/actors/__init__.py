"""Geopolitical actors: the knowledge base, mention detection, linking and coreference.

kb = KnowledgeBase.load_default()
found = find_actors(doc, kb, "2023-03-20")
found.actors      # {id: Actor}
found.mentions    # [Mention], article character offsets and Doc token offsets
found.at_token(doc[5])
"""

from __future__ import annotations

from .finder import DocActors, find_actors
from .kb import KnowledgeBase, KnowledgeBaseError
from .names import slug

__all__ = ["DocActors", "KnowledgeBase", "KnowledgeBaseError", "find_actors", "slug"]
