"""Repair for a passive by-phrase the parser hung inside the clause ('was struck ... by
Russian missiles')."""

from __future__ import annotations

from ..syntax import (
    dep,
)


class StrayAgent:
    """The agent of a passive whose by-phrase is misattached."""

    def _stray_agent(self, verb) -> list:
        """'was struck ... by Russian missiles' with the by-phrase misattached inside the clause:
        a 'by' whose phrase hangs (through nominals only) under the passive verb. 'seized by
        Sri Lankan navy patrols operating near Jaffna' parsed with the patrols as the subject
        of the participle: the phrase may climb through the subject of a participial clause."""
        for token in verb.subtree:
            if token.lower_ != "by" or dep(token) != "case" or token.i < verb.i:
                continue
            nominal = token.head
            while (
                dep(nominal) in ("amod", "compound", "det", "nummod") and nominal.head.i > nominal.i
            ):
                nominal = nominal.head
            node = nominal
            for _ in range(5):
                if node.i == verb.i:
                    return [nominal]
                if dep(node) == "nsubj" and _participial_clause(node.head):
                    node = node.head.head  # past the participle, to what it hangs on
                    continue
                if dep(node) not in ("obl", "nmod", "appos", "conj", "obj", "amod", "compound"):
                    break
                node = node.head
        return []


def _participial_clause(verb) -> bool:
    """A non-finite clause hung on another verb ('operating near Jaffna', 'armed with')."""
    return verb.tag_ in ("VBG", "VBN") and dep(verb) in ("advcl", "acl", "xcomp", "appos")
