"""Repairs for a subject the parser lost: a finite verb left without one takes the actor right
before it ('after Nancy Pelosi visited'), a fragment the segmenter cut off takes the
previous sentence's subject ('Russia on Friday | vetoed')."""

from __future__ import annotations

from ..syntax import (
    dep,
    is_fragment,
)


class LostSubject:
    """The subject the parser lost, recovered by position."""

    def _left_subject(self, verb) -> list:
        """The actor right before a finite verb that has no subject: the parser lost it."""
        first = min(
            [verb.i]
            + [
                c.i
                for c in verb.children
                if c.i < verb.i and dep(c) in ("aux", "aux:pass", "advmod", "neg", "cop")
            ]
        )
        if first == 0 or first <= verb.sent.start:
            return self._previous_subjects(verb.sent) if is_fragment(verb.sent) else []
        before = verb.doc[first - 1]
        if not self._has_actor(before):
            return []
        node = before
        while (dep(node) in ("flat", "compound", "amod") and node.i < node.head.i < verb.i) or (
            dep(node) == "flat" and node.head.i < node.i
        ):
            node = node.head  # "Nancy Pelosi": the name's head
        if dep(node) in ("nsubj", "nsubj:pass") and node.head.i != verb.i:
            return []  # another verb's subject
        return [node]

    def _previous_subjects(self, sent) -> list:
        """The subject of the sentence a fragment was cut from ('Russia on Friday' +
        'vetoed a draft ...'; '... pressed for inspections' + ', rebuffing a U.S. push')."""
        if sent.start == 0:
            return []
        root = sent.doc[sent.start - 1].sent.root
        if root.pos_ in ("NOUN", "PROPN") and self.index.resolve(root, "proxy"):
            return [root]
        return self._subjects(root, active=True) if root.pos_ in ("VERB", "AUX") else []
