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
from .modality import Reading, read
from .syntax import dep, lemma, subjects

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
# getting ready to use force shows it (CAMEO 15x): "prepared to resume shelling"
FORCE_KINDS = frozenset({"ATTACKS", "SHOWS_FORCE", "SEIZES"})
PREPARATION_CAMEO = {"ATTACKS": "150", "SHOWS_FORCE": "150", "SEIZES": "150"}
_CLIMB = frozenset({"xcomp", "ccomp", "conj"})


def _infinitive_adjunct(node) -> bool:
    """ "threatened on Friday to impose tariffs": a to-infinitive with no subject of its own,
    hung on the verb as an adjunct by the parser, is still that verb's complement."""
    return (
        dep(node) == "advcl"
        and any(dep(m) == "mark" and m.lower_ == "to" for m in node.children)
        and not subjects(node)
    )


def _speech_above(chain: list, speech_verbs: frozenset[str]):
    """ "Japan said on Monday it would give ...", "announced on Monday that he will": the
    clause the parser hung on the speech verb as an adjunct, a parenthetical or a relative
    clause is still what it says."""
    if not chain:
        return None
    top = chain[-1]
    if (
        dep(top) in ("advcl", "parataxis", "ccomp", "acl", "acl:relcl")
        and lemma(top.head) in speech_verbs
    ):
        return top.head
    return None


def _same_side(speaker, subject) -> bool:
    """The speaker is the actor, one of its people, or its state."""
    return (
        speaker.id == subject.id
        or (speaker.country_id is not None and speaker.country_id == subject.id)
        or (subject.country_id is not None and subject.country_id == speaker.id)
    )


def _conditioned(chain: list, conditions: frozenset[str]) -> bool:
    """Whether a clause on the act's chain sets its terms: "... unless the crossings reopen"."""
    return any(
        dep(child) == "advcl"
        and any(dep(m) == "mark" and m.lower_ in conditions for m in child.children)
        for token in chain
        for child in token.children
    )


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
        if record["kind"] in ("PLEDGES", "THREATENS"):
            self._commitment_stated(cand, record, sent)
            return []
        if family in ("SUPPORTS", "MEETS"):
            governors, kind_name, codes = self.lex.cues.intent_cooperation, "PLEDGES", INTENT_CAMEO
        elif family == "OPPOSES":
            governors, kind_name, codes = self.lex.cues.intent_threat, "THREATENS", THREAT_CAMEO
        else:
            return []
        governor = self._intent_governor(cand, governors)
        if governor is not None:
            return self._governor_act(record, governor, kind_name, codes, sent)
        if family == "OPPOSES" and record["kind"] in FORCE_KINDS:
            governor = self._intent_governor(cand, self.lex.cues.intent_preparation)
            if governor is not None:
                return self._governor_act(record, governor, "SHOWS_FORCE", PREPARATION_CAMEO, sent)
        if record["kind"] not in codes or family == "MEETS":
            return []  # a planned visit or meeting is a schedule, not a commitment to the other
        return self._stated_intent(cand, record, kind_name, codes, sent)

    def _commitment_stated(self, cand: Candidate, record: dict, sent) -> None:
        """ "Iran vowed retaliation against Israel", "pledged a loan to Kenya": the commitment
        noun's own verb is the act, not a governor that defers it; the record is read at
        that verb."""
        cues = self.lex.cues
        carrier = cand.extra[0] if cand.extra else None
        if carrier is None or not (
            lemma(carrier) in cues.intent_threat or lemma(carrier) in cues.intent_cooperation
        ):
            return
        reading = read(carrier, [], cues, sent)
        if not reading.negated and reading.modality in ("asserted", "reported"):
            record["modality"] = "reported" if record.get("speaker") else "asserted"

    def _stated_intent(
        self, cand: Candidate, record: dict, kind_name: str, codes: dict[str, str], sent
    ) -> list[dict]:
        """ "Japan will give the Philippines ten patrol boats", "said it would boycott all
        talks with Algeria": a future act announced with no pledging or threatening word is
        the intent stated now (CAMEO 03 / 13). Only a plan: "will"/"shall", "would" under a
        speech verb, a governor of plans, or a modal with a condition ("unless ...") on the
        act's clause; never a forecast ("analysts believe ... will"), a condition the act
        sits in ("if X attacked Y"), an obligation ("must") or a question."""
        cues = self.lex.cues
        reading = read(cand.trigger, cand.extra, cues, sent, cand.hosts)
        if reading.negated:
            return []
        speech = reading.speech or _speech_above(reading.chain, cues.speech_verbs)
        if speech is None or lemma(speech) in cues.intent_forecast:
            return []
        # the actor's own announcement: said by the actor, its people or its state ("Japan
        # said it would", "..., the Kenyan trade minister said"), not by others about it
        speaker = self._speaker(reading) if reading.speaker_tokens else None
        if speaker is None:
            speaker = self._speaker(Reading(speaker_tokens=subjects(speech)))
        subject = self.index.actor(cand.subject.actor_id)
        if speaker is None or subject is None or not _same_side(speaker, subject):
            return []
        conditional = _conditioned(reading.chain, cues.intent_conditions)
        stated = False
        for cue in reading.cues:
            label, _, word = cue.partition(":")
            word = word.lower()
            if label in ("said", "source", "neg"):
                continue
            if label == "aux" and word in cues.future_aux:
                stated = True
            elif label == "aux" and word == "would" and (speech is not None or conditional):
                stated = True
            elif label == "aux" and word in ("could", "may", "might") and conditional:
                stated = True
            elif label == "headline":
                stated = True
            elif label != "gov":
                return []  # should/must/can, a condition mark, a question, a report, "planned"
        for token in reading.chain[1:]:
            word = lemma(token)
            if word in cues.intent_plans:
                stated = True
            elif word in cues.hypothetical_governors or word in cues.future_governors:
                return []  # "expected to", "wants to", "is likely to": not the actor's plan
        if not stated:
            return []
        modality = "reported" if record.get("speaker") else "asserted"
        return [self._recoded(record, kind_name, codes, modality)]

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
        reading = read(governor, [], self.lex.cues, sent)
        if reading.negated or reading.modality not in ("asserted", "reported"):
            return []
        act = self._recoded(record, kind_name, codes, reading.modality)
        act["trigger"] = {
            "text": governor.text,
            "start": governor.idx,
            "end": governor.idx + len(governor.text),
        }
        if reading.modality == "asserted":
            act["speaker"] = None
        return [act]

    def _recoded(self, record: dict, kind_name: str, codes: dict[str, str], modality: str) -> dict:
        """A copy of the embedded relation as the act stated about it (pledge, threat,
        refusal): ``codes`` gives the CAMEO code by the embedded relation's kind."""
        kind = self.lex.ontology.kind(kind_name)
        act = dict(record)
        act.update(
            kind=kind.name,
            family=kind.family,
            cameo=codes.get(record["kind"], kind.cameo),
            quad_class=kind.quad_class,
            negated=False,
            modality=modality,
        )
        return act

    def _intent_governor(self, cand: Candidate, governors: frozenset[str]):
        """The pledging or threatening verb above the relation's clause, whose subject is
        the relation's subject ('pledged to send', 'threatened to impose', 'vowed to')."""
        node = cand.extra[0] if cand.extra else cand.trigger
        for _ in range(3):
            if not (dep(node) in _CLIMB or _infinitive_adjunct(node)) or node.head.i == node.i:
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
