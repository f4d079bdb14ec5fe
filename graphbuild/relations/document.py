"""One document's relation records: sentences with two possible actors go through the
``SentenceExtractor``; each candidate becomes a record with its negation, modality, speaker,
evidence and confidence (docs/architecture.md, "Relation records")."""

from __future__ import annotations

from .arguments import ActorIndex, ArgActor
from .candidate import Candidate
from .characterisation import Characterisations
from .intent import Intentions
from .lexicon import Lexicon, load_lexicon
from .modality import Reading, read
from .sentence import SentenceExtractor, variants
from .syntax import dep, is_fragment, lemma, negators


def _sentence_has_trigger(sent, trigger_words: frozenset[str]) -> bool:
    """The same test the sentence extractor applies per word (lemma, form, crude stems), so a
    word the lemmatiser missed ("extradited") is not skipped here and found there."""
    return any(not trigger_words.isdisjoint(variants(t)) for t in sent)


class DocumentExtractor(Characterisations, Intentions):
    """Extracts relation records from one parsed Doc."""

    def __init__(self, doc, doc_actors, article, lexicon: Lexicon | None = None):
        self.lex = lexicon or load_lexicon()
        self.doc = doc
        self.article = article
        # words of works' titles ("the film Calling the Shots") are no triggers (actors/works.py)
        self.in_titles = {i for start, end in doc_actors.titles for i in range(start, end)}
        self.index = ActorIndex(
            doc,
            doc_actors,
            self.lex.cues.representatives,
            self.lex.cues.first_person,
            self.lex.cues.trade_flows,
            self.lex.cues.messages,
            self.lex.cues.borders,
            self.lex.cues.speech_verbs,
        )

    def run(self) -> list[dict]:
        records: dict[tuple, dict] = {}
        trigger_words = self.lex.trigger_words
        previous = None
        for sent in self.doc.sents:
            # "Russia on Friday | vetoed a draft ...": a fragment the segmenter cut off is
            # evidence together with the sentence before it
            evidence = sent
            if previous is not None and is_fragment(sent):
                evidence = self.doc[previous.start : sent.end]
            previous = sent
            if self.index.actor_count(evidence) < 2:
                continue
            found = []
            if _sentence_has_trigger(sent, trigger_words):
                for candidate in SentenceExtractor(self.lex, self.index, sent).run():
                    if candidate.trigger.i in self.in_titles:
                        continue
                    record = self._record(candidate, sent)
                    found.append(record)
                    found += self._intent_records(candidate, record, sent)
            found += self._evaluations(sent)
            for record in found:
                if record is None:
                    continue
                if evidence is not sent:
                    record["sentence"] = evidence.text
                    record["start"], record["end"] = evidence.start_char, evidence.end_char
                self._keep(records, record)
        return sorted(
            records.values(),
            key=lambda r: (
                r["start"],
                r["trigger"]["start"],
                r["subject"]["id"],
                r["object"]["id"],
            ),
        )

    @staticmethod
    def _keep(records: dict, record: dict) -> None:
        ends = (record["subject"]["id"], record["object"]["id"])
        if record["family"] == "MEETS":
            ends = tuple(sorted(ends))
        key = (
            record["start"],
            record["family"],
            record["kind"],
            ends,
            record["negated"],
            record["modality"],
        )
        old = records.get(key)
        if old is None or record["confidence"] > old["confidence"]:
            records[key] = record

    # -- records -------------------------------------------------------------------------

    def _record(self, cand: Candidate, sent) -> dict | None:
        subject = self.index.actor(cand.subject.actor_id)
        obj = self.index.actor(cand.object.actor_id)
        if subject is None or obj is None or subject.id == obj.id:
            return None
        entry = cand.entry
        kind = self.lex.ontology.kind(entry.kind)
        cameo, quad = entry.cameo, entry.quad_class
        if entry.person_kind and subject.type == "Person" and obj.type == "Person":
            kind = self.lex.ontology.kind(entry.person_kind)
            cameo, quad = kind.cameo, kind.quad_class
        if kind.family in ("SUPPORTS", "MEETS") and _own_country(subject, obj):
            return None
        reading = read(cand.trigger, cand.extra, self.lex.cues, sent, cand.hosts)
        withdrawn = self._objection_withdrawn(cand.trigger) if kind.family == "OPPOSES" else None
        if withdrawn is not None:
            reading.negated = False
            if withdrawn:
                kind = self.lex.ontology.kind("ENDORSES")
                cameo, quad = kind.cameo, kind.quad_class
        speaker = self._speaker(reading)
        modality = reading.modality
        if speaker is not None and speaker.id == subject.id:
            # the speech act is the relation ("We expect Beijing to ...", said Nikolenko):
            # asserted, and the speaker field stays for statements about others
            speaker = None
            if modality == "reported":
                modality = "asserted"
        confidence = cand.base * self._weight(cand.subject) * self._weight(cand.object)
        return self._make(
            (subject, cand.subject.sector),
            (obj, cand.object.sector),
            kind.name,
            kind.family,
            cameo,
            quad,
            reading.negated,
            modality,
            confidence,
            sent,
            cand.trigger,
            speaker,
        )

    def _objection_withdrawn(self, trigger) -> bool | None:
        """ "Turkey dropped its objection to Finland's membership": the dropping is itself an
        act of support (True); "refused to drop", "did not drop": the objection stands
        (False); None where no objection is dropped."""
        cues = self.lex.cues
        head = trigger.head
        if not (
            lemma(trigger) in cues.withdrawn_objections
            and dep(trigger) == "obj"
            and lemma(head) in cues.withdrawing
        ):
            return None
        withdrawn = not negators(head)
        node = head
        for _ in range(4):  # "refused to drop", "declined to lift"
            if dep(node) not in ("xcomp", "ccomp", "conj") or node.head.i == node.i:
                break
            node = node.head
            if lemma(node) in cues.negating_governors:
                withdrawn = not withdrawn
            if negators(node):
                withdrawn = not withdrawn
        return withdrawn

    def _make(
        self,
        subject: tuple,
        obj: tuple,
        kind,
        family,
        cameo,
        quad,
        negated,
        modality,
        confidence,
        sent,
        trigger,
        speaker,
    ) -> dict:
        (subject, subject_sector), (obj, object_sector) = subject, obj
        return {
            "subject": {**subject.ref(), "sector": subject_sector},
            "object": {**obj.ref(), "sector": object_sector},
            "family": family,
            "kind": kind,
            "cameo": cameo,
            "quad_class": quad,
            "negated": bool(negated),
            "modality": modality,
            "confidence": round(max(0.01, min(0.99, confidence)), 3),
            "article_id": self.article.id,
            "date": self.article.date,
            "sentence": sent.text,
            "start": sent.start_char,
            "end": sent.end_char,
            "trigger": {
                "text": trigger.text,
                "start": trigger.idx,
                "end": trigger.idx + len(trigger.text),
            },
            "speaker": speaker.ref() if speaker is not None else None,
        }

    def _weight(self, arg: ArgActor) -> float:
        cues = self.lex.cues
        return cues.mention_weight.get(arg.how, 0.8) * cues.route_weight.get(arg.route, 0.9)

    def _speaker(self, reading: Reading):
        for token in reading.speaker_tokens:
            for arg in self.index.resolve(token, "proxy"):
                actor = self.index.actor(arg.actor_id)
                if actor is not None and arg.how != "national":  # "a Russian student said"
                    return actor
        return None


def _own_country(a, b) -> bool:
    """A leader and their own country: 'Putin returned to Moscow' is not a visit. An armed
    group and the state it fights in are two sides ('FARC and Colombia agreed')."""
    if "ArmedGroup" in (a.type, b.type):
        return False
    return (a.country_id is not None and a.country_id == b.id) or (
        b.country_id is not None and b.country_id == a.id
    )
