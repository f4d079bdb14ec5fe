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

    def _trailing_conjuncts(self, subject) -> list:
        """'Chile and Peru held talks' parsed with 'Peru' as a modifier of the verb: a name
        opened by 'and' right after the subject, hung on the subject's verb in another
        role, is the subject's second conjunct."""
        doc = subject.doc
        end = subject.right_edge.i
        if end + 2 >= subject.sent.end or doc[end + 1].lower_ not in ("and", "or"):
            return []
        verb = subject.head
        node = doc[end + 2]
        while node.head.i != node.i and node.head.i > node.i and node.head.i < verb.i:
            if dep(node) not in ("flat", "compound", "amod", "det"):
                break
            node = node.head
        if node.head.i != verb.i or dep(node) in ("nsubj", "nsubj:pass", "conj"):
            return []
        if not node.i < verb.i or not self.index.resolve(node, "proxy"):
            return []
        return [node]
