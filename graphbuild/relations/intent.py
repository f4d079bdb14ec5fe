"""Stated intent is an act of its own (CAMEO 03 and 13).

"Germany pledged to send tanks to Ukraine": the sending is future (AIDS, not an edge), but
the pledge happened: Germany expresses intent to cooperate with Ukraine (PLEDGES, 03x,
asserted). "Iran threatened to close the strait to U.S. ships", "China vowed to retaliate
against Japan": the hostile act is future, the threat is asserted (THREATENS, 13x).

The governing words are data (`cues.toml [intent]`); the intent's subject must be the
relation's subject (the one who pledges is the one who will act), and it keeps the
relation's object. The intent record is read for negation and modality at the governing
word ("did not promise to", "said it would offer to"), so it is as factual as that word.
"""

from __future__ import annotations

from .candidate import Candidate
from .modality import read
from .syntax import dep, lemma

# CAMEO 03x by the kind of act intended (03 Express intent to cooperate)
INTENT_CAMEO = {
    "AIDS": "033",
    "PLEDGES": "033",
    "COOPERATES": "031",
    "YIELDS": "035",
    "MEETS": "036",
    "VISITS": "036",
    "HOSTS": "036",
    "NEGOTIATES": "036",
    "CALLS": "036",
    "MEDIATES": "039",
    "ALIGNS": "032",
    "ENDORSES": "032",
    "PRAISES": "032",
    "AGREES": "030",
    "SIGNS_AGREEMENT": "030",
}
# CAMEO 13x by the kind of harm threatened (130 Threaten)
THREAT_CAMEO = {
    "SANCTIONS": "132",
    "REDUCES_RELATIONS": "132",
    "ATTACKS": "138",
    "SEIZES": "137",
    "ARRESTS": "137",
    "EXPELS": "137",
    "RESTRICTS": "132",  # threaten with administrative sanctions (1323 curfew, 1324 emergency)
    "SHOWS_FORCE": "138",  # threaten with military force
}
# CAMEO 12x by the kind of cooperation refused (120 Reject)
REFUSAL_CAMEO = {
    "AIDS": "122",
    "PLEDGES": "122",
    "COOPERATES": "121",
    "YIELDS": "124",
    "MEETS": "125",
    "VISITS": "125",
    "HOSTS": "125",
    "NEGOTIATES": "125",
    "CALLS": "125",
    "MEDIATES": "126",
    "AGREES": "127",
    "SIGNS_AGREEMENT": "127",
}
_CLIMB = frozenset({"xcomp", "ccomp", "conj"})


class Intentions:
    """Mixed into ``DocumentExtractor``: needs ``lex``, ``index`` and ``_record``."""

    def _intent_records(self, cand: Candidate, record: dict, sent) -> list[dict]:
        """The pledge or threat that governs a future or hypothetical relation, or the
        refusal that governs a negated one."""
        if record is None:
            return []
        if record["negated"]:
            return self._refusal(cand, record, sent)
        if record["modality"] not in ("future", "hypothetical"):
            return []
        family = record["family"]
        if family in ("SUPPORTS", "MEETS"):
            governors, kind_name, codes = self.lex.cues.intent_cooperation, "PLEDGES", INTENT_CAMEO
        elif family == "OPPOSES":
            governors, kind_name, codes = self.lex.cues.intent_threat, "THREATENS", THREAT_CAMEO
        else:
            return []
        governor = self._intent_governor(cand, governors)
        if governor is None:
            return []
        return self._governor_act(record, governor, kind_name, codes, sent)

    def _refusal(self, cand: Candidate, record: dict, sent) -> list[dict]:
        """ "Israel refused to release Palestinian prisoners", "declined to meet the envoy":
        refusing a cooperative act toward someone rejects them (CAMEO 12x). Refusing a hostile
        act ("refused to condemn Russia") is no rejection of its target."""
        if record["family"] not in ("SUPPORTS", "MEETS"):
            return []
        governor = self._intent_governor(cand, self.lex.cues.intent_refusal)
        if governor is None:
            return []
        return self._governor_act(record, governor, "REJECTS", REFUSAL_CAMEO, sent)

    def _governor_act(
        self, record: dict, governor, kind_name: str, codes: dict[str, str], sent
    ) -> list[dict]:
        """The act the governing verb itself states (the pledge, threat or refusal), as a
        copy of the embedded relation with that verb as trigger; nothing when the verb is
        negated or not stated as fact. ``codes`` gives the CAMEO code by embedded kind."""
        kind = self.lex.ontology.kind(kind_name)
        reading = read(governor, [], self.lex.cues, sent)
        if reading.negated or reading.modality not in ("asserted", "reported"):
            return []
        act = dict(record)
        act.update(
            kind=kind.name,
            family=kind.family,
            cameo=codes.get(record["kind"], kind.cameo),
            quad_class=kind.quad_class,
            negated=False,
            modality=reading.modality,
            trigger={
                "text": governor.text,
                "start": governor.idx,
                "end": governor.idx + len(governor.text),
            },
        )
        if reading.modality == "asserted":
            act["speaker"] = None
        return [act]

    def _intent_governor(self, cand: Candidate, governors: frozenset[str]):
        """The pledging or threatening verb above the relation's clause, whose subject is
        the relation's subject ('pledged to send', 'threatened to impose', 'vowed to')."""
        node = cand.extra[0] if cand.extra else cand.trigger
        for _ in range(3):
            if dep(node) not in _CLIMB or node.head.i == node.i:
                return None
            head = node.head
            if lemma(head) in governors or head.lower_ in governors:
                agents = {
                    a.actor_id
                    for t in head.children
                    if dep(t) in ("nsubj", "nsubj:pass")
                    for a in self.index.resolve(t, "proxy")
                }
                return head if not agents or cand.subject.actor_id in agents else None
            node = head
        return None
