"""The adjective route: 'X is critical of Y' (subject of the copula, prepositional object)."""

from __future__ import annotations

from ..lexicon import Entry


class AdjectiveRoute:
    """Predicate adjectives."""

    def _adjective(self, entry: Entry, adj) -> None:
        tokens = self._subjects(adj)
        if not tokens:
            tokens = self._inherited_subjects(adj)
        agents = self._resolve_agents(tokens, adj)
        objects, pairs = self._objects(entry, adj, verb_slots=False)
        self._emit(
            entry, adj, agents, objects, pairs, self.cues.confidence.get("adjective", 0.85), []
        )
