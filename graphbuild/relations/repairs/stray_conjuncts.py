"""Repairs for coordinated subjects the parser split: 'Sudan's army and the RSF failed' (the
first conjunct stranded), 'Biden, Xi agree' (a headline's bare comma)."""

from __future__ import annotations

from ..syntax import (
    conjuncts,
    dep,
    is_headline,
)


class StrayConjuncts:
    """Conjuncts of a subject the parser hung elsewhere."""

    def _stray_conjuncts(self, subject) -> list:
        """'Sudan's army and the Rapid Support Forces failed': an 'and' the parser hung on
        the verb leaves the first conjunct stranded right before it."""
        start = subject.left_edge.i
        doc = subject.doc
        if start < 2 or doc[start - 1].lower_ not in ("and", "or"):
            return []
        cc = doc[start - 1]
        if cc.head.i == subject.i or cc.head.i in (c.i for c in conjuncts(subject)):
            return []
        before = doc[start - 2]
        if before.is_punct or before.i < subject.sent.start:
            return []
        node = before
        while dep(node) in ("flat", "compound", "amod", "nmod:poss") and node.head.i > node.i:
            node = node.head
        found = self.index.resolve(node, "proxy")
        return [node] if found else []

    def _headline_conjuncts(self, subject) -> list:
        """'Biden, Xi agree to ...': a title coordinates names with a bare comma."""
        start = subject.left_edge.i
        sent = subject.sent
        if start - sent.start < 2 or subject.doc[start - 1].text != "," or not is_headline(sent):
            return []
        first = subject.doc[sent.start : start - 1]
        if not all(self._has_actor(t) for t in first):
            return []
        return [first[-1]]
