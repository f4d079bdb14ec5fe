"""The merged graph: actors, articles, mentions and relations of a build directory."""

from .knowledge_graph import CorruptBuildFile, KnowledgeGraph, merge_actor

__all__ = ["CorruptBuildFile", "KnowledgeGraph", "merge_actor"]
