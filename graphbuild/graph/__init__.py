"""The merged graph: actors, articles, mentions and relations of a build directory."""

from .knowledge_graph import KnowledgeGraph, merge_actor

__all__ = ["KnowledgeGraph", "merge_actor"]
